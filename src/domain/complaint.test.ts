import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedSteps,
  answerDueDate,
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  checkComplaintStep,
  currentDueDate,
  isComplaintOverdue,
  isMallStep,
  OPEN_COMPLAINT,
  tallyComplaints,
  verifyDueDate,
} from './complaint.js';

// 2026: Nyepi Thu 19 March, Idul Fitri Fri 20 and Sat 21 March; the mall enters the cuti bersama
// Mon 23 and Tue 24 March as closed days, and closes on Fri 27 March for its own reason.
const closed = new Set(['2026-03-23', '2026-03-24', '2026-03-27']);
const calendar = (date: string) => (closed.has(date) ? { date, spans: [], note: 'tutup' } : null);

describe('a complaint’s course', () => {
  it('goes received → verified → sent to an agency → answered → done, or is refused with a reason', () => {
    const today = '2026-03-18';
    expect(checkComplaintStep('diterima', 'terverifikasi', { track: 14 }, today)).toEqual({ ok: true });
    expect(checkComplaintStep('diterima', 'terverifikasi', {}, today)).toEqual({ ok: true });
    expect(checkComplaintStep('terverifikasi', 'didisposisi', { agencyId: 'a1' }, today)).toEqual({ ok: true });
    expect(checkComplaintStep('didisposisi', 'ditindaklanjuti', { note: 'Sudah kami perbaiki' }, today)).toEqual({
      ok: true,
    });
    expect(checkComplaintStep('ditindaklanjuti', 'selesai', {}, today)).toEqual({ ok: true });
    expect(checkComplaintStep('diterima', 'ditolak', { note: 'Bukan pengaduan' }, today)).toEqual({ ok: true });
    expect(checkComplaintStep('diterima', 'bukan_wewenang', { note: 'Wewenang provinsi' }, today)).toEqual({
      ok: true,
    });
  });

  it('allows exactly these steps, from every status to every other', () => {
    const allowed: Record<ComplaintStatus, ComplaintStatus[]> = {
      diterima: ['terverifikasi', 'ditolak', 'bukan_wewenang'],
      terverifikasi: ['didisposisi'],
      didisposisi: ['didisposisi', 'ditindaklanjuti', 'tunda'],
      tunda: ['ditindaklanjuti', 'tunda'],
      ditindaklanjuti: ['selesai'],
      selesai: [],
      ditolak: [],
      bukan_wewenang: [],
    };
    // everything a step could need, so only the state decides
    const full = { note: 'alasan', agencyId: 'a1', track: 5, dueDate: '2026-04-30' };
    for (const from of COMPLAINT_STATUSES) {
      for (const to of COMPLAINT_STATUSES) {
        const check = checkComplaintStep(from, to, full, '2026-03-18');
        expect(check.ok, `${from} → ${to}`).toBe(allowed[from].includes(to));
        if (!check.ok) expect(check).toEqual({ ok: false, reason: 'state', allowed: allowed[from] });
      }
    }
  });

  it('refuses a step its status does not allow, naming the allowed ones', () => {
    expect(checkComplaintStep('diterima', 'selesai', {}, '2026-03-18')).toEqual({
      ok: false,
      reason: 'state',
      allowed: ['terverifikasi', 'ditolak', 'bukan_wewenang'],
    });
    expect(checkComplaintStep('selesai', 'ditindaklanjuti', { note: 'x' }, '2026-03-18').ok).toBe(false);
    expect(checkComplaintStep('ditolak', 'terverifikasi', {}, '2026-03-18').ok).toBe(false);
  });

  it('asks for what each step must say: a reason, the answer, the agency, a later date, a known track', () => {
    const today = '2026-03-18';
    expect(checkComplaintStep('diterima', 'ditolak', { note: '  ' }, today)).toEqual({
      ok: false,
      reason: 'missing',
      field: 'note',
    });
    expect(checkComplaintStep('didisposisi', 'ditindaklanjuti', {}, today)).toMatchObject({ field: 'note' });
    expect(checkComplaintStep('terverifikasi', 'didisposisi', {}, today)).toMatchObject({ field: 'agencyId' });
    expect(checkComplaintStep('diterima', 'terverifikasi', { track: 7 }, today)).toEqual({
      ok: false,
      reason: 'bad_track',
    });
    expect(checkComplaintStep('didisposisi', 'tunda', { note: 'Menunggu survei lapangan' }, today)).toMatchObject({
      field: 'dueDate',
    });
    expect(checkComplaintStep('didisposisi', 'tunda', { note: 'Menunggu survei', dueDate: today }, today)).toEqual({
      ok: false,
      reason: 'past_date',
    });
    expect(
      checkComplaintStep('didisposisi', 'tunda', { note: 'Menunggu survei', dueDate: '2026-04-01' }, today),
    ).toEqual({ ok: true });
  });

  it('leaves verification and disposition to the mall, the answer to the agency', () => {
    expect(isMallStep('terverifikasi')).toBe(true);
    expect(isMallStep('didisposisi')).toBe(true);
    expect(isMallStep('ditolak')).toBe(true);
    expect(isMallStep('ditindaklanjuti')).toBe(false);
    expect(isMallStep('tunda')).toBe(false);
  });

  it('always ends: from every status, following allowed steps never returns to an earlier stage', () => {
    const stage: Record<ComplaintStatus, number> = {
      diterima: 0,
      terverifikasi: 1,
      didisposisi: 2,
      tunda: 2,
      ditindaklanjuti: 3,
      selesai: 4,
      ditolak: 4,
      bukan_wewenang: 4,
    };
    fc.assert(
      fc.property(fc.constantFrom(...COMPLAINT_STATUSES), (from) => {
        for (const to of allowedSteps(from)) expect(stage[to]).toBeGreaterThanOrEqual(stage[from]);
        // a closed complaint goes nowhere; an open one always has somewhere to go
        expect(allowedSteps(from).length > 0).toBe(OPEN_COMPLAINT.includes(from) || from === 'ditindaklanjuti');
      }),
    );
  });
});

