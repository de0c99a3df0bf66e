/**
 * deploy/grafana/loket-dashboard.json stays true to the code: every series a panel or a variable
 * queries is one a real Loket app's GET /metrics shows (after a ticket is issued, called and
 * served and a display is connected, so every series exists), every label it filters or groups
 * by is one that series has, every panel has a title and queries through the dashboard's
 * datasource variable, and every $variable used is defined.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { connectSse } from '../support/sse.js';

const DASHBOARD = join(import.meta.dirname, '../../deploy/grafana/loket-dashboard.json');
/** labels Prometheus adds to every scraped series */
const TARGET_LABELS = ['instance', 'job'];
/** how panels name the datasource: the dashboard's variable */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template string
const DATASOURCE = '${DS_PROMETHEUS}';
/** Grafana's own variables */
const GRAFANA_VARIABLES = ['__rate_interval', '__interval', '__range', '__all'];
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

interface Panel {
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
  panels?: Panel[];
}

interface Query {
  /** the series named, with the labels matched in its selector */
  series: { name: string; labels: string[] }[];
  /** labels of by (…), without (…), on (…), ignoring (…) */
  grouping: string[];
}

/** The series and labels a PromQL expression names (enough PromQL for a dashboard's queries). */
function parsePromQL(expr: string): Query {
  const series: Query['series'] = [];
  const grouping: string[] = [];
  // strings first: a regex or a $variable inside quotes names no series
  let rest = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  rest = rest.replace(/([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g, (_, name: string | undefined, matchers: string) => {
    const labels = [...matchers.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1] as string);
    if (name) series.push({ name, labels });
    return ' ';
  });
  rest = rest.replace(/\[[^\]]*\]/g, ' ');
  rest = rest.replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_, labels: string) => {
    grouping.push(
      ...labels
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    return ' ';
  });
  // what is left: functions (a name before "("), numbers, operators and bare series names
  for (const m of rest.matchAll(/(?<![\w:$.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)) {
    const name = m[1] as string;
    if (!KEYWORDS.has(name)) series.push({ name, labels: [] });
  }
  return { series, grouping };
}

/** A variable's query: label_values(<selector>, <label>) names a series and one of its labels. */
function parseVariableQuery(query: string): Query {
  const m = /^\s*label_values\(\s*(.+),\s*([a-zA-Z_]\w*)\s*\)\s*$/.exec(query);
  if (!m) throw new Error(`not a label_values(series, label) query: ${query}`);
  const q = parsePromQL(m[1] as string);
  return { series: q.series, grouping: [...q.grouping, m[2] as string] };
}

/** series name → the labels it carries, from Prometheus's text format */
function seriesOf(text: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? \S+$/.exec(line);
    if (!m) continue;
    const labels = found.get(m[1] as string) ?? new Set<string>();
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="/g)) labels.add(l[1] as string);
    found.set(m[1] as string, labels);
  }
  return found;
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
const panels: Panel[] = (dashboard.panels as Panel[]).flatMap((p) => [p, ...(p.panels ?? [])]);
const variables: { name: string; type: string; query: string | { query: string } }[] = dashboard.templating.list;

describe('the PromQL reader of this test', () => {
  it('finds series, their matched labels and the grouping labels, and nothing else', () => {
    const q = parsePromQL(
      'histogram_quantile(0.99, sum by (route, le) (rate(a_bucket{instance=~"$x", route=~"b{c}"}[$__rate_interval]))) / on (mall) group_left b_total or vector(0) * 60 + time() - c',
    );
    expect(q.series).toEqual([
      { name: 'a_bucket', labels: ['instance', 'route'] },
      { name: 'b_total', labels: [] },
      { name: 'c', labels: [] },
    ]);
    expect(q.grouping).toEqual(['route', 'le', 'mall']);
  });
});

describe('deploy/grafana/loket-dashboard.json', () => {
  // PostgreSQL, for the database pool's series (SQLite has no pool)
  const engine = ENGINES.includes('postgres') ? 'postgres' : 'sqlite';
  let t: TestApp;
  let exported: Map<string, Set<string>>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const officer = await t.login('petugas.dindukcapil');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dk = agencies.find((a: any) => a.code === 'dindukcapil');
    const serviceId = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dk.id}`))[0].id;
    const counterId = json(await t.app.inject('/api/malls/blora/counters')).find((c: any) => c.agencyId === dk.id).id;
    // a ticket issued, called and served, one left waiting: every counter and the waiting gauge exist
    const issue = () => t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId } });
    const ticket = json(await issue());
    expect((await issue()).statusCode).toBe(201);
    const staff = { cookie: officer };
    await t.app.inject({ method: 'POST', url: `/api/malls/blora/counters/${counterId}/call-next`, headers: staff });
    for (const step of ['start', 'finish']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/malls/blora/tickets/${ticket.id}/${step}`,
        headers: staff,
      });
      expect(res.statusCode).toBe(200);
    }
    // a display's stream open while scraped: the event-stream gauge has a series
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const display = await connectSse(`${base}/api/malls/blora/events`);
    await display.next((e) => e.event === 'snapshot');
    const res = await t.app.inject('/metrics');
    display.close();
    expect(res.statusCode).toBe(200);
    exported = seriesOf(res.body);
  });
  afterAll(async () => {
    await t?.close();
  });

  const queries = (): { where: string; query: Query }[] => [
    ...panels.flatMap((p) =>
      (p.targets ?? []).map((target) => ({ where: `panel "${p.title}"`, query: parsePromQL(target.expr ?? '') })),
    ),
    ...variables
      .filter((v) => v.type === 'query')
      .map((v) => ({
        where: `variable $${v.name}`,
        query: parseVariableQuery(typeof v.query === 'string' ? v.query : v.query.query),
      })),
  ];

  it('queries only series a Loket app exports, with labels those series have', () => {
    const checked = new Set<string>();
    const problems: string[] = [];
    for (const { where, query } of queries()) {
      const labelsHere = new Set(TARGET_LABELS);
      for (const s of query.series) {
        const labels = exported.get(s.name);
        if (!labels) {
          // SQLite has no pool: its series are only seen on PostgreSQL (LOKET_SKIP_PG=1 runs skip them)
          if (engine === 'sqlite' && s.name.startsWith('loket_db_pool_')) continue;
          problems.push(`${where}: ${s.name} is not exported`);
          continue;
        }
        checked.add(s.name);
        for (const l of labels) labelsHere.add(l);
        for (const l of s.labels) {
          if (!labels.has(l) && !TARGET_LABELS.includes(l)) problems.push(`${where}: ${s.name} has no label ${l}`);
        }
      }
      for (const l of query.grouping) {
        if (!labelsHere.has(l)) problems.push(`${where}: no series it queries has the label ${l}`);
      }
    }
    expect(problems).toEqual([]);
    // the figures the dashboard is for are all there
    for (const name of [
      'loket_http_requests_total',
      'loket_http_request_duration_seconds_bucket',
      'loket_tickets_issued_total',
      'loket_tickets_called_total',
      'loket_tickets_served_total',
      'loket_tickets_waiting',
      'loket_event_streams',
      'loket_bus_delay_seconds_bucket',
      'loket_outbox_messages',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      ...(engine === 'postgres'
        ? ['loket_db_pool_connections', 'loket_db_pool_waiting_requests', 'loket_db_pool_max_connections']
        : []),
    ]) {
      expect(checked, name).toContain(name);
    }
  });

  it('gives every panel a title and every query panel a query naming a series', () => {
    expect(panels.length).toBeGreaterThan(10);
    for (const p of panels) {
      expect(p.title?.trim(), `a ${p.type} panel`).toBeTruthy();
      if (p.type === 'row') continue;
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const target of p.targets ?? []) {
        expect(parsePromQL(target.expr ?? '').series.length, `${p.title}: ${target.expr}`).toBeGreaterThan(0);
      }
    }
  });

  it('queries through its datasource variable and uses only variables it defines', () => {
    const ds = variables.find((v) => v.type === 'datasource');
    expect(ds?.name).toBe('DS_PROMETHEUS');
    expect(ds?.query).toBe('prometheus');
    const defined = new Set([...variables.map((v) => v.name), ...GRAFANA_VARIABLES]);
    expect(defined).toContain('mall');
    expect(defined).toContain('instance');
    for (const p of panels.filter((p) => p.type !== 'row')) {
      expect(p.datasource?.uid, p.title).toBe(DATASOURCE);
      for (const target of p.targets ?? []) {
        expect(target.datasource?.uid ?? p.datasource?.uid, p.title).toBe(DATASOURCE);
        for (const m of (target.expr ?? '').matchAll(/\$\{?(\w+)/g)) expect(defined, p.title).toContain(m[1]);
      }
    }
    for (const v of variables.filter((v) => v.type === 'query')) {
      const query = typeof v.query === 'string' ? v.query : v.query.query;
      for (const m of query.matchAll(/\$\{?(\w+)/g)) expect(defined, `$${v.name}`).toContain(m[1]);
    }
    // panels do not overlap: each grid cell is taken once
    const taken = new Set<string>();
    for (const p of dashboard.panels as { title: string; gridPos: { x: number; y: number; w: number; h: number } }[]) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, p.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(taken.has(`${i},${j}`), `${p.title} overlaps at ${i},${j}`).toBe(false);
          taken.add(`${i},${j}`);
        }
    }
  });
});
