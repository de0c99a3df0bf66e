/**
 * Submitting an administration form: the browser's checks first, said in the UI language next to
 * the field, then the API; a refusal is shown next to the field it names (body.field, or the field
 * a "taken" conflict is about) and at the foot of the form, with the field's label in place of its
 * technical name.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';

export type FieldErrors = Record<string, string>;

/** 409 conflicts and the field they are about. */
const CONFLICT_FIELD: Record<string, string> = {
  agency_code_taken: 'code',
  prefix_taken: 'prefix',
  counter_number_taken: 'number',
  username_taken: 'username',
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The field the server named, as one of the form's names: "standard.procedure.2" → "standard.procedure". */
function matchField(field: string, labels: Record<string, string>): string | null {
  let path = field;
  while (path) {
    if (path in labels) return path;
    const dot = path.lastIndexOf('.');
    if (dot < 0) break;
    path = path.slice(0, dot);
  }
  return null;
}

export function useFormSubmit() {
  const { t } = useTranslation(['admin', 'common']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const check = (form: HTMLFormElement): FieldErrors => {
    const found: FieldErrors = {};
    for (const el of Array.from(form.elements) as Control[]) {
      if (!('validity' in el) || !el.name || el.validity.valid) continue;
      const v = el.validity;
      const message = v.valueMissing
        ? t('admin:check.required')
        : v.patternMismatch
          ? (el.dataset.hint ?? t('admin:check.format'))
          : v.rangeUnderflow
            ? t('admin:check.min', { min: (el as HTMLInputElement).min })
            : v.rangeOverflow
              ? t('admin:check.max', { max: (el as HTMLInputElement).max })
              : v.tooLong
                ? t('admin:check.tooLong', { max: (el as HTMLInputElement).maxLength })
                : v.badInput || v.stepMismatch
                  ? t('admin:check.number')
                  : t('admin:check.format');
      found[el.name] ??= message;
    }
    return found;
  };

  /**
   * The form's submit handler: `labels` names each field for messages; `run` sends the form and
   * returns true when done.
   */
  const submit =
    (labels: Record<string, string>, run: (data: FormData, form: HTMLFormElement) => Promise<unknown>) =>
    async (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      setFormError(null);
      const found = check(form);
      if (Object.keys(found).length > 0) {
        setErrors(found);
        setFormError(t('admin:check.fix'));
        const first = Object.keys(found)[0];
        (Array.from(form.elements) as Control[]).find((el) => el.name === first)?.focus();
        return;
      }
      setErrors({});
      setPending(true);
      try {
        await run(new FormData(form), form);
      } catch (err) {
        if (err instanceof ApiError) {
          const named = typeof err.body.field === 'string' ? err.body.field : (CONFLICT_FIELD[err.code] ?? '');
          const field = named ? matchField(named, labels) : null;
          const message =
            named && field && labels[field] ? err.message.replace(`"${named}"`, `"${labels[field]}"`) : err.message;
          if (field) setErrors({ [field]: message });
          setFormError(message);
        } else {
          setFormError(t('common:error'));
        }
      } finally {
        setPending(false);
      }
    };

  const reset = () => {
    setErrors({});
    setFormError(null);
  };

  return { errors, formError, pending, submit, reset };
}

/** Text from a form field, trimmed. */
export const str = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/** A whole number, or null when left empty. */
export function intOrNull(data: FormData, name: string): number | null {
  const s = str(data, name);
  return s === '' ? null : Number(s);
}

/** One item a line, blank lines dropped. */
export const lines = (data: FormData, name: string) =>
  str(data, name)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
