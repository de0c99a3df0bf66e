import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPublic, TicketStop } from '../../../api/queue';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { clockAt, reasonKey, spanOf } from '../../lib/estimate';
import en from './route.i18n.en.json';
import id from './route.i18n.id.json';

// Loaded with the route only: a plain ticket's page does not download these words.
addTranslations('ticket', { id, en });

interface Props {
  ticket: TicketPublic;
  token: string;
  onChanged: (ticket: TicketPublic) => void;
}

const TONE: Record<TicketStop['status'], string> = {
  waiting: 'border-slate-300 bg-white',
  called: 'border-accent-500 bg-accent-400 text-slate-950',
  serving: 'border-brand-700 bg-brand-50 text-brand-900',
  done: 'border-green-700 bg-green-50 text-green-950',
  no_show: 'border-slate-300 bg-slate-100 text-slate-800',
  cancelled: 'border-slate-300 bg-slate-100 text-slate-800',
};

const MARK: Record<TicketStop['status'], string> = {
  waiting: 'bg-slate-200 text-slate-900',
  called: 'bg-slate-950 text-accent-400',
  serving: 'bg-brand-700 text-white',
  done: 'bg-green-700 text-white',
  no_show: 'bg-slate-300 text-slate-900',
  cancelled: 'bg-slate-300 text-slate-900',
};

/**
 * "Rute Anda": every service the number waits for, in order, as it stands now — done ✓, called or
 * being served at a counter (highlighted), or waiting with the people ahead and the expected call
 * — and "Batalkan" for a stop still waiting that the citizen no longer needs.
 */
export function RouteList({ ticket, token, onChanged }: Props) {
  const { t } = useTranslation(['ticket', 'common']);
  const keys = stopKeys(ticket.stops);
  const atCounter = ticket.stops.some((s) => s.status === 'called' || s.status === 'serving');
  return (
    <section aria-labelledby="route-heading" data-testid="route" className="rounded-2xl bg-white p-4 shadow">
      <h2 id="route-heading" tabIndex={-1} className="text-lg font-bold text-brand-900">
        {t('ticket:route.heading')}
      </h2>
      <p className="text-sm text-slate-700">
        {t('ticket:route.intro', { count: ticket.stops.filter((s) => s.status !== 'cancelled').length })}
      </p>
      <ol className="mt-3 flex flex-col gap-3">
        {ticket.stops.map((stop, i) => (
          <Stop
            key={keys[i]}
            stop={stop}
            index={i}
            timeZone={ticket.timeZone}
            first={firstOf(stop, ticket.stops)}
            token={token}
            onChanged={onChanged}
          />
        ))}
      </ol>
      {/* while the citizen is at one counter, the other lines skip them without losing their place */}
      {atCounter && ticket.stops.some((s) => s.status === 'waiting') ? (
        <p className="mt-3 text-sm text-slate-700">{t('ticket:route.placeKept')}</p>
      ) : null}
    </section>
  );
}

/** A key per stop: its service, and a count where a service cancelled and added again is two stops. */
function stopKeys(stops: readonly TicketStop[]): string[] {
  const seen = new Map<string, number>();
  return stops.map((s) => {
    const n = (seen.get(s.serviceId) ?? 0) + 1;
    seen.set(s.serviceId, n);
    return n === 1 ? s.serviceId : `${s.serviceId}#${n}`;
  });
}

/** The stop that must be done before this one (an agency's rule, e.g. the new KK first), while it is not. */
function firstOf(stop: TicketStop, stops: readonly TicketStop[]): TicketStop | undefined {
  if (!stop.after || stop.status !== 'waiting') return undefined;
  return stops.find((s) => s.serviceId === stop.after && s.status !== 'done' && s.status !== 'cancelled');
}

