import type { ReactNode } from 'react';

export interface Choice<V extends string | number> {
  value: V;
  label: string;
  /** decoration only (a face); hidden from screen readers so the radio's name is the label */
  icon?: string;
}

interface Props<V extends string | number> {
  name: string;
  legend: ReactNode;
  choices: readonly Choice<V>[];
  selected: V | undefined;
  onSelect: (value: V) => void;
  /** grid columns from the tablet width up, e.g. 'lg:grid-cols-4' */
  columns?: string;
  /** short answers (S1, PNS): two side by side even on a phone */
  compact?: boolean;
  legendClass?: string;
}

/** One question as a fieldset of big radio buttons: each answer is a whole ≥ 56 px touch target. */
export function ChoiceGroup<V extends string | number>({
  name,
  legend,
  choices,
  selected,
  onSelect,
  columns = 'lg:grid-cols-4',
  compact = false,
  legendClass = 'text-xl font-bold',
}: Props<V>) {
  return (
    <fieldset className="min-w-0">
      <legend className={`mb-2 ${legendClass}`}>{legend}</legend>
      <div className={`grid ${compact ? 'grid-cols-2' : 'grid-cols-1'} gap-2 sm:grid-cols-2 ${columns}`}>
        {choices.map((c) => (
          <label
            key={c.value}
            className="flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border-2 border-slate-400 bg-white px-3 py-2 text-lg has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white"
          >
            <input
              type="radio"
              name={name}
              value={String(c.value)}
              checked={selected === c.value}
              onChange={() => onSelect(c.value)}
              className="size-6 shrink-0 accent-brand-900"
            />
            {c.icon && (
              <span aria-hidden="true" className="font-[Noto_Color_Emoji,sans-serif] text-2xl leading-none">
                {c.icon}
              </span>
            )}
            <span className="min-w-0 font-semibold leading-snug break-words">{c.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
