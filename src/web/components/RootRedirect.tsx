import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import type { MallSummary } from '../../api/catalog';
import { api } from '../lib/api';

/** "/" leads to the first (on a single-mall install, the only) mall's portal. */
export function RootRedirect() {
  const malls = useQuery({ queryKey: ['malls'], queryFn: () => api.get<MallSummary[]>('/api/malls') });
  if (malls.data?.[0]) return <Navigate to={`/${malls.data[0].slug}`} replace />;
  if (malls.data) return <main className="p-8">Belum ada MPP / no mall yet.</main>;
  return <main className="p-8">…</main>;
}
