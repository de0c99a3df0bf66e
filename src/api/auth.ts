import { type Static, Type } from 'typebox';

export const Role = Type.Enum(['mall_admin', 'agency_admin', 'officer', 'viewer']);

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  mallSlug: Type.String(),
  agencyId: Type.Union([Type.String(), Type.Null()]),
});
export type Me = Static<typeof Me>;
