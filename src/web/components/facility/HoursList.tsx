import { useTranslation } from 'react-i18next';
import type { WeeklyHours } from '../../../domain/schedule';
import { groupHours, spansText } from './hours';
import './strings';

/** A week of hours, days with the same hours joined: "Sen–Kam 07.30–16.00". */
export function HoursList({ hours, className = '' }: { hours: WeeklyHours; className?: string }) {
  const { t, i18n } = useTranslation('facility');
  const groups = groupHours(hours);
  if (groups.length === 0) return <p className={className}>{t('closedAllWeek')}</p>;
  return (
    <dl className={`grid grid-cols-[auto_1fr] gap-x-3 ${className}`}>
      {groups.map((g) => (
        <div key={g.from} className="contents">
          <dt className="font-semibold">
            {t(`days.${g.from}`)}
            {g.to !== g.from ? `–${t(`days.${g.to}`)}` : ''}
          </dt>
          <dd>{spansText(g.spans, i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}
