import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../../api/applications';
import type { ApplicationStatus } from '../../../domain/application';
import { groupApplicationCode, spokenCode } from '../../components/application/code';
import '../../components/application/i18n';
import { nextSteps, useApplicationRules } from '../../components/application/rules';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { shortDate, shortInstant } from './format';

const STATUS_TONE: Record<ApplicationStatus, string> = {
  diterima: 'bg-brand-100 text-brand-900',
  diproses: 'bg-brand-100 text-brand-900',
  perlu_perbaikan: 'bg-amber-100 text-amber-950',
  siap_diambil: 'bg-green-100 text-green-900',
  selesai: 'bg-green-100 text-green-900',
  diambil: 'bg-slate-200 text-slate-900',
  ditolak: 'bg-red-100 text-red-900',
};
const STEP_BUTTON: Record<ApplicationStatus, string> = {
  diterima: '',
  diproses: 'border-brand-700 text-brand-800 hover:bg-brand-50',
  perlu_perbaikan: 'border-amber-600 text-amber-950 hover:bg-amber-50',
  siap_diambil: 'border-green-700 text-green-900 hover:bg-green-50',
  selesai: 'border-green-700 text-green-900 hover:bg-green-50',
  diambil: 'border-slate-600 text-slate-900 hover:bg-slate-100',
  ditolak: 'border-red-700 text-red-800 hover:bg-red-50',
};
const NOTE_REQUIRED: readonly ApplicationStatus[] = ['perlu_perbaikan', 'ditolak'];

interface Props {
  slug: string;
  application: Application;
  timeZone: string;
  /** the agency's name beside the service, where the list holds several agencies */
  showAgency: boolean;
  /** an officer or admin of its agency (or the mall's admin); viewers only look */
  canStep: boolean;
  onChanged: (application: Application) => void;
  /** another officer moved it first (409): read the list again */
  onStale: () => void;
}

/** One application: what, for whom, when due (late in red), its next steps and its history. */
export function ApplicationRow({ slug, application: a, timeZone, showAgency, canStep, onChanged, onStale }: Props) {
  const { t } = useTranslation(['applications', 'applicationForm']);
  const lang = currentLang();
  const [stepping, setStepping] = useState<ApplicationStatus | null>(null);
  const rules = useApplicationRules();
  const steps = rules ? nextSteps(rules, a.status) : [];
  const headingId = `application-${a.id}`;
  const contact = [a.name, a.phoneMasked, a.emailMasked].filter(Boolean).join(' · ');

  return (
    <article
      aria-labelledby={headingId}
      data-testid="application-row"
      className={`rounded-2xl border-2 bg-white p-4 shadow-sm ${a.overdue ? 'border-red-700' : 'border-transparent'}`}
    >
      <div className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <div className="min-w-0 flex-1 basis-96">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h2 id={headingId} className="font-mono text-2xl font-black text-brand-900">
              <span aria-hidden="true">{groupApplicationCode(a.code)}</span>
              <span className="sr-only">{spokenCode(a.code)}</span>
            </h2>
            <span
              data-testid="application-row-status"
              className={`rounded-full px-3 py-0.5 font-bold ${STATUS_TONE[a.status]}`}
            >
              {t(`applicationForm:status.${a.status}`)}
            </span>
            {a.overdue && (
              <span className="rounded-full bg-red-700 px-3 py-0.5 font-bold text-white">
                {t('applications:overdue')}
              </span>
            )}
          </div>
          <p className="mt-1 text-lg leading-snug font-semibold">
            {a.serviceName}
            {showAgency ? <span className="font-normal text-slate-700"> · {a.agencyShortName}</span> : null}
          </p>
          <p className="text-slate-700">
            {t('applications:citizen')}: {contact || t('applications:noContact')}
            {a.ticketNumber ? ` · ${t('applications:ticket', { number: a.ticketNumber })}` : null}
          </p>
        </div>
        <div className="text-right">
          <p className={`text-lg font-bold ${a.overdue ? 'text-red-800' : ''}`}>
            {a.dueDate ? t('applications:due', { date: shortDate(a.dueDate, lang) }) : t('applications:noDue')}
          </p>
          <p className="text-slate-700">{t('applications:received', { date: shortDate(a.receivedDate, lang) })}</p>
          {a.readyDate ? (
            <p className="text-slate-700">{t('applications:ready', { date: shortDate(a.readyDate, lang) })}</p>
          ) : null}
        </div>
      </div>

      {canStep && steps.length > 0 ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <p id={`${headingId}-next`} className="font-semibold text-slate-800">
            {t('applications:next')}:
          </p>
          <ul aria-labelledby={`${headingId}-next`} className="flex flex-wrap gap-2">
            {steps.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  aria-expanded={stepping === s}
                  onClick={() => setStepping(stepping === s ? null : s)}
                  className={`min-h-10 rounded-lg border-2 bg-white px-3 py-1 font-semibold ${STEP_BUTTON[s]} aria-expanded:bg-slate-100`}
                >
                  {t(`applicationForm:status.${s}`)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!canStep && steps.length > 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t('applications:viewOnly')}</p>
      ) : null}
      {stepping && canStep ? (
        <StepForm
          slug={slug}
          application={a}
          to={stepping}
          onCancel={() => setStepping(null)}
          onStale={onStale}
          onDone={(changed) => {
            setStepping(null);
            onChanged(changed);
          }}
        />
      ) : null}

      <div className="mt-2 flex flex-wrap items-start gap-x-6">
        <details className="group min-w-0 flex-1">
          <summary className="cursor-pointer font-semibold text-brand-800">
            {t('applications:history', { count: a.history.length })}
          </summary>
          <ol className="mt-2 flex flex-col gap-1.5 border-l-4 border-slate-200 pl-4">
            {a.history.map((h) => {
              const at = shortInstant(h.at, timeZone, lang);
              return (
                <li key={`${h.at}-${h.status}`}>
                  <span className="font-semibold">{t(`applicationForm:status.${h.status}`)}</span>
                  <span className="text-slate-700"> — {t('applications:at', at)}</span>
                  {h.note ? <p className="whitespace-pre-line text-slate-800">{h.note}</p> : null}
                </li>
              );
            })}
          </ol>
        </details>
        <a
          href={`/p/${encodeURIComponent(a.token)}`}
          target="_blank"
          rel="noopener"
          className="font-semibold text-brand-700 underline underline-offset-4"
        >
          {t('applications:citizenPage')}
          <span className="sr-only"> {groupApplicationCode(a.code)}</span>
        </a>
      </div>
    </article>
  );
}