describe('a complaint’s deadlines in working days', () => {
  it('counts around Idul Fitri’s holidays, the cuti bersama, a weekend and the mall’s own closed day', () => {
    // received Wed 18 March: Thu 19 (Nyepi), Fri 20 and Sat 21 (Idul Fitri), Sun 22, Mon 23 and
    // Tue 24 (cuti bersama) do not count: Wed 25, Thu 26, (Fri 27 closed), Mon 30
    expect(verifyDueDate('2026-03-18', calendar)).toBe('2026-03-30');
    expect(verifyDueDate('2026-03-18', () => null)).toBe('2026-03-25');
    // sent to the agency on Mon 16 March, ordinary track: Tue 17, Wed 18, Wed 25, Thu 26, Mon 30
    expect(answerDueDate('2026-03-16', 5, calendar)).toBe('2026-03-30');
    expect(answerDueDate('2026-03-16', 14, calendar)).toBe('2026-04-13');
  });

  it('shows the deadline that stands now, and is late only while still open after it', () => {
    const dates = { verifyDue: '2026-03-30', answerDue: '2026-04-10' };
    expect(currentDueDate('diterima', dates)).toBe('2026-03-30');
    expect(currentDueDate('didisposisi', dates)).toBe('2026-04-10');
    expect(currentDueDate('tunda', dates)).toBe('2026-04-10');
    expect(currentDueDate('ditindaklanjuti', dates)).toBeNull();
    expect(isComplaintOverdue('diterima', '2026-03-30', '2026-03-31')).toBe(true);
    expect(isComplaintOverdue('diterima', '2026-03-30', '2026-03-30')).toBe(false);
    expect(isComplaintOverdue('ditolak', '2026-03-30', '2026-04-30')).toBe(false);
  });
});

describe('the evaluation’s tally of complaints', () => {
  it('counts answers within their deadline, verification in time, refusals, open, overdue, ratings', () => {
    const t = tallyComplaints(
      [
        {
          status: 'selesai',
          answeredDate: '2026-03-20',
          answerDue: '2026-03-25',
          verifyDue: '2026-03-10',
          verifiedDate: '2026-03-09',
          rating: 5,
        },
        {
          status: 'ditindaklanjuti',
          answeredDate: '2026-03-27',
          answerDue: '2026-03-25',
          verifyDue: '2026-03-10',
          verifiedDate: '2026-03-12',
          rating: null,
        },
        {
          status: 'didisposisi',
          answeredDate: null,
          answerDue: '2026-03-25',
          verifyDue: '2026-03-10',
          verifiedDate: '2026-03-10',
          rating: null,
        },
        {
          status: 'ditolak',
          answeredDate: null,
          answerDue: null,
          verifyDue: '2026-03-10',
          verifiedDate: null,
          rating: 2,
        },
      ],
      '2026-03-26',
    );
    expect(t).toEqual({
      received: 4,
      answered: 2,
      answeredInTime: 1,
      inTimeShare: 0.5,
      verifiedInTime: 2,
      refused: 1,
      open: 1,
      overdueNow: 1,
      ratings: 2,
      meanRating: 3.5,
    });
  });
});
