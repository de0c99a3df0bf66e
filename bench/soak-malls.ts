/**
 * The soak's province: the seeded demo mall copied into more malls on the same database, each
 * with its own ids, slug and mall admin (admin.<slug>, the demo password), its zones, agencies,
 * services and counters as Blora has them. Copied row by row in a few multi-row inserts per
 * mall, not through the admin screens: 34 malls take seconds, and the rows are the real schema's.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.js';
import { newId } from '../src/server/ids.js';

/** the columns holding an id of a copied row: remapped to the copy's */
const ID_COLUMNS = ['id', 'mall_id', 'agency_id', 'zone_id', 'counter_id', 'service_id', 'after_service_id'];
const ROWS_PER_INSERT = 500;

type Row = Record<string, unknown>;

/** Copies the mall `from` into one new mall per slug. */
export async function copyMall(db: Kysely<DB>, from: string, slugs: string[]): Promise<void> {
  const mall = await db.selectFrom('malls').selectAll().where('slug', '=', from).executeTakeFirstOrThrow();
  // every one of these tables has mall_id; typed as one of them, the rows are read as plain records
  const of = (table: 'zones' | 'agencies' | 'services' | 'counters' | 'counter_services') =>
    db
      .selectFrom(table as 'zones')
      .selectAll()
      .where('mall_id', '=', mall.id)
      .execute() as Promise<Row[]>;
  const zones = await of('zones');
  const agencies = await of('agencies');
  const services = await of('services');
  const counters = await of('counters');
  const counterServices = await of('counter_services');
  const admin = await db
    .selectFrom('users')
    .selectAll()
    .where('mall_id', '=', mall.id)
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();

  for (const [i, slug] of slugs.entries()) {
    const ids = new Map<string, string>([[mall.id, newId()]]);
    const copy = (row: Row): Row => {
      const out: Row = { ...row };
      for (const c of ID_COLUMNS) {
        const v = row[c];
        if (typeof v !== 'string') continue;
        let to = ids.get(v);
        if (!to) {
          to = newId();
          ids.set(v, to);
        }
        out[c] = to;
      }
      return out;
    };
    await db.transaction().execute(async (t) => {
      const insert = async (table: keyof DB, rows: Row[]) => {
        for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
          await t
            .insertInto(table)
            .values(rows.slice(at, at + ROWS_PER_INSERT) as never)
            .execute();
        }
      };
      await insert('malls', [
        {
          ...copy(mall as unknown as Row),
          slug,
          name: `MPP Soak ${i + 2}`,
          created_at: Date.now(),
        },
      ]);
      await insert('zones', zones.map(copy));
      await insert('agencies', agencies.map(copy));
      // a service's after_service_id names another service: every id is mapped before inserting
      await insert('services', services.map(copy));
      await insert('counters', counters.map(copy));
      await insert('counter_services', counterServices.map(copy));
      await insert('users', [
        {
          ...copy(admin as unknown as Row),
          id: newId(),
          username: `admin.${slug}`,
          display_name: `Admin ${slug}`,
        },
      ]);
    });
  }
}
