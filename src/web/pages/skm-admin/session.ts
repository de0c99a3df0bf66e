/** Who is signed in (GET /api/auth/me) and signing in; the same cache key as the other staff screens. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../api/auth';
import { ApiError, api } from '../../lib/api';

const ME_KEY = ['me'] as const;

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
