import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('keeps a value until its time is up, and drops the ones asked for', () => {
    const clock = { now: 1_000 };
    const cache = new TtlCache<{ mallId: string }>(30_000, () => clock.now);
    cache.set('a', { mallId: 'm1' });
    cache.set('b', { mallId: 'm2' });
    clock.now += 29_999;
    expect(cache.get('a')).toEqual({ mallId: 'm1' });
    cache.deleteWhere((v) => v.mallId === 'm1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual({ mallId: 'm2' });
    clock.now += 1;
    expect(cache.get('b')).toBeUndefined();
  });
});
