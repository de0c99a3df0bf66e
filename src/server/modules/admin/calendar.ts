/**
 * The special days as issuing a ticket, the slots and the open-now answers read them: one date at
 * a time, from a per-process copy (issuing asks on every ticket). A date the mall gave no hours of
 * its own is a national holiday when the calendar says so and the mall's settings close it on
 * them. A change of special days goes out on the bus, whose handler calls forget in every
 * process; the time limit is a safety net.
 */
import { specialDayOn } from '../../../domain/holidays.js';
import type { SpecialDay } from '../../../domain/schedule.js';
import type { Mall } from '../../plugins/tenant.js';
import { TtlCache } from '../../ttl-cache.js';
import type { AdminRepository } from './repository.js';

const TTL_MS = 30_000;

/** The special day of a mall's local date, or null when the weekly hours hold. */
export type SpecialDayLookup = (mall: Pick<Mall, 'id' | 'settings'>, date: string) => Promise<SpecialDay | null>;

export class SpecialDayCalendar {
  /** the mall's own special days, as stored */
  private readonly days = new TtlCache<{ mallId: string; day: SpecialDay | null }>(TTL_MS);

  constructor(private readonly repo: Pick<AdminRepository, 'specialDay'>) {}

  readonly lookup: SpecialDayLookup = async (mall, date) => {
    const key = `${mall.id}/${date}`;
    let cached = this.days.get(key);
    if (!cached) {
      cached = { mallId: mall.id, day: await this.repo.specialDay(mall.id, date) };
      this.days.set(key, cached);
    }
    // the settings come with the mall, which its own cache keeps fresh
    return specialDayOn(date, cached.day, mall.settings.closedOnNationalHolidays);
  };

  forget(mallId: string): void {
    this.days.deleteWhere((d) => d.mallId === mallId);
  }
}
