import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ContactValues, checkContact, type FieldErrors, firstErrorField, serverFieldError } from './contact';

/** A contact form's errors: checked before sending, taken from a 400 after, focus on the first wrong field. */
export function useContactForm(values: ContactValues, ask: { name: boolean; nik: boolean }) {
  const { t } = useTranslation(['book']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    phone: useRef<HTMLInputElement>(null),
    nik: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
  };
  const show = (found: FieldErrors) => {
    setErrors(found);
    const first = firstErrorField(found);
    if (first) refs[first].current?.focus();
  };
  return {
    errors,
    refs,
    /** true when the values may be sent */
    validate(): boolean {
      const found = checkContact(values, ask, t);
      show(found);
      return firstErrorField(found) === undefined;
    },
    /** true when the error was about one of the form's fields (now shown beside it) */
    showServerError(error: unknown): boolean {
      const found = serverFieldError(error, t);
      if (!found) return false;
      show(found);
      return true;
    },
  };
}
