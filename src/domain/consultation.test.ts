import { describe, expect, it } from 'vitest';
import { canPublish, faqOf } from './consultation.js';

describe('consultation', () => {
  it('publishes only what has an answer', () => {
    expect(canPublish('answered')).toBe(true);
    expect(canPublish('open')).toBe(false);
  });

  it('lists the FAQ newest answer first, cut to the limit', () => {
    const e = (q: string, at: number) => ({ question: q, answer: `a ${q}`, answeredAt: at });
    expect(faqOf([e('a', 1), e('b', 3), e('c', 2)]).map((x) => x.question)).toEqual(['b', 'c', 'a']);
    expect(faqOf([e('a', 1), e('b', 3), e('c', 2)], 2)).toHaveLength(2);
  });
});
