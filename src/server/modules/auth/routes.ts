import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LoginBody, Me } from '../../../api/auth.js';
import { ErrorBody } from '../../../api/common.js';
import { requireStaff, SESSION_COOKIE } from '../../plugins/auth.js';
import type { AuthService } from './service.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: LoginBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, me, expiresAt } = await auth.login(request.body.username, request.body.password);
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
    { schema: { tags: ['auth'], summary: 'Sign out; ends the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      await auth.logout(request.staff);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: Me, 401: ErrorBody } } },
    (request) => auth.me(requireStaff(request)),
  );
};
