import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, LOCKOUT, lockoutSeconds, PASSWORD_MIN_LENGTH, passwordProblem } from './passwords.js';

describe('passwordProblem', () => {
  it.each([
    ['pendek1!', 'too_short'],
    ['123456789', 'too_short'],
    ['aaaaaaaaaaaa', 'one_character'],
    ['AaAaAaAaAaAa', 'one_character'],
    ['1234567890', 'digits_only'],
    ['12345678910', 'digits_only'],
    ['081234567890', 'digits_only'],
    ['password123', 'common'],
    ['PASSWORD123', 'common'],
    ['qwertyuiop', 'common'],
    ['rahasia123', 'common'],
    ['Bismillah1', 'common'],
  ])('%j breaks %s', (password, rule) => {
    expect(passwordProblem(password)).toBe(rule);
  });

  it('refuses a password over the maximum length', () => {
    expect(passwordProblem(`${'ab'.repeat(100)}c`)).toBe('too_long');
  });

  it('refuses the username, in any case, and a password containing it', () => {
    expect(passwordProblem('petugas.dindukcapil', { username: 'petugas.dindukcapil' })).toBe('contains_username');
    expect(passwordProblem('Siti.Aminah2026', { username: 'siti.aminah' })).toBe('contains_username');
    // two letters are too few to count as the name
    expect(passwordProblem('kabupaten blora', { username: 'bl' })).toBeNull();
  });

  it('refuses the password being replaced', () => {
    expect(passwordProblem('rahasia-demo-123', { current: 'rahasia-demo-123' })).toBe('unchanged');
    expect(passwordProblem('rahasia-demo-124', { current: 'rahasia-demo-123' })).toBeNull();
  });

  it('accepts long passphrases of plain words and the demo password', () => {
    expect(passwordProblem('rahasia-demo-123', { username: 'admin' })).toBeNull();
    expect(passwordProblem('kopi tubruk pagi hari', { username: 'petugas.dinsos' })).toBeNull();
    expect(passwordProblem('kopitubrukpagihari')).toBeNull();
  });

  it('keeps every common password long enough to need the list', () => {
    for (const p of COMMON_PASSWORDS) {
      expect(p.length, p).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      expect(p, p).toBe(p.toLowerCase());
    }
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀😀😀😀😀')).toBe('too_short'); // 5 characters, 10 code units
  });

  it('accepts any password that breaks no rule, and names one rule otherwise', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (password) => {
        const rule = passwordProblem(password);
        if ([...password].length < PASSWORD_MIN_LENGTH) expect(rule).toBe('too_short');
        else if (/^\d+$/.test(password)) expect(['digits_only', 'one_character']).toContain(rule);
      }),
    );
  });
});

describe('lockoutSeconds', () => {
  it('locks after five failures in a row for a minute, doubling up to an hour', () => {
    expect([1, 2, 3, 4].map(lockoutSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 100].map(lockoutSeconds)).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it('never shortens the lock as failures grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        expect(lockoutSeconds(n + 1)).toBeGreaterThanOrEqual(lockoutSeconds(n));
        expect(lockoutSeconds(n)).toBeLessThanOrEqual(LOCKOUT.maxSeconds);
      }),
    );
  });
});
