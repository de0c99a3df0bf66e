/**
 * "Check-in booking" at the counter: the officer types the code a citizen shows (or reads out);
 * inside the check-in window the booking becomes a ticket in the queue, and its number is shown.
 * Too early says when to come back; too late offers a walk-in ticket where the mall allows it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { CheckedIn } from '../../../api/booking';
import { ApiError, api } from '../../lib/api';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { Modal } from './Modal';
import { queueKey } from './useCounterQueue';

type Result = Static<typeof CheckedIn>;

interface Props {
  mall: string;
  counterId: string;
  /** the services this counter calls: a ticket of another service waits for another counter */
  servesServiceIds: string[];
  serviceName: (serviceId: string) => string;
  onClose: () => void;
}

/** Digits only: "4821 0937" and "4821-0937" are the same code. */
const cleanCode = (typed: string) => typed.replace(/[\s-]/g, '');

export function CheckInDialog({ mall, counterId, servesServiceIds, serviceName, onClose }: Props) {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const client = useQueryClient();
  const sessionLost = useSessionLost();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [walkInOffer, setWalkInOffer] = useState(false);
  const [done, setDone] = useState<Result | null>(null);
  const anotherRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // The pressed button goes away with each step: focus moves to what comes next.
  useEffect(() => {
    if (done) anotherRef.current?.focus();
    else inputRef.current?.focus();
  }, [done]);

  const send = async (asWalkIn: boolean) => {
    const typed = cleanCode(code);
    if (!typed) {
      setError(t('counter:checkIn.codeRequired'));
      return;
    }
    if (busy) return;
    setBusy(true);
    setError(null);
    setWalkInOffer(false);
    try {
      const res = await api.post<Result>(`/api/malls/${mall}/bookings/check-in`, {
        code: typed,
        ...(asWalkIn ? { asWalkIn: true } : {}),
      });
      setDone(res);
      void client.invalidateQueries({ queryKey: queueKey(mall, counterId) });
    } catch (err) {
      if (isUnauthorized(err)) void sessionLost();
      if (err instanceof ApiError) {
        setError(err.message);
        setWalkInOffer(err.code === 'too_late' && err.body.walkInAllowed === true);
      } else setError(t('common:error'));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };
  const again = () => {
    setDone(null);
    setCode('');
    setError(null);
  };

  const button = 'rounded-xl px-5 py-3 text-lg font-bold disabled:bg-slate-200 disabled:text-slate-500';
  return (
    <Modal labelledBy="check-in-heading" onClose={onClose} size="w-[40rem]">
      <div className="p-6">
        <h2 id="check-in-heading" className="text-2xl font-bold">
          {t('counter:checkIn.heading')}
        </h2>
        {done ? (
          <div data-testid="check-in-done">
            <p role="status" className="mt-3 text-lg">
              {done.asBooked
                ? t('counter:checkIn.done', {
                    start: i18n.language === 'en' ? done.booking.start : done.booking.start.replace(':', '.'),
                  })
                : t('counter:checkIn.doneWalkIn')}
            </p>
            <p className="mt-2 font-semibold text-slate-700">{t('counter:checkIn.number')}</p>
            <p data-testid="check-in-number" className="font-mono text-7xl leading-none font-black text-brand-900">
              {done.ticket.number}
            </p>
            <p className="mt-2 text-xl font-semibold">{serviceName(done.ticket.serviceId)}</p>
            {!servesServiceIds.includes(done.ticket.serviceId) && (
              <p className="mt-2 rounded-lg bg-amber-100 px-3 py-2 font-semibold text-amber-900">
                {t('counter:checkIn.otherCounter')}
              </p>
            )}
            <div className="mt-5 flex flex-wrap justify-end gap-3">
              <button
                ref={anotherRef}
                type="button"
                onClick={again}
                className="rounded-xl border-2 border-slate-600 px-5 py-3 text-lg font-semibold hover:bg-slate-100"
              >
                {t('counter:checkIn.another')}
              </button>
              <button
                type="button"
                onClick={onClose}
                className={`${button} bg-brand-700 text-white hover:bg-brand-800`}
              >
                {t('counter:checkIn.close')}
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} noValidate>
            <p className="mt-1 text-slate-700">{t('counter:checkIn.hint')}</p>
            <label htmlFor="check-in-code" className="mt-4 block font-semibold">
              {t('counter:checkIn.code')}
            </label>
            <input
              ref={inputRef}
              id="check-in-code"
              name="code"
              inputMode="numeric"
              autoComplete="off"
              maxLength={20}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'check-in-error' : undefined}
              className="mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2 font-mono text-3xl tracking-widest aria-[invalid=true]:border-red-700"
            />
            <div id="check-in-error" role="alert" className="mt-2 min-h-6 font-semibold text-red-800">
              {error}
            </div>
            <div className="mt-4 flex flex-wrap justify-end gap-3">
              <button
                type="button"
                onClick={onClose}
                className="rounded-xl border-2 border-slate-600 px-5 py-3 text-lg font-semibold hover:bg-slate-100"
              >
                {t('common:cancel')}
              </button>
              {walkInOffer && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void send(true)}
                  className={`${button} bg-slate-700 text-white hover:bg-slate-800`}
                >
                  {t('counter:checkIn.asWalkIn')}
                </button>
              )}
              <button type="submit" disabled={busy} className={`${button} bg-brand-700 text-white hover:bg-brand-800`}>
                {busy ? t('counter:checkIn.sending') : t('counter:checkIn.submit')}
              </button>
            </div>
          </form>
        )}
      </div>
    </Modal>
  );
}
