/**
 * How strong a new staff password must be. Pure: the server applies it whenever a password is
 * set or changed (the CLI, the change form); signing in never applies it, so an older or demo
 * password keeps working until it is changed. Length and a short list of the commonest choices
 * matter more than forced symbols (NIST SP 800-63B), so a long passphrase of plain words passes.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** The first rule a password breaks; errors.ts words each one in Indonesian and English. */
export type PasswordRule =
  | 'too_short'
  | 'too_long'
  | 'one_character'
  | 'digits_only'
  | 'contains_username'
  | 'common'
  | 'unchanged';

/**
 * The commonest passwords of at least PASSWORD_MIN_LENGTH characters (shorter ones fail on length
 * anyway), from the public breach lists, with the Indonesian favourites. Compared without case.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password123',
  'password1234',
  'password12345',
  'passw0rd123',
  'password!!',
  'password1!',
  'qwertyuiop',
  'qwertyuiop1',
  'qwertyuiop123',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'asdfghjkl1',
  'asdfghjkl123',
  'zxcvbnm123',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'q1w2e3r4t5',
  'abcdefghij',
  'abcdefghijk',
  'abcd123456',
  'abc1234567',
  'abc12345678',
  'a1b2c3d4e5',
  'iloveyou123',
  'iloveyou12',
  'welcome123',
  'letmein123',
  'admin12345',
  'admin123456',
  'administrator',
  'administrator1',
  'superman123',
  'football123',
  'princess123',
  'sunshine123',
  'monkey12345',
  'dragon12345',
  'baseball123',
  'trustno1234',
  'changeme123',
  'rahasia123',
  'rahasia1234',
  'rahasia12345',
  'rahasiaku1',
  'rahasiaku123',
  'katasandi1',
  'katasandi12',
  'katasandi123',
  'katasandiku',
  'passwordku',
  'passwordku1',
  'passwordku123',
  'bismillah1',
  'bismillah12',
  'bismillah123',
  'bismillah1234',
  'alhamdulillah',
  'alhamdulillah1',
  'indonesia1',
  'indonesia12',
  'indonesia123',
  'indonesia45',
  'indonesiaraya',
  'merdeka1945',
  'garuda1945',
  'pancasila1',
  'pancasila45',
  'sayangku123',
  'sayangkamu',
  'sayangkamu1',
  'cintaku123',
  'akucintakamu',
  'jakarta123',
  'surabaya123',
  'semarang123',
  'blora12345',
  'loket12345',
  'mpp12345678',
  'pelayanan123',
  'selamatdatang',
]);

const ONLY_DIGITS = /^[0-9]+$/;

/**
 * The first rule the password breaks, or null when it may be used. `username` is the account's;
 * `current`, when known, is the password being replaced.
 */
export function passwordProblem(
  password: string,
  context: { username?: string | undefined; current?: string | undefined } = {},
): PasswordRule | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const folded = password.toLowerCase();
  if (new Set(folded).size === 1) return 'one_character';
  if (ONLY_DIGITS.test(password)) return 'digits_only';
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && folded.includes(username)) return 'contains_username';
  if (COMMON_PASSWORDS.has(folded)) return 'common';
  if (context.current !== undefined && password === context.current) return 'unchanged';
  return null;
}

/**
 * Lockout after failed sign-ins for one username: after LOCKOUT.threshold failures in a row
 * further attempts are refused for a minute, doubling with each further failure up to an hour.
 * A success clears the count; so does a day without a failure.
 */
export const LOCKOUT = {
  threshold: 5,
  firstSeconds: 60,
  maxSeconds: 3600,
  forgetAfterMs: 24 * 3_600_000,
} as const;

/** How long to refuse sign-ins after `failures` failed ones in a row (0: not locked). */
export function lockoutSeconds(failures: number): number {
  if (failures < LOCKOUT.threshold) return 0;
  return Math.min(LOCKOUT.firstSeconds * 2 ** (failures - LOCKOUT.threshold), LOCKOUT.maxSeconds);
}
