/**
 * The soak's observer: every few seconds it reads each process's GET /metrics (directly, from
 * loopback, as a Prometheus on the same machine would) and nginx's error log size, and at the end
 * turns the samples into the figures the soak reports: memory at the load's start, middle and
 * end, its slope (a least-squares line, MB per simulated hour), the event-loop delay.
 */

export interface Sample {
  /** simulated hours since the mall opened (negative before) */
  simHours: number;
  rssMb: number;
  heapMb: number;
  /** prom-client's monitorEventLoopDelay over the interval since the last scrape */
  lagP99Ms: number;
  lagMeanMs: number;
  streams: number;
  poolTotal: number;
  poolIdle: number;
  poolWaiting: number;
}

export interface Observed {
  name: string;
  base: string;
  samples: Sample[];
  /** scrapes that failed (the process did not answer) */
  failed: number;
}

/** The values of the series `name` (any labels), as numbers. */
function series(text: string, name: string): { labels: string; value: number }[] {
  const out: { labels: string; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const labels = rest[0] === '{' ? rest.slice(1, rest.indexOf('}')) : '';
    out.push({ labels, value: Number(line.slice(line.lastIndexOf(' ') + 1)) });
  }
  return out;
}

const one = (text: string, name: string, labels?: string) =>
  series(text, name).find((s) => labels === undefined || s.labels.includes(labels))?.value ?? Number.NaN;
const sum = (text: string, name: string) => series(text, name).reduce((a, s) => a + s.value, 0);
const MB = 1024 * 1024;

export function parseSample(text: string, simHours: number): Sample {
  return {
    simHours,
    rssMb: one(text, 'process_resident_memory_bytes') / MB,
    heapMb: one(text, 'nodejs_heap_size_used_bytes') / MB,
    lagP99Ms: one(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
    lagMeanMs: one(text, 'nodejs_eventloop_lag_mean_seconds') * 1000,
    streams: sum(text, 'loket_event_streams'),
    poolTotal: one(text, 'loket_db_pool_connections', 'state="total"'),
    poolIdle: one(text, 'loket_db_pool_connections', 'state="idle"'),
    poolWaiting: one(text, 'loket_db_pool_waiting_requests'),
  };
}

/** Scrapes every `intervalMs` until stopped. */
export function startSampler(
  processes: { name: string; base: string }[],
  simHours: () => number,
  intervalMs: number,
  logSize: () => number,
): { observed: Observed[]; logSizes: number[]; stop(): Promise<void> } {
  const observed: Observed[] = processes.map((p) => ({ name: p.name, base: p.base, samples: [], failed: 0 }));
  const logSizes: number[] = [];
  let stopped = false;
  const scrape = async () => {
    const at = simHours();
    logSizes.push(logSize());
    await Promise.all(
      observed.map(async (o) => {
        try {
          const res = await fetch(`${o.base}/metrics`, { signal: AbortSignal.timeout(Math.max(2000, intervalMs)) });
          if (!res.ok) throw new Error(String(res.status));
          o.samples.push(parseSample(await res.text(), at));
        } catch {
          o.failed++;
        }
      }),
    );
  };
  const loop = (async () => {
    while (!stopped) {
      const began = Date.now();
      await scrape();
      await new Promise((r) => setTimeout(r, Math.max(0, began + intervalMs - Date.now())));
    }
  })();
  return {
    observed,
    logSizes,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** least-squares slope of y over x; NaN with fewer than two distinct x */
export function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

function median(values: number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const WINDOWS = 14;

export interface Memory {
  /** the floors of the first, middle and last windows */
  start: number;
  mid: number;
  end: number;
  /** the highest sample */
  max: number;
  /** MB per simulated hour, least squares over the windows' floors: the whole day, its second half */
  slopePerHour: number;
  slopeSecondHalf: number;
}

export interface ProcessFigures {
  name: string;
  samples: number;
  failedScrapes: number;
  rssMb: Memory;
  heapMb: Memory;
  lagP99Ms: { median: number; max: number };
  lagMeanMs: { median: number; max: number };
  streamsMax: number;
  pool: { totalMax: number; waitingMax: number };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The figures of one process over the load, from simulated hour `from` to `to`. */
export function figuresOf(o: Observed, from: number, to: number): ProcessFigures {
  const s = o.samples.filter((x) => x.simHours >= from && x.simHours <= to);
  const windows = Array.from({ length: WINDOWS }, (_, w) =>
    s.filter((x) => Math.min(WINDOWS - 1, Math.floor(((x.simHours - from) / (to - from)) * WINDOWS)) === w),
  ).filter((w) => w.length > 0);
  const half = (from + to) / 2;
  const memory = (pick: (x: Sample) => number): Memory => {
    const floors = windows.map((w): [number, number] => [
      (w[0] as Sample).simHours,
      Math.min(...w.map(pick).filter(Number.isFinite)),
    ]);
    const at = (i: number) => r1(floors[Math.min(floors.length - 1, Math.max(0, i))]?.[1] ?? Number.NaN);
    return {
      start: at(0),
      mid: at(Math.floor((floors.length - 1) / 2)),
      end: at(floors.length - 1),
      max: r1(Math.max(...s.map(pick))),
      slopePerHour: r1(slope(floors)),
      slopeSecondHalf: r1(slope(floors.filter(([h]) => h >= half))),
    };
  };
  const rssMb = memory((x) => x.rssMb);
  const heapMb = memory((x) => x.heapMb);
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  return {
    name: o.name,
    samples: s.length,
    failedScrapes: o.failed,
    rssMb,
    heapMb,
    lagP99Ms: { median: r1(median(s.map((x) => x.lagP99Ms))), max: r1(Math.max(...s.map((x) => x.lagP99Ms))) },
    lagMeanMs: { median: r1(median(s.map((x) => x.lagMeanMs))), max: r1(Math.max(...s.map((x) => x.lagMeanMs))) },
    streamsMax: Math.max(...s.map((x) => x.streams)),
    pool: {
      totalMax: Math.max(...s.map((x) => finite(x.poolTotal))),
      waitingMax: Math.max(...s.map((x) => finite(x.poolWaiting))),
    },
  };
}
