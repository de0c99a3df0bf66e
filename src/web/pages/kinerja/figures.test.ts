import { describe, expect, it } from 'vitest';
import { byUrgency, multiStopMean, percentPoint } from './figures';

const row = (stops: number, visits: number, meanMinutes: number | null) => ({
  stops,
  visits,
  meanMinutes,
  medianMinutes: meanMinutes,
  p90Minutes: meanMinutes,
});

describe('multiStopMean', () => {
  it('weighs the mean of each number of services by its visits, leaving single-service visits out', () => {
    expect(multiStopMean([row(1, 100, 20), row(2, 3, 50), row(3, 1, 90)])).toEqual({ visits: 4, meanMinutes: 60 });
  });

  it('says there is none when no visit had two services', () => {
    expect(multiStopMean([row(1, 5, 20)])).toEqual({ visits: 0, meanMinutes: null });
    expect(multiStopMean([])).toEqual({ visits: 0, meanMinutes: null });
    expect(multiStopMean([row(2, 0, null)])).toEqual({ visits: 0, meanMinutes: null });
  });
});

describe('percentPoint', () => {
  it('turns a share into a percentage with one decimal, and keeps a gap a gap', () => {
    expect(percentPoint(0.8756)).toBe(87.6);
    expect(percentPoint(1)).toBe(100);
    expect(percentPoint(null)).toBeNull();
  });
});

describe('byUrgency', () => {
  it('puts the units with applications overdue now first, then the ones that received most', () => {
    const rows = [
      { id: 'a', overdueNow: 0, received: 40 },
      { id: 'b', overdueNow: 2, received: 5 },
      { id: 'c', overdueNow: 0, received: 90 },
      { id: 'd', overdueNow: 7, received: 1 },
    ];
    expect([...rows].sort(byUrgency).map((r) => r.id)).toEqual(['d', 'b', 'c', 'a']);
  });
});
