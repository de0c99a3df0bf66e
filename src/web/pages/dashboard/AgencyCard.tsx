import { useTranslation } from 'react-i18next';
import type { LiveBoard } from '../../../api/performance';
import { formatMinutes } from '../../components/report/format';
import { WarningIcon } from '../../components/report/WarningIcon';

export type LiveAgency = LiveBoard['agencies'][number];

/**
 * One agency today: its colour and short name, how many wait now and the longest wait so far, the
 * mean wait, served, counters open of its counters. Past its threshold it turns red and says so in
 * words, with an icon.
 */
export function AgencyCard({
  agency,
  longestSeconds,
  warning,
}: {
  agency: LiveAgency;
  /** the longest wait now, moved on by the screen's clock since the board was read */
  longestSeconds: number | null;
  warning: boolean;
}) {
  const { t } = useTranslation('dashboard');
  const min = (s: number | null, digits = 1) =>
    s === null ? '—' : t('agencies.minutesShort', { value: formatMinutes(s, digits) });
  return (
    <li
      data-testid="agency-card"
      data-agency={agency.id}
      data-warning={warning}
      className={`flex min-w-0 flex-col overflow-hidden rounded-xl border-l-[0.45rem] shadow-sm ${
        warning ? 'bg-red-50 ring-4 ring-red-700' : 'bg-white ring-1 ring-slate-300'
      }`}
      style={{ borderLeftColor: agency.color }}
    >
      <h3 className="truncate px-2.5 pt-1 text-lg font-bold leading-snug" title={agency.name}>
        {agency.shortName}
      </h3>
      {warning && (
        <p
          className="mx-2.5 mt-0.5 flex items-center gap-1.5 rounded-md bg-red-700 px-2 py-0.5 text-sm font-bold text-white"
          data-testid="agency-warning"
        >
          <WarningIcon className="size-4" />
          {t('agencies.warning', { count: agency.thresholdMinutes })}
        </p>
      )}
      <div className="mt-auto flex items-center gap-2.5 px-2.5 pb-1">
        <p className="min-w-14 text-center leading-none">
          <span className="block text-4xl font-extrabold tabular-nums" data-testid="agency-waiting">
            {agency.waiting}
          </span>
          <span className="text-xs text-slate-800">{t('agencies.waiting')}</span>
        </p>
        <dl className="grid flex-1 grid-cols-[auto_auto] items-baseline justify-between gap-x-2 text-sm leading-snug text-slate-800">
          <div className={`flex items-baseline gap-1 ${warning ? 'text-red-800' : ''}`}>
            <dt className="text-xs">{t('agencies.longest')}</dt>
            <dd className="whitespace-nowrap font-bold tabular-nums" data-testid="agency-longest">
              {min(agency.waiting > 0 ? longestSeconds : null, 0)}
            </dd>
          </div>
          <div className="flex items-baseline gap-1">
            <dt className="text-xs">{t('agencies.mean')}</dt>
            <dd className="whitespace-nowrap font-semibold tabular-nums">{min(agency.waitMeanSeconds, 0)}</dd>
          </div>
          <div className="flex items-baseline gap-1">
            <dt className="text-xs">{t('agencies.served')}</dt>
            <dd className="font-semibold tabular-nums" data-testid="agency-served">
              {agency.served}
            </dd>
          </div>
          <div className="flex items-baseline gap-1">
            <dt className="text-xs">{t('agencies.counters')}</dt>
            <dd className="font-semibold tabular-nums">
              {agency.countersOpen}/{agency.counters}
            </dd>
          </div>
        </dl>
      </div>
    </li>
  );
}
