/**
 * The crisis center's use cases: a report from anyone, "I'm on it" and "done" from staff, every
 * step on the bus at once (every process's staff screens hear it), and the log with response times.
 */
import type { Emergency, EmergencyReport, EmergencySnapshot, NewEmergency } from '../../../api/emergencies.js';
import {
  checkEmergencyStep,
  type EmergencySource,
  type EmergencyStatus,
  emergencyFigures,
  responseTimeMs,
} from '../../../domain/emergency.js';
import { addDays, instantAt, isValidDate, localTime } from '../../../domain/schedule.js';
import { parsePeriod } from '../../../domain/skm-report.js';
import { AppError } from '../../errors.js';
import type { EventBus } from '../../events/bus.js';
import type { EmergencyChanged } from '../../events/types.js';
import { newId } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { EmergencyRecord, EmergencyRepository } from './repository.js';

type PeriodQuery = { period?: string | undefined; from?: string | undefined; to?: string | undefined };

/** A list or report without dates covers this many days up to today. */
const DEFAULT_DAYS = 30;
/** Tries of a close that keeps losing the race to a take (each loss is a real step by someone else). */
const CLOSE_TRIES = 3;

const text = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function toEmergency(r: EmergencyRecord): Emergency {
  return {
    id: r.id,
    kind: r.kind,
    place: r.place,
    note: r.note,
    source: r.source,
    status: r.status,
    reportedAt: r.reported_at,
    reportedBy: r.reported_by_name,
    takenAt: r.taken_at,
    takenBy: r.taken_by_name,
    takenById: r.taken_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by_name,
    closeNote: r.close_note,
    responseMs: responseTimeMs(r.reported_at, r.taken_at),
  };
}

