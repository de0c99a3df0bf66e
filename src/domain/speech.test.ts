import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callSentence, spellNumber, spellTicketNumber } from './speech.js';

describe('spellNumber', () => {
  it.each([
    [0, 'nol'],
    [7, 'tujuh'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [15, 'lima belas'],
    [20, 'dua puluh'],
    [23, 'dua puluh tiga'],
    [100, 'seratus'],
    [111, 'seratus sebelas'],
    [250, 'dua ratus lima puluh'],
    [1000, 'seribu'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan'],
    [2345, 'dua ribu tiga ratus empat puluh lima'],
    [11000, 'sebelas ribu'],
    [100000, 'seratus ribu'],
    [1000000, 'satu juta'],
  ])('%i → %s', (n, words) => {
    expect(spellNumber(n)).toBe(words);
  });

  it('refuses what it cannot say', () => {
    expect(() => spellNumber(-1)).toThrow(RangeError);
    expect(() => spellNumber(1.5)).toThrow(RangeError);
  });

  it('says sepuluh, sebelas, seratus and seribu, never "satu …", and leaves no double space', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        const words = spellNumber(n);
        // "lima puluh satu ribu" (51 000) is right; a thousand on its own is "seribu".
        expect(words).not.toMatch(/satu (puluh|ratus|belas)|(^|juta )satu ribu| {2}/);
        expect(words).toBe(words.trim());
      }),
    );
  });
});

describe('spellTicketNumber and callSentence', () => {
  it.each([
    ['A-023', 'A nol dua puluh tiga'],
    ['A-001', 'A nol nol satu'],
    ['B-100', 'Be seratus'],
    ['AB-010', 'A Be nol sepuluh'],
    ['KU-045', 'Ka U nol empat puluh lima'],
    ['A-1000', 'A seribu'],
  ])('%s → %s', (number, words) => {
    expect(spellTicketNumber(number)).toBe(words);
  });

  it('says the whole call as the hall hears it', () => {
    expect(callSentence('A-023', 3)).toBe('Nomor antrian A nol dua puluh tiga, silakan menuju loket tiga');
    expect(callSentence('C-112', 12)).toBe('Nomor antrian Ce seratus dua belas, silakan menuju loket dua belas');
  });
});
