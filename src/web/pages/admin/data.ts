/** The administration lists (archived items included) and what to refresh after a change. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminAgency, AdminCounter, AdminService, AdminUser, AdminZone, SpecialDay } from '../../../api/admin';
import { api } from '../../lib/api';

const base = (slug: string) => `/api/malls/${encodeURIComponent(slug)}`;
export const adminPath = (slug: string, path: string) => `${base(slug)}/admin/${path}`;
export const mallPath = (slug: string, path: string) => `${base(slug)}/${path}`;

const list =
  <T>(kind: string) =>
  (slug: string, enabled = true) =>
    useQuery({
      queryKey: ['admin', slug, kind],
      queryFn: () => api.get<T[]>(adminPath(slug, kind)),
      staleTime: 0,
      enabled,
    });

export const useAdminAgencies = list<AdminAgency>('agencies');
export const useAdminServices = list<AdminService>('services');
export const useAdminCounters = list<AdminCounter>('counters');
export const useAdminZones = list<AdminZone>('zones');
export const useAdminUsers = list<AdminUser>('users');

export const useSpecialDays = (slug: string) =>
  useQuery({
    queryKey: ['admin', slug, 'special-days'],
    queryFn: () => api.get<SpecialDay[]>(mallPath(slug, 'special-days')),
    staleTime: 0,
  });

/**
 * After any change: every administration list (a service's counters show on the counter too) and
 * the public catalog the other screens of this browser keep.
 */
export function useRefresh(slug: string) {
  const client = useQueryClient();
  return async () => {
    await Promise.all(
      ['admin', 'mall', 'agencies', 'services', 'counters', 'announcements', 'availability'].map((key) =>
        client.invalidateQueries({ queryKey: [key, slug] }),
      ),
    );
  };
}

/** Sorted by name the Indonesian way. */
export const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'id');