/** The chosen step with its note (what is missing, why rejected: required); the server's refusal under the field. */
function StepForm({
  slug,
  application: a,
  to,
  onCancel,
  onDone,
  onStale,
}: {
  slug: string;
  application: Application;
  to: ApplicationStatus;
  onCancel: () => void;
  onStale: () => void;
  onDone: (changed: Application) => void;
}) {
  const { t } = useTranslation(['applications', 'applicationForm', 'common']);
  const sessionLost = useSessionLost();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);
  const required = NOTE_REQUIRED.includes(to);
  const status = t(`applicationForm:status.${to}`);
  const id = `step-${a.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setNoteError(null);
    setError(null);
    try {
      const changed = await api.post<Application>(
        `/api/malls/${encodeURIComponent(slug)}/applications/${encodeURIComponent(a.id)}/status`,
        { status: to, ...(note.trim() ? { note: note.trim() } : {}) },
      );
      onDone(changed);
    } catch (err) {
      if (isUnauthorized(err)) void sessionLost();
      const message = err instanceof ApiError ? err.message : t('common:error');
      if (err instanceof ApiError && err.body.field === 'note') {
        setNoteError(message);
        noteRef.current?.focus();
      } else setError(message);
      if (err instanceof ApiError && err.status === 409) onStale();
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-heading`}
      className={`mt-3 rounded-xl border-2 p-4 ${required ? 'border-amber-600 bg-amber-50' : 'border-brand-100 bg-brand-50'}`}
    >
      <h3 id={`${id}-heading`} className="font-bold">
        {t('applications:stepHeading', { status })}
      </h3>
      <label htmlFor={`${id}-note`} className="mt-2 block font-semibold">
        {to === 'perlu_perbaikan'
          ? t('applications:noteMissing')
          : to === 'ditolak'
            ? t('applications:noteRejected')
            : t('applications:noteOptional')}
      </label>
      <textarea
        ref={noteRef}
        id={`${id}-note`}
        value={note}
        rows={2}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={noteError ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        className="mt-1 block w-full max-w-3xl rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg aria-[invalid=true]:border-red-700"
      />
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
        {t('applications:noteHint')}
      </p>
      <p id={`${id}-error`} data-testid="step-note-error" className="mt-1 font-semibold text-red-800 empty:hidden">
        {noteError ?? ''}
      </p>
      <div role="alert" className="mt-1 font-semibold text-red-800 empty:hidden">
        {error}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={busy}
          className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-bold text-white hover:bg-brand-800 disabled:bg-slate-300 disabled:text-slate-600"
        >
          {busy ? t('applications:saving') : t('applications:save', { status })}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="min-h-11 rounded-lg border-2 border-slate-600 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
        >
          {t('applications:cancel')}
        </button>
      </div>
    </form>
  );
}
