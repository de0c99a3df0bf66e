/**
 * Who is signed in on this device (GET /api/auth/me), and signing in and out. Every staff screen
 * shares the one cache key, so a device used for several shares one session.
 *
 * An account whose password was generated for it (me.mustChangePassword) may do nothing else
 * until it is changed, so for the screens it is not signed in yet: useMe answers it as an error
 * (code password_change_required, the account in its body) that isUnauthorized recognises, and
 * SignInForm, which the screens show then, shows the change form in its place.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../api/auth';
import { currentLang } from '../i18n';
import { ApiError, api } from './api';

export const ME_KEY = ['me'] as const;
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';

/** No usable session: signed out or ended (401), or a generated password still to be changed. */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 401 || err.code === PASSWORD_CHANGE_REQUIRED);
}

/** The signed-in account that must change its generated password first, or null. */
export function mustChangePassword(err: unknown): Me | null {
  if (!(err instanceof ApiError) || err.code !== PASSWORD_CHANGE_REQUIRED) return null;
  const me = err.body as Partial<Me>;
  return typeof me.username === 'string' ? (me as Me) : null;
}

async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  if (me.mustChangePassword) {
    const message =
      currentLang() === 'en'
        ? 'You must change your password first.'
        : 'Kata sandi Anda harus diganti terlebih dahulu.';
    throw new ApiError(403, PASSWORD_CHANGE_REQUIRED, message, me);
  }
  return me;
}

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    // 401 is an answer (show the sign-in form), not a failure worth retrying.
    retry: (count, err) => !isUnauthorized(err) && count < 2,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The account that must change its generated password before anything else, or null. Reads the
 * shared state without fetching: a second observer of an errored query would refetch on mount,
 * and the screen would blink back to "loading" and remount the form, over and over.
 */
export function usePendingPasswordChange(): Me | null {
  const { error } = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, enabled: false });
  return mustChangePassword(error);
}

export function useSignIn() {
  const client = useQueryClient();
  return async (username: string, password: string) => {
    const me = await api.post<Me>('/api/auth/login', { username, password });
    if (me.mustChangePassword) {
      // Answered as password_change_required by useMe: the sign-in form turns into the change form.
      await client.refetchQueries({ queryKey: ME_KEY });
    } else {
      client.setQueryData(ME_KEY, me);
    }
  };
}

/** Changes the signed-in account's password; the server ends its other sessions. */
export function useChangePassword() {
  const client = useQueryClient();
  return async (currentPassword: string, newPassword: string) => {
    const me = await api.post<Me>('/api/auth/password', { currentPassword, newPassword });
    client.setQueryData(ME_KEY, me);
  };
}

function useEndSession(path: string) {
  const client = useQueryClient();
  return async () => {
    try {
      await api.post(path);
    } finally {
      // Whatever the server said, the screen must stop showing what the staff member saw.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      await client.resetQueries({ queryKey: ME_KEY });
    }
  };
}

export function useSignOut() {
  return useEndSession('/api/auth/logout');
}

/** Signs the account out on every device, this one included. */
export function useSignOutEverywhere() {
  return useEndSession('/api/auth/logout-all');
}

/** After a 401 on any call (session ended elsewhere): ask again who is signed in. */
export function useSessionLost() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ME_KEY });
}
