/**
 * On the live board, the complaints past their SP4N-LAPOR! deadline (verification by the mall, or
 * the agency's answer): how many, and the oldest few with the agency they wait on, so leadership
 * sees them beside the hall. Refreshed every minute; nothing shown while none is late.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../api/complaints';
import { api } from '../../lib/api';

const SHOWN = 5;

export function OverdueComplaints({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const day = (date: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  const open = useQuery({
    queryKey: ['complaints', slug, 'open', 'board'],
    queryFn: () => api.get<Complaint[]>(`/api/malls/${encodeURIComponent(slug)}/complaints?state=open`),
    refetchInterval: 60_000,
  });
  const late = (open.data ?? []).filter((c) => c.overdue);
  if (late.length === 0) return null;
  return (
    <section
      aria-labelledby="dash-complaints"
      data-testid="overdue-complaints"
      className="rounded-xl bg-white px-4 py-3 shadow-sm ring-2 ring-red-700"
    >
      <h2 id="dash-complaints" className="text-xl font-bold text-red-800">
        {t('complaints.overdue', { count: late.length })}
      </h2>
      <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-lg">
        {late.slice(0, SHOWN).map((c) => (
          <li key={c.id}>
            <span className="font-mono font-bold">{c.code}</span> ·{' '}
            {c.disposedAgencyShortName ?? t('complaints.atMall')} ·{' '}
            {c.dueDate ? t('complaints.due', { date: day(c.dueDate) }) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
