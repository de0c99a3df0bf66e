/**
 * One complaint for the staff: what was reported (the story, when and where, the photos), by whom
 * (or "Anonim", or "Identitas dirahasiakan" for an agency), where it stands and its deadline, the
 * steps this user may take — each asking for what it needs — an internal note, LAPOR!'s number
 * (mall admin), and the history with the internal notes marked.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../api/auth';
import type { Agency } from '../../../api/catalog';
import type { Complaint } from '../../../api/complaints';
import { COMPLAINT_TRACKS, type ComplaintStatus } from '../../../domain/complaint';
import { groupComplaintCode, spokenComplaintCode } from '../../components/complaint/code';
import { STATUS_TONE } from '../../components/complaint/tone';
import { currentLang, type Lang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { shortDate, shortInstant } from '../permohonan/format';

const STEP_BUTTON: Partial<Record<ComplaintStatus, string>> = {
  terverifikasi: 'border-brand-700 text-brand-800 hover:bg-brand-50',
  didisposisi: 'border-brand-700 text-brand-800 hover:bg-brand-50',
  ditindaklanjuti: 'border-green-700 text-green-900 hover:bg-green-50',
  selesai: 'border-green-700 text-green-900 hover:bg-green-50',
  tunda: 'border-amber-600 text-amber-950 hover:bg-amber-50',
  ditolak: 'border-red-700 text-red-800 hover:bg-red-50',
  bukan_wewenang: 'border-red-700 text-red-800 hover:bg-red-50',
};

/** The deadline that stands, else when it was answered, else none. */
export function deadlineText(c: Complaint, t: TFunction, lang: Lang): string {
  if (c.dueDate) return t('pengaduan:due', { date: shortDate(c.dueDate, lang) });
  if (c.answeredDate) return t('pengaduan:answered', { date: shortDate(c.answeredDate, lang) });
  return t('pengaduan:noDue');
}

interface Props {
  slug: string;
  id: string;
  me: Me;
  timeZone: string;
  today: string;
  agencies: Agency[];
  /** after a change: the complaint as it is now, and what to say (the step's own words unless told) */
  onChanged: (complaint: Complaint, message?: string) => void;
}

