import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPublic } from '../../../api/queue';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';

interface Props {
  token: string;
  contact: TicketPublic['contact'];
  onSaved: (contact: NonNullable<TicketPublic['contact']>) => void;
}

/** "Kabari saya": a number (or an e-mail address) to be told when the turn nears and when called. */
export function ContactForm({ token, contact, onSaved }: Props) {
  const { t } = useTranslation('ticket');
  const phoneId = useId();
  const errorId = useId();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.put<NonNullable<TicketPublic['contact']>>(`/api/tickets/${encodeURIComponent(token)}/contact`, {
        phone,
        lang: currentLang(),
      }),
    onSuccess: (saved) => {
      setOpen(false);
      setPhone('');
      onSaved(saved);
    },
  });
  const told = contact?.phoneMasked ?? contact?.emailMasked;

  if (!open) {
    return (
      <section className="rounded-2xl bg-white p-4 shadow-sm">
        {told ? (
          <p className="text-base text-slate-800">{t('contact.saved', { to: told })}</p>
        ) : (
          <p className="text-base text-slate-800">{t('contact.intro')}</p>
        )}
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="mt-3 min-h-12 w-full rounded-xl border-2 border-brand-700 px-4 font-semibold text-brand-800"
        >
          {told ? t('contact.change') : t('contact.add')}
        </button>
      </section>
    );
  }
  const error = save.error instanceof ApiError ? save.error.message : save.error ? String(save.error) : null;
  return (
    <form
      className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor={phoneId} className="text-base font-semibold text-slate-900">
        {t('contact.phone')}
      </label>
      <input
        id={phoneId}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        required
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        placeholder="0812-3456-7890"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="min-h-12 rounded-xl border-2 border-slate-400 px-3 text-lg"
      />
      {error && (
        <p id={errorId} role="alert" className="text-base font-semibold text-red-800">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={save.isPending}
          className="min-h-12 flex-1 rounded-xl bg-brand-700 px-4 font-bold text-white disabled:bg-slate-400"
        >
          {t('contact.save')}
        </button>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="min-h-12 rounded-xl border-2 border-slate-400 px-4 font-semibold text-slate-800"
        >
          {t('contact.cancel')}
        </button>
      </div>
    </form>
  );
}
