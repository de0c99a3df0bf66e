/**
 * The special days as issuing a ticket, the slots and the open-now answers read them: one date at
 * a time, from a per-process copy (issuing asks on every ticket). A date the mall gave no hours of
 * its own is a national holiday when the calendar says so and the mall closes on them. A change
 * of special days or settings goes out on the bus, whose handler calls forget in every process;
 * the time limit is a safety net.
 */
import { specialDayOn } from '../../../domain/holidays.js';
import type { SpecialDay } from '../../../domain/schedule.js';
import { TtlCache } from '../../ttl-cache.js';
import type { AdminRepository } from './repository.js';

const TTL_MS = 30_000;

/** The special day of a mall's local date, or null when the weekly hours hold. */
export type SpecialDayLookup = (mallId: string, date: string) => Promise<SpecialDay | null>;

export class SpecialDayCalendar {
  private readonly days = new TtlCache<{ mallId: string; day: SpecialDay | null }>(TTL_MS);

  constructor(
    private readonly repo: Pick<AdminRepository, 'specialDay'>,
    /** whether the mall closes on national holidays (its settings) */
    private readonly closedOnNationalHolidays: (mallId: string) => Promise<boolean>,
  ) {}

  readonly lookup: SpecialDayLookup = async (mallId, date) => {
    const key = `${mallId}/${date}`;
    const cached = this.days.get(key);
    if (cached) return cached.day;
    const day = specialDayOn(
      date,
      await this.repo.specialDay(mallId, date),
      await this.closedOnNationalHolidays(mallId),
    );
    this.days.set(key, { mallId, day });
    return day;
  };

  forget(mallId: string): void {
    this.days.deleteWhere((d) => d.mallId === mallId);
  }
}
