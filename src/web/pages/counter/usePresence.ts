/**
 * What the officer says of the counter (issue #12): open, on a break, or closed for the day. The
 * wait estimates count the counters open, so the console says "open" once the officer sits at a
 * counter, and "closed" when they leave it (another counter, signing out).
 *
 * Whether this tab already said so for the counter is kept in sessionStorage: a reload during a
 * break keeps the break, while choosing the counter or signing in again opens it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterPresence, CounterQueue } from '../../../api/queue';
import { ApiError, api } from '../../lib/api';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { queueKey } from './useCounterQueue';

export type PresenceState = CounterPresence['state'];

const LEAVE_WAIT_MS = 3_000;

const saidKey = (mall: string, counterId: string) => `loket.counter.presence.${mall}.${counterId}`;

function said(mall: string, counterId: string): boolean {
  try {
    return sessionStorage.getItem(saidKey(mall, counterId)) !== null;
  } catch {
    return false;
  }
}

function remember(mall: string, counterId: string, on: boolean): void {
  try {
    if (on) sessionStorage.setItem(saidKey(mall, counterId), '1');
    else sessionStorage.removeItem(saidKey(mall, counterId));
  } catch {
    // private mode: a reload then opens the counter again
  }
}

export function usePresence(mall: string, counterId: string, queue: CounterQueue | undefined) {
  const { t } = useTranslation(['counter', 'common']);
  const client = useQueryClient();
  const sessionLost = useSessionLost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = `/api/malls/${mall}/counters/${counterId}/presence`;
  const key = queueKey(mall, counterId);

  const post = async (state: PresenceState): Promise<boolean> => {
    const done = await api.post<CounterPresence>(path, { state });
    client.setQueryData<CounterQueue>(key, (old) =>
      old ? { ...old, counter: { ...old.counter, presence: { state: done.state, since: done.since } } } : old,
    );
    remember(mall, counterId, done.state !== 'closed');
    return true;
  };

  const set = async (state: PresenceState): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      return await post(state);
    } catch (err) {
      if (isUnauthorized(err)) void sessionLost();
      setError(err instanceof ApiError ? err.message : t('common:error'));
      return false;
    } finally {
      setBusy(false);
    }
  };

  // Sitting down at the counter opens it, unless this tab already said something of it today
  // (a reload on a break stays on the break).
  const opened = useRef(false);
  const loaded = queue !== undefined;
  const presence = queue?.counter.presence ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the counter's queue first arrives
  useEffect(() => {
    if (!loaded || opened.current) return;
    opened.current = true;
    if (presence === null || !said(mall, counterId)) void set('open');
  }, [loaded]);

  return {
    /** null until something was said today: the counter counts as open while it calls */
    state: presence?.state ?? null,
    since: presence?.since ?? null,
    busy,
    error,
    dismissError: () => setError(null),
    set,
    /** Leaving the counter (another counter, signing out): closed, whatever the answer. */
    leave: async () => {
      // Leaving is not held up by a slow or failed answer: a few seconds at most.
      const wait = new Promise<void>((resolve) => setTimeout(resolve, LEAVE_WAIT_MS));
      await Promise.race([post('closed').catch(() => {}), wait]);
      remember(mall, counterId, false);
    },
  };
}
