/**
 * The citizen's details on the form: checked in the browser by the server's own rules
 * (src/domain/contact), so most mistakes are said before sending; the server's 400 names the
 * field for the rest.
 */
import type { TFunction } from 'i18next';
import { isEmail, isNik, normalizePhone } from '../../../domain/contact';
import { ApiError } from '../../lib/api';

export interface ContactValues {
  name: string;
  phone: string;
  nik: string;
  email: string;
}
export type ContactField = keyof ContactValues;
export type FieldErrors = Partial<Record<ContactField, string>>;

export const EMPTY_CONTACT: ContactValues = { name: '', phone: '', nik: '', email: '' };
const FIELDS: ContactField[] = ['name', 'phone', 'nik', 'email'];

/** The NIK as typed, without the spaces people put in to read it. */
export const compactNik = (nik: string) => nik.replace(/\s/g, '');

export function checkContact(values: ContactValues, ask: { name: boolean; nik: boolean }, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  if (ask.name && values.name.trim() === '') errors.name = t('book:fields.nameRequired');
  if (values.phone.trim() === '') errors.phone = t('book:fields.phoneRequired');
  else if (!normalizePhone(values.phone)) errors.phone = t('book:fields.phoneInvalid');
  if (ask.nik && !isNik(compactNik(values.nik))) errors.nik = t('book:fields.nikInvalid');
  if (values.email.trim() !== '' && !isEmail(values.email.trim())) errors.email = t('book:fields.emailInvalid');
  return errors;
}

/** The field a 400 names, with the words to put beside it; null when it names none of the form's. */
export function serverFieldError(error: unknown, t: TFunction): FieldErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const field = String(error.body.field ?? '') as ContactField;
  if (!FIELDS.includes(field)) return null;
  const words: Record<ContactField, string> = {
    name: t('book:fields.nameRequired'),
    phone: t('book:fields.phoneInvalid'),
    nik: t('book:fields.nikInvalid'),
    email: t('book:fields.emailInvalid'),
  };
  return { [field]: words[field] };
}

/** The first field with an error, in the form's order (to put the focus there). */
export const firstErrorField = (errors: FieldErrors) => FIELDS.find((f) => errors[f]);
