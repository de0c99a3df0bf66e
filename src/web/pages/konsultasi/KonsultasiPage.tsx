/**
 * /:mall/konsultasi — citizens' questions about services before they come, for the agency's staff
 * (the mall's admins and viewers see every agency's): the unanswered first, the longest waiting on
 * top; answer, correct an answer, and show it as the service's FAQ.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Me } from '../../../api/auth';
import type { Question } from '../../../api/consultations';
import { StaffPage } from '../../components/StaffPage';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('konsultasi', { id, en });

const STATES = ['open', 'answered', 'all'] as const;
type State = (typeof STATES)[number];

export default function KonsultasiPage() {
  const { t } = useTranslation('konsultasi');
  return (
    <StaffPage screen="konsultasi" title={t('pageTitle')} signInHeading={t('signInHeading')}>
      {({ slug, me }) => <Questions slug={slug} me={me} />}
    </StaffPage>
  );
}

function Questions({ slug, me }: { slug: string; me: Me }) {
  const { t } = useTranslation(['konsultasi']);
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state') as State | null;
  const state: State = stateParam && STATES.includes(stateParam) ? stateParam : 'open';
  const list = useQuery({
    queryKey: ['questions', slug, state],
    queryFn: () => api.get<Question[]>(`/api/malls/${encodeURIComponent(slug)}/questions?state=${state}`),
    refetchInterval: 60_000,
    staleTime: 0,
  });
  const selectId = useId();
  return (
    <div className="flex flex-col gap-4">
      <p className="max-w-4xl text-slate-700">{t('konsultasi:intro')}</p>
      <div className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 shadow-sm">
        <label htmlFor={selectId} className="font-semibold">
          {t('konsultasi:show')}
          <select
            id={selectId}
            value={state}
            onChange={(e) => setParams(new URLSearchParams({ state: e.target.value }), { replace: true })}
            className="mt-1 block min-h-11 rounded-lg border-2 border-slate-500 bg-white px-3"
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`konsultasi:states.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error && (
        <p role="alert" className="font-semibold text-red-800">
          {list.error.message}
        </p>
      )}
      {list.data && (
        <>
          <p className="font-semibold" aria-live="polite">
            {t('konsultasi:count', { count: list.data.length })}
          </p>
          {list.data.length === 0 ? (
            <p className="rounded-2xl border-2 border-dashed border-slate-300 p-6 text-center">
              {t('konsultasi:empty')}
            </p>
          ) : (
            <ul className="flex flex-col gap-3">
              {list.data.map((q) => (
                <li key={q.id}>
                  <QuestionCard slug={slug} question={q} canAnswer={me.role !== 'viewer'} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function QuestionCard({ slug, question, canAnswer }: { slug: string; question: Question; canAnswer: boolean }) {
  const { t, i18n } = useTranslation(['konsultasi']);
  const client = useQueryClient();
  const [answer, setAnswer] = useState(question.answer ?? '');
  const [publish, setPublish] = useState(question.published);
  const save = useMutation({
    mutationFn: () =>
      api.post<Question>(`/api/malls/${encodeURIComponent(slug)}/questions/${question.id}/answer`, {
        answer,
        publish,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['questions', slug] }),
  });
  const when = (ms: number) =>
    new Date(ms).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  const ids = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <article className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby={`${ids}-q`}>
      <p className="text-sm text-slate-700">
        <strong>{question.agencyShortName}</strong> · <span lang="id">{question.serviceName}</span>
      </p>
      <p id={`${ids}-q`} className="whitespace-pre-line text-lg">
        {question.question}
      </p>
      <p className="text-sm text-slate-700">
        {t('konsultasi:asked', { when: when(question.askedAt) })} ·{' '}
        {question.name ? t('konsultasi:by', { name: question.name }) : t('konsultasi:anonymous')} ·{' '}
        {question.contact ? t('konsultasi:contact') : t('konsultasi:noContact')}
      </p>
      {question.answeredAt !== null && (
        <p className="text-sm text-green-900">
          {t('konsultasi:answeredBy', { when: when(question.answeredAt), name: question.answeredBy ?? '—' })} ·{' '}
          {question.published ? t('konsultasi:published') : t('konsultasi:notPublished')}
        </p>
      )}
      {canAnswer ? (
        <form onSubmit={submit} className="flex flex-col gap-2">
          <label className="font-semibold" htmlFor={`${ids}-a`}>
            {t('konsultasi:answer')}
          </label>
          <textarea
            id={`${ids}-a`}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            required
            minLength={2}
            maxLength={4000}
            className="min-h-24 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2"
          />
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={publish}
              onChange={(e) => setPublish(e.target.checked)}
              className="size-5"
            />
            {t('konsultasi:publish')}
          </label>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={save.isPending || answer.trim().length < 2}
              className="min-h-11 rounded-lg bg-brand-700 px-4 font-bold text-white disabled:opacity-60"
            >
              {save.isPending
                ? t('konsultasi:saving')
                : question.status === 'answered'
                  ? t('konsultasi:update')
                  : t('konsultasi:save')}
            </button>
            {save.isSuccess && (
              <span role="status" className="font-semibold text-green-900">
                {t('konsultasi:saved')}
              </span>
            )}
            {save.error && (
              <span role="alert" className="font-semibold text-red-800">
                {save.error instanceof ApiError ? save.error.message : String(save.error)}
              </span>
            )}
          </div>
        </form>
      ) : (
        question.answer && <p className="whitespace-pre-line rounded-lg bg-green-50 p-3">{question.answer}</p>
      )}
    </article>
  );
}
