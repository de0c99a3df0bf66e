/**
 * Plays planned days (bench/soak-plan.ts) through the proxy, on a simulated clock `speed` times
 * faster than a real one, every mall at once: displays follow the mall's stream all day, the
 * kiosk issues each citizen's ticket at their minute, some citizens follow their ticket's page
 * on a phone until it is final and half of those served answer the SKM, and an officer at each
 * staffed counter calls, starts and finishes (or, for a no-show, calls, recalls and marks it),
 * watching the counter's console stream to call again when someone joins an empty line.
 * Every request's status is counted by kind; every call answered 200 is checked, at the end, to
 * have reached every display of its mall.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { EDUCATIONS, OCCUPATIONS, SEXES, SKM_ELEMENT_KEYS } from '../src/domain/skm.js';
import { Random } from '../src/server/db/seed/random.js';
import { call, type Reply } from './http.js';
import { CLOSE_MIN, type DayPlan, OPEN_MIN, type Visitor } from './soak-plan.js';
import { type FollowedStream, followStream } from './soak-stream.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Simulated minutes after local midnight, running `speed` times faster than real time. */
export class SimClock {
  private readonly t0 = performance.now();
  constructor(
    readonly speed: number,
    private readonly startMin: number,
  ) {}
  nowMin(): number {
    return this.startMin + ((performance.now() - this.t0) * this.speed) / 60_000;
  }
  /** simulated hours since opening */
  hours(): number {
    return (this.nowMin() - OPEN_MIN) / 60;
  }
  at(min: number): Promise<void> {
    return sleep(Math.max(0, ((min - this.nowMin()) * 60_000) / this.speed));
  }
  wait(min: number): Promise<void> {
    return sleep((min * 60_000) / this.speed);
  }
}

/** after closing, officers serve who still waits; past this the day is cut and the rest counted */
const OVERTIME_MIN = 120;
/** an idle officer calls again after this long even if the console said nothing (it wakes on a new ticket) */
const IDLE_RECHECK_MIN = 15;
const WALK_MIN = [0.25, 1] as const;
const NEXT_MIN = [0.05, 0.25] as const;
const RECALL_AFTER_MIN = 1;
const PROGRESS_MS = 60_000;

export interface PlayOptions {
  proxy: string;
  speed: number;
  password: string;
  displaysPerMall: number;
  seed: number;
  log(message: string): void;
  /** the clock starts once every display and console is open: the sampler follows it */
  onStart(clock: SimClock): void;
}

export interface DayOutcome {
  /** per request kind, status (or "error" for no answer) → count */
  requests: Record<string, Record<string, number>>;
  /** every 5xx and failed request, up to 50 */
  failures: { kind: string; status: number | string; upstream: string; text: string }[];
  tickets: {
    planned: number;
    issued: number;
    refused: number;
    called: number;
    served: number;
    noShow: number;
    left: number;
  };
  surveys: number;
  displays: { count: number; calls: number; missed: number; reconnects: number };
  consoles: { count: number; events: number; reconnects: number };
  phones: { followed: number; sawCall: number; reconnects: number };
  /** simulated minute the last officer went home */
  endMin: number;
}

interface Held {
  visitor: Visitor;
  token: string;
  phone: FollowedStream | null;
}

interface Mall {
  plan: DayPlan;
  cookie: string;
  csrf: string;
  displays: { stream: FollowedStream; seen: Set<string> }[];
  consoles: FollowedStream[];
  tickets: Map<string, Held>;
  calls: string[];
  kioskDone: boolean;
}

function answersOf(rnd: Random) {
  const answers = Object.fromEntries(SKM_ELEMENT_KEYS.map((k) => [k, rnd.next() < 0.1 ? 2 : rnd.int(3, 4)]));
  const respondent = {
    sex: rnd.pick(SEXES),
    age: rnd.int(18, 70),
    education: rnd.pick(EDUCATIONS),
    occupation: rnd.pick(OCCUPATIONS),
  };
  return { answers, respondent };
}

