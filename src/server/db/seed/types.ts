import type { ServiceStandard } from '../../../api/catalog.js';

/** One service as the demo seed describes it. */
export interface SeedService {
  name: string;
  /** ticket prefix, 1–3 capital letters; services of one agency usually share one */
  prefix: string;
  /** tickets per local day; null = no quota */
  dailyQuota: number | null;
  standard: ServiceStandard;
}

export interface SeedAgency {
  /** full name as on the counter sign */
  name: string;
  /** short name used on tickets and displays, e.g. "Dindukcapil" */
  shortName: string;
  /** lower-case slug for officer usernames: petugas.<code> */
  code: string;
  /** hex colour for the kiosk tile, dark enough for white text (contrast ≥ 4.5:1) */
  color: string;
  /** counters (loket) the agency staffs in the hall */
  counters: number;
  services: SeedService[];
}
