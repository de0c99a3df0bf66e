import { describe, expect, it } from 'vitest';
import { clockText, groupHours, spansText } from './hours';

const day = [{ open: '07:30', close: '16:00' }];
const split = [
  { open: '07:30', close: '11:00' },
  { open: '13:00', close: '16:00' },
];

describe('a week of hours in words', () => {
  it('joins consecutive days with the same hours and leaves closed days out', () => {
    expect(groupHours({ mon: day, tue: day, wed: day, thu: day, fri: split, sat: [], sun: [] })).toEqual([
      { from: 'mon', to: 'thu', spans: day },
      { from: 'fri', to: 'fri', spans: split },
    ]);
    expect(groupHours({ mon: day, tue: [], wed: day, thu: [], fri: [], sat: [], sun: [] })).toEqual([
      { from: 'mon', to: 'mon', spans: day },
      { from: 'wed', to: 'wed', spans: day },
    ]);
  });

  it('writes a clock the Indonesian way, or the English', () => {
    expect(clockText('07:30', 'id')).toBe('07.30');
    expect(clockText('07:30', 'en')).toBe('07:30');
    expect(spansText(split, 'id')).toBe('07.30–11.00, 13.00–16.00');
  });
});
