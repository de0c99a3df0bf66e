import { describe, expect, it, vi } from 'vitest';
import { SpeechQueue, utteranceText } from './speech-queue';

/** A player that records what it was asked to play and lets the test finish each item. */
function recorder() {
  const played: string[] = [];
  const dones: (() => void)[] = [];
  const play = (item: string, done: () => void) => {
    played.push(item);
    dones.push(done);
  };
  return { played, dones, play };
}

describe('SpeechQueue', () => {
  it('plays one item at a time, in arrival order, none dropped', () => {
    const r = recorder();
    const q = new SpeechQueue(r.play, 10_000);
    q.push('a');
    q.push('b');
    q.push('c');
    expect(r.played).toEqual(['a']);
    expect(q.pending).toBe(2);
    r.dones[0]?.();
    expect(r.played).toEqual(['a', 'b']);
    r.dones[1]?.();
    r.dones[2]?.();
    expect(r.played).toEqual(['a', 'b', 'c']);
    expect(q.playing).toBe(false);
    q.push('d');
    expect(r.played).toEqual(['a', 'b', 'c', 'd']);
  });

  it('moves on after the safety timeout when the player never says done', () => {
    vi.useFakeTimers();
    try {
      const r = recorder();
      const q = new SpeechQueue(r.play, 10_000);
      for (const x of ['a', 'b', 'c']) q.push(x);
      vi.advanceTimersByTime(9_999);
      expect(r.played).toEqual(['a']);
      vi.advanceTimersByTime(1);
      expect(r.played).toEqual(['a', 'b']);
      vi.advanceTimersByTime(20_000);
      expect(r.played).toEqual(['a', 'b', 'c']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not skip an item when done comes twice (onend and the timeout)', () => {
    vi.useFakeTimers();
    try {
      const r = recorder();
      const q = new SpeechQueue(r.play, 10_000);
      for (const x of ['a', 'b', 'c']) q.push(x);
      r.dones[0]?.();
      r.dones[0]?.();
      vi.advanceTimersByTime(5_000);
      expect(r.played).toEqual(['a', 'b']);
      r.dones[1]?.();
      expect(r.played).toEqual(['a', 'b', 'c']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('goes on when the player throws or finishes at once', () => {
    const played: string[] = [];
    const q = new SpeechQueue<string>((item, done) => {
      played.push(item);
      if (item === 'boom') throw new Error('no speech here');
      done();
    });
    for (const x of ['a', 'boom', 'b']) q.push(x);
    expect(played).toEqual(['a', 'boom', 'b']);
    expect(q.playing).toBe(false);
  });

  it('plays nothing more once stopped', () => {
    const r = recorder();
    const q = new SpeechQueue(r.play);
    q.push('a');
    q.push('b');
    q.stop();
    r.dones[0]?.();
    q.push('c');
    expect(r.played).toEqual(['a']);
  });
});

describe('utteranceText', () => {
  it('says the number and the counter in Indonesian', () => {
    expect(utteranceText({ type: 'call', ticket: { number: 'A-023' }, counter: { number: 3 } })).toBe(
      'Nomor antrian A nol dua puluh tiga, silakan menuju loket tiga',
    );
  });
  it('announces a recall as such', () => {
    expect(utteranceText({ type: 'recall', ticket: { number: 'B-101' }, counter: { number: 12 } })).toBe(
      'Panggilan ulang. Nomor antrian Be seratus satu, silakan menuju loket dua belas',
    );
  });
});
