/**
 * The building blocks of the administration screens: labelled fields that show their error
 * beneath them, panels, buttons, and a confirmation asked in place before anything is archived.
 */
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const inputClass =
  'mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700';
export const primaryButton =
  'min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-bold text-white hover:bg-brand-800 disabled:opacity-70';
export const secondaryButton =
  'min-h-11 rounded-lg border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50 disabled:opacity-70';
export const smallButton =
  'min-h-10 rounded-lg border-2 border-slate-500 bg-white px-3 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-70';
export const dangerButton =
  'min-h-10 rounded-lg border-2 border-red-800 bg-white px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-70';

type Common = {
  label: string;
  name: string;
  hint?: string | undefined;
  error?: string | undefined;
  className?: string | undefined;
};

function Described({
  id,
  hint,
  error,
  label,
  className,
  children,
}: {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
  label: string;
  className?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`text-sm font-semibold ${className ?? ''}`}>
      <label htmlFor={id} className="block">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 font-normal text-slate-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** What an input, text area or select shares: its label's id, its hint and error for screen readers. */
const controlProps = (id: string, name: string | undefined, hint?: string, error?: string) => ({
  id,
  name,
  className: inputClass,
  'aria-invalid': error ? true : undefined,
  'aria-describedby': describedBy(id, hint, error),
});

export function TextField({
  label,
  name,
  hint,
  error,
  className,
  ...rest
}: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name' | 'className'>) {
  const id = useId();
  return (
    <Described id={id} label={label} hint={hint} error={error} className={className}>
      <input {...controlProps(id, name, hint, error)} {...rest} />
    </Described>
  );
}

export function TextArea({
  label,
  name,
  hint,
  error,
  className,
  ...rest
}: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'className'>) {
  const id = useId();
  return (
    <Described id={id} label={label} hint={hint} error={error} className={className}>
      <textarea {...controlProps(id, name, hint, error)} {...rest} />
    </Described>
  );
}

type SelectOption = { value: string; label: string; disabled?: boolean };

/** A select; `groups` follow `options` as labelled <optgroup>s (a long list by agency). */
export function SelectField({
  label,
  name,
  hint,
  error,
  className,
  options,
  groups = [],
  ...rest
}: Common & { options: SelectOption[]; groups?: { label: string; options: SelectOption[] }[] } & Omit<
    React.SelectHTMLAttributes<HTMLSelectElement>,
    'name' | 'className'
  >) {
  const id = useId();
  const optionList = (list: SelectOption[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value} disabled={o.disabled}>
        {o.label}
      </option>
    ));
  return (
    <Described id={id} label={label} hint={hint} error={error} className={className}>
      <select {...controlProps(id, name, hint, error)} {...rest}>
        {optionList(options)}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {optionList(g.options)}
          </optgroup>
        ))}
      </select>
    </Described>
  );
}

export function CheckBox({
  label,
  name,
  value,
  defaultChecked,
  checked,
  onChange,
}: {
  label: string;
  name: string;
  value?: string;
  defaultChecked?: boolean;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  return (
    <label className="flex min-h-10 items-center gap-2 text-base">
      <input
        type="checkbox"
        name={name}
        value={value ?? 'on'}
        className="size-5 accent-brand-700"
        {...(checked !== undefined ? { checked } : { defaultChecked })}
        {...(onChange ? { onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.checked) } : {})}
      />
      <span>{label}</span>
    </label>
  );
}

/** A group of checkboxes (or other controls) named by a legend, with its error beneath. */
export function Group({
  legend,
  hint,
  error,
  children,
  className,
}: {
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={`min-w-0 text-sm ${className ?? ''}`}>
      <legend className="font-semibold">{legend}</legend>
      {hint && <p className="font-normal text-slate-700">{hint}</p>}
      <div className="mt-1">{children}</div>
      {error && <p className="mt-1 font-semibold text-red-800">{error}</p>}
    </fieldset>
  );
}

/** A titled white panel with its actions at the right of the title. */
export function Panel({
  title,
  actions,
  children,
  testId,
  level = 2,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  level?: 2 | 3;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} data-testid={testId} className="min-w-0 rounded-2xl bg-white p-4 shadow sm:p-5">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <Heading id={id} className={level === 2 ? 'text-xl font-bold' : 'text-lg font-bold'}>
          {title}
        </Heading>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The form's own message (the server's refusal, or what to fix), read out when it appears. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  return (
    <div role="alert" className="min-h-6 font-semibold">
      {error ? <p className="text-red-800">{error}</p> : success ? <p className="text-green-800">{success}</p> : null}
    </div>
  );
}

/** "Diarsipkan" beside an archived item's name. */
export function Badge({ children, tone = 'grey' }: { children: ReactNode; tone?: 'grey' | 'green' | 'amber' }) {
  const colors = {
    grey: 'bg-slate-200 text-slate-800',
    green: 'bg-green-100 text-green-900',
    amber: 'bg-amber-100 text-amber-900',
  }[tone];
  return <span className={`ml-2 inline-block rounded px-2 py-0.5 text-xs font-semibold ${colors}`}>{children}</span>;
}

/**
 * A button that asks before it acts: the question and "Yes" / "Cancel" appear in its place.
 * The action's error is shown beside it.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  tone = 'danger',
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  tone?: 'danger' | 'plain';
}) {
  const { t } = useTranslation(['admin', 'common']);
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setAsking(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('common:error'));
    } finally {
      setPending(false);
    }
  };
  const look = tone === 'danger' ? dangerButton : smallButton;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          <span className="text-sm font-semibold">{question}</span>
          <button type="button" className={look} disabled={pending} onClick={() => void run()}>
            {confirmLabel}
          </button>
          <button type="button" className={smallButton} onClick={() => setAsking(false)}>
            {t('common:cancel')}
          </button>
        </>
      ) : (
        <button type="button" className={look} onClick={() => setAsking(true)}>
          {label}
        </button>
      )}
      {error && (
        <span role="alert" className="w-full text-sm font-semibold text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}

/** A plain action button (restore, activate) with its error beside it. */
export function ActionButton({ label, onClick }: { label: string; onClick: () => Promise<unknown> }) {
  const { t } = useTranslation('common');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setPending(true);
    setError(null);
    try {
      await onClick();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('error'));
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" className={smallButton} disabled={pending} onClick={() => void run()}>
        {label}
      </button>
      {error && (
        <span role="alert" className="w-full text-sm font-semibold text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}

/** One item of a list: what it is on the left, what can be done on the right; archived ones greyed. */
export function Row({
  archived,
  children,
  actions,
  testId,
}: {
  archived?: boolean;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <li
      data-testid={testId}
      data-archived={archived ? 'true' : undefined}
      className={`flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-2 py-3 ${
        archived ? 'bg-slate-100 text-slate-700' : ''
      }`}
    >
      <div className="min-w-0 flex-1 basis-64">{children}</div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </li>
  );
}
