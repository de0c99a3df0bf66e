/**
 * The special days as issuing a ticket and the open-now answers read them: one date at a time,
 * from a per-process copy (issuing asks on every ticket). A change of special days goes out as
 * catalog.changed, whose handler calls forget in every process; the time limit is a safety net.
 */
import type { SpecialDay } from '../../../domain/schedule.js';
import { TtlCache } from '../../ttl-cache.js';
import type { AdminRepository } from './repository.js';

const TTL_MS = 30_000;

/** The special day of a mall's local date, or null when the weekly hours hold. */
export type SpecialDayLookup = (mallId: string, date: string) => Promise<SpecialDay | null>;

export class SpecialDayCalendar {
  private readonly days = new TtlCache<{ mallId: string; day: SpecialDay | null }>(TTL_MS);

  constructor(private readonly repo: Pick<AdminRepository, 'specialDay'>) {}

  readonly lookup: SpecialDayLookup = async (mallId, date) => {
    const key = `${mallId}/${date}`;
    const cached = this.days.get(key);
    if (cached) return cached.day;
    const day = await this.repo.specialDay(mallId, date);
    this.days.set(key, { mallId, day });
    return day;
  };

  forget(mallId: string): void {
    this.days.deleteWhere((d) => d.mallId === mallId);
  }
}
