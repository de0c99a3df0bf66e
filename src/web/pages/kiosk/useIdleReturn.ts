import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle after `timeoutMs` without a touch, so a kiosk left half-way returns to the start
 * for the next citizen. `stepKey` restarts the wait on every step; null timeout turns it off.
 */
export function useIdleReturn(timeoutMs: number | null, stepKey: unknown, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (timeoutMs === null) return;
    void stepKey; // only a dependency: each new step restarts the wait
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
  }, [timeoutMs, stepKey]);
}
