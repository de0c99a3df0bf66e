/**
 * Seeds the demo mall, MPP Kabupaten Blora, into an empty database: its agencies, services,
 * counters, a display zone, staff accounts, and a few services open to online booking. Does nothing when a mall already exists.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type BookingRules, DEFAULT_BOOKING_RULES } from '../../../domain/booking.js';
import type { WeeklyHours } from '../../../domain/schedule.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../../domain/settings.js';
import { foldForSearch } from '../../../domain/text.js';
import { newId } from '../../ids.js';
import { hashPassword } from '../../modules/auth/passwords.js';
import type { DB, Role } from '../schema.js';
import { bloraAgencies } from './blora-agencies.js';
import { seedFacilities } from './facilities.js';

// The demo is open around the clock so that it can be tried at any hour. Blora's real hours
// (Senin–Kamis 08.00–15.00, Jumat 08.00–11.00 dan 13.00–15.00) are set with PUT opening-hours.
const DEMO_HOURS: WeeklyHours = {
  mon: [{ open: '00:00', close: '24:00' }],
  tue: [{ open: '00:00', close: '24:00' }],
  wed: [{ open: '00:00', close: '24:00' }],
  thu: [{ open: '00:00', close: '24:00' }],
  fri: [{ open: '00:00', close: '24:00' }],
  sat: [{ open: '00:00', close: '24:00' }],
  sun: [{ open: '00:00', close: '24:00' }],
};

// Services the demo opens to online booking or the online queue, by agency code and the start
// of the service's name, so that /blora/book has something to book on a fresh install.
const BOOKING: BookingRules = { ...DEFAULT_BOOKING_RULES, enabled: true };
const DEMO_BOOKING: { agency: string; service: string; rules: BookingRules }[] = [
  { agency: 'dindukcapil', service: 'Penerbitan KK Baru', rules: BOOKING },
  { agency: 'dindukcapil', service: 'Perubahan KK', rules: BOOKING },
  { agency: 'dindukcapil', service: 'Perekaman KTP-el', rules: { ...BOOKING, onlineQueue: true } },
  { agency: 'imigrasi', service: 'Paspor Baru', rules: { ...BOOKING, capacity: 4, daysAhead: 14, askNik: true } },
  { agency: 'samsat', service: 'Pembayaran Pajak Kendaraan', rules: { ...DEFAULT_BOOKING_RULES, onlineQueue: true } },
];

export interface SeededAccount {
  username: string;
  role: Role;
  agency: string | null;
}

export interface SeedResult {
  seeded: boolean;
  mallSlug: string;
  accounts: SeededAccount[];
  /** set when the password was generated here (not given) */
  generatedPassword: string | null;
}

