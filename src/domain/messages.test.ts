import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, renderMessage, SMS_LIMIT, shortDate, toSmsText } from './messages.js';

const params = {
  mallName: 'MPP Kabupaten Blora',
  serviceName: 'Perekaman KTP-el',
  code: '48210937',
  date: '2026-12-01',
  start: '09:00',
  checkInFrom: '08:30',
  number: 'A-023',
  counterName: 'Loket 3',
  ahead: 3,
  link: 'https://mpp.blorakab.go.id/b/Xk3v9aQwErTy12345678ab',
  status: 'perlu_perbaikan',
  dueDate: '2026-12-14',
};

describe('messages to citizens', () => {
  it('say what happened with the code, number and counter, in Indonesian and English', () => {
    const id = renderMessage('booking_confirmed', params, 'id');
    expect(id.text).toContain('48210937');
    expect(id.text).toContain('Selasa 1 Des 09.00');
    expect(id.text).toContain('Check-in di kiosk mulai 08.30');
    const en = renderMessage('booking_confirmed', params, 'en');
    expect(en.text).toContain('Tue 1 Dec 09:00');
    expect(en.text).toContain('from 08:30');
    expect(renderMessage('called', params, 'id').text).toContain('A-023 dipanggil. Silakan menuju Loket 3');
    expect(renderMessage('ahead', params, 'en').text).toContain('3 people before number A-023');
    expect(shortDate('2026-12-06', 'id')).toBe('Minggu 6 Des');
    expect(renderMessage('application_received', params, 'id').text).toContain('Target selesai Senin 14 Des');
    expect(renderMessage('application_step', { ...params, status: 'siap_diambil' }, 'id').text).toContain(
      '48210937 (Perekaman KTP-el) SIAP DIAMBIL',
    );
  });

  it('fit one SMS whatever the names, keeping the code, number and counter whole', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MESSAGE_KINDS),
        fc.constantFrom('id' as const, 'en' as const),
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string({ minLength: 1, maxLength: 120 }),
        (kind, lang, serviceName, mallName) => {
          const m = renderMessage(kind, { ...params, serviceName, mallName }, lang);
          expect(m.text.length).toBeLessThanOrEqual(SMS_LIMIT);
          expect(toSmsText(m.text)).toBe(m.text);
          if (['booking', 'reminder', 'application', 'complaint'].some((k) => kind.startsWith(k)))
            expect(m.text).toContain(params.code);
          if (['called', 'ahead', 'checked_in', 'transferred', 'ticket_cancelled'].includes(kind))
            expect(m.text).toContain('A-023');
          if (kind === 'called') expect(m.text).toContain('Loket 3');
        },
      ),
    );
  });

  it('SMS text is 7-bit: accents folded, dashes plain', () => {
    expect(toSmsText('Pelayanan – café “KTP”')).toBe('Pelayanan - cafe KTP');
  });
});
