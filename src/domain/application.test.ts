import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  checkStep,
  finishedInTime,
  isOverdue,
  standardPeriod,
  tallyApplications,
} from './application.js';
import { dueDateOf } from './due-date.js';
import type { SpecialDay } from './schedule.js';

describe('applications after the counter', () => {
  it('take the steps the agency works in, and name what is missing or why it was rejected', () => {
    expect(checkStep('diterima', 'diproses', null)).toEqual({ ok: true });
    expect(checkStep('diproses', 'perlu_perbaikan', 'Fotokopi akta kelahiran belum ada')).toEqual({ ok: true });
    expect(checkStep('diproses', 'perlu_perbaikan', '  ')).toEqual({ ok: false, reason: 'note_required' });
    expect(checkStep('perlu_perbaikan', 'diproses', null)).toEqual({ ok: true });
    expect(checkStep('diproses', 'siap_diambil', null)).toEqual({ ok: true });
    expect(checkStep('siap_diambil', 'diambil', null)).toEqual({ ok: true });
    expect(checkStep('diterima', 'ditolak', null)).toEqual({ ok: false, reason: 'note_required' });
    // no way back from the end, and no collecting what is not ready
    expect(checkStep('diambil', 'diproses', null)).toEqual({ ok: false, reason: 'state', allowed: [] });
    expect(checkStep('diproses', 'diambil', null)).toMatchObject({ ok: false, reason: 'state' });
    expect(checkStep('siap_diambil', 'ditolak', 'x')).toEqual({ ok: false, reason: 'state', allowed: ['diambil'] });
    // every status reaches an end
    const ends = new Set(['selesai', 'diambil', 'ditolak']);
    for (const s of APPLICATION_STATUSES) {
      const seen = new Set<string>([s]);
      const queue = [s];
      let ended = ends.has(s);
      while (queue.length > 0) {
        const from = queue.shift() as (typeof APPLICATION_STATUSES)[number];
        for (const to of APPLICATION_STATUSES) {
          if (checkStep(from, to, 'catatan').ok && !seen.has(to)) {
            seen.add(to);
            queue.push(to);
            if (ends.has(to)) ended = true;
          }
        }
      }
      expect(ended, s).toBe(true);
    }
  });

  it('read the period from the published standard time', () => {
    expect(standardPeriod('14 hari kerja')).toEqual({ unit: 'working_days', n: 14 });
    expect(standardPeriod('7 hari kerja setelah pembayaran')).toEqual({ unit: 'working_days', n: 7 });
    expect(standardPeriod('7 hari')).toEqual({ unit: 'days', n: 7 });
    expect(standardPeriod('Paling lama 3 bulan')).toEqual({ unit: 'months', n: 3 });
    expect(standardPeriod('60 menit')).toEqual({ unit: 'same_day' });
    expect(standardPeriod('Sesuai jadwal persidangan')).toBeNull();
  });

  it('are due in working days across Idul Fitri with its cuti bersama, a weekend and a day the mall closed', () => {
    // 2026: Nyepi Thu 19 March, Idul Fitri Fri 20 and Sat 21 March (national holidays); the mall
    // enters the cuti bersama Mon 23 and Tue 24 March, and closes on Fri 27 March (its own)
    const closed = new Set(['2026-03-23', '2026-03-24', '2026-03-27']);
    const special = (date: string): SpecialDay | null => (closed.has(date) ? { date, spans: [], note: 'tutup' } : null);
    // received Wed 18 March, 3 working days: Wed 25, Thu 26, Mon 30
    expect(dueDateOf('2026-03-18', { unit: 'working_days', n: 3 }, special)).toBe('2026-03-30');
    // without the mall's own days only the national holidays and the weekend count: Mon 23, Tue 24, Wed 25
    expect(dueDateOf('2026-03-18', { unit: 'working_days', n: 3 }, () => null)).toBe('2026-03-25');
    expect(dueDateOf('2026-03-18', { unit: 'days', n: 7 }, special)).toBe('2026-03-25');
    expect(dueDateOf('2026-01-31', { unit: 'months', n: 1 }, special)).toBe('2026-02-28');
    expect(dueDateOf('2026-11-30', { unit: 'months', n: 3 }, special)).toBe('2027-02-28');
    expect(dueDateOf('2026-03-18', { unit: 'same_day' }, special)).toBe('2026-03-18');
  });

  it('are late when still open after the due date; finished in time when ready by it', () => {
    expect(isOverdue('diproses', '2026-03-30', '2026-03-31')).toBe(true);
    expect(isOverdue('diproses', '2026-03-30', '2026-03-30')).toBe(false);
    expect(isOverdue('siap_diambil', '2026-03-30', '2026-04-10')).toBe(false);
    expect(isOverdue('diproses', null, '2026-04-10')).toBe(false);
    expect(finishedInTime('2026-03-30', '2026-03-30')).toBe(true);
    expect(finishedInTime('2026-03-31', '2026-03-30')).toBe(false);
    expect(finishedInTime(null, '2026-03-30')).toBeNull();
  });
});

describe('the evaluation of applications', () => {
  it('counts those ready by their due date, those still open and late today, and the days to ready', () => {
    const t = tallyApplications(
      [
        { status: 'diambil', receivedDate: '2026-11-02', dueDate: '2026-11-09', readyDate: '2026-11-06' }, // 4 days, in time
        { status: 'siap_diambil', receivedDate: '2026-11-02', dueDate: '2026-11-04', readyDate: '2026-11-10' }, // 8 days, late
        { status: 'selesai', receivedDate: '2026-11-03', dueDate: null, readyDate: '2026-11-03' }, // no standard: counted in time
        { status: 'diproses', receivedDate: '2026-11-20', dueDate: '2026-11-27', readyDate: null }, // open, late today
        { status: 'perlu_perbaikan', receivedDate: '2026-11-25', dueDate: '2026-12-02', readyDate: null }, // open, not late
        { status: 'ditolak', receivedDate: '2026-11-05', dueDate: '2026-11-12', readyDate: null },
      ],
      '2026-11-30',
    );
    expect(t).toEqual({
      received: 6,
      ready: 3,
      withinStandard: 2,
      withinShare: 2 / 3,
      rejected: 1,
      open: 2,
      overdueNow: 1,
      meanDaysToReady: 4,
    });
    expect(tallyApplications([], '2026-11-30')).toMatchObject({
      received: 0,
      withinShare: null,
      meanDaysToReady: null,
    });
  });
});
