import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ChangePasswordBody, LockedOutBody, LoginBody, Me } from '../../../api/auth.js';
import { ErrorBody } from '../../../api/common.js';
import { AppError } from '../../errors.js';
import { requireAccount, SESSION_COOKIE } from '../../plugins/auth.js';
import type { AuthService } from './service.js';

/** Runs an account action; a lockout also answers with the Retry-After header. */
async function withRetryAfter<T>(reply: FastifyReply, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError && error.code === 'locked_out') {
      reply.header('retry-after', String(error.params.retryAfterSeconds));
    }
    throw error;
  }
}

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets a new session cookie and ends the one the request came with',
        description:
          'After 5 failed sign-ins in a row for a username (existing or not), further attempts are refused with 429 locked_out for 1 minute, doubling with each further failure up to 1 hour; a success resets the count. mustChangePassword: true means the password was generated and must be changed (POST /api/auth/password) before any other staff route answers.',
        body: LoginBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 429: LockedOutBody },
      },
    },
    async (request, reply) => {
      const { token, me, expiresAt } = await withRetryAfter(reply, () =>
        auth.login(request.body.username, request.body.password, request.cookies[SESSION_COOKIE], (action) => {
          request.auditSignIn = { action, username: request.body.username };
        }),
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: new Date(expiresAt),
      });
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out; ends this session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      await auth.logout(request.account);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere; ends every session of this account, this one included',
        response: { 204: Type.Null(), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      await auth.logoutAll(requireAccount(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: Me, 401: ErrorBody } } },
    (request) => auth.me(requireAccount(request)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: "Change the signed-in account's password; ends its other sessions",
        description:
          '400 current_password_wrong (field currentPassword; counts towards the lockout like a failed sign-in), 400 weak_password (field newPassword, rule: too_short, one_character, digits_only, contains_username, common or unchanged), 429 locked_out.',
        body: ChangePasswordBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 429: LockedOutBody },
      },
    },
    (request, reply) =>
      withRetryAfter(reply, () =>
        auth.changePassword(requireAccount(request), request.body.currentPassword, request.body.newPassword),
      ),
  );
};
