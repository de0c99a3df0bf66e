/** Every counter (of the zone) with the number it called last, its name and its agency. */
import { useTranslation } from 'react-i18next';
import type { Agency, Counter } from '../../../api/catalog';
import type { CounterNow } from './feed';

interface Props {
  counters: Counter[];
  agencies: Map<string, Agency>;
  current: Record<string, CounterNow>;
  /** the counter of the latest call, highlighted */
  latestCounterId: string | undefined;
}

/** Columns so that tiles come out about 1.7 times wider than tall in the grid's area (≈ 1.3:1). */
function columnsFor(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt((n * 1.3) / 1.7)));
}

/**
 * Sizes inside a tile follow the tile (a zone of 6 counters gets big tiles): the two labels
 * (never under 2.3vh ≈ 25 px at 1080p), and the number takes the height they leave, as long as
 * it fits across the width: a ticket number runs up to ~0.7em a character ("M" and "W" are the
 * widest), so 134/length cqw keeps "W-001" inside the tile.
 */
const LABEL = 'max(2.3vh, min(15cqh, 10cqw))';
function numberSize(number: string): string {
  return `min(calc(100cqh - 2.35 * ${LABEL}), ${Math.floor(134 / Math.max(number.length, 4))}cqw)`;
}

export function CounterGrid({ counters, agencies, current, latestCounterId }: Props) {
  const { t } = useTranslation(['display', 'common']);
  const cols = columnsFor(counters.length);
  const rows = Math.max(1, Math.ceil(counters.length / cols));
  return (
    <section aria-labelledby="counters-heading" className="flex min-h-0 flex-col">
      <h2 id="counters-heading" className="sr-only">
        {t('display:counters')}
      </h2>
      {counters.length === 0 ? (
        <p className="text-[3vh] text-slate-300">{t('display:noCountersInZone')}</p>
      ) : (
        <ul
          aria-labelledby="counters-heading"
          className="grid min-h-0 flex-1 gap-[1vh]"
          style={{
            gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
          }}
        >
          {counters.map((counter) => {
            const agency = agencies.get(counter.agencyId);
            const now = current[counter.id];
            const latest = counter.id === latestCounterId;
            return (
              <li
                key={counter.id}
                data-testid={`counter-${counter.number}`}
                className={`flex min-w-0 flex-col justify-between overflow-hidden rounded-[1.2vh] border-l-[1vh] px-[1vh] py-[0.3vh] [container-type:size] ${
                  latest ? 'bg-accent-400 text-slate-950' : 'bg-brand-900 text-white'
                }`}
                style={{ borderLeftColor: agency?.color ?? '#64748b' }}
              >
                <p
                  className={`display-narrow truncate font-bold leading-[1.15] ${latest ? '' : 'text-accent-400'}`}
                  style={{ fontSize: LABEL }}
                >
                  {t('common:counter', { number: counter.number })}
                </p>
                {now ? (
                  <p
                    data-testid="counter-number"
                    className="truncate font-black leading-none tabular-nums"
                    style={{ fontSize: numberSize(now.number) }}
                  >
                    {now.number}
                  </p>
                ) : (
                  <p
                    className={`font-black leading-none ${latest ? '' : 'text-slate-400'}`}
                    style={{ fontSize: numberSize('A-000') }}
                  >
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">{t('display:noNumber')}</span>
                  </p>
                )}
                <p
                  className={`display-narrow truncate font-semibold leading-[1.15] ${latest ? '' : 'text-slate-200'}`}
                  style={{ fontSize: LABEL }}
                >
                  {agency?.shortName ?? counter.name}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
