import { describe, expect, it } from 'vitest';
import { StorageHealth } from '../storage-health.js';
import { storageFault } from './storage-fault.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('storageFault', () => {
  it("reads SQLite's result codes, extended ones included", () => {
    expect(storageFault(withCode('SQLITE_FULL'))).toBe('full');
    expect(storageFault(withCode('SQLITE_READONLY'))).toBe('read_only');
    expect(storageFault(withCode('SQLITE_READONLY_DBMOVED'))).toBe('read_only');
    expect(storageFault(withCode('SQLITE_IOERR_FSYNC'))).toBe('failing');
    expect(storageFault(withCode('SQLITE_IOERR'))).toBe('failing');
    expect(storageFault(withCode('SQLITE_CANTOPEN'))).toBe('failing');
    // a refusal of this request, not of the storage
    expect(storageFault(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(withCode('SQLITE_BUSY'))).toBeNull();
    expect(storageFault(withCode('SQLITE_ERROR'))).toBeNull();
  });

  it("reads PostgreSQL's SQLSTATEs", () => {
    expect(storageFault(withCode('53100'))).toBe('full');
    expect(storageFault(withCode('25006'))).toBe('read_only');
    expect(storageFault(withCode('53000'))).toBe('failing');
    expect(storageFault(withCode('57P03'))).toBe('failing');
    expect(storageFault(withCode('58030'))).toBe('failing');
    expect(storageFault(withCode('53300'))).toBeNull(); // too many connections
    expect(storageFault(withCode('23505'))).toBeNull(); // unique violation
    expect(storageFault(withCode('40001'))).toBeNull(); // serialization failure
    expect(storageFault(withCode('57P01'))).toBeNull(); // the backend terminated
  });

  it("reads the file system's errno names, and an error wrapped as cause", () => {
    expect(storageFault(withCode('ENOSPC'))).toBe('full');
    expect(storageFault(withCode('EROFS'))).toBe('read_only');
    expect(storageFault(new Error('saving failed', { cause: withCode('SQLITE_FULL') }))).toBe('full');
    expect(storageFault(withCode('FST_ERR_VALIDATION'))).toBeNull();
    expect(storageFault(new Error('plain'))).toBeNull();
    expect(storageFault('SQLITE_FULL')).toBeNull();
    expect(storageFault(null)).toBeNull();
  });
});

describe('StorageHealth', () => {
  it('holds a refused write until a write succeeds or the hold runs out', () => {
    const clock = { now: 0 };
    const health = new StorageHealth(10_000, () => clock.now);
    expect(health.failing).toBeNull();
    expect(health.failed('full')).toBe(true);
    expect(health.failed('full')).toBe(false); // the same episode: not worth a second error line
    clock.now += 9_999;
    expect(health.failing).toBe('full');
    expect(health.succeeded()).toBe(true);
    expect(health.failing).toBeNull();
    expect(health.succeeded()).toBe(false);
    health.failed('read_only');
    clock.now += 10_000;
    expect(health.failing).toBeNull();
    expect(health.failed('read_only')).toBe(true);
  });
});
