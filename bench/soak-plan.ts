/**
 * A mall's busy day for the soak, planned before it is played (pure; the same day for a seed):
 * who arrives when, for which service, what they do. Blora's busiest reported day
 * (/work/shared/reference: 8 April 2025, 436 applicants) gives the agencies' shares; its hours,
 * Monday–Thursday 08:00–15:00, the day; the arrivals follow the morning peak of the demo history
 * (src/server/db/seed/history.ts), and so do the service times: a lognormal around 0.7 × the
 * service's standard time, scaled down where the agency's counters could not otherwise serve its
 * share (each counter ~70 % busy), ~8 % priority tickets, a few no-shows.
 */
import type { PriorityClass } from '../src/domain/queue.js';
import { Random } from '../src/server/db/seed/random.js';

/** Blora, 8 April 2025, by agency code (DPUPR's tata ruang 4 and PBG 2 are one agency here) */
export const BUSIEST_DAY: Record<string, number> = {
  dindukcapil: 143,
  dinperinnaker: 100,
  dinsos: 56,
  bpjskes: 51,
  bankjateng: 28,
  bppkad: 18,
  dpmptsp: 14,
  imigrasi: 9,
  dpupr: 6,
  dinkesda: 5,
  taspen: 3,
  bpn: 2,
  bpjstk: 2,
};
/** Senin–Kamis 08.00–15.00, minutes after local midnight */
export const OPEN_MIN = 8 * 60;
export const CLOSE_MIN = 15 * 60;
/** arrivals by local hour, as the demo history has them */
const HOUR_WEIGHT: [number, number][] = [
  [8, 0.9],
  [9, 1.5],
  [10, 1.5],
  [11, 1.15],
  [12, 0.75],
  [13, 0.85],
  [14, 0.55],
];
const PRIORITIES: [PriorityClass, number][] = [
  ['lansia', 0.045],
  ['disabilitas', 0.01],
  ['ibu_hamil', 0.012],
  ['anak', 0.013],
];
const NO_SHOW = 0.04;
/** citizens who follow their ticket on the phone (the printed QR code) while they wait */
const PHONE = 0.4;
/** served citizens who answer the SKM questionnaire */
const SURVEY = 0.5;
const UTILISATION = 0.7;
const DEFAULT_SERVICE_MIN = 10;
const MEDIAN_OF_STANDARD = 0.7;
const SIGMA = 0.5;
const MIN_SERVICE_MIN = 1;

export interface Catalog {
  slug: string;
  agencies: { id: string; code: string }[];
  services: { id: string; agencyId: string; dailyQuota: number | null; standard: { durationMinutes: number | null } }[];
  counters: { id: string; agencyId: string; serviceIds: string[] }[];
}

export interface Visitor {
  /** minutes after local midnight when the ticket is taken */
  atMin: number;
  serviceId: string;
  agencyId: string;
  priority?: PriorityClass;
  phone: boolean;
  survey: boolean;
  noShow: boolean;
  /** minutes at the counter, start → finish */
  serviceMin: number;
}

export interface DayPlan {
  slug: string;
  visitors: Visitor[];
  /** the counters staffed today: every counter of an agency with visitors */
  counters: { id: string; agencyId: string }[];
}

/** Splits `total` by the weights, whole numbers summing to `total` (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const short = total - out.reduce((a, n) => a + n, 0);
  for (let k = 0; k < short; k++) {
    const i = order[k]?.[1] as number;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

function drawPriority(p: number): PriorityClass | undefined {
  let below = 0;
  for (const [priority, share] of PRIORITIES) {
    below += share;
    if (p < below) return priority;
  }
  return undefined;
}

export function planDay(catalog: Catalog, visitors: number, seed: number): DayPlan {
  const rnd = new Random(seed);
  const agencies = catalog.agencies.filter((a) => BUSIEST_DAY[a.code]);
  const counts = apportion(
    visitors,
    agencies.map((a) => BUSIEST_DAY[a.code] as number),
  );
  const hourCum: number[] = [];
  for (const [, w] of HOUR_WEIGHT) hourCum.push((hourCum[hourCum.length - 1] ?? 0) + w);
  const plan: Visitor[] = [];
  const counters: DayPlan['counters'] = [];
  for (const [i, agency] of agencies.entries()) {
    const n = counts[i] as number;
    const staffed = catalog.counters.filter((c) => c.agencyId === agency.id);
    // a service without a quota (or one the day cannot use up), so that the kiosk never refuses
    const services = catalog.services.filter(
      (s) => s.agencyId === agency.id && (s.dailyQuota === null || s.dailyQuota >= n),
    );
    if (n === 0 || services.length === 0 || staffed.length === 0) continue;
    counters.push(...staffed.map((c) => ({ id: c.id, agencyId: c.agencyId })));
    const standardMin =
      services.reduce((a, s) => a + MEDIAN_OF_STANDARD * (s.standard.durationMinutes ?? DEFAULT_SERVICE_MIN), 0) /
      services.length;
    const capacityMin = (UTILISATION * staffed.length * (CLOSE_MIN - OPEN_MIN)) / n;
    // the lognormal's median, so that its mean is the smaller of the two
    const medianMin = Math.min(standardMin, capacityMin) / Math.exp((SIGMA * SIGMA) / 2);
    for (let k = 0; k < n; k++) {
      const hour = HOUR_WEIGHT[rnd.weighted(hourCum)]?.[0] as number;
      const priority = drawPriority(rnd.next());
      const service = rnd.pick(services);
      plan.push({
        atMin: hour * 60 + rnd.next() * 60,
        serviceId: service.id,
        agencyId: agency.id,
        ...(priority ? { priority } : {}),
        phone: rnd.next() < PHONE,
        survey: rnd.next() < SURVEY,
        noShow: rnd.next() < NO_SHOW,
        serviceMin: Math.max(MIN_SERVICE_MIN, medianMin * Math.exp(SIGMA * Math.min(2.5, rnd.normal()))),
      });
    }
  }
  plan.sort((a, b) => a.atMin - b.atMin);
  return { slug: catalog.slug, visitors: plan, counters };
}
