import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HeatMap } from '../../../api/performance';
import { formatNumber } from '../../components/report/format';
import { api } from '../../lib/api';
import { Scroll, Section } from './Section';

/** A cell's colour from white (none) to the brand's dark blue (the busiest), and a text colour that reads on it. */
function cellStyle(value: number, max: number): { backgroundColor: string; color: string } {
  if (value === 0 || max === 0) return { backgroundColor: '#ffffff', color: '#475569' };
  const share = value / max;
  // Lightness from 95% down to 25% of the brand hue (212°). Around 50% neither white nor dark
  // text reaches a 4.5:1 contrast, so the cells skip that band.
  let lightness = 95 - share * 70;
  if (lightness > 46 && lightness < 54) lightness = 46;
  return { backgroundColor: `hsl(212 70% ${lightness}%)`, color: lightness <= 46 ? '#ffffff' : '#0f172a' };
}

/**
 * Arrivals by weekday and hour as a table whose cells are coloured by how busy they are and carry
 * their numbers, so it reads as a heat map and, to a screen reader, as the table it is. Hours
 * without any arrival at either end of the day are left out.
 */
export function HeatMapSection({
  base,
  periodQuery,
  agencyId,
}: {
  base: string;
  periodQuery: string;
  agencyId: string;
}) {
  const { t } = useTranslation('kinerja');
  const query = `${periodQuery}${agencyId ? `&agencyId=${agencyId}` : ''}`;
  const heat = useQuery({
    queryKey: ['performance-heatmap', base, query],
    queryFn: () => api.get<HeatMap>(`${base}/heatmap?${query}`),
    retry: false,
  });
  const days = t('heatmap.days', { returnObjects: true }) as string[];
  const grid = heat.data?.grid ?? [];
  const busyHours = Array.from({ length: 24 }, (_, h) => h).filter((h) => grid.some((row) => (row[h] ?? 0) > 0));
  const first = busyHours[0] ?? 0;
  const last = busyHours[busyHours.length - 1] ?? 23;
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);

  return (
    <Section id="kinerja-heatmap" title={t('heatmap.heading')} testId="kinerja-heatmap">
      {heat.error && (
        <p role="alert" className="font-semibold text-red-800">
          {heat.error.message}
        </p>
      )}
      {heat.data && heat.data.max === 0 && <p>{t('emptyShort')}</p>}
      {heat.data && heat.data.max > 0 && (
        <>
          <p className="mb-2 text-sm text-slate-700">
            {t('heatmap.intro', { unit: heat.data.unit.name, period: heat.data.period.label })}
          </p>
          <Scroll label={t('heatmap.caption')}>
            <table className="border-separate border-spacing-0.5 text-xs" data-testid="heatmap-table">
              <caption className="sr-only">{t('heatmap.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="px-1 text-left">
                    <span className="sr-only">{t('heatmap.day')}</span>
                  </th>
                  {hours.map((h) => (
                    <th key={h} scope="col" className="min-w-7 px-0.5 text-center font-semibold text-slate-700">
                      <span className="sr-only">{t('heatmap.hour')} </span>
                      {String(h).padStart(2, '0')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.map((row, d) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the seven weekdays are fixed rows
                  <tr key={d}>
                    <th scope="row" className="whitespace-nowrap pr-2 text-left font-semibold">
                      {days[d]}
                    </th>
                    {hours.map((h) => {
                      const v = row[h] ?? 0;
                      return (
                        <td
                          key={h}
                          className="h-8 min-w-7 rounded-sm px-0.5 text-center tabular-nums ring-1 ring-slate-200"
                          style={cellStyle(v, heat.data.max)}
                        >
                          {v === 0 ? <span className="sr-only">0</span> : formatNumber(v)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          {(first > 0 || last < 23) && (
            <p className="mt-1 text-sm text-slate-700">
              {t('heatmap.trimmed', { from: String(first).padStart(2, '0'), to: String(last).padStart(2, '0') })}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