function Stop({
  stop,
  index,
  timeZone,
  first,
  token,
  onChanged,
}: {
  stop: TicketStop;
  index: number;
  timeZone: string;
  /** the stop to be done first, if any */
  first: TicketStop | undefined;
  token: string;
  onChanged: (ticket: TicketPublic) => void;
}) {
  const { t, i18n } = useTranslation(['ticket', 'common']);
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const cancel = useMutation({
    mutationFn: () =>
      api.post<TicketPublic>(
        `/api/tickets/${encodeURIComponent(token)}/stops/${encodeURIComponent(stop.serviceId)}/cancel`,
        {},
      ),
    onSuccess: (changed) => {
      setConfirming(false);
      onChanged(changed);
    },
  });
  useEffect(() => {
    // the safe answer takes focus when the question opens; "Batalkan" gets it back when it closes
    // (or, once the stop is cancelled and the button gone, the route's heading)
    if (confirming) keepRef.current?.focus();
    else if (wasOpen.current) (openRef.current ?? document.getElementById('route-heading'))?.focus();
  }, [confirming]);

  const counter = stop.counter ? t('common:counter', { number: stop.counter.number }) : null;
  const label = `${stop.agencyShortName} — ${stop.serviceName}`;
  const line =
    stop.status === 'done'
      ? `✓ ${t('common:status.done')}`
      : stop.status === 'called'
        ? counter
          ? t('ticket:route.calledAt', { counter })
          : t('common:status.called')
        : stop.status === 'serving'
          ? counter
            ? t('ticket:route.servingAt', { counter })
            : t('common:status.serving')
          : stop.status === 'waiting'
            ? t('ticket:route.waiting', { count: stop.peopleAhead })
            : t(`common:status.${stop.status}`);
  const reason = stop.status === 'waiting' && !stop.estimate ? reasonKey(stop.estimateReason) : null;
  const lively = stop.status === 'called' || stop.status === 'serving';

  return (
    <li
      data-testid="route-stop"
      data-status={stop.status}
      className={`rounded-xl border-2 p-3 ${lively ? 'border-4 shadow-md' : ''} ${TONE[stop.status]}`}
    >
      <div className="flex items-start gap-3">
        <span
          aria-hidden="true"
          className={`flex size-8 shrink-0 items-center justify-center rounded-full text-base font-extrabold ${MARK[stop.status]}`}
        >
          {stop.status === 'done' ? '✓' : index + 1}
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-base leading-snug">
            <span lang="id" className="font-bold">
              {stop.agencyShortName}
            </span>
            <span className="block text-sm leading-snug">{stop.serviceName}</span>
          </p>
          <p data-testid="stop-status" className={`mt-1 font-bold ${lively ? 'text-lg' : 'text-base'}`}>
            {line}
          </p>
          {stop.status === 'waiting' && stop.estimate ? (
            <p data-testid="stop-estimate" className="text-sm text-slate-800">
              {t('ticket:route.callAt', { time: clockAt(stop.estimate.callAt, timeZone, i18n.language) })} (
              {t('ticket:estimate.in', spanOf(stop.estimate.lowMinutes, stop.estimate.highMinutes))})
            </p>
          ) : null}
          {first ? (
            <p data-testid="stop-after" className="text-sm font-semibold text-slate-800">
              {t('ticket:route.after', { service: first.agencyShortName })}
            </p>
          ) : null}
          {reason ? (
            <p data-testid="stop-estimate" className="text-sm text-slate-800">
              {t(reason)}
            </p>
          ) : null}
        </div>
      </div>
      {stop.status === 'waiting' && !confirming ? (
        <button
          ref={openRef}
          type="button"
          onClick={() => {
            cancel.reset();
            wasOpen.current = true;
            setConfirming(true);
          }}
          aria-label={t('ticket:route.cancelLabel', { service: label })}
          className="mt-2 min-h-11 w-full rounded-lg border-2 border-slate-500 bg-white px-3 text-base font-semibold text-slate-900"
        >
          {t('ticket:route.cancel')}
        </button>
      ) : null}
      {stop.status === 'waiting' && confirming ? (
        <fieldset aria-describedby={hintId} className="mt-2 rounded-lg border-2 border-red-700 bg-red-50 p-3">
          <legend className="float-left text-base font-semibold text-red-950">
            {t('ticket:route.confirm', { service: label })}
          </legend>
          <p id={hintId} className="clear-left pt-1 text-sm text-red-950">
            {t('ticket:route.confirmHint')}
          </p>
          <div className="mt-2 flex flex-col gap-2">
            <button
              type="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate()}
              className="min-h-11 rounded-lg bg-red-700 px-3 text-base font-bold text-white"
            >
              {t('ticket:route.confirmYes')}
            </button>
            <button
              ref={keepRef}
              type="button"
              onClick={() => setConfirming(false)}
              className="min-h-11 rounded-lg border-2 border-slate-600 bg-white px-3 text-base font-semibold text-slate-900"
            >
              {t('ticket:route.confirmNo')}
            </button>
          </div>
        </fieldset>
      ) : null}
      {cancel.error ? (
        <p role="alert" className="mt-2 text-base font-semibold text-red-800">
          {cancel.error instanceof ApiError ? cancel.error.message : t('common:error')}
        </p>
      ) : null}
    </li>
  );
}
