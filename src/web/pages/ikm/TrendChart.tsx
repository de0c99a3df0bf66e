import { useTranslation } from 'react-i18next';
import type { SkmPublishedPeriod } from '../../../api/skm';
import { currentLang } from '../../i18n';
import { formatIkm } from './format';
import { GRADE_STYLES, GradeBadge } from './GradeBadge';

const WIDTH = 320;
const HEIGHT = 190;
const TOP = 24; // room for the value above the tallest bar
const BOTTOM = 40; // room for the two-line period label
const MIN_IKM = 25; // the IKM scale starts at 25, not 0
const MAX_BARS = 8; // the chart stays readable on a phone; the table holds every period

/** "November 2026" → ["November", "2026"]: two short lines under a bar. */
function splitLabel(label: string): [string, string] {
  const at = label.lastIndexOf(' ');
  return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at + 1)];
}

/**
 * The mall's IKM per published period as bars with their values written on them. The drawing is
 * hidden from screen readers; the table beside it (visually hidden) carries the same numbers.
 */
export function TrendChart({ periods }: { periods: SkmPublishedPeriod[] }) {
  const { t } = useTranslation(['ikm']);
  const lang = currentLang();
  const oldestFirst = [...periods].reverse();
  const shown = oldestFirst.slice(-MAX_BARS);
  const column = WIDTH / Math.max(shown.length, 3);
  const barWidth = Math.min(48, column * 0.6);
  const plot = HEIGHT - TOP - BOTTOM;

  return (
    <section aria-labelledby="ikm-trend" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="ikm-trend" className="text-lg font-bold">
        {t('ikm:trendHeading')}
      </h2>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="mt-3 h-auto w-full max-w-lg"
        aria-hidden="true"
        focusable="false"
        data-testid="trend-chart"
      >
        <line x1="0" x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="stroke-slate-400" />
        {shown.map((p, i) => {
          const x = i * column + (column - barWidth) / 2;
          const centre = i * column + column / 2;
          const h = p.mall.ikm === null ? 0 : ((p.mall.ikm - MIN_IKM) / (100 - MIN_IKM)) * plot;
          const y = HEIGHT - BOTTOM - h;
          const [line1, line2] = splitLabel(p.periodLabel);
          return (
            <g key={p.id}>
              {p.mall.grade && (
                <rect x={x} y={y} width={barWidth} height={h} rx="3" className={GRADE_STYLES[p.mall.grade].bar} />
              )}
              <text x={centre} y={y - 6} textAnchor="middle" className="fill-slate-900 text-[14px] font-bold">
                {p.mall.ikm === null ? '–' : formatIkm(p.mall.ikm, lang)}
              </text>
              <text x={centre} y={HEIGHT - BOTTOM + 16} textAnchor="middle" className="fill-slate-700 text-[12px]">
                {line1}
              </text>
              <text x={centre} y={HEIGHT - BOTTOM + 30} textAnchor="middle" className="fill-slate-700 text-[12px]">
                {line2}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only" data-testid="trend-table">
        <caption>{t('ikm:trendCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ikm:period')}</th>
            <th scope="col">{t('ikm:ikm')}</th>
            <th scope="col">{t('ikm:grade')}</th>
            <th scope="col">{t('ikm:respondentsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {oldestFirst.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.periodLabel}</th>
              <td>{p.mall.ikm === null ? t('ikm:noRespondents') : formatIkm(p.mall.ikm, lang)}</td>
              <td>{p.mall.grade ? <GradeBadge grade={p.mall.grade} label={p.mall.label?.[lang]} /> : '–'}</td>
              <td>{p.mall.respondents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