export async function seedDemo(db: Kysely<DB>, options: { password: string | null; now: number }): Promise<SeedResult> {
  const existing = await db.selectFrom('malls').select('slug').executeTakeFirst();
  if (existing) return { seeded: false, mallSlug: existing.slug, accounts: [], generatedPassword: null };

  const generatedPassword = options.password ? null : randomBytes(9).toString('base64url');
  const password = options.password ?? (generatedPassword as string);
  // One hash for all demo accounts: they share the password, and argon2 is slow on purpose.
  const passwordHash = await hashPassword(password);
  const now = options.now;
  const mallId = newId();
  const accounts: SeededAccount[] = [];

  try {
    await insertDemo();
  } catch (error) {
    // Several processes starting on one empty database all try to seed; the first one wins.
    const winner = await db.selectFrom('malls').select('slug').executeTakeFirst();
    if (winner) return { seeded: false, mallSlug: winner.slug, accounts: [], generatedPassword: null };
    throw error;
  }
  return { seeded: true, mallSlug: 'blora', accounts, generatedPassword };

  async function insertDemo() {
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('malls')
        .values({
          id: mallId,
          slug: 'blora',
          name: 'MPP Kabupaten Blora',
          address: 'Jl. Blora–Cepu KM 5, Jepon, Kabupaten Blora, Jawa Tengah',
          time_zone: 'Asia/Jakarta',
          opening_hours: JSON.stringify(DEMO_HOURS),
          // open on national holidays too, like its hours: the demo can be tried any day
          settings: JSON.stringify({ ...DEFAULT_QUEUE_SETTINGS, closedOnNationalHolidays: false }),
          created_at: now,
        })
        .execute();
      const zoneId = newId();
      await tx
        .insertInto('zones')
        .values({ id: zoneId, mall_id: mallId, name: 'Aula Pelayanan', sort_order: 1 })
        .execute();
      await seedFacilities(tx, mallId, now);

      const addUser = async (
        username: string,
        displayName: string,
        role: Role,
        agencyId: string | null,
        agency: string | null,
      ) => {
        await tx
          .insertInto('users')
          .values({
            id: newId(),
            mall_id: mallId,
            username,
            password_hash: passwordHash,
            // a generated password is printed once and must be changed at the first sign-in
            must_change_password: generatedPassword ? 1 : 0,
            display_name: displayName,
            role,
            agency_id: agencyId,
            created_at: now,
          })
          .execute();
        accounts.push({ username, role, agency });
      };
      await addUser('admin', 'Admin MPP Blora', 'mall_admin', null, null);
      await addUser('pimpinan', 'Pimpinan (Bupati / Kepala DPMPTSP)', 'viewer', null, null);

      let counterNumber = 0;
      let agencyOrder = 0;
      let serviceOrder = 0;
      for (const agency of bloraAgencies) {
        const agencyId = newId();
        await tx
          .insertInto('agencies')
          .values({
            id: agencyId,
            mall_id: mallId,
            name: agency.name,
            short_name: agency.shortName,
            code: agency.code,
            color: agency.color,
            sort_order: ++agencyOrder,
            created_at: now,
          })
          .execute();
        const serviceIds: string[] = [];
        for (const s of agency.services) {
          const id = newId();
          serviceIds.push(id);
          const booking = DEMO_BOOKING.find((b) => b.agency === agency.code && s.name.startsWith(b.service));
          await tx
            .insertInto('services')
            .values({
              id,
              mall_id: mallId,
              agency_id: agencyId,
              name: s.name,
              prefix: s.prefix,
              daily_quota: s.dailyQuota,
              standard: JSON.stringify(s.standard),
              search_text: foldForSearch(`${s.name} ${agency.shortName} ${agency.name} ${s.standard.product}`),
              sort_order: ++serviceOrder,
              created_at: now,
            })
            .execute();
          if (booking) {
            await tx
              .insertInto('service_booking_rules')
              .values({
                service_id: id,
                mall_id: mallId,
                rules: JSON.stringify(booking.rules),
                updated_by: null,
                updated_at: now,
              })
              .execute();
          }
        }
        for (let i = 0; i < agency.counters; i++) {
          const counterId = newId();
          counterNumber++;
          await tx
            .insertInto('counters')
            .values({
              id: counterId,
              mall_id: mallId,
              agency_id: agencyId,
              zone_id: zoneId,
              name: `Loket ${counterNumber}`,
              number: counterNumber,
              created_at: now,
            })
            .execute();
          // Every counter of an agency serves all its services; the admin narrows that later.
          if (serviceIds.length > 0) {
            await tx
              .insertInto('counter_services')
              .values(
                serviceIds.map((serviceId) => ({
                  mall_id: mallId,
                  counter_id: counterId,
                  service_id: serviceId,
                })),
              )
              .execute();
          }
        }
        await addUser(`petugas.${agency.code}`, `Petugas ${agency.shortName}`, 'officer', agencyId, agency.shortName);
        await addUser(`admin.${agency.code}`, `Admin ${agency.shortName}`, 'agency_admin', agencyId, agency.shortName);
      }
    });
  }
}
