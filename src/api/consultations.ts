/** Consultation before coming: a question about a service, the agency's answer, the service's FAQ. */
import { type Static, Type } from 'typebox';
import { Id } from './common.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const NewQuestion = Type.Object({
  question: Type.String({ minLength: 10, maxLength: 2000 }),
  name: Type.Optional(Type.String({ maxLength: 120 })),
  /** to be told when it is answered */
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});

export const QuestionCreated = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'GET /api/questions/:token follows it' }),
  status: Type.Enum(['open', 'answered']),
});

export const QuestionPublic = Type.Object({
  mallName: Type.String(),
  timeZone: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  agencyName: Type.String(),
  question: Type.String(),
  status: Type.Enum(['open', 'answered']),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.Integer()),
  askedAt: Type.Integer(),
});
export type QuestionPublic = Static<typeof QuestionPublic>;

export const Question = Type.Object({
  id: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  agencyId: Type.String(),
  agencyShortName: Type.String(),
  question: Type.String(),
  name: Nullable(Type.String()),
  contact: Type.Boolean({ description: 'a phone or e-mail was left: the answer is sent there' }),
  status: Type.Enum(['open', 'answered']),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Type.Integer()),
  published: Type.Boolean(),
  askedAt: Type.Integer(),
});
export type Question = Static<typeof Question>;

export const QuestionAnswer = Type.Object({
  answer: Type.String({ minLength: 2, maxLength: 4000 }),
  /** stands in the service's FAQ */
  publish: Type.Optional(Type.Boolean()),
});
export const QuestionPublish = Type.Object({ published: Type.Boolean() });

export const QuestionParams = Type.Object({ mall: Type.String(), id: Id });
export const QuestionTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
export const ServiceQuestionParams = Type.Object({ mall: Type.String(), serviceId: Id });
export const QuestionListQuery = Type.Object({
  state: Type.Optional(Type.Enum(['open', 'answered', 'all'])),
  serviceId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const FaqEntry = Type.Object({
  question: Type.String(),
  answer: Type.String(),
  answeredAt: Type.Integer(),
});
export type FaqEntry = Static<typeof FaqEntry>;
