/**
 * The order in which the hall hears its calls: one at a time, none dropped. Pure (no DOM), so the
 * order and the safety timeout are unit-tested in node; the browser part is in voice.ts.
 */
import type { CallEvent } from '../../../api/events';
import { callSentence } from '../../../domain/speech';

/** Plays one item and calls done when it has finished (done may be called more than once). */
export type Player<T> = (item: T, done: () => void) => void;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A queue that plays one item at a time. It moves on when the player says done, or after
 * timeoutMs, because a browser without voices (or a headless one) may never fire onend.
 */
export class SpeechQueue<T> {
  private readonly items: T[] = [];
  private busy = false;
  private stopped = false;

  constructor(
    private readonly play: Player<T>,
    private readonly timeoutMs = 10_000,
    private readonly timers: Timers = realTimers,
  ) {}

  push(item: T): void {
    if (this.stopped) return;
    this.items.push(item);
    this.next();
  }

  /** Items waiting behind the one playing. */
  get pending(): number {
    return this.items.length;
  }

  get playing(): boolean {
    return this.busy;
  }

  /** Forgets what is waiting and plays nothing more (the page is going away). */
  stop(): void {
    this.stopped = true;
    this.items.length = 0;
  }

  private next(): void {
    if (this.busy || this.stopped) return;
    const item = this.items.shift();
    if (item === undefined) return;
    this.busy = true;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.timers.clear(handle);
      this.busy = false;
      this.next();
    };
    const handle = this.timers.set(finish, this.timeoutMs);
    try {
      this.play(item, finish);
    } catch {
      finish();
    }
  }
}

type Spoken = Pick<CallEvent, 'type'> & { ticket: { number: string }; counter: { number: number } };

/** The Indonesian sentence for a call; a recall says so first. Always Indonesian: it is the hall's language. */
export function utteranceText(call: Spoken): string {
  const sentence = callSentence(call.ticket.number, call.counter.number);
  return call.type === 'recall' ? `Panggilan ulang. ${sentence}` : sentence;
}
