import { describe, expect, it } from 'vitest';
import { endTimes, startTimes } from './times';

const split = [
  { open: '07:30', close: '09:00' },
  { open: '13:00', close: '14:00' },
];

describe('the times a room request offers', () => {
  it('starts on the grid, leaving room for the shortest booking', () => {
    expect(startTimes(split)).toEqual(['07:30', '07:45', '08:00', '08:15', '08:30', '13:00', '13:15', '13:30']);
  });

  it('ends after the start within the same span', () => {
    expect(endTimes(split, '08:15')).toEqual(['08:45', '09:00']);
    expect(endTimes(split, '13:00')).toEqual(['13:30', '13:45', '14:00']);
    expect(endTimes(split, '11:00')).toEqual([]);
  });
});
