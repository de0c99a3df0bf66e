import type { SkmPublishedPeriod } from '../../../api/skm';

export type Grade = NonNullable<SkmPublishedPeriod['mall']['grade']>;

/** Background and text per grade; every pair has a contrast of at least 4.5:1. */
export const GRADE_STYLES: Record<Grade, { badge: string; bar: string }> = {
  A: { badge: 'bg-green-700 text-white', bar: 'fill-green-700' },
  B: { badge: 'bg-brand-700 text-white', bar: 'fill-brand-700' },
  C: { badge: 'bg-amber-300 text-slate-900', bar: 'fill-amber-400' },
  D: { badge: 'bg-red-700 text-white', bar: 'fill-red-700' },
};

/** The grade letter in its colour, with the label when given: "A — Sangat Baik". */
export function GradeBadge({
  grade,
  label,
  size = 'small',
  testId,
}: {
  grade: Grade;
  label?: string | undefined;
  size?: 'small' | 'large';
  testId?: string;
}) {
  const sizing = size === 'large' ? 'px-4 py-2 text-xl' : 'px-2 py-0.5 text-sm';
  return (
    <span
      data-testid={testId}
      className={`inline-block rounded-lg font-bold whitespace-nowrap ${sizing} ${GRADE_STYLES[grade].badge}`}
    >
      {label ? `${grade} — ${label}` : grade}
    </span>
  );
}
