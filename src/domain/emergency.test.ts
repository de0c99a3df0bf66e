import { describe, expect, it } from 'vitest';
import { checkEmergencyStep, emergencyFigures, laterView, median, responseTimeMs } from './emergency.js';

describe('the steps of an emergency', () => {
  it('is taken once, while nobody has it', () => {
    expect(checkEmergencyStep('reported', 'take')).toEqual({ ok: true });
    expect(checkEmergencyStep('taken', 'take')).toEqual({ ok: false, reason: 'already_taken' });
    expect(checkEmergencyStep('closed', 'take')).toEqual({ ok: false, reason: 'already_closed' });
  });

  it('is closed once, taken or not', () => {
    expect(checkEmergencyStep('taken', 'close')).toEqual({ ok: true });
    expect(checkEmergencyStep('reported', 'close')).toEqual({ ok: true });
    expect(checkEmergencyStep('closed', 'close')).toEqual({ ok: false, reason: 'already_closed' });
  });
});

describe('the response time', () => {
  it('runs from the report to the take', () => {
    expect(responseTimeMs(1_000, 46_000)).toBe(45_000);
    expect(responseTimeMs(1_000, null)).toBeNull();
    // clocks of two processes may differ by a little: never negative
    expect(responseTimeMs(1_000, 900)).toBe(0);
  });

  it('has a median of the middle values', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });
});

describe("a screen's view of a report", () => {
  const v = (status: 'reported' | 'taken' | 'closed', n: number) => ({ status, n });
  it('keeps the view further along, whatever order they came in', () => {
    expect(laterView(undefined, v('reported', 1))).toEqual(v('reported', 1));
    expect(laterView(v('taken', 1), v('reported', 2))).toEqual(v('taken', 1));
    expect(laterView(v('taken', 1), v('closed', 2))).toEqual(v('closed', 2));
    expect(laterView(v('closed', 1), v('taken', 2))).toEqual(v('closed', 1));
    // the same step again (a replay): the newer copy
    expect(laterView(v('taken', 1), v('taken', 2))).toEqual(v('taken', 2));
  });
});

describe("a period's figures", () => {
  it('counts each kind with its median and longest response, and the unanswered', () => {
    const figures = emergencyFigures([
      { kind: 'medical', reportedAt: 0, takenAt: 30_000 },
      { kind: 'medical', reportedAt: 0, takenAt: 90_000 },
      { kind: 'medical', reportedAt: 0, takenAt: 60_000 },
      { kind: 'fire', reportedAt: 0, takenAt: 10_000 },
      { kind: 'lost_child', reportedAt: 0, takenAt: null },
    ]);
    expect(figures).toEqual({
      count: 5,
      unanswered: 1,
      perKind: [
        { kind: 'lost_child', count: 1, medianResponseMs: null, maxResponseMs: null },
        { kind: 'medical', count: 3, medianResponseMs: 60_000, maxResponseMs: 90_000 },
        { kind: 'fire', count: 1, medianResponseMs: 10_000, maxResponseMs: 10_000 },
      ],
      medianResponseMs: 45_000,
      maxResponseMs: 90_000,
    });
  });

  it('is empty for no reports', () => {
    expect(emergencyFigures([])).toEqual({
      count: 0,
      unanswered: 0,
      perKind: [],
      medianResponseMs: null,
      maxResponseMs: null,
    });
  });
});
