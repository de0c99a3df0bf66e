import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './i18n';
import type { PeriodChoice, PeriodKind } from './period';

const KINDS: PeriodKind[] = ['month', 'quarter', 'semester', 'year', 'range'];
const select = 'mt-1 block rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5';

/** Month, triwulan, semester, year or a date range; changes apply at once. Strings: namespace "report". */
export function PeriodPicker({
  value,
  onChange,
  thisYear,
}: {
  value: PeriodChoice;
  onChange: (c: PeriodChoice) => void;
  thisYear: number;
}) {
  const { t } = useTranslation('report');
  const id = useId();
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...value, ...patch });
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);

  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="mb-1 font-semibold">{t('period.legend')}</legend>
      <div className="text-sm font-semibold">
        <label htmlFor={`${id}-kind`} className="block">
          {t('period.kind')}
        </label>
        <select
          id={`${id}-kind`}
          className={select}
          value={value.kind}
          onChange={(e) => set({ kind: e.target.value as PeriodKind })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`period.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {value.kind !== 'range' && (
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-year`} className="block">
            {t('period.year')}
          </label>
          <select
            id={`${id}-year`}
            className={select}
            value={value.year}
            onChange={(e) => set({ year: Number(e.target.value) })}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.kind === 'month' && (
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-month`} className="block">
            {t('period.month')}
          </label>
          <select
            id={`${id}-month`}
            className={select}
            value={value.month}
            onChange={(e) => set({ month: Number(e.target.value) })}
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {t(`months.${m}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.kind === 'quarter' && (
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-quarter`} className="block">
            {t('period.quarter')}
          </label>
          <select
            id={`${id}-quarter`}
            className={select}
            value={value.quarter}
            onChange={(e) => set({ quarter: Number(e.target.value) })}
          >
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t(`period.quarters.${q}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.kind === 'semester' && (
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-semester`} className="block">
            {t('period.semester')}
          </label>
          <select
            id={`${id}-semester`}
            className={select}
            value={value.semester}
            onChange={(e) => set({ semester: Number(e.target.value) })}
          >
            {[1, 2].map((s) => (
              <option key={s} value={s}>
                {t(`period.semesters.${s}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.kind === 'range' && (
        <>
          <div className="text-sm font-semibold">
            <label htmlFor={`${id}-from`} className="block">
              {t('period.from')}
            </label>
            <input
              id={`${id}-from`}
              type="date"
              className={select}
              value={value.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </div>
          <div className="text-sm font-semibold">
            <label htmlFor={`${id}-to`} className="block">
              {t('period.to')}
            </label>
            <input
              id={`${id}-to`}
              type="date"
              className={select}
              value={value.to}
              onChange={(e) => set({ to: e.target.value })}
            />
          </div>
        </>
      )}
    </fieldset>
  );
}
