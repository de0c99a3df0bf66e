import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '../../../api/audit.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { requireStaff } from '../../plugins/auth.js';
import type { AuditService } from './service.js';

/** The audit trail is read here and nowhere written or changed through HTTP: GET only. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/malls/:mall/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          "Search the audit trail, newest first: every staff action and sign-in attempt with who, what, when and from where (mall admin: the mall's; agency admin: the actions of their agency's staff)",
        description:
          'Entries cannot be changed or deleted through the app. Page with limit (1–200, default 50) and before=<next of the previous page>. 403 for officers and viewers.',
        params: MallParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => audit.search(request.mall, requireStaff(request), request.query),
  );
};
