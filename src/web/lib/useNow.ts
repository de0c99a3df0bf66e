import { useEffect, useState } from 'react';

/** The time now, refreshed every `everyMs`, so waiting times move on their own. */
export function useNow(everyMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** The time now, updated just after each full second: a clock's seconds turn together with the wall's. */
export function useSecond(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      timer = setTimeout(tick, 1_000 - (Date.now() % 1_000) + 5);
    };
    timer = setTimeout(tick, 1_000 - (Date.now() % 1_000) + 5);
    return () => clearTimeout(timer);
  }, []);
  return now;
}
