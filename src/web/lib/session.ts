/**
 * Who is signed in on this device (GET /api/auth/me), and signing in and out. Every staff screen
 * shares the one cache key, so a device used for several shares one session.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../api/auth';
import { ApiError, api } from './api';

export const ME_KEY = ['me'] as const;

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => api.get<Me>('/api/auth/me'),
    // 401 is an answer (show the sign-in form), not a failure worth retrying.
    retry: (count, err) => !isUnauthorized(err) && count < 2,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return async (username: string, password: string) => {
    const me = await api.post<Me>('/api/auth/login', { username, password });
    client.setQueryData(ME_KEY, me);
  };
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      // Whatever the server said, the screen must stop showing what the staff member saw.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      await client.resetQueries({ queryKey: ME_KEY });
    }
  };
}

/** After a 401 on any call (session ended elsewhere): ask again who is signed in. */
export function useSessionLost() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ME_KEY });
}
