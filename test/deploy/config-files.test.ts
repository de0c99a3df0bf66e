/**
 * deploy/ stays true to the code: the environment file example names every variable Loket reads
 * (src/server/config.ts, and the few read elsewhere in the server) and nothing it does not; the
 * systemd units and the Dockerfile set only variables Loket reads; the units parse
 * (systemd-analyze verify, where systemd is installed).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** read by the one-shot `user add` command only, not by a serving process */
const CLI_ONLY = new Set(['LOKET_USER_PASSWORD']);
/** set for Node.js and its libraries, not read by Loket */
const NOT_LOKET = new Set(['NODE_ENV']);

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serverFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** every variable the server reads: `env.X` in config.ts (its env argument), `process.env.X` anywhere */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of read('src/server/config.ts').matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) {
    found.set(m[1] as string, 'src/server/config.ts');
  }
  for (const file of serverFiles(join(ROOT, 'src/server'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(
      /process\.env\.([A-Z][A-Z0-9_]*)\b|process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
    )) {
      const name = (m[1] ?? m[2]) as string;
      if (!found.has(name)) found.set(name, relative(ROOT, file));
    }
  }
  for (const name of CLI_ONLY) found.delete(name);
  return found;
}

describe('deploy/ names the variables Loket reads', () => {
  const readByLoket = variablesRead();

  it('finds the variables in the code', () => {
    // the parse itself works: the well-known ones are there
    for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'TRUST_PROXY', 'LOKET_PUBLIC_URL', 'LOKET_WEB_DIST']) {
      expect(readByLoket.has(name), name).toBe(true);
    }
  });

  it('loket.env.example names every one of them, with a comment, and no other', () => {
    const example = read('deploy/loket.env.example');
    const lines = example.split('\n');
    const named = new Map<string, number>();
    for (const [i, line] of lines.entries()) {
      const m = /^#?([A-Z][A-Z0-9_]*)=/.exec(line);
      if (m) named.set(m[1] as string, i);
    }
    const missing = [...readByLoket.keys()].filter((n) => !named.has(n));
    expect(missing, 'read by Loket but not in deploy/loket.env.example').toEqual([]);
    const unknown = [...named.keys()].filter((n) => !readByLoket.has(n));
    expect(unknown, 'in deploy/loket.env.example but not read by Loket').toEqual([]);
    // each one is explained: a comment line (not a variable) just above it
    for (const [name, at] of named) {
      const above = lines.slice(0, at).reverse();
      const comment = above.find((l) => !/^#?[A-Z][A-Z0-9_]*=/.test(l));
      expect(comment?.startsWith('# '), `${name} has a comment above it`).toBe(true);
    }
  });

  it('the systemd units read the environment file and set only variables Loket reads', () => {
    const units = ['deploy/systemd/loket@.service', 'deploy/systemd/loket-backup.service'].map(read);
    for (const unit of units) expect(unit).toMatch(/^EnvironmentFile=\/etc\/loket\/loket\.env$/m);
    const service = units[0] as string;
    // the instance is the port
    expect(service).toMatch(/^ExecStart=.*\bPORT=%i\b/m);
    const set = units.flatMap((u) => [
      ...[...u.matchAll(/^Environment=([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string),
      ...[...u.matchAll(/^ExecStart=\/usr\/bin\/env ((?:[A-Z][A-Z0-9_]*=\S+ )+)/gm)].flatMap((m) =>
        (m[1] as string)
          .trim()
          .split(' ')
          .map((kv) => kv.split('=')[0] as string),
      ),
    ]);
    expect(set).toContain('PORT');
    expect(set.filter((n) => !readByLoket.has(n) && !NOT_LOKET.has(n))).toEqual([]);
  });

  it('the Dockerfile sets only variables Loket reads, the SQLite file in the /data volume', () => {
    const dockerfile = read('deploy/Dockerfile');
    const env = dockerfile.slice(dockerfile.lastIndexOf('\nENV '));
    const set = [...env.matchAll(/(?:ENV |\s)([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1] as string);
    expect(set).toContain('DATABASE_URL');
    expect(set.filter((n) => !readByLoket.has(n) && !NOT_LOKET.has(n))).toEqual([]);
    expect(dockerfile).toMatch(/DATABASE_URL=sqlite:\/data\/loket\.db/);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    expect(dockerfile).toMatch(/^USER loket$/m);
  });

  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
  it.runIf(analyze)('the units parse (systemd-analyze verify)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-units-'));
    try {
      for (const f of ['loket@.service', 'loket-backup.service', 'loket-backup.timer']) {
        copyFileSync(join(ROOT, 'deploy/systemd', f), join(dir, f));
      }
      symlinkSync('loket@.service', join(dir, 'loket@3001.service'));
      const r = spawnSync(
        analyze as string,
        ['verify', '--man=no', 'loket@3001.service', 'loket-backup.service', 'loket-backup.timer'],
        { cwd: dir, encoding: 'utf8' },
      );
      // it warns (on stderr) about what it ignores, with a success status all the same
      expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