export async function playDays(plans: DayPlan[], o: PlayOptions): Promise<DayOutcome> {
  const rnd = new Random(o.seed);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const out: DayOutcome = {
    requests: {},
    failures: [],
    tickets: { planned: 0, issued: 0, refused: 0, called: 0, served: 0, noShow: 0, left: 0 },
    surveys: 0,
    displays: { count: 0, calls: 0, missed: 0, reconnects: 0 },
    consoles: { count: 0, events: 0, reconnects: 0 },
    phones: { followed: 0, sawCall: 0, reconnects: 0 },
    endMin: 0,
  };
  const send = async (
    kind: string,
    method: string,
    path: string,
    staff: { cookie: string; csrf: string } | null,
    body?: unknown,
  ): Promise<Reply | null> => {
    out.requests[kind] ??= {};
    const tally = out.requests[kind];
    try {
      const r = await call(method, `${o.proxy}${path}`, {
        agent,
        body,
        timeoutMs: 60_000,
        ...(staff ? { cookie: staff.cookie, csrf: staff.csrf } : {}),
      });
      tally[r.status] = (tally[r.status] ?? 0) + 1;
      if (r.status >= 500 && out.failures.length < 50) {
        const upstream = String(r.headers['x-loket-upstream'] ?? '');
        out.failures.push({ kind, status: r.status, upstream, text: r.text.slice(0, 200) });
      }
      return r;
    } catch (e) {
      tally.error = (tally.error ?? 0) + 1;
      if (out.failures.length < 50) out.failures.push({ kind, status: 'error', upstream: '', text: String(e) });
      return null;
    }
  };

  // --- before the doors open: sign in, the displays and the consoles
  const malls: Mall[] = [];
  for (const plan of plans) {
    const username = plan.slug === 'blora' ? 'admin' : `admin.${plan.slug}`;
    const login = await send('sign-in', 'POST', '/api/auth/login', null, { username, password: o.password });
    const cookie = ([] as string[])
      .concat(login?.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrfReply = await send('sign-in', 'GET', '/api/auth/csrf', { cookie, csrf: '' });
    if (!cookie || csrfReply?.status !== 200) throw new Error(`soak: ${username} could not sign in`);
    const csrf = csrfReply.json<{ token: string }>().token;
    const mall: Mall = {
      plan,
      cookie,
      csrf,
      displays: [],
      consoles: [],
      tickets: new Map(),
      calls: [],
      kioskDone: false,
    };
    for (let i = 0; i < o.displaysPerMall; i++) {
      const seen = new Set<string>();
      const stream = followStream(`${o.proxy}/api/malls/${plan.slug}/events`, (e) => {
        if (e.event !== 'call') return;
        const c = JSON.parse(e.data) as { ticket: { id: string }; counter: { id: string } };
        seen.add(`${c.ticket.id}@${c.counter.id}`);
      });
      mall.displays.push({ stream, seen });
    }
    malls.push(mall);
  }
  await Promise.all(malls.flatMap((m) => m.displays.map((d) => d.stream.ready)));
  const wakers = new Map<string, () => void>();
  for (const mall of malls) {
    for (const c of mall.plan.counters) {
      mall.consoles.push(
        followStream(
          `${o.proxy}/api/malls/${mall.plan.slug}/counters/${c.id}/events`,
          (e) => {
            out.consoles.events++;
            // someone joined a line: an idle officer calls (as the console's sound prompts)
            if (
              e.event === 'ticket' &&
              (JSON.parse(e.data) as { ticket: { status: string } }).ticket.status === 'waiting'
            ) {
              wakers.get(c.id)?.();
            }
          },
          { cookie: mall.cookie },
        ),
      );
    }
  }
  await Promise.all(malls.flatMap((m) => m.consoles.map((s) => s.ready)));
  o.log(
    `soak: ${malls.length} mall(s) ready: ${malls.reduce((a, m) => a + m.displays.length, 0)} displays, ${malls.reduce((a, m) => a + m.consoles.length, 0)} consoles`,
  );

  const clock = new SimClock(o.speed, OPEN_MIN - 2);
  o.onStart(clock);
  const lastMin = CLOSE_MIN + OVERTIME_MIN;

  // --- the kiosk and the phones
  const kiosk = async (mall: Mall) => {
    const pending: Promise<void>[] = [];
    for (const v of mall.plan.visitors) {
      await clock.at(v.atMin);
      out.tickets.planned++;
      pending.push(
        (async () => {
          const body = { serviceId: v.serviceId, ...(v.priority ? { priority: v.priority } : {}) };
          const r = await send('issue', 'POST', `/api/malls/${mall.plan.slug}/tickets`, null, body);
          if (r?.status === 409) out.tickets.refused++;
          if (r?.status !== 201) return;
          out.tickets.issued++;
          const t = r.json<{ id: string; token: string }>();
          const held: Held = { visitor: v, token: t.token, phone: null };
          if (v.phone) {
            out.phones.followed++;
            let saw = false;
            held.phone = followStream(`${o.proxy}/api/tickets/${t.token}/events`, (e) => {
              if (e.event !== 'status') return;
              const status = (JSON.parse(e.data) as { status: string }).status;
              if (status === 'called' && !saw) {
                saw = true;
                out.phones.sawCall++;
              }
              if (status === 'done' || status === 'no_show' || status === 'cancelled') held.phone?.close();
            });
          }
          mall.tickets.set(t.id, held);
        })(),
      );
    }
    await Promise.all(pending);
    mall.kioskDone = true;
  };

  // --- the officers
  const officer = async (mall: Mall, counterId: string) => {
    const staff = { cookie: mall.cookie, csrf: mall.csrf };
    const api = `/api/malls/${mall.plan.slug}`;
    const between = (r: readonly [number, number]) => r[0] + rnd.next() * (r[1] - r[0]);
    await clock.at(OPEN_MIN + rnd.next() * 10);
    while (clock.nowMin() < lastMin) {
      const r = await send('call-next', 'POST', `${api}/counters/${counterId}/call-next`, staff);
      if (r?.status === 204 || r === null || r.status !== 200) {
        if (r?.status === 204 && mall.kioskDone) break;
        await Promise.race([clock.wait(IDLE_RECHECK_MIN), new Promise<void>((w) => wakers.set(counterId, w))]);
        wakers.delete(counterId);
        continue;
      }
      const ticketId = r.json<{ ticket: { id: string } }>().ticket.id;
      out.tickets.called++;
      mall.calls.push(`${ticketId}@${counterId}`);
      // the kiosk's answer may still be on its way when the counter already calls the ticket
      let held = mall.tickets.get(ticketId);
      for (let i = 0; !held && i < 100; i++) {
        await sleep(50);
        held = mall.tickets.get(ticketId);
      }
      const t = (path: string) => send(path, 'POST', `${api}/tickets/${ticketId}/${path}`, staff);
      if (held?.visitor.noShow) {
        await clock.wait(RECALL_AFTER_MIN);
        await t('recall');
        await clock.wait(RECALL_AFTER_MIN);
        if ((await t('no-show'))?.status === 200) out.tickets.noShow++;
      } else {
        await clock.wait(between(WALK_MIN));
        await t('start');
        await clock.wait(held?.visitor.serviceMin ?? 5);
        if ((await t('finish'))?.status === 200) {
          out.tickets.served++;
          if (held?.visitor.survey) void survey(held, 0.5 + rnd.next() * 2.5);
        }
      }
      // a phone still open after its ticket ended (its last status lost) is put away
      const phone = held?.phone;
      if (phone) void clock.wait(1).then(() => phone.close());
      await clock.wait(between(NEXT_MIN));
    }
  };
  const surveys: Promise<void>[] = [];
  const survey = (held: Held, afterMin: number) => {
    const p = clock.wait(afterMin).then(async () => {
      const r = await send('survey', 'POST', `/api/tickets/${held.token}/survey`, null, answersOf(rnd));
      if (r?.status === 201) out.surveys++;
    });
    surveys.push(p);
    return p;
  };

  let officersLeft = malls.reduce((a, m) => a + m.plan.counters.length, 0);
  const progress = setInterval(() => {
    const m = Math.floor(clock.nowMin());
    const t = out.tickets;
    o.log(
      `soak: ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} issued ${t.issued}, called ${t.called}, served ${t.served}, officers at work ${officersLeft}`,
    );
  }, PROGRESS_MS);
  await Promise.all(
    malls.flatMap((m) => [kiosk(m), ...m.plan.counters.map((c) => officer(m, c.id).finally(() => officersLeft--))]),
  );
  clearInterval(progress);
  out.endMin = clock.nowMin();
  await Promise.all(surveys);

  // --- every call answered must have reached every display of its mall (give the last ones time)
  await sleep(3000);
  for (const m of malls) {
    for (const d of m.displays) {
      out.displays.count++;
      out.displays.reconnects += Math.max(0, d.stream.connections() - 1);
      for (const key of m.calls) if (!d.seen.has(key)) out.displays.missed++;
      d.stream.close();
    }
    out.displays.calls += m.calls.length;
    for (const c of m.consoles) {
      out.consoles.count++;
      out.consoles.reconnects += Math.max(0, c.connections() - 1);
      c.close();
    }
    for (const h of m.tickets.values()) {
      if (h.phone) out.phones.reconnects += Math.max(0, h.phone.connections() - 1);
      h.phone?.close();
    }
  }
  out.tickets.left = out.tickets.issued - out.tickets.served - out.tickets.noShow;
  agent.destroy();
  return out;
}
