import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/**
 * Calls onIdle after `timeoutMs` without a touch, so a screen a citizen walked away from (the
 * kiosk half-way, a survey) is ready for the next person. `key` restarts the wait (a new step, a
 * new survey); a null timeout turns it off.
 */
export function useIdle(timeoutMs: number | null, key: unknown, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (timeoutMs === null) return;
    void key; // only a dependency: each new step restarts the wait
    let timer = setTimeout(() => callback.current(), timeoutMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), timeoutMs);
    };
    for (const type of ACTIVITY) window.addEventListener(type, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart);
    };
  }, [timeoutMs, key]);
}
