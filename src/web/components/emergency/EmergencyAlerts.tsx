/**
 * What every signed-in staff screen of the mall shows of the crisis center: a full-width red alert
 * for each report nobody has taken yet (kind, place, time, where it came from), sounding until
 * someone presses "Saya tangani"; then a slim bar saying who has it, with "Selesai…" (what was
 * done) for the taker and the mall admin. Held at the top of the window, and pushing the page down
 * by its own height so nothing is hidden under it. A small "Lapor darurat" button reports one.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../api/auth';
import type { Emergency } from '../../../api/emergencies';
import { ApiError, api } from '../../lib/api';
import { useMall } from '../../lib/queries';
import { Dialog } from './Dialog';
import { KIND_COLOUR, KindIcon } from './KindIcon';
import { ReportForm } from './ReportForm';
import { listenForUnlock, sirenBurst, sirenReady, unlockIfActivated } from './siren';
import { useEmergencyFeed } from './useEmergencyFeed';
import './translations';

/** How often the alarm repeats while a report waits for someone. */
const SIREN_EVERY_MS = 2_500;

export default function EmergencyAlerts({ mall, me }: { mall: string; me: Me }) {
  const { t, i18n } = useTranslation('emergency');
  const { open, apply } = useEmergencyFeed(mall);
  const timeZone = useMall(mall).data?.timeZone;
  const [closing, setClosing] = useState<Emergency | null>(null);
  const [reporting, setReporting] = useState(false);
  const unanswered = open.filter((e) => e.status === 'reported');
  const taken = open.filter((e) => e.status === 'taken');
  const sounding = unanswered.length > 0;
  const soundOn = useSoundUnlocked();

  // (again as soon as sound is allowed: a touch on the alert itself unlocks it)
  useEffect(() => {
    if (!sounding || !soundOn) return;
    sirenBurst();
    const timer = setInterval(sirenBurst, SIREN_EVERY_MS);
    return () => clearInterval(timer);
  }, [sounding, soundOn]);

  const time = (at: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      hour: '2-digit',
      minute: '2-digit',
      ...(timeZone ? { timeZone } : {}),
    }).format(at);
  const mayAct = me.role !== 'viewer';
  const mayClose = (e: Emergency) => mayAct && (e.takenById === me.id || me.role === 'mall_admin');

  const bar = useRef<HTMLDivElement>(null);
  const height = useHeight(bar);
  const shown = unanswered[0];

  return (
    <>
      {/* keeps the page below the alerts, as tall as they are (StaffFrame gives the page the rest) */}
      <div aria-hidden="true" className="shrink-0" style={{ height }} />
      <div ref={bar} className="fixed inset-x-0 top-0 z-50">
        {/* biome-ignore lint/a11y/useSemanticElements: a live region of alerts, not a page section */}
        <div role="region" aria-label={t('alert.region')} aria-live="assertive">
          {shown && (
            <UnansweredAlert
              key={shown.id}
              emergency={shown}
              more={unanswered.length - 1}
              time={time}
              mall={mall}
              mayTake={mayAct}
              sounding={sounding}
              soundOn={soundOn}
              onTaken={apply}
            />
          )}
          {taken.map((e) => (
            <div
              key={e.id}
              data-testid="emergency-taken"
              className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b-2 border-amber-700 bg-amber-100 px-4 py-2 text-amber-950"
            >
              <KindIcon kind={e.kind} className="h-7 w-7 shrink-0" />
              <p className="font-bold">{t(`kind.${e.kind}`)}</p>
              <p>{e.place ?? t('alert.noPlace')}</p>
              <p className="font-semibold">
                {e.takenById === me.id
                  ? t('alert.takenByYou', { time: time(e.takenAt ?? e.reportedAt) })
                  : t('alert.takenBy', { name: e.takenBy ?? '?', time: time(e.takenAt ?? e.reportedAt) })}
              </p>
              {mayClose(e) && (
                <button
                  type="button"
                  onClick={() => setClosing(e)}
                  className="ml-auto rounded-lg border-2 border-amber-900 bg-white px-3 py-1 font-bold"
                >
                  {t('alert.close')}
                </button>
              )}
            </div>
          ))}
        </div>
      </div>
      <button
        type="button"
        onClick={() => setReporting(true)}
        className="fixed right-3 bottom-3 z-40 flex items-center gap-2 rounded-full border-2 border-red-800 bg-white px-3 py-1.5 text-sm font-bold text-red-800 shadow-lg"
      >
        <KindIcon kind="other" className="h-5 w-5 text-red-700" />
        {t('report.open')}
      </button>
      {closing && <CloseDialog mall={mall} emergency={closing} onDone={apply} onClose={() => setClosing(null)} />}
      {reporting && <ReportDialog mall={mall} onClose={() => setReporting(false)} />}
    </>
  );
}