export class EmergencyService {
  constructor(
    private readonly repo: EmergencyRepository,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  /** A report from the kiosk, a phone, or a staff screen (then recorded as the staff member's). */
  async report(mall: Mall, staff: Staff | null, body: NewEmergency) {
    const at = this.now();
    const id = newId();
    const eventId = newId();
    const source: EmergencySource = staff ? 'staff' : (body.source ?? 'portal');
    await this.repo.create(
      {
        id,
        mall_id: mall.id,
        kind: body.kind,
        place: text(body.place),
        note: text(body.note),
        source,
        status: 'reported',
        reported_by: staff?.id ?? null,
        reported_at: at,
        taken_by: null,
        taken_at: null,
        closed_by: null,
        closed_at: null,
        close_note: null,
      },
      { id: eventId, emergency_id: id, mall_id: mall.id, type: 'reported', actor_id: staff?.id ?? null, at },
    );
    await this.publish(mall, eventId, 'reported', at, id);
    return { id, kind: body.kind, status: 'reported' as const, reportedAt: at };
  }

  /** "Saya tangani": the first taker wins; anyone after gets 409 naming who has it. */
  async take(mall: Mall, staff: Staff, id: string): Promise<Emergency> {
    const current = await this.found(mall, id);
    this.check(current, 'take');
    const at = this.now();
    const eventId = newId();
    const won = await this.repo.step(
      mall.id,
      id,
      'reported',
      { status: 'taken', taken_by: staff.id, taken_at: at },
      { id: eventId, emergency_id: id, mall_id: mall.id, type: 'taken', actor_id: staff.id, at },
    );
    if (!won) {
      // someone else moved it first: say who has it (or that it is closed)
      this.check(await this.found(mall, id), 'take');
      throw new AppError('emergency_taken');
    }
    return this.publish(mall, eventId, 'taken', at, id);
  }

  /** Done, with what was done. Closing one nobody took counts the closer as its taker, now. */
  async close(mall: Mall, staff: Staff, id: string, note: string): Promise<Emergency> {
    const what = text(note);
    if (!what) {
      throw new AppError('validation', {
        field: 'note',
        in: 'body',
        problemId: 'wajib diisi',
        problemEn: 'is required',
      });
    }
    for (let i = 0; i < CLOSE_TRIES; i++) {
      const current = await this.found(mall, id);
      this.check(current, 'close');
      const at = this.now();
      const eventId = newId();
      const won = await this.repo.step(
        mall.id,
        id,
        current.status,
        {
          status: 'closed',
          closed_by: staff.id,
          closed_at: at,
          close_note: what,
          ...(current.status === 'reported' ? { taken_by: staff.id, taken_at: at } : {}),
        },
        { id: eventId, emergency_id: id, mall_id: mall.id, type: 'closed', actor_id: staff.id, at },
      );
      if (won) return this.publish(mall, eventId, 'closed', at, id);
    }
    throw new AppError('emergency_closed', {});
  }

  /** What a staff screen draws first: every open report. */
  async snapshot(mall: Mall): Promise<EmergencySnapshot> {
    return { open: (await this.repo.open(mall.id)).map(toEmergency), serverTime: this.now() };
  }

  /** The steps a screen missed while away, each with its report as it now stands. */
  async eventsAfter(mall: Mall, afterId: string): Promise<EmergencyChanged[]> {
    return (await this.repo.eventsAfter(mall.id, afterId)).map((e) => ({
      eventId: e.id,
      mallId: mall.id,
      type: e.type,
      at: e.at,
      emergency: toEmergency(e.emergency),
    }));
  }

  async list(mall: Mall, query: PeriodQuery): Promise<Emergency[]> {
    const period = this.period(mall, query);
    return (await this.repo.between(mall.id, period.start, period.end)).map(toEmergency);
  }

  async figures(mall: Mall, query: PeriodQuery): Promise<EmergencyReport> {
    const period = this.period(mall, query);
    const rows = await this.repo.between(mall.id, period.start, period.end);
    const figures = emergencyFigures(
      rows.map((r) => ({ kind: r.kind, reportedAt: r.reported_at, takenAt: r.taken_at })),
    );
    return { from: period.from, to: period.to, ...figures };
  }

  /** The mall's local dates, both included (a named period, or from/to; default the last 30 days), as instants [start, end). */
  private period(mall: Mall, query: PeriodQuery) {
    const today = localTime(this.now(), mall.timeZone).date;
    let to = query.to ?? today;
    let from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    if (query.period !== undefined) {
      const period = parsePeriod(query.period);
      if (!period || query.from !== undefined || query.to !== undefined) {
        throw new AppError('validation', {
          field: 'period',
          in: 'querystring',
          problemId: period ? 'gunakan period atau from/to, tidak keduanya' : 'formatnya tidak sesuai',
          problemEn: period ? 'give either period or from/to, not both' : 'is not in the expected format',
        });
      }
      ({ from, to } = period);
    }
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isValidDate(value)) {
        throw new AppError('validation', {
          field,
          in: 'querystring',
          problemId: 'bukan tanggal yang ada',
          problemEn: 'is not a real date',
        });
      }
    }
    if (from > to) {
      throw new AppError('validation', {
        field: 'from',
        in: 'querystring',
        problemId: 'harus sebelum atau sama dengan "Sampai tanggal"',
        problemEn: 'must not be after "To"',
      });
    }
    return {
      from,
      to,
      start: instantAt(from, 0, mall.timeZone),
      end: instantAt(addDays(to, 1), 0, mall.timeZone),
    };
  }

  private async found(mall: Mall, id: string): Promise<EmergencyRecord> {
    const row = await this.repo.get(mall.id, id);
    if (!row) throw new AppError('emergency_not_found');
    return row;
  }

  private check(current: EmergencyRecord, action: 'take' | 'close'): void {
    const step = checkEmergencyStep(current.status, action);
    if (step.ok) return;
    if (step.reason === 'already_taken') {
      throw new AppError('emergency_taken', { takenBy: current.taken_by_name ?? '', takenAt: current.taken_at ?? 0 });
    }
    throw new AppError('emergency_closed', { closedBy: current.closed_by_name ?? '' });
  }

  /** Reads the report as it now stands and tells every process; the answer of the request too. */
  private async publish(
    mall: Mall,
    eventId: string,
    type: EmergencyStatus,
    at: number,
    id: string,
  ): Promise<Emergency> {
    const emergency = toEmergency(await this.found(mall, id));
    await this.bus.publish('emergency.changed', { eventId, mallId: mall.id, type, at, emergency });
    return emergency;
  }
}
