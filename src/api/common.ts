import { type Static, Type } from 'typebox';

/** Every error answer: a stable code, a message in the caller's language, and details. */
export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'stable code, e.g. validation, ticket_not_found, invalid_transition' }),
    message: Type.String({ description: 'in Indonesian, or English with Accept-Language: en or ?lang=en' }),
    field: Type.Optional(Type.String({ description: 'with validation: the field that was wrong' })),
    currentStatus: Type.Optional(Type.String({ description: 'with invalid_transition: the ticket status now' })),
    requestId: Type.Optional(
      Type.String({ description: 'with a 500: the request id (also in X-Request-Id), to find its log lines' }),
    ),
  },
  { additionalProperties: true },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const MallParams = Type.Object({ mall: Type.String({ description: "the mall's slug, e.g. blora" }) });
export type MallParams = Static<typeof MallParams>;

/** Optional ?lang= on any route: the language of error messages. */
export const LangQuery = Type.Object({ lang: Type.Optional(Type.Enum(['id', 'en'])) });

export const Id = Type.String({ minLength: 1, maxLength: 64 });
