import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintPublic } from '../../../api/complaints';
import { groupComplaintCode, spokenComplaintCode } from '../../components/complaint/code';
import { STATUS_TONE } from '../../components/complaint/tone';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { dateAt, longDate, timeAt } from '../book/format';
import { complaintSteps, latestStepNote, type StepView } from './steps';

const OPEN: readonly ComplaintPublic['status'][] = ['diterima', 'terverifikasi', 'didisposisi', 'tunda'];

interface Props {
  token: string;
  complaint: ComplaintPublic;
  updatedAt: number;
  onChanged: (complaint: ComplaintPublic) => void;
}

/** The complaint on a phone: the code, its step and deadline, the answer, what the citizen may do, the history. */
export function ComplaintView({ token, complaint: c, updatedAt, onChanged }: Props) {
  const { t } = useTranslation(['complaintPage', 'complaint']);
  const lang = currentLang();
  const when = (at: number) =>
    t('complaintPage:at', { date: longDate(dateAt(at, c.timeZone), lang), time: timeAt(at, c.timeZone, lang) });
  const open = OPEN.includes(c.status);
  const answer = latestStepNote(c.history, ['ditindaklanjuti']);
  // the answer's entry in the history is the last "ditindaklanjuti" step
  let answerIndex = -1;
  c.history.forEach((h, i) => {
    if (h.type === 'step' && h.status === 'ditindaklanjuti') answerIndex = i;
  });

  return (
    <div className="mx-auto flex min-h-full max-w-md flex-col">
      <header className="flex items-center justify-between gap-3 bg-brand-800 px-4 py-3 text-white">
        <p lang="id" className="text-base font-bold">
          {c.mallName}
        </p>
        <LanguageSwitch className="min-h-11 shrink-0 text-sm" />
      </header>
      <main className="flex flex-1 flex-col gap-4 p-4">
        <section aria-labelledby="complaint-code-label" className="rounded-2xl bg-white p-5 text-center shadow">
          <h1 id="complaint-code-label" className="text-base font-semibold text-slate-700">
            {t('complaintPage:code')}
          </h1>
          <p
            data-testid="complaint-code"
            className="my-1 text-[clamp(2rem,11vw,3rem)] leading-none font-extrabold tracking-wide whitespace-nowrap text-brand-800 tabular-nums"
          >
            <span aria-hidden="true">{groupComplaintCode(c.code)}</span>
            <span className="sr-only">{spokenComplaintCode(c.code)}</span>
          </p>
          <p className="mt-3 text-lg leading-snug font-semibold">{c.title}</p>
          <p className="text-base text-slate-700">
            {t(`complaint:kind.${c.kind}`)} · {t(`complaint:category.${c.category}`)}
          </p>
          <p className="mt-2 text-sm text-slate-700">
            {t('complaintPage:received', { date: longDate(c.receivedDate, lang) })}
            {c.photos > 0 ? ` · ${t('complaintPage:photos', { count: c.photos })}` : ''}
          </p>
          <div aria-live="polite" aria-atomic="true" className="mt-3">
            <p className="text-sm text-slate-700">
              {t('complaintPage:statusLabel')}:{' '}
              <span
                data-testid="complaint-status"
                className={`rounded-full px-3 py-1 text-base font-bold ${STATUS_TONE[c.status]}`}
              >
                {t(`complaint:status.${c.status}`)}
              </span>
            </p>
          </div>
        </section>

        <section aria-labelledby="complaint-steps" className="rounded-2xl bg-white p-4 shadow">
          <h2 id="complaint-steps" className="sr-only">
            {t('complaintPage:steps')}
          </h2>
          <StepIndicator steps={complaintSteps(c.status)} />
          {(c.agencyName || (open && c.dueDate)) && (
            <div className="mt-4 flex flex-col gap-1 border-t border-slate-200 pt-3 text-center">
              {c.agencyName && (
                <p data-testid="complaint-agency" className="text-base">
                  {t('complaintPage:sentTo')}: <span className="font-bold">{c.agencyName}</span>
                </p>
              )}
              {open && c.dueDate && (
                <p data-testid="complaint-due" className="text-base font-semibold">
                  {t(
                    c.status === 'diterima' || c.status === 'terverifikasi'
                      ? 'complaintPage:dueVerify'
                      : 'complaintPage:dueAnswer',
                    { date: longDate(c.dueDate, lang) },
                  )}
                </p>
              )}
              {c.overdue && (
                <>
                  <p className="mt-1">
                    <span
                      data-testid="complaint-overdue"
                      className="rounded-full bg-red-700 px-3 py-1 text-sm font-bold text-white"
                    >
                      {t('complaintPage:overdue')}
                    </span>
                  </p>
                  <p className="mt-1 text-sm text-slate-800">{t('complaintPage:overdueHint')}</p>
                </>
              )}
            </div>
          )}
        </section>

        {answer && (c.status === 'ditindaklanjuti' || c.status === 'selesai') && (
          <Callout tone="success" title={t('complaintPage:answer.title')} testId="complaint-answer">
            <p className="font-semibold">
              {c.agencyName
                ? t('complaintPage:answer.lead', { agency: c.agencyName })
                : t('complaintPage:answer.leadPlain')}
            </p>
            <p className="mt-1 rounded-lg bg-white/80 px-3 py-2 text-lg whitespace-pre-line">{answer}</p>
          </Callout>
        )}
        {(c.status === 'ditolak' || c.status === 'bukan_wewenang') && (
          <Callout tone="danger" title={t(`complaintPage:refused.${c.status}`)} testId="complaint-refused">
            <p className="font-semibold">{t('complaintPage:refused.lead')}</p>
            <p className="mt-1 rounded-lg bg-white/80 px-3 py-2 text-lg whitespace-pre-line">
              {latestStepNote(c.history, [c.status])}
            </p>
          </Callout>
        )}
        {c.status === 'tunda' && (
          <Callout tone="warning" title={t('complaintPage:postponed.title')} testId="complaint-postponed">
            <p className="font-semibold">{t('complaintPage:postponed.lead')}</p>
            <p className="mt-1 rounded-lg bg-white/80 px-3 py-2 text-lg whitespace-pre-line">
              {latestStepNote(c.history, ['tunda'])}
            </p>
          </Callout>
        )}

        {c.canRate && <RatingForm token={token} onChanged={onChanged} />}
        {c.rating !== null && (
          <p
            data-testid="complaint-rated"
            role="status"
            className="rounded-xl border-2 border-green-700 bg-green-50 px-4 py-3 text-base font-semibold text-green-950"
          >
            {t('complaintPage:rate.done', {
              score: c.rating,
              label: t(`complaintPage:rate.score.${c.rating}`),
            })}
          </p>
        )}
        {c.canAddInfo && <InfoForm token={token} onChanged={onChanged} />}

        <section aria-labelledby="complaint-history">
          <h2 id="complaint-history" className="px-1 text-lg font-bold">
            {t('complaintPage:history')}
          </h2>
          <ol className="mt-2 flex flex-col gap-2" data-testid="complaint-history">
            {c.history
              .map((h, i) => ({ h, i }))
              .reverse()
              .map(({ h, i }) => {
                const isAnswer = i === answerIndex;
                return (
                  <li
                    key={`${h.at}-${i}`}
                    className={`rounded-xl px-4 py-3 shadow-sm ${
                      isAnswer ? 'border-2 border-green-700 bg-green-50' : 'bg-white'
                    }`}
                  >
                    <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <span className="font-bold">
                        {h.type === 'step' && h.status
                          ? t(`complaint:status.${h.status}`)
                          : t(`complaintPage:entry.${h.type === 'rating' ? 'rating' : 'info'}`)}
                      </span>
                      <span className="text-sm text-slate-700">{when(h.at)}</span>
                    </p>
                    {h.agencyName && <p className="text-base text-slate-800">{h.agencyName}</p>}
                    {h.type === 'rating' && c.rating !== null && (
                      <p className="text-base font-semibold">
                        {t('complaintPage:entry.score', {
                          score: c.rating,
                          label: t(`complaintPage:rate.score.${c.rating}`),
                        })}
                      </p>
                    )}
                    {h.note && <p className="mt-1 text-base whitespace-pre-line text-slate-800">{h.note}</p>}
                  </li>
                );
              })}
          </ol>
        </section>

        <p className="mt-auto pt-2 text-center text-sm text-slate-700">
          {t('complaintPage:refreshed', { time: timeAt(updatedAt, c.timeZone, lang) })}
        </p>
      </main>
    </div>
  );
}