function UnansweredAlert({
  emergency: e,
  more,
  time,
  mall,
  mayTake,
  sounding,
  soundOn,
  onTaken,
}: {
  emergency: Emergency;
  more: number;
  time: (at: number) => string;
  mall: string;
  mayTake: boolean;
  sounding: boolean;
  soundOn: boolean;
  onTaken: (e: Emergency) => void;
}) {
  const { t } = useTranslation('emergency');
  const take = useMutation({
    mutationFn: () => api.post<Emergency>(`/api/malls/${encodeURIComponent(mall)}/emergencies/${e.id}/take`),
    onSuccess: onTaken,
  });
  const source =
    e.source === 'staff' ? t('alert.source.staff', { name: e.reportedBy ?? '' }) : t(`alert.source.${e.source}`);
  return (
    <div
      data-testid="emergency-alert"
      data-sounding={sounding && soundOn ? 'true' : 'false'}
      className="flex flex-wrap items-center gap-x-6 gap-y-3 border-b-4 border-red-950 bg-red-700 px-4 py-4 text-white shadow-2xl short:gap-y-1 short:py-2 sm:px-6"
    >
      <span className="shrink-0 rounded-2xl bg-white p-2 motion-safe:animate-pulse">
        <KindIcon kind={e.kind} className={`h-14 w-14 short:h-9 short:w-9 ${KIND_COLOUR[e.kind]}`} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-black tracking-widest short:hidden">{t('alert.title')}</p>
        {/* on a short window the kind and the place share a line */}
        <div className="short:flex short:flex-wrap short:items-baseline short:gap-x-4">
          <p className="text-3xl font-black leading-tight short:text-2xl">{t(`kind.${e.kind}`)}</p>
          <p className="text-xl font-semibold">{e.place ? t('alert.place', { place: e.place }) : t('alert.noPlace')}</p>
        </div>
        <p>
          {t('alert.reportedAt', { time: time(e.reportedAt) })} · {source}
          {e.note ? ` · “${e.note}”` : ''}
          {more > 0 ? ` · ${t('alert.more', { count: more })}` : ''}
        </p>
        {!soundOn && <p className="mt-1 font-semibold text-red-50 underline">{t('alert.soundOff')}</p>}
        {take.error && (
          <p role="alert" className="mt-1 rounded bg-white px-2 py-1 font-semibold text-red-900">
            {take.error instanceof ApiError ? take.error.message : String(take.error)}
          </p>
        )}
      </div>
      {mayTake && (
        <button
          type="button"
          onClick={() => take.mutate()}
          disabled={take.isPending}
          className="min-h-[64px] rounded-xl border-4 border-white bg-white px-6 text-2xl font-black text-red-800 shadow-lg short:min-h-[52px]"
        >
          {take.isPending ? t('alert.taking') : t('alert.take')}
        </button>
      )}
    </div>
  );
}

function CloseDialog({
  mall,
  emergency,
  onDone,
  onClose,
}: {
  mall: string;
  emergency: Emergency;
  onDone: (e: Emergency) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('emergency');
  const ids = useId();
  const [note, setNote] = useState('');
  const close = useMutation({
    mutationFn: () =>
      api.post<Emergency>(`/api/malls/${encodeURIComponent(mall)}/emergencies/${emergency.id}/close`, { note }),
    onSuccess: (e) => {
      onDone(e);
      onClose();
    },
  });
  return (
    <Dialog labelledBy={`${ids}-title`} onClose={onClose}>
      <form
        className="flex flex-col gap-4 p-5"
        onSubmit={(ev) => {
          ev.preventDefault();
          close.mutate();
        }}
      >
        <h2 id={`${ids}-title`} className="flex items-center gap-3 text-xl font-bold">
          <KindIcon kind={emergency.kind} className="h-8 w-8" />
          {t('closeDialog.title')}: {t(`kind.${emergency.kind}`)}
        </h2>
        <label htmlFor={`${ids}-note`} className="flex flex-col gap-1 font-semibold">
          {t('closeDialog.note')}
          <textarea
            id={`${ids}-note`}
            required
            rows={3}
            maxLength={500}
            value={note}
            onChange={(ev) => setNote(ev.target.value)}
            aria-describedby={`${ids}-hint`}
            className="rounded-lg border-2 border-slate-400 px-3 py-2 font-normal"
          />
          <span id={`${ids}-hint`} className="text-sm font-normal text-slate-700">
            {t('closeDialog.hint')}
          </span>
        </label>
        {close.error && (
          <p role="alert" className="font-semibold text-red-800">
            {close.error instanceof ApiError ? close.error.message : String(close.error)}
          </p>
        )}
        <div className="flex justify-end gap-3">
          <button
            type="button"
            onClick={onClose}
            className="rounded-lg border-2 border-slate-500 px-4 py-2 font-semibold"
          >
            {t('closeDialog.cancel')}
          </button>
          <button
            type="submit"
            disabled={close.isPending || !note.trim()}
            className="rounded-lg bg-brand-700 px-4 py-2 font-bold text-white disabled:bg-slate-400"
          >
            {t('closeDialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ReportDialog({ mall, onClose }: { mall: string; onClose: () => void }) {
  const { t } = useTranslation('emergency');
  const ids = useId();
  return (
    <Dialog labelledBy={`${ids}-title`} onClose={onClose}>
      <div className="flex flex-col gap-3 p-5">
        <h2 id={`${ids}-title`} className="text-xl font-bold">
          {t('report.title')}
        </h2>
        <p>{t('report.intro')}</p>
        {/* the alert itself confirms it: the report comes back on this screen's own stream */}
        <ReportForm mall={mall} onSent={onClose} onCancel={onClose} />
      </div>
    </Dialog>
  );
}

/** Whether the page may make sound yet; becomes true on the first touch or key. */
function useSoundUnlocked(): boolean {
  const [on, setOn] = useState(sirenReady);
  useEffect(() => {
    if (on) return;
    let live = true;
    void unlockIfActivated().then((ready) => {
      if (ready && live) setOn(true);
    });
    const stop = listenForUnlock(() => setOn(true));
    return () => {
      live = false;
      stop();
    };
  }, [on]);
  return on;
}

/** The element's height, followed as it changes. */
function useHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.offsetHeight));
    observer.observe(el);
    setHeight(el.offsetHeight);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
