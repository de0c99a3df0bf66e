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
  mustChangePassword: Type.Boolean({
    description:
      'the password was generated for this account: every staff route but the account ones answers 403 password_change_required until POST /api/auth/password',
  }),
});
export type Me = Static<typeof Me>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({
    minLength: 1,
    maxLength: 200,
    description:
      'at least 10 characters, not one character repeated, not digits only, not containing the username, not one of the commonest passwords, not the current one',
  }),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** 429 locked_out: failed sign-ins for this username; also sent as the Retry-After header */
export const LockedOutBody = Type.Object(
  {
    error: Type.Union([Type.Literal('locked_out'), Type.Literal('rate_limited')], {
      description: 'locked_out: this username failed too often; rate_limited: too many sign-ins from this address',
    }),
    message: Type.String(),
    retryAfterSeconds: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: true },
);
export type LockedOutBody = Static<typeof LockedOutBody>;
