import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  formatDateId,
  formatPeriodId,
  ikmChange,
  isCalendarDate,
  parsePeriod,
  periodDays,
  previousPeriod,
  profileBreakdown,
} from './skm-report.js';

describe('periods', () => {
  it('counts the days of a period, both ends included', () => {
    expect(periodDays({ from: '2026-11-30', to: '2026-11-30' })).toBe(1);
    expect(periodDays({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
    expect(periodDays({ from: '2024-02-01', to: '2024-03-01' })).toBe(30);
    expect(periodDays({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
  });

  it('steps whole months back by months, anything else by days', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-10-01', to: '2026-12-31' })).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-11-30', to: '2026-11-30' })).toEqual({ from: '2026-11-29', to: '2026-11-29' });
    expect(previousPeriod({ from: '2026-11-16', to: '2026-11-30' })).toEqual({ from: '2026-11-01', to: '2026-11-15' });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-07' })).toEqual({ from: '2024-02-23', to: '2024-02-29' });
    // not a whole month at the end: by days
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-29' })).toEqual({ from: '2026-10-03', to: '2026-10-31' });
  });

  it('reads the period shortcuts, and refuses the rest', () => {
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(parsePeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(parsePeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('2026-q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2026-S2')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    for (const bad of ['2026-13', '2026-00', '2026-S3', '2026-Q5', '26', '2026-1', 'Q4', '']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it('knows a real calendar day', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('writes dates and periods as Indonesian reports do', () => {
    expect(formatDateId('2026-11-01')).toBe('1 November 2026');
    expect(formatPeriodId({ from: '2026-11-01', to: '2026-11-30' })).toBe('November 2026');
    expect(formatPeriodId({ from: '2026-10-01', to: '2026-12-31' })).toBe('Triwulan IV 2026');
    expect(formatPeriodId({ from: '2026-01-01', to: '2026-06-30' })).toBe('Semester I 2026');
    expect(formatPeriodId({ from: '2026-01-01', to: '2026-12-31' })).toBe('Tahun 2026');
    expect(formatPeriodId({ from: '2026-02-01', to: '2026-04-30' })).toBe('1 Februari - 30 April 2026');
    expect(formatPeriodId({ from: '2026-11-30', to: '2026-11-30' })).toBe('30 November 2026');
    expect(formatPeriodId({ from: '2026-11-01', to: '2026-11-15' })).toBe('1 - 15 November 2026');
    expect(formatPeriodId({ from: '2025-12-20', to: '2026-01-05' })).toBe('20 Desember 2025 - 5 Januari 2026');
  });
});

describe('profile breakdown', () => {
  it('lists every option in order, folds ages into groups and gives shares', () => {
    const p = profileBreakdown(
      {
        sex: [{ value: 'P', count: 3 }],
        age: [
          { value: 19, count: 1 },
          { value: 34, count: 1 },
          { value: 39, count: 1 },
          { value: 60, count: 1 },
        ],
        education: [
          { value: 'S1', count: 2 },
          { value: 'SMA', count: 2 },
        ],
        occupation: [{ value: 'PNS', count: 4 }],
      },
      4,
    );
    expect(p.sex).toEqual([
      { key: 'L', label: { id: 'Laki-laki', en: 'Male' }, count: 0, percent: 0 },
      { key: 'P', label: { id: 'Perempuan', en: 'Female' }, count: 3, percent: 75 },
    ]);
    expect(p.ageGroup.map((r) => [r.key, r.count])).toEqual([
      ['15-19', 1],
      ['20-29', 0],
      ['30-39', 2],
      ['40-49', 0],
      ['50-59', 0],
      ['60+', 1],
    ]);
    expect(p.education.map((r) => r.key)).toEqual(['SD', 'SMP', 'SMA', 'D1-D3', 'S1', 'S2', 'S3']);
    expect(p.education.find((r) => r.key === 'S1')?.percent).toBe(50);
    expect(p.occupation[0]).toMatchObject({ key: 'PNS', count: 4, percent: 100 });
    const third = profileBreakdown({ sex: [{ value: 'L', count: 1 }], age: [], education: [], occupation: [] }, 3);
    expect(third.sex[0]?.percent).toBe(33.33);
    expect(profileBreakdown({ sex: [], age: [], education: [], occupation: [] }, 0).sex[0]?.percent).toBe(0);
  });
});

describe('comparison and file names', () => {
  it('gives the change in IKM to the hundredth, or null', () => {
    expect(ikmChange(88.31, 76.6)).toBe(11.71);
    expect(ikmChange(70, 80.05)).toBe(-10.05);
    expect(ikmChange(null, 80)).toBeNull();
    expect(ikmChange(80, null)).toBeNull();
  });

  it('names the export by mall, unit and period', () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(exportFileName('blora', null, period, 'pdf')).toBe('skm-blora-2026-11-01-2026-11-30.pdf');
    expect(exportFileName('blora', 'DINDUKCAPIL', period, 'xlsx')).toBe(
      'skm-blora-dindukcapil-2026-11-01-2026-11-30.xlsx',
    );
  });
});
