import type { ReactNode } from 'react';
import { NONE } from '../../components/report/format';

/**
 * One headline figure of a section, inside a <dl>: its name, the value large (with its unit
 * beside it) and what helps read it below. `alert` draws it in red, for a figure that asks for
 * action (applications overdue now).
 */
export function Figure({
  label,
  value,
  unit,
  note,
  alert = false,
  testId,
  children,
}: {
  label: string;
  value: string;
  unit?: string | undefined;
  note?: string | undefined;
  alert?: boolean;
  testId: string;
  /** more <dd> lines under the value */
  children?: ReactNode;
}) {
  return (
    <div
      className={`min-w-0 rounded-xl p-3 ring-1 ${alert ? 'bg-red-50 ring-2 ring-red-700' : 'bg-slate-50 ring-slate-200'}`}
    >
      <dt className={`text-sm font-semibold ${alert ? 'text-red-900' : 'text-slate-700'}`}>{label}</dt>
      <dd
        className={`text-3xl font-bold tabular-nums ${alert ? 'text-red-800' : 'text-brand-900'}`}
        data-testid={testId}
        data-alert={alert ? 'true' : undefined}
      >
        {value}
        {unit && value !== NONE && <span className="ml-1.5 text-base font-semibold text-slate-700">{unit}</span>}
      </dd>
      {children}
      {note && <dd className={`text-sm ${alert ? 'text-red-900' : 'text-slate-700'}`}>{note}</dd>}
    </div>
  );
}
