/**
 * `loket replay-estimates <visits.csv> [--out <file>] [--baseline] [--history <earlier.csv> …]`: the
 * estimate each citizen of a recorded day would have been shown on arrival (src/domain/replay.ts),
 * as CSV; earlier days of the same mall, when given, are its history.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { estimatesCsv, parseVisitsCsv, ReplayInputError, replayEstimates } from '../domain/replay.js';
import { ConfigError } from './config.js';

const USAGE = 'usage: replay-estimates <visits.csv> [--out <file>] [--baseline] [--history <earlier-day.csv> …]';

export function replayCommand(args: string[]): void {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    throw new ConfigError(`${USAGE} (${(e as Error).message.split('\n')[0]})`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new ConfigError(USAGE);
  const file = positionals[0] as string;
  const rows = readDay(file);
  const history = (values.history ?? []).map(readDay);
  const csv = estimatesCsv(replayEstimates(rows, { baseline: values.baseline === true, history }));
  if (values.out) writeFileSync(values.out, csv);
  else process.stdout.write(csv);
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, baseline: { type: 'boolean' }, history: { type: 'string', multiple: true } },
  });
}

function readDay(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseVisitsCsv(text);
  } catch (e) {
    if (e instanceof ReplayInputError) throw new ConfigError(`${file}: ${e.message}`);
    throw e;
  }
}
