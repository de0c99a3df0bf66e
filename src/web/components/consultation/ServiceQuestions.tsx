/**
 * Under a service's standard on the portal: the answers its agency published (the FAQ) and a
 * small form to ask before coming, with a link to follow the answer. Plain and light: it is read
 * on a cheap phone.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FaqEntry } from '../../../api/consultations';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('consult', { id, en });

const input = 'mt-1 block min-h-11 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-base';

export function ServiceQuestions({ slug, serviceId }: { slug: string; serviceId: string }) {
  const { t } = useTranslation(['consult']);
  const base = `/api/malls/${encodeURIComponent(slug)}/services/${encodeURIComponent(serviceId)}`;
  const faq = useQuery({ queryKey: ['faq', slug, serviceId], queryFn: () => api.get<FaqEntry[]>(`${base}/faq`) });
  const [question, setQuestion] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: () =>
      api.post<{ token: string }>(`${base}/questions`, {
        question,
        ...(name.trim() ? { name } : {}),
        ...(phone.trim() ? { phone } : {}),
        ...(email.trim() ? { email } : {}),
      }),
  });
  const ids = useId();
  const error = ask.error instanceof ApiError ? ask.error : null;
  const errorOf = (field: string) => (error && error.body.field === field ? error.message : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };

  return (
    <section aria-labelledby={`${ids}-ask`} className="flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm">
      {faq.data && faq.data.length > 0 && (
        <div>
          <h3 className="mb-2 text-lg font-bold text-brand-900">{t('consult:faqTitle')}</h3>
          <ul className="flex flex-col gap-2">
            {faq.data.map((f) => (
              <li key={`${f.answeredAt}-${f.question}`}>
                <details className="rounded-lg border border-slate-300 p-3">
                  <summary className="cursor-pointer font-semibold">{f.question}</summary>
                  <p className="mt-2 whitespace-pre-line">{f.answer}</p>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <h3 id={`${ids}-ask`} className="text-lg font-bold text-brand-900">
          {t('consult:askTitle')}
        </h3>
        <p className="mt-1 text-sm text-slate-700">{t('consult:askIntro')}</p>
      </div>
      {ask.data ? (
        <div role="status" className="rounded-xl bg-green-50 p-3 text-green-900">
          <p>{t('consult:sent')}</p>
          <p className="mt-2">
            <Link className="font-semibold underline" to={`/q/${ask.data.token}`}>
              {t('consult:openAnswer')}
            </Link>
          </p>
          <button
            type="button"
            className="mt-3 rounded-lg border-2 border-green-800 px-3 py-1 font-semibold"
            onClick={() => {
              ask.reset();
              setQuestion('');
            }}
          >
            {t('consult:another')}
          </button>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <label className="font-semibold">
            {t('consult:question')}
            <textarea
              className={`${input} min-h-24`}
              value={question}
              onChange={(e) => {
                setQuestion(e.target.value);
                if (ask.error) ask.reset();
              }}
              required
              minLength={10}
              maxLength={2000}
              aria-describedby={`${ids}-qhint`}
              aria-invalid={errorOf('question') ? true : undefined}
            />
          </label>
          <p id={`${ids}-qhint`} className="-mt-2 text-sm text-slate-700">
            {errorOf('question') ?? t('consult:questionHint')}
          </p>
          <label className="font-semibold">
            {t('consult:name')}
            <input className={input} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
          </label>
          <label className="font-semibold">
            {t('consult:phone')}
            <input
              className={input}
              type="tel"
              inputMode="tel"
              value={phone}
              onChange={(e) => {
                setPhone(e.target.value);
                if (ask.error) ask.reset();
              }}
              aria-describedby={`${ids}-phint`}
              aria-invalid={errorOf('phone') ? true : undefined}
            />
          </label>
          <p id={`${ids}-phint`} className="-mt-2 text-sm text-slate-700">
            {errorOf('phone') ?? t('consult:phoneHint')}
          </p>
          <label className="font-semibold">
            {t('consult:email')}
            <input
              className={input}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={errorOf('email') ? true : undefined}
            />
          </label>
          {errorOf('email') && <p className="-mt-2 text-sm text-red-800">{errorOf('email')}</p>}
          {error && !['question', 'phone', 'email'].includes(String(error.body.field)) && (
            <p role="alert" className="font-semibold text-red-800">
              {error.message}
            </p>
          )}
          <button
            type="submit"
            disabled={ask.isPending}
            className="min-h-12 rounded-xl bg-brand-700 px-4 font-bold text-white disabled:opacity-60"
          >
            {ask.isPending ? t('consult:sending') : t('consult:send')}
          </button>
        </form>
      )}
    </section>
  );
}