export function ComplaintDetail({ slug, id, me, timeZone, today, agencies, onChanged }: Props) {
  const { t } = useTranslation(['pengaduan', 'complaint', 'common']);
  const lang = currentLang();
  const client = useQueryClient();
  const key = ['complaints', slug, 'one', id];
  const base = `/api/malls/${encodeURIComponent(slug)}/complaints/${encodeURIComponent(id)}`;
  const complaint = useQuery({
    queryKey: key,
    queryFn: () => api.get<Complaint>(base),
    staleTime: 0,
    retry: false,
  });
  const [stepping, setStepping] = useState<ComplaintStatus | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const changed = (c: Complaint, message?: string) => {
    client.setQueryData(key, c);
    onChanged(c, message);
  };

  if (complaint.error) {
    return (
      <p role="alert" className="rounded-2xl bg-white p-6 font-semibold text-red-800">
        {complaint.error.message}
      </p>
    );
  }
  const c = complaint.data;
  if (!c) return <p aria-live="polite">{t('common:loading')}</p>;

  const at = (ms: number) => t('pengaduan:at', shortInstant(ms, timeZone, lang));
  const headingId = `complaint-${c.id}`;
  const contact = [c.name, c.phoneMasked, c.emailMasked].filter(Boolean).join(' · ');
  const agencyName = (agencyId: string | null) => agencies.find((a) => a.id === agencyId)?.name ?? null;

  return (
    <article
      aria-labelledby={headingId}
      data-testid="complaint-detail"
      className={`flex flex-col gap-4 rounded-2xl border-2 bg-white p-5 shadow-sm ${c.overdue ? 'border-red-700' : 'border-transparent'}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2">
        <div className="min-w-0 flex-1 basis-80">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h2 id={headingId} ref={headingRef} tabIndex={-1} className="font-mono text-2xl font-black text-brand-900">
              <span aria-hidden="true">{groupComplaintCode(c.code)}</span>
              <span className="sr-only">{spokenComplaintCode(c.code)}</span>
            </h2>
            <span
              data-testid="complaint-detail-status"
              className={`rounded-full px-3 py-0.5 font-bold ${STATUS_TONE[c.status]}`}
            >
              {t(`complaint:status.${c.status}`)}
            </span>
            {c.overdue && (
              <span className="rounded-full bg-red-700 px-3 py-0.5 font-bold text-white">{t('pengaduan:overdue')}</span>
            )}
          </div>
          <p className="mt-1 text-xl leading-snug font-bold">{c.title}</p>
          <p className="text-slate-700">
            {t(`complaint:kind.${c.kind}`)} · {t(`complaint:category.${c.category}`)} ·{' '}
            {t(`pengaduan:detail.sources.${c.source}`)}
          </p>
        </div>
        <div className="text-right">
          <p className={`text-lg font-bold ${c.overdue ? 'text-red-800' : ''}`}>{deadlineText(c, t, lang)}</p>
          <p className="text-slate-700">{t('pengaduan:received', { date: shortDate(c.receivedDate, lang) })}</p>
          <a
            href={`/c/${encodeURIComponent(c.token)}`}
            target="_blank"
            rel="noopener"
            className="font-semibold text-brand-700 underline underline-offset-4"
          >
            {t('pengaduan:detail.citizenPage')}
            <span className="sr-only"> {groupComplaintCode(c.code)}</span>
          </a>
        </div>
      </header>

      <section aria-labelledby={`${headingId}-story`}>
        <h3 id={`${headingId}-story`} className="font-bold text-slate-800">
          {t('pengaduan:detail.story')}
        </h3>
        <p data-testid="complaint-story" className="mt-1 rounded-lg bg-slate-50 p-3 text-lg whitespace-pre-line">
          {c.story}
        </p>
      </section>

      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
        {c.eventDate && <Fact term={t('pengaduan:detail.eventDate')}>{shortDate(c.eventDate, lang)}</Fact>}
        {c.eventPlace && <Fact term={t('pengaduan:detail.eventPlace')}>{c.eventPlace}</Fact>}
        {c.agencyShortName && (
          <Fact term={t('pengaduan:detail.agency')}>{agencyName(c.agencyId) ?? c.agencyShortName}</Fact>
        )}
        {c.serviceName && <Fact term={t('pengaduan:detail.service')}>{c.serviceName}</Fact>}
        {c.ticketNumber && <Fact term={t('pengaduan:detail.ticket')}>{c.ticketNumber}</Fact>}
        {c.counterName && <Fact term={t('pengaduan:detail.counter')}>{c.counterName}</Fact>}
        {c.disposedAgencyId && (
          <Fact term={t('pengaduan:detail.disposed')}>
            <span data-testid="complaint-disposed">{agencyName(c.disposedAgencyId) ?? c.disposedAgencyShortName}</span>
          </Fact>
        )}
        {c.track !== null && (
          <Fact term={t('pengaduan:detail.track')}>{t('pengaduan:detail.trackDays', { count: c.track })}</Fact>
        )}
        <Fact term={t('pengaduan:detail.reporter')}>
          <span data-testid="complaint-reporter">
            {c.anonymous ? (
              <>
                <span className="rounded bg-slate-200 px-2 py-0.5 font-bold text-slate-900">
                  {t('pengaduan:detail.anonymous')}
                </span>{' '}
                <span className="text-slate-700">{t('pengaduan:detail.anonymousHint')}</span>
              </>
            ) : c.identityHidden ? (
              <>
                <span className="rounded bg-amber-100 px-2 py-0.5 font-bold text-amber-950">
                  {t('pengaduan:detail.hidden')}
                </span>{' '}
                <span className="text-slate-700">{t('pengaduan:detail.hiddenHint')}</span>
              </>
            ) : (
              <>
                {contact || t('pengaduan:detail.noContact')}
                {c.confidential && (
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-bold text-amber-950">
                    {t('pengaduan:detail.confidential')}
                  </span>
                )}
              </>
            )}
          </span>
        </Fact>
        {c.rating !== null && (
          <Fact term={t('pengaduan:detail.rating')}>
            {t('pengaduan:detail.ratingValue', { score: c.rating })}
            {c.ratingComment ? ` — ${c.ratingComment}` : ''}
          </Fact>
        )}
      </dl>

      {c.photoIds.length > 0 && (
        <section aria-labelledby={`${headingId}-photos`}>
          <h3 id={`${headingId}-photos`} className="font-bold text-slate-800">
            {t('pengaduan:detail.photos')}
          </h3>
          <ul className="mt-1 flex flex-wrap gap-3">
            {c.photoIds.map((photoId, i) => {
              const src = `${base}/photos/${encodeURIComponent(photoId)}`;
              return (
                <li key={photoId}>
                  <a href={src} target="_blank" rel="noopener" className="block rounded-lg focus-visible:outline-3">
                    <img
                      src={src}
                      alt={t('pengaduan:detail.photoAlt', { n: i + 1, code: groupComplaintCode(c.code) })}
                      data-testid="complaint-photo"
                      className="h-36 w-auto max-w-60 rounded-lg border border-slate-300 object-cover"
                    />
                    <span className="sr-only">{t('pengaduan:detail.openPhoto', { n: i + 1 })}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {me.role === 'viewer' ? (
        <p className="text-slate-700">{t('pengaduan:viewOnly')}</p>
      ) : (
        <section aria-labelledby={`${headingId}-next`} className="flex flex-col gap-2">
          <h3 id={`${headingId}-next`} className="font-bold text-slate-800">
            {t('pengaduan:next')}
          </h3>
          {c.allowedSteps.length === 0 ? (
            <p className="text-slate-700">{t('pengaduan:noSteps')}</p>
          ) : (
            <ul className="flex flex-wrap gap-2">
              {c.allowedSteps.map((s) => (
                <li key={s}>
                  <button
                    type="button"
                    aria-expanded={stepping === s}
                    onClick={() => setStepping(stepping === s ? null : s)}
                    className={`min-h-11 rounded-lg border-2 bg-white px-4 py-1 font-semibold ${STEP_BUTTON[s] ?? ''} aria-expanded:bg-slate-100`}
                  >
                    {t(`pengaduan:step.button.${s}`)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {stepping && c.allowedSteps.includes(stepping) && (
            <StepForm
              slug={slug}
              complaint={c}
              to={stepping}
              today={today}
              agencies={agencies}
              onCancel={() => setStepping(null)}
              onStale={() => void complaint.refetch()}
              onDone={(next) => {
                setStepping(null);
                changed(next);
                headingRef.current?.focus();
              }}
            />
          )}
        </section>
      )}

      {me.role !== 'viewer' && (
        <div className={`grid gap-4 ${me.role === 'mall_admin' ? 'md:grid-cols-2' : ''}`}>
          <OneFieldForm
            id={`${headingId}-note`}
            label={t('pengaduan:note.label')}
            hint={t('pengaduan:note.hint')}
            button={t('pengaduan:note.save')}
            multiline
            minLength={2}
            onSubmit={async (text) => {
              const next = await api.post<Complaint>(`${base}/notes`, { text });
              changed(next, t('pengaduan:note.saved'));
            }}
          />
          {me.role === 'mall_admin' && (
            <OneFieldForm
              id={`${headingId}-lapor`}
              label={t('pengaduan:lapor.label')}
              hint={t('pengaduan:lapor.hint')}
              button={t('pengaduan:lapor.save')}
              initial={c.laporNumber ?? ''}
              minLength={3}
              onSubmit={async (trackingNumber) => {
                const next = await api.post<Complaint>(`${base}/lapor`, { trackingNumber });
                changed(next, t('pengaduan:lapor.saved'));
              }}
            />
          )}
        </div>
      )}

      <section aria-labelledby={`${headingId}-history`}>
        <h3 id={`${headingId}-history`} className="font-bold text-slate-800">
          {t('pengaduan:history')}
        </h3>
        <ol className="mt-2 flex flex-col gap-2 border-l-4 border-slate-200 pl-4" data-testid="complaint-staff-history">
          {c.history.map((h) => (
            <li key={h.id}>
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-semibold">
                  {h.type === 'step' && h.status
                    ? t(`complaint:status.${h.status}`)
                    : t(`pengaduan:entry.${h.type === 'step' ? 'note' : h.type}`)}
                </span>
                {(h.type === 'note' || h.type === 'lapor') && <InternalBadge />}
                <span className="text-sm text-slate-700">
                  {at(h.at)} · {h.actor ? t('pengaduan:by', { name: h.actor }) : t('pengaduan:byCitizen')}
                </span>
              </p>
              {h.type === 'step' && h.agencyId && (
                <p className="text-slate-800">→ {agencyName(h.agencyId) ?? h.agencyId}</p>
              )}
              {h.note && (
                <p
                  className={`whitespace-pre-line ${
                    h.type === 'step' && h.status === 'ditindaklanjuti'
                      ? 'mt-1 rounded-lg border-2 border-green-700 bg-green-50 px-3 py-2 text-green-950'
                      : 'text-slate-800'
                  }`}
                >
                  {h.type === 'rating' ? `${t('pengaduan:detail.ratingValue', { score: c.rating ?? '' })} — ` : ''}
                  {h.note}
                </p>
              )}
              {h.type === 'rating' && !h.note && c.rating !== null && (
                <p className="text-slate-800">{t('pengaduan:detail.ratingValue', { score: c.rating })}</p>
              )}
              {h.internalNote && (
                <p className="mt-1 rounded-lg border-l-4 border-amber-600 bg-amber-50 px-3 py-1.5 whitespace-pre-line text-amber-950">
                  {h.type !== 'note' && h.type !== 'lapor' && (
                    <>
                      <InternalBadge />{' '}
                    </>
                  )}
                  {h.internalNote}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function InternalBadge() {
  const { t } = useTranslation(['pengaduan']);
  return (
    <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-bold tracking-wide text-amber-950 uppercase">
      {t('pengaduan:internal')}
    </span>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm font-semibold text-slate-700">{term}</dt>
      <dd className="text-base">{children}</dd>
    </div>
  );
}

/** A step with what it needs: the track, the agency, the answer, the reason, the new date. */
function StepForm({
  slug,
  complaint: c,
  to,
  today,
  agencies,
  onCancel,
  onStale,
  onDone,
}: {
  slug: string;
  complaint: Complaint;
  to: ComplaintStatus;
  today: string;
  agencies: Agency[];
  onCancel: () => void;
  onStale: () => void;
  onDone: (changed: Complaint) => void;
}) {
  const { t } = useTranslation(['pengaduan', 'common']);
  const sessionLost = useSessionLost();
  const [note, setNote] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [track, setTrack] = useState<string>('5');
  const [agencyId, setAgencyId] = useState(c.agencyId ?? '');
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const firstRef = useRef<HTMLElement | null>(null);
  useEffect(() => firstRef.current?.focus(), []);
  const focusFirst = (el: HTMLElement | null) => {
    firstRef.current = el;
  };
  const id = `step-${c.id}`;
  const step = t(`pengaduan:step.button.${to}`);
  const noteRequired = to === 'ditolak' || to === 'bukan_wewenang' || to === 'ditindaklanjuti' || to === 'tunda';
  const noteLabel =
    to === 'ditindaklanjuti'
      ? t('pengaduan:step.answer')
      : to === 'tunda'
        ? t('pengaduan:step.postponeReason')
        : noteRequired
          ? t('pengaduan:step.reason')
          : t('pengaduan:step.noteOptional');
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const changed = await api.post<Complaint>(
        `/api/malls/${encodeURIComponent(slug)}/complaints/${encodeURIComponent(c.id)}/status`,
        {
          status: to,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(internalNote.trim() ? { internalNote: internalNote.trim() } : {}),
          ...(to === 'terverifikasi' ? { track: Number(track) } : {}),
          ...(to === 'didisposisi' && agencyId ? { agencyId } : {}),
          ...(to === 'tunda' && dueDate ? { dueDate } : {}),
        },
      );
      onDone(changed);
    } catch (err) {
      if (isUnauthorized(err)) void sessionLost();
      const message = err instanceof ApiError ? err.message : t('common:error');
      const field = err instanceof ApiError ? String(err.body.field ?? '') : '';
      if (['note', 'internalNote', 'agencyId', 'track', 'dueDate'].includes(field)) {
        setErrors({ [field]: message });
        document.getElementById(`${id}-${field}`)?.focus();
      } else setError(message);
      if (err instanceof ApiError && err.status === 409) onStale();
      setBusy(false);
    }
  };

  const fieldClass =
    'mt-1 block w-full max-w-3xl rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg aria-[invalid=true]:border-red-700';
  const errorOf = (f: string) =>
    errors[f] ? (
      <p id={`${id}-${f}-error`} data-testid={`step-${f}-error`} className="mt-1 font-semibold text-red-800">
        {errors[f]}
      </p>
    ) : null;
  const described = (f: string, hint?: string) =>
    [hint, errors[f] ? `${id}-${f}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-heading`}
      data-testid="complaint-step-form"
      className={`flex flex-col gap-3 rounded-xl border-2 p-4 ${
        noteRequired ? 'border-amber-600 bg-amber-50' : 'border-brand-100 bg-brand-50'
      }`}
    >
      <h4 id={`${id}-heading`} className="font-bold">
        {t('pengaduan:step.heading', { step })}
      </h4>
      {to === 'terverifikasi' && (
        <div>
          <label htmlFor={`${id}-track`} className="block font-semibold">
            {t('pengaduan:step.track')}
          </label>
          <select
            id={`${id}-track`}
            ref={focusFirst}
            value={track}
            onChange={(e) => setTrack(e.target.value)}
            aria-invalid={errors.track ? true : undefined}
            aria-describedby={described('track')}
            className={`${fieldClass} max-w-md`}
          >
            {COMPLAINT_TRACKS.map((n) => (
              <option key={n} value={n}>
                {t(`pengaduan:step.tracks.${n}`)}
              </option>
            ))}
          </select>
          {errorOf('track')}
        </div>
      )}
      {to === 'didisposisi' && (
        <div>
          <label htmlFor={`${id}-agencyId`} className="block font-semibold">
            {t('pengaduan:step.agency')}
          </label>
          <select
            id={`${id}-agencyId`}
            ref={focusFirst}
            value={agencyId}
            onChange={(e) => setAgencyId(e.target.value)}
            aria-required
            aria-invalid={errors.agencyId ? true : undefined}
            aria-describedby={described('agencyId')}
            className={`${fieldClass} max-w-md`}
          >
            <option value="">{t('pengaduan:step.chooseAgency')}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {errorOf('agencyId')}
        </div>
      )}
      <div>
        <label htmlFor={`${id}-note`} className="block font-semibold">
          {noteLabel}
        </label>
        {to === 'ditindaklanjuti' && (
          <p id={`${id}-note-hint`} className="text-sm text-slate-700">
            {t('pengaduan:step.answerHint')}
          </p>
        )}
        <textarea
          id={`${id}-note`}
          ref={to === 'terverifikasi' || to === 'didisposisi' ? undefined : focusFirst}
          value={note}
          rows={to === 'ditindaklanjuti' ? 5 : 2}
          maxLength={4000}
          onChange={(e) => setNote(e.target.value)}
          aria-required={noteRequired || undefined}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={described('note', to === 'ditindaklanjuti' ? `${id}-note-hint` : undefined)}
          className={fieldClass}
        />
        {errorOf('note')}
      </div>
      {to === 'tunda' && (
        <div>
          <label htmlFor={`${id}-dueDate`} className="block font-semibold">
            {t('pengaduan:step.dueDate')}
          </label>
          <input
            id={`${id}-dueDate`}
            type="date"
            min={tomorrow}
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            required
            aria-invalid={errors.dueDate ? true : undefined}
            aria-describedby={described('dueDate')}
            className={`${fieldClass} max-w-xs`}
          />
          {errorOf('dueDate')}
        </div>
      )}
      <div>
        <label htmlFor={`${id}-internalNote`} className="block font-semibold">
          {t('pengaduan:step.internalNote')}
        </label>
        <textarea
          id={`${id}-internalNote`}
          value={internalNote}
          rows={2}
          maxLength={2000}
          onChange={(e) => setInternalNote(e.target.value)}
          aria-invalid={errors.internalNote ? true : undefined}
          aria-describedby={described('internalNote')}
          className={fieldClass}
        />
        {errorOf('internalNote')}
      </div>
      <div role="alert" className="font-semibold text-red-800 empty:hidden">
        {error}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={busy}
          className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-bold text-white hover:bg-brand-800 disabled:bg-slate-300 disabled:text-slate-600"
        >
          {busy ? t('pengaduan:step.saving') : t('pengaduan:step.save', { step })}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="min-h-11 rounded-lg border-2 border-slate-600 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
        >
          {t('pengaduan:step.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One field and its button (an internal note, LAPOR!'s number); the server's refusal under it. */
function OneFieldForm({
  id,
  label,
  hint,
  button,
  initial = '',
  multiline = false,
  minLength,
  onSubmit,
}: {
  id: string;
  label: string;
  hint: string;
  button: string;
  initial?: string;
  multiline?: boolean;
  minLength: number;
  onSubmit: (value: string) => Promise<void>;
}) {
  const { t } = useTranslation(['common']);
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || value.trim().length < minLength) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(value.trim());
      if (multiline) setValue('');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:error'));
    } finally {
      setBusy(false);
    }
  };
  const props = {
    id,
    value,
    onChange: (e: { target: { value: string } }) => setValue(e.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-hint ${id}-error` : `${id}-hint`,
    className:
      'mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700',
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-1 rounded-xl bg-slate-50 p-3">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {hint}
      </p>
      {multiline ? <textarea rows={2} maxLength={2000} {...props} /> : <input maxLength={40} {...props} />}
      {error && (
        <p id={`${id}-error`} className="font-semibold text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || value.trim().length < minLength}
        className="mt-1 min-h-11 self-start rounded-lg border-2 border-brand-700 bg-white px-4 font-semibold text-brand-800 hover:bg-brand-50 disabled:border-slate-400 disabled:text-slate-600"
      >
        {button}
      </button>
    </form>
  );
}
