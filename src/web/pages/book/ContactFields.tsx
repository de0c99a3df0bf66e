import type { ChangeEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactField, ContactValues, FieldErrors } from './contact';
import { Field } from './Field';
import './translations';

interface Props {
  /** keeps the ids of two forms on one page apart */
  idPrefix: string;
  values: ContactValues;
  errors: FieldErrors;
  onChange: (values: ContactValues) => void;
  ask: { name: boolean; nik: boolean };
  refs: Partial<Record<ContactField, Ref<HTMLInputElement>>>;
  /** what the number is for, when not a booking's confirmation */
  phoneHint?: string | undefined;
}

/** Name, mobile number, NIK (only when the service asks for it) and an optional e-mail address. */
export function ContactFields({ idPrefix, values, errors, onChange, ask, refs, phoneHint }: Props) {
  const { t } = useTranslation(['book']);
  const set = (field: ContactField) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...values, [field]: e.target.value });
  return (
    <>
      {ask.name && (
        <Field
          id={`${idPrefix}-name`}
          label={t('book:fields.name')}
          hint={t('book:fields.nameHint')}
          error={errors.name}
          inputRef={refs.name}
          value={values.name}
          onChange={set('name')}
          autoComplete="name"
          maxLength={100}
        />
      )}
      <Field
        id={`${idPrefix}-phone`}
        label={t('book:fields.phone')}
        hint={phoneHint ?? t('book:fields.phoneHint')}
        error={errors.phone}
        inputRef={refs.phone}
        value={values.phone}
        onChange={set('phone')}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        placeholder="0812…"
        maxLength={30}
      />
      {ask.nik && (
        <Field
          id={`${idPrefix}-nik`}
          label={t('book:fields.nik')}
          hint={t('book:fields.nikHint')}
          error={errors.nik}
          inputRef={refs.nik}
          value={values.nik}
          onChange={set('nik')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={19}
        />
      )}
      <Field
        id={`${idPrefix}-email`}
        label={t('book:fields.email')}
        hint={t('book:fields.emailHint')}
        error={errors.email}
        inputRef={refs.email}
        optional
        value={values.email}
        onChange={set('email')}
        type="email"
        inputMode="email"
        autoComplete="email"
        maxLength={254}
      />
    </>
  );
}
