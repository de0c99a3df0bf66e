import type { InputHTMLAttributes, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import './translations';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text field with its hint and, after a try, what is wrong with it. */
export function Field({ id, label, hint, error, optional = false, inputRef, ...input }: Props) {
  const { t } = useTranslation(['book']);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-base font-semibold">
        {label}
        {optional && <span className="font-normal text-slate-700"> ({t('book:fields.optional')})</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      )}
      <input
        id={id}
        ref={inputRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={!optional}
        className={`min-h-12 w-full rounded-lg border-2 bg-white px-3 py-2 text-lg ${
          error ? 'border-red-700' : 'border-slate-500'
        }`}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className="text-base font-semibold text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
