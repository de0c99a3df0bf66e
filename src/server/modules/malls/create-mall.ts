/**
 * A new mall on the deployment (issue #6 point 2), with its time zone and its first mall admin,
 * in one transaction. The deployment's operator does it from the command line
 * (`loket mall add`); the mall's admin then sets up its agencies, services and counters in the
 * admin screens. Every mall's data is kept apart by mall_id in every query, and the access
 * table refuses staff of one mall on another's routes.
 */
import type { Kysely } from 'kysely';
import type { WeeklyHours } from '../../../domain/schedule.js';
import { isValidTimeZone } from '../../../domain/schedule.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../../domain/settings.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../ids.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { AuthRepository } from '../auth/repository.js';

export interface NewMall {
  slug: string;
  name: string;
  timeZone: string;
  address?: string;
  admin: { username: string; displayName?: string };
}

export class MallSetupError extends Error {}

/** A new mall opens Monday to Friday 08:00–15:00 until its admin sets its own hours. */
const STARTING_HOURS: WeeklyHours = {
  mon: [{ open: '08:00', close: '15:00' }],
  tue: [{ open: '08:00', close: '15:00' }],
  wed: [{ open: '08:00', close: '15:00' }],
  thu: [{ open: '08:00', close: '15:00' }],
  fri: [{ open: '08:00', close: '15:00' }],
  sat: [],
  sun: [],
};

export async function createMall(
  db: Kysely<DB>,
  input: NewMall,
  now: number,
): Promise<{ mallId: string; adminId: string; password: string }> {
  const slug = input.slug.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(slug)) {
    throw new MallSetupError('slug: 2–40 characters a–z, 0–9 and dash, starting with a letter or digit');
  }
  if (!input.name.trim()) throw new MallSetupError('--name is required');
  if (!isValidTimeZone(input.timeZone)) {
    throw new MallSetupError(
      `time zone "${input.timeZone}" is not an IANA zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`,
    );
  }
  const username = input.admin.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username)) {
    throw new MallSetupError('admin username: 3–64 characters a–z, 0–9, dot, dash or underscore');
  }
  if (await db.selectFrom('malls').select('id').where('slug', '=', slug).executeTakeFirst()) {
    throw new MallSetupError(`a mall with slug "${slug}" exists already`);
  }
  if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) {
    throw new MallSetupError(`username "${username}" is already taken`);
  }
  const mallId = newId();
  const adminId = newId();
  const password = generatePassword(username);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('malls')
      .values({
        id: mallId,
        slug,
        name: input.name.trim(),
        address: input.address?.trim() ?? '',
        time_zone: input.timeZone,
        opening_hours: JSON.stringify(STARTING_HOURS),
        settings: JSON.stringify(DEFAULT_QUEUE_SETTINGS),
        created_at: now,
      })
      .execute();
    await new AuthRepository(tx).createUser({
      id: adminId,
      mallId,
      username,
      passwordHash,
      displayName: input.admin.displayName?.trim() || `Admin ${input.name.trim()}`,
      role: 'mall_admin',
      agencyId: null,
      createdAt: now,
      mustChangePassword: true,
    });
  });
  return { mallId, adminId, password };
}
