import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { IssuedTicket } from '../../../api/queue';
import { currentLang } from '../../i18n';
import { api } from '../../lib/api';
import { ContactFields } from './ContactFields';
import { EMPTY_CONTACT } from './contact';
import { Notice } from './Notice';
import { useContactForm } from './useContactForm';
import './translations';

/** A number in today's queue from the phone: the mobile number (and an e-mail), then the ticket page. */
export function OnlineQueueForm({
  slug,
  serviceId,
  focusOnMount,
}: {
  slug: string;
  serviceId: string;
  /** opened by a button: the phone field takes the focus */
  focusOnMount: boolean;
}) {
  const { t } = useTranslation(['book']);
  const navigate = useNavigate();
  const [values, setValues] = useState(EMPTY_CONTACT);
  const form = useContactForm(values, { name: false, nik: false });
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const phoneRef = form.refs.phone;
  useEffect(() => {
    if (focusOnMount) phoneRef.current?.focus();
  }, [focusOnMount, phoneRef]);

  const join = useMutation({
    mutationFn: () =>
      api.post<IssuedTicket>(`/api/malls/${encodeURIComponent(slug)}/tickets/online`, {
        serviceId,
        phone: values.phone.trim(),
        lang: currentLang(),
        ...(values.email.trim() ? { email: values.email.trim() } : {}),
      }),
    onSuccess: (ticket) => navigate(`/t/${ticket.token}`),
    onError: (error) => {
      if (form.showServerError(error)) return;
      setProblem(error.message);
      requestAnimationFrame(() => problemRef.current?.focus());
    },
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setProblem(null);
        if (form.validate()) join.mutate();
      }}
      className="flex flex-col gap-4"
    >
      {problem && (
        <Notice tone="error" title={t('book:online.failed')} noticeRef={problemRef}>
          {problem}
        </Notice>
      )}
      <ContactFields
        idPrefix="online"
        values={values}
        errors={form.errors}
        onChange={setValues}
        ask={{ name: false, nik: false }}
        refs={form.refs}
        phoneHint={t('book:online.phoneHint')}
      />
      <button
        type="submit"
        disabled={join.isPending}
        className="min-h-14 rounded-xl bg-green-800 px-4 text-lg font-bold text-white hover:bg-green-900 disabled:opacity-70"
      >
        {join.isPending ? t('book:online.submitting') : t('book:online.submit')}
      </button>
    </form>
  );
}