const CIRCLE: Record<StepView['tone'], string> = {
  normal: 'border-brand-700 bg-brand-700 text-white',
  warning: 'border-amber-600 bg-amber-500 text-slate-950',
  danger: 'border-red-700 bg-red-700 text-white',
  success: 'border-green-700 bg-green-700 text-white',
};
const LABEL: Record<StepView['tone'], string> = {
  normal: 'text-brand-900',
  warning: 'text-amber-950',
  danger: 'text-red-800',
  success: 'text-green-800',
};
/** The steps top to bottom, each a circle joined by a line: on a 360 px phone five words side by side would not fit. */
function StepIndicator({ steps }: { steps: StepView[] }) {
  const { t } = useTranslation(['complaintPage', 'complaint']);
  return (
    <ol aria-label={t('complaintPage:steps')} data-testid="complaint-steps" className="flex flex-col">
      {steps.map((s, i) => {
        const reached = s.state !== 'upcoming';
        const circle = reached
          ? CIRCLE[s.state === 'current' ? s.tone : 'normal']
          : 'border-slate-400 bg-white text-slate-700';
        const next = steps[i + 1];
        return (
          <li
            key={s.key}
            aria-current={s.state === 'current' ? 'step' : undefined}
            className="relative flex min-h-10 items-start gap-3 pb-2 last:pb-0"
          >
            {next && (
              <span
                aria-hidden="true"
                className={`absolute top-8 bottom-0 left-4 w-1 -translate-x-1/2 ${
                  next.state !== 'upcoming' ? 'bg-brand-700' : 'bg-slate-300'
                }`}
              />
            )}
            <span
              aria-hidden="true"
              className={`relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full border-2 text-sm font-bold ${circle} ${
                s.state === 'current' ? 'ring-4 ring-slate-300 ring-offset-1' : ''
              }`}
            >
              {s.tone === 'danger' && s.state === 'current'
                ? '✕'
                : s.tone === 'warning' && s.state === 'current'
                  ? '!'
                  : s.state === 'done' || (s.state === 'current' && s.tone === 'success')
                    ? '✓'
                    : i + 1}
            </span>
            <span
              className={`pt-1 text-base leading-tight ${
                s.state === 'current'
                  ? `font-bold ${LABEL[s.tone]}`
                  : reached
                    ? 'font-semibold text-slate-900'
                    : 'text-slate-700'
              }`}
            >
              {t(`complaint:status.${s.key}`)}
              <span className="sr-only">
                {' '}
                (
                {t(`complaintPage:${s.state === 'done' ? 'stepDone' : s.state === 'current' ? 'stepNow' : 'stepNext'}`)}
                )
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const TONES = {
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
  danger: 'border-red-700 bg-red-50 text-red-950',
  success: 'border-green-700 bg-green-50 text-green-950',
} as const;

function Callout({
  tone,
  title,
  testId,
  children,
}: {
  tone: keyof typeof TONES;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section data-testid={testId} className={`rounded-2xl border-2 p-4 text-base ${TONES[tone]}`}>
      <h2 className="text-xl font-bold">{title}</h2>
      <div className="mt-1">{children}</div>
    </section>
  );
}

/** 1–5 as five big radio buttons, an optional comment; the server's refusal under the form. */
function RatingForm({ token, onChanged }: { token: string; onChanged: (c: ComplaintPublic) => void }) {
  const { t } = useTranslation(['complaintPage', 'common']);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!score) {
      setError(t('complaintPage:rate.choose'));
      firstRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await api.post<ComplaintPublic>(`/api/complaints/${encodeURIComponent(token)}/rating`, {
          score,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:error'));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="complaint-rate" className="rounded-2xl bg-white p-4 shadow">
      <h2 id="complaint-rate" className="text-xl font-bold">
        {t('complaintPage:rate.title')}
      </h2>
      <form noValidate onSubmit={submit} className="mt-2 flex flex-col gap-3">
        <fieldset aria-describedby={error ? 'rate-error' : undefined}>
          <legend className="text-base font-semibold">{t('complaintPage:rate.legend')}</legend>
          <div className="mt-2 grid grid-cols-5 gap-1.5">
            {[1, 2, 3, 4, 5].map((n) => (
              <label
                key={n}
                className="flex min-h-20 cursor-pointer flex-col items-center justify-start gap-1 rounded-xl border-2 border-slate-400 bg-white px-0.5 py-2 text-center has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700"
              >
                <input
                  ref={n === 1 ? firstRef : undefined}
                  type="radio"
                  name="complaint-score"
                  value={n}
                  checked={score === n}
                  onChange={() => {
                    setScore(n);
                    setError(null);
                  }}
                  className="sr-only"
                />
                <span aria-hidden="true" className="text-2xl leading-none font-extrabold">
                  {n}
                </span>
                <span className="text-[0.7rem] leading-tight font-semibold">
                  <span className="sr-only">{n} – </span>
                  {t(`complaintPage:rate.score.${n}`)}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="rate-comment" className="text-base font-semibold">
            {t('complaintPage:rate.comment')}
            <span className="font-normal text-slate-700"> ({t('complaintPage:rate.optional')})</span>
          </label>
          <textarea
            id="rate-comment"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            maxLength={1000}
            className="w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg"
          />
        </div>
        {error && (
          <p id="rate-error" role="alert" className="text-base font-semibold text-red-800">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="min-h-12 rounded-xl bg-brand-700 px-4 text-lg font-bold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          {busy ? t('complaintPage:rate.sending') : t('complaintPage:rate.submit')}
        </button>
      </form>
    </section>
  );
}

/** More information from the citizen while the complaint is handled. */
function InfoForm({ token, onChanged }: { token: string; onChanged: (c: ComplaintPublic) => void }) {
  const { t } = useTranslation(['complaintPage', 'common']);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (text.trim().length < 2) {
      setError(t('complaintPage:info.short'));
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      const changed = await api.post<ComplaintPublic>(`/api/complaints/${encodeURIComponent(token)}/info`, {
        text: text.trim(),
      });
      setText('');
      setSent(true);
      onChanged(changed);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:error'));
      ref.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="rounded-2xl bg-white p-4 shadow">
      <summary className="cursor-pointer text-lg font-bold text-brand-800">{t('complaintPage:info.title')}</summary>
      <form noValidate onSubmit={submit} className="mt-2 flex flex-col gap-2">
        <p id="info-hint" className="text-sm text-slate-700">
          {t('complaintPage:info.hint')}
        </p>
        <label htmlFor="info-text" className="text-base font-semibold">
          {t('complaintPage:info.label')}
        </label>
        <textarea
          ref={ref}
          id="info-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          maxLength={2000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'info-hint info-error' : 'info-hint'}
          className="w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg aria-[invalid=true]:border-red-700"
        />
        {error && (
          <p id="info-error" className="text-base font-semibold text-red-800">
            {error}
          </p>
        )}
        <div role="status" className="empty:hidden">
          {sent ? <p className="font-semibold text-green-800">{t('complaintPage:info.sent')}</p> : null}
        </div>
        <button
          type="submit"
          disabled={busy}
          className="min-h-12 rounded-xl border-2 border-brand-700 bg-white px-4 text-base font-bold text-brand-800 hover:bg-brand-50 disabled:opacity-70"
        >
          {busy ? t('complaintPage:info.sending') : t('complaintPage:info.submit')}
        </button>
      </form>
    </details>
  );
}
