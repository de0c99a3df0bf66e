import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, queryWords } from './text.js';

describe('foldForSearch', () => {
  it.each([
    ['KTP-el', 'ktp el'],
    ['ktp el', 'ktp el'],
    ['Pèndaftaran', 'pendaftaran'],
    ['Perpanjangan SIM (A/C)', 'perpanjangan sim a c'],
    ['  Akta   Kelahiran  ', 'akta kelahiran'],
    ['NPWP—BPJS_Kesehatan', 'npwp bpjs kesehatan'],
    ['Paspor 48 hlm.', 'paspor 48 hlm'],
    ['Ñandú Çé', 'nandu ce'],
    ['ﬁle', 'file'], // compatibility ligature
    ['---', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it('folds "KTP-el" and "ktp el" alike', () => {
    expect(foldForSearch('KTP-el')).toBe(foldForSearch('ktp el'));
  });

  it('keeps letters of other scripts', () => {
    expect(foldForSearch('ꦲꦏ꧀ꦠ Akta')).not.toBe('akta');
    expect(foldForSearch('Ελληνικά')).toBe('ελληνικα');
  });

  it('is idempotent and leaves single spaces between words only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const folded = foldForSearch(text);
        expect(foldForSearch(folded)).toBe(folded);
        expect(folded).toBe(folded.trim());
        expect(folded).not.toMatch(/ {2}/);
        expect(folded).not.toMatch(/[^\p{L}\p{N} ]/u);
      }),
      { numRuns: 500 },
    );
  });

  it('folds the same regardless of the separators between words', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const sep = fc.stringMatching(/^[ \-_./,()]{1,3}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), sep, (words, s) => {
        expect(foldForSearch(words.join(s))).toBe(words.join(' '));
      }),
    );
  });
});

describe('queryWords', () => {
  it.each([
    ['KTP-el baru', ['ktp', 'el', 'baru']],
    ['  pèndaftaran   AKTA ', ['pendaftaran', 'akta']],
    ['', []],
    ['  --  ', []],
    ['sim', ['sim']],
  ])('%j → %j', (query, expected) => {
    expect(queryWords(query)).toEqual(expected);
  });

  it('never yields an empty word, and its words rebuild the fold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (query) => {
        const words = queryWords(query);
        expect(words.every((w) => w.length > 0 && !w.includes(' '))).toBe(true);
        expect(words.join(' ')).toBe(foldForSearch(query));
      }),
      { numRuns: 300 },
    );
  });
});
