/**
 * Administration use cases. Each change checks, in this order: the ids exist (404), the caller may
 * touch them (403), the values make sense together (400 naming the field), the state allows it
 * (409); then writes. Who may do what is src/domain/access.ts; the routes announce every change
 * (app.catalogChanged) so that every process drops its cached copies.
 */
import type {
  AdminAgency,
  AdminCounter,
  AdminService as AdminServiceView,
  AdminUser,
  AdminZone,
  AgencyChange,
  CounterChange,
  NewAgency,
  NewCounter,
  NewService,
  NewUser,
  NewZone,
  RemoveResult,
  ServiceChange,
  SpecialDay,
  SpecialDayBody,
  SpecialDayRange,
  UserChange,
  UserWithPassword,
  ZoneChange,
} from '../../../api/admin.js';
import { LIMITS } from '../../../api/admin.js';
import type { ServiceStandard } from '../../../api/catalog.js';
import {
  type Actor,
  canAdministerMall,
  canManageAccount,
  canManageAgency,
  canUseAdmin,
  type Role,
  roleNeedsAgency,
} from '../../../domain/access.js';
import {
  datesBetween,
  type HoursProblem,
  isValidDate,
  localTime,
  type Span,
  validateSpans,
} from '../../../domain/schedule.js';
import { foldForSearch } from '../../../domain/text.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import {
  type AdminRepository,
  type AgencyRecord,
  type CounterRecord,
  isUniqueViolation,
  type ServiceRecord,
  type SpecialDayRecord,
  type UserRecord,
  type ZoneRecord,
} from './repository.js';

/** 400 validation naming the field, with the problem in Indonesian and English. */
function invalid(field: string, problemId: string, problemEn: string): AppError {
  return new AppError('validation', { field, problemId, problemEn });
}

const required = (field: string) => invalid(field, 'wajib diisi', 'is required');

/** A trimmed text that must not be blank. */
function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw required(field);
  return trimmed;
}

const SPAN_PROBLEM: Record<HoursProblem['code'], { id: string; en: string }> = {
  bad_clock: { id: 'jam harus HH:mm', en: 'must be HH:mm' },
  close_before_open: { id: 'jam tutup harus setelah jam buka', en: 'closing must come after opening' },
  overlap: { id: 'bertumpang tindih dengan rentang lain', en: 'overlaps another span' },
};

/** The search text of a service, as the seed writes it: name, agency and product, folded. */
export function serviceSearchText(
  service: { name: string; standard: ServiceStandard },
  agency: { name: string; shortName: string },
): string {
  return foldForSearch(`${service.name} ${agency.shortName} ${agency.name} ${service.standard.product}`);
}

/** The standard as typed, tidied: texts trimmed, blank lines dropped; the required texts present. */
function tidyStandard(standard: ServiceStandard): ServiceStandard {
  const lines = (list: string[]) => list.map((l) => l.trim()).filter(Boolean);
  const procedure = lines(standard.procedure);
  if (procedure.length === 0) throw required('standard.procedure');
  return {
    requirements: lines(standard.requirements),
    procedure,
    duration: text(standard.duration, 'standard.duration'),
    durationMinutes: standard.durationMinutes,
    feeRupiah: standard.feeRupiah,
    feeNote: standard.feeNote.trim(),
    product: text(standard.product, 'standard.product'),
    complaint: text(standard.complaint, 'standard.complaint'),
    legalBasis: lines(standard.legalBasis),
  };
}

const unique = <T>(list: readonly T[]): T[] => [...new Set(list)];

/** A count that must be at least 1 when given; null stands for "none". */
function atLeastOne<T extends number | null | undefined>(value: T, field: string, noneId: string, noneEn: string): T {
  if (typeof value === 'number' && value < 1) {
    throw invalid(field, `minimal 1; kosongkan untuk ${noneId}`, `must be at least 1; leave it empty for ${noneEn}`);
  }
  return value;
}
const quota = <T extends number | null | undefined>(value: T) =>
  atLeastOne(value, 'dailyQuota', 'tanpa kuota', 'no quota');
const threshold = <T extends number | null | undefined>(value: T) =>
  atLeastOne(value, 'waitThresholdMinutes', 'memakai batas bawaan MPP', "the mall's default");

export class AdminService {
  constructor(
    private readonly repo: AdminRepository,
    private readonly now: () => number,
  ) {}

  private today(mall: Mall): string {
    return localTime(this.now(), mall.timeZone).date;
  }

  /** The admin screens' reads: the mall admin sees the mall, an agency admin their agency. */
  private readScope(mall: Mall, staff: Actor, agencyId?: string): string | undefined {
    if (!canUseAdmin(staff, mall.id)) throw new AppError('forbidden');
    if (staff.role === 'mall_admin') return agencyId;
    if (agencyId && agencyId !== staff.agencyId) throw new AppError('forbidden');
    return staff.agencyId ?? '';
  }

  private async agencyFor(mall: Mall, staff: Actor, agencyId: string): Promise<AgencyRecord> {
    const agency = await this.repo.agency(mall.id, agencyId);
    if (!agency) throw new AppError('agency_not_found', { agencyId });
    if (!canManageAgency(staff, mall.id, agency.id)) throw new AppError('forbidden');
    return agency;
  }

  private openAgency(agency: AgencyRecord): AgencyRecord {
    if (agency.archivedAt !== null) throw new AppError('agency_archived', { agencyName: agency.name });
    return agency;
  }

  // ------------------------------------------------------------------ agencies

  async agencies(mall: Mall, staff: Actor): Promise<AdminAgency[]> {
    const rows = await this.repo.agencies(mall.id, this.readScope(mall, staff));
    return rows.map(({ archivedAt, ...a }) => ({ ...a, archived: archivedAt !== null }));
  }

  private async agencyView(mall: Mall, agencyId: string): Promise<AdminAgency> {
    const [row] = await this.repo.agencies(mall.id, agencyId);
    if (!row) throw new AppError('agency_not_found', { agencyId });
    const { archivedAt, ...a } = row;
    return { ...a, archived: archivedAt !== null };
  }

  private async checkAgencyCode(mall: Mall, code: string, self?: string): Promise<void> {
    const owner = await this.repo.agencyByCode(mall.id, code);
    if (owner && owner.id !== self) {
      throw new AppError('agency_code_taken', {
        code,
        agencyId: owner.id,
        ...(owner.archivedAt !== null ? { archived: 1 } : {}),
      });
    }
  }

  async createAgency(mall: Mall, staff: Actor, body: NewAgency): Promise<AdminAgency> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    const agency = {
      id: newId(),
      name: text(body.name, 'name'),
      shortName: text(body.shortName, 'shortName'),
      code: body.code,
      color: body.color.toLowerCase(),
      waitThresholdMinutes: threshold(body.waitThresholdMinutes ?? null),
      sortOrder: body.sortOrder ?? (await this.repo.nextSortOrder(mall.id, 'agencies')),
    };
    await this.checkAgencyCode(mall, agency.code);
    try {
      await this.repo.insertAgency(mall.id, agency, this.now());
    } catch (error) {
      if (isUniqueViolation(error)) await this.checkAgencyCode(mall, agency.code);
      throw error;
    }
    return this.agencyView(mall, agency.id);
  }

  async updateAgency(mall: Mall, staff: Actor, agencyId: string, body: AgencyChange): Promise<AdminAgency> {
    const current = await this.repo.agency(mall.id, agencyId);
    if (!current) throw new AppError('agency_not_found', { agencyId });
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    if (current.archivedAt !== null) throw new AppError('archived', { name: current.name });
    const next = {
      id: current.id,
      name: body.name === undefined ? current.name : text(body.name, 'name'),
      shortName: body.shortName === undefined ? current.shortName : text(body.shortName, 'shortName'),
      code: body.code ?? current.code,
      color: body.color?.toLowerCase() ?? current.color,
      waitThresholdMinutes:
        body.waitThresholdMinutes === undefined ? current.waitThresholdMinutes : threshold(body.waitThresholdMinutes),
      sortOrder: body.sortOrder ?? current.sortOrder,
    };
    if (next.code !== current.code) await this.checkAgencyCode(mall, next.code, current.id);
    const renamed = next.name !== current.name || next.shortName !== current.shortName;
    try {
      await this.repo.updateAgency(mall.id, next, renamed ? (s) => serviceSearchText(s, next) : null);
    } catch (error) {
      if (isUniqueViolation(error)) await this.checkAgencyCode(mall, next.code, current.id);
      throw error;
    }
    return this.agencyView(mall, current.id);
  }

  /**
   * Deletes an agency nothing refers to; otherwise archives it with its services and counters and
   * deactivates its accounts. Refused while today's tickets of its services are unfinished.
   */
  async removeAgency(mall: Mall, staff: Actor, agencyId: string): Promise<RemoveResult> {
    const agency = await this.repo.agency(mall.id, agencyId);
    if (!agency) throw new AppError('agency_not_found', { agencyId });
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    if (agency.archivedAt !== null) return { id: agency.id, outcome: 'archived' };
    if (await this.repo.deleteAgency(mall.id, agency.id)) return { id: agency.id, outcome: 'deleted' };
    const tickets = await this.repo.unfinishedTickets(mall.id, agency.id, this.today(mall));
    if (tickets > 0) throw new AppError('agency_in_queue', { agencyName: agency.name, tickets });
    await this.repo.archiveAgency(mall.id, agency.id, this.now());
    return { id: agency.id, outcome: 'archived' };
  }

  async restoreAgency(mall: Mall, staff: Actor, agencyId: string): Promise<AdminAgency> {
    const agency = await this.repo.agency(mall.id, agencyId);
    if (!agency) throw new AppError('agency_not_found', { agencyId });
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    if (agency.archivedAt !== null) await this.repo.restoreAgency(mall.id, agency.id, agency.archivedAt);
    return this.agencyView(mall, agency.id);
  }

  // ------------------------------------------------------------------ services

  async services(mall: Mall, staff: Actor, query: { agencyId?: string | undefined }): Promise<AdminServiceView[]> {
    const agencyId = this.readScope(mall, staff, query.agencyId);
    if (agencyId && staff.role === 'mall_admin' && !(await this.repo.agency(mall.id, agencyId))) {
      throw new AppError('agency_not_found', { agencyId });
    }
    return (await this.repo.services(mall.id, agencyId)).map(serviceView);
  }

  private async serviceFor(mall: Mall, staff: Actor, serviceId: string): Promise<ServiceRecord> {
    const service = await this.repo.service(mall.id, serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId });
    if (!canManageAgency(staff, mall.id, service.agencyId)) throw new AppError('forbidden');
    return service;
  }

  private async checkPrefix(mall: Mall, prefix: string, agencyId: string): Promise<void> {
    const owner = await this.repo.prefixOwner(mall.id, prefix, agencyId);
    if (owner) throw new AppError('prefix_taken', { prefix, agencyId: owner.agency_id, agencyName: owner.agency_name });
  }

  /** The counters that may serve a service of this agency: its own, not archived. */
  private async counterLinks(
    mall: Mall,
    agencyId: string,
    ids: readonly string[],
    linked: readonly string[] = [],
  ): Promise<string[]> {
    const wanted = unique(ids);
    const found = new Map((await this.repo.countersByIds(mall.id, wanted)).map((c) => [c.id, c]));
    wanted.forEach((id, i) => {
      const counter = found.get(id);
      if (!counter) throw new AppError('counter_not_found', { counterId: id });
      if (counter.agency_id !== agencyId) {
        throw invalid(
          `counterIds[${i}]`,
          `loket "${counter.name}" milik instansi lain; layanan hanya dilayani loket instansinya sendiri`,
          `counter "${counter.name}" belongs to another agency; a service is served at its own agency's counters`,
        );
      }
      if (counter.archived_at !== null && !linked.includes(id)) throw new AppError('archived', { name: counter.name });
    });
    return wanted;
  }

  async createService(mall: Mall, staff: Actor, body: NewService): Promise<AdminServiceView> {
    const agency = this.openAgency(await this.agencyFor(mall, staff, body.agencyId));
    const name = text(body.name, 'name');
    const standard = tidyStandard(body.standard);
    const dailyQuota = quota(body.dailyQuota);
    await this.checkPrefix(mall, body.prefix, agency.id);
    const counterIds =
      body.counterIds === undefined
        ? await this.repo.activeCounterIds(mall.id, agency.id)
        : await this.counterLinks(mall, agency.id, body.counterIds);
    const id = newId();
    const afterServiceId = await this.afterLink(mall, id, body.afterServiceId ?? null);
    await this.repo.insertService(
      mall.id,
      {
        id,
        agencyId: agency.id,
        name,
        prefix: body.prefix,
        dailyQuota,
        standard,
        active: body.active ?? true,
        sortOrder: body.sortOrder ?? (await this.repo.nextSortOrder(mall.id, 'services')),
        searchText: serviceSearchText({ name, standard }, agency),
        afterServiceId,
      },
      counterIds,
      this.now(),
    );
    return serviceView(await this.mustService(mall, id));
  }

  async updateService(mall: Mall, staff: Actor, serviceId: string, body: ServiceChange): Promise<AdminServiceView> {
    const current = await this.serviceFor(mall, staff, serviceId);
    if (current.archivedAt !== null) throw new AppError('archived', { name: current.name });
    const moved = body.agencyId !== undefined && body.agencyId !== current.agencyId;
    const agency = this.openAgency(await this.agencyFor(mall, staff, body.agencyId ?? current.agencyId));
    const name = body.name === undefined ? current.name : text(body.name, 'name');
    const standard = body.standard === undefined ? current.standard : tidyStandard(body.standard);
    const dailyQuota = body.dailyQuota === undefined ? current.dailyQuota : quota(body.dailyQuota);
    const prefix = body.prefix ?? current.prefix;
    if (moved || prefix !== current.prefix) await this.checkPrefix(mall, prefix, agency.id);
    const afterServiceId =
      body.afterServiceId === undefined
        ? current.afterServiceId
        : await this.afterLink(mall, current.id, body.afterServiceId);
    // Moved to another agency, it leaves the old agency's counters unless told which to use.
    const counterIds =
      body.counterIds !== undefined
        ? await this.counterLinks(mall, agency.id, body.counterIds, moved ? [] : current.counterIds)
        : moved
          ? []
          : null;
    await this.repo.updateService(
      mall.id,
      {
        id: current.id,
        agencyId: agency.id,
        name,
        prefix,
        dailyQuota,
        standard,
        active: body.active ?? current.active,
        sortOrder: body.sortOrder ?? current.sortOrder,
        searchText: serviceSearchText({ name, standard }, agency),
        afterServiceId,
      },
      counterIds,
    );
    return serviceView(await this.mustService(mall, current.id));
  }

  /**
   * The service that must come first in a visit: one of the mall's, not the service itself, and
   * not one that (through others) must come after it — a visit would wait for ever.
   */
  private async afterLink(mall: Mall, serviceId: string, afterServiceId: string | null): Promise<string | null> {
    if (afterServiceId === null) return null;
    const invalidAfter = () =>
      invalid(
        'afterServiceId',
        'layanan ini tidak dapat menunggu layanan itu: layanan itu sendiri menunggu layanan ini',
        'this service cannot wait for that one: that one itself waits for this service',
      );
    for (let id: string | null = afterServiceId, steps = 0; id !== null; steps++) {
      if (id === serviceId || steps > 50) throw invalidAfter();
      const next = await this.repo.service(mall.id, id);
      if (!next) throw new AppError('service_not_found', { serviceId: id });
      id = next.afterServiceId;
    }
    return afterServiceId;
  }

  /** Deletes a service no ticket, survey or count ever referred to; otherwise archives it. */
  async removeService(mall: Mall, staff: Actor, serviceId: string): Promise<RemoveResult> {
    const service = await this.serviceFor(mall, staff, serviceId);
    if (service.archivedAt !== null) return { id: service.id, outcome: 'archived' };
    if (await this.repo.deleteService(mall.id, service.id)) return { id: service.id, outcome: 'deleted' };
    await this.repo.setServiceArchived(mall.id, service.id, this.now());
    return { id: service.id, outcome: 'archived' };
  }

  async restoreService(mall: Mall, staff: Actor, serviceId: string): Promise<AdminServiceView> {
    const service = await this.serviceFor(mall, staff, serviceId);
    if (service.archivedAt !== null) {
      const agency = await this.repo.agency(mall.id, service.agencyId);
      if (agency) this.openAgency(agency);
      await this.checkPrefix(mall, service.prefix, service.agencyId);
      await this.repo.setServiceArchived(mall.id, service.id, null);
    }
    return serviceView(await this.mustService(mall, service.id));
  }

  private async mustService(mall: Mall, serviceId: string): Promise<ServiceRecord> {
    const service = await this.repo.service(mall.id, serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId });
    return service;
  }

  // ------------------------------------------------------------------ counters

  async counters(mall: Mall, staff: Actor, query: { agencyId?: string | undefined }): Promise<AdminCounter[]> {
    const agencyId = this.readScope(mall, staff, query.agencyId);
    return (await this.repo.counters(mall.id, agencyId)).map(counterView);
  }

  private async counterFor(mall: Mall, staff: Actor, counterId: string): Promise<CounterRecord> {
    const counter = await this.repo.counter(mall.id, counterId);
    if (!counter) throw new AppError('counter_not_found', { counterId });
    if (!canManageAgency(staff, mall.id, counter.agencyId)) throw new AppError('forbidden');
    return counter;
  }

  /**
   * The services a counter of this agency may serve: the agency's own, not archived. A counter is
   * staffed by one agency's officers, who are the ones allowed to operate it, and its calls are that
   * agency's figures; a citizen in the wrong line is transferred, not served across agencies.
   */
  private async serviceLinks(
    mall: Mall,
    agencyId: string,
    ids: readonly string[],
    linked: readonly string[] = [],
  ): Promise<string[]> {
    const wanted = unique(ids);
    const found = new Map((await this.repo.servicesByIds(mall.id, wanted)).map((s) => [s.id, s]));
    wanted.forEach((id, i) => {
      const service = found.get(id);
      if (!service) throw new AppError('service_not_found', { serviceId: id });
      if (service.agency_id !== agencyId) {
        throw invalid(
          `serviceIds[${i}]`,
          `layanan "${service.name}" milik instansi lain; loket hanya melayani layanan instansinya sendiri`,
          `the service "${service.name}" belongs to another agency; a counter serves its own agency's services`,
        );
      }
      if (service.archived_at !== null && !linked.includes(id)) throw new AppError('archived', { name: service.name });
    });
    return wanted;
  }

  private async zoneFor(mall: Mall, zoneId: string | null): Promise<string | null> {
    if (zoneId === null) return null;
    const zone = await this.repo.zone(mall.id, zoneId);
    if (!zone) throw new AppError('zone_not_found', { zoneId });
    if (zone.archivedAt !== null) throw new AppError('archived', { name: zone.name });
    return zone.id;
  }

  private async checkCounterNumber(mall: Mall, number: number, self?: string): Promise<void> {
    const owner = await this.repo.counterByNumber(mall.id, number);
    if (owner && owner.id !== self) {
      throw new AppError('counter_number_taken', {
        number,
        counterId: owner.id,
        counterName: owner.name,
        ...(owner.archived_at !== null ? { archived: 1 } : {}),
      });
    }
  }

  async createCounter(mall: Mall, staff: Actor, body: NewCounter): Promise<AdminCounter> {
    const agency = this.openAgency(await this.agencyFor(mall, staff, body.agencyId));
    const name = text(body.name, 'name');
    const zoneId = await this.zoneFor(mall, body.zoneId);
    const serviceIds = await this.serviceLinks(mall, agency.id, body.serviceIds);
    await this.checkCounterNumber(mall, body.number);
    const id = newId();
    try {
      await this.repo.insertCounter(
        mall.id,
        { id, agencyId: agency.id, name, number: body.number, zoneId, active: body.active ?? true },
        serviceIds,
        this.now(),
      );
    } catch (error) {
      if (isUniqueViolation(error)) await this.checkCounterNumber(mall, body.number);
      throw error;
    }
    return counterView(await this.mustCounter(mall, id));
  }

  async updateCounter(mall: Mall, staff: Actor, counterId: string, body: CounterChange): Promise<AdminCounter> {
    const current = await this.counterFor(mall, staff, counterId);
    if (current.archivedAt !== null) throw new AppError('archived', { name: current.name });
    const moved = body.agencyId !== undefined && body.agencyId !== current.agencyId;
    const agency = this.openAgency(await this.agencyFor(mall, staff, body.agencyId ?? current.agencyId));
    const name = body.name === undefined ? current.name : text(body.name, 'name');
    const zoneId = body.zoneId === undefined ? current.zoneId : await this.zoneFor(mall, body.zoneId);
    // Moved to another agency, it serves none of the old agency's services unless told which.
    const serviceIds =
      body.serviceIds !== undefined
        ? await this.serviceLinks(mall, agency.id, body.serviceIds, moved ? [] : current.serviceIds)
        : moved
          ? []
          : current.serviceIds;
    const number = body.number ?? current.number;
    if (number !== current.number) await this.checkCounterNumber(mall, number, current.id);
    if (moved) await this.refuseWhileHeld(mall, current);
    try {
      await this.repo.updateCounter(
        mall.id,
        { id: current.id, agencyId: agency.id, name, number, zoneId, active: body.active ?? current.active },
        serviceIds,
      );
    } catch (error) {
      if (isUniqueViolation(error)) await this.checkCounterNumber(mall, number, current.id);
      throw error;
    }
    return counterView(await this.mustCounter(mall, current.id));
  }

  private async refuseWhileHeld(mall: Mall, counter: CounterRecord): Promise<void> {
    const held = await this.repo.heldTicket(mall.id, counter.id);
    if (held)
      throw new AppError('counter_in_use', { counterName: counter.name, number: held.number, ticketId: held.id });
  }

  /** Deletes a counter no ticket ever went to; otherwise archives it (its number stays its own). */
  async removeCounter(mall: Mall, staff: Actor, counterId: string): Promise<RemoveResult> {
    const counter = await this.counterFor(mall, staff, counterId);
    if (counter.archivedAt !== null) return { id: counter.id, outcome: 'archived' };
    await this.refuseWhileHeld(mall, counter);
    if (await this.repo.deleteCounter(mall.id, counter.id)) return { id: counter.id, outcome: 'deleted' };
    await this.repo.setCounterArchived(mall.id, counter.id, this.now());
    return { id: counter.id, outcome: 'archived' };
  }

  async restoreCounter(mall: Mall, staff: Actor, counterId: string): Promise<AdminCounter> {
    const counter = await this.counterFor(mall, staff, counterId);
    if (counter.archivedAt !== null) {
      const agency = await this.repo.agency(mall.id, counter.agencyId);
      if (agency) this.openAgency(agency);
      // Its zone may have been archived meanwhile: it comes back without one.
      const zone = counter.zoneId ? await this.repo.zone(mall.id, counter.zoneId) : undefined;
      await this.repo.setCounterArchived(mall.id, counter.id, null, zone?.archivedAt != null ? null : undefined);
    }
    return counterView(await this.mustCounter(mall, counter.id));
  }

  private async mustCounter(mall: Mall, counterId: string): Promise<CounterRecord> {
    const counter = await this.repo.counter(mall.id, counterId);
    if (!counter) throw new AppError('counter_not_found', { counterId });
    return counter;
  }

  // ------------------------------------------------------------------ zones

  async zones(mall: Mall, staff: Actor): Promise<AdminZone[]> {
    this.readScope(mall, staff);
    return (await this.repo.zones(mall.id)).map(({ archivedAt, ...z }) => ({ ...z, archived: archivedAt !== null }));
  }

  private async zoneView(mall: Mall, zoneId: string): Promise<AdminZone> {
    const zone = (await this.zones(mall, { mallId: mall.id, role: 'mall_admin', agencyId: null })).find(
      (z) => z.id === zoneId,
    );
    if (!zone) throw new AppError('zone_not_found', { zoneId });
    return zone;
  }

  private async zoneForAdmin(mall: Mall, staff: Actor, zoneId: string): Promise<ZoneRecord> {
    const zone = await this.repo.zone(mall.id, zoneId);
    if (!zone) throw new AppError('zone_not_found', { zoneId });
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    return zone;
  }

  async createZone(mall: Mall, staff: Actor, body: NewZone): Promise<AdminZone> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    const id = newId();
    await this.repo.insertZone(mall.id, {
      id,
      name: text(body.name, 'name'),
      sortOrder: body.sortOrder ?? (await this.repo.nextSortOrder(mall.id, 'zones')),
    });
    return this.zoneView(mall, id);
  }

  async updateZone(mall: Mall, staff: Actor, zoneId: string, body: ZoneChange): Promise<AdminZone> {
    const zone = await this.zoneForAdmin(mall, staff, zoneId);
    if (zone.archivedAt !== null) throw new AppError('archived', { name: zone.name });
    await this.repo.updateZone(mall.id, {
      id: zone.id,
      name: body.name === undefined ? zone.name : text(body.name, 'name'),
      sortOrder: body.sortOrder ?? zone.sortOrder,
    });
    return this.zoneView(mall, zone.id);
  }

  /** Refused while counters stand in it; deleted when no counter ever did; else archived. */
  async removeZone(mall: Mall, staff: Actor, zoneId: string): Promise<RemoveResult> {
    const zone = await this.zoneForAdmin(mall, staff, zoneId);
    if (zone.archivedAt !== null) return { id: zone.id, outcome: 'archived' };
    const counters = await this.repo.countersInZone(mall.id, zone.id);
    if (counters > 0) throw new AppError('zone_in_use', { zoneName: zone.name, counters });
    if (await this.repo.deleteZone(mall.id, zone.id)) return { id: zone.id, outcome: 'deleted' };
    await this.repo.setZoneArchived(mall.id, zone.id, this.now());
    return { id: zone.id, outcome: 'archived' };
  }

  async restoreZone(mall: Mall, staff: Actor, zoneId: string): Promise<AdminZone> {
    const zone = await this.zoneForAdmin(mall, staff, zoneId);
    if (zone.archivedAt !== null) await this.repo.setZoneArchived(mall.id, zone.id, null);
    return this.zoneView(mall, zone.id);
  }

  // ------------------------------------------------------------------ staff accounts

  async users(mall: Mall, staff: Actor): Promise<AdminUser[]> {
    return this.repo.users(mall.id, this.readScope(mall, staff));
  }

  private async userFor(mall: Mall, staff: Actor, userId: string): Promise<UserRecord> {
    const user = await this.repo.user(mall.id, userId);
    if (!user) throw new AppError('user_not_found', { userId });
    if (!canManageAccount(staff, mall.id, user)) throw new AppError('forbidden');
    return user;
  }

  /** The agency of an account: required for agency roles, none for the mall's. */
  private checkRoleAgency(role: Role, agencyId: string | null): void {
    if (roleNeedsAgency(role) && agencyId === null) {
      throw invalid(
        'agencyId',
        'wajib diisi untuk petugas dan admin instansi',
        'is required for officers and agency admins',
      );
    }
    if (!roleNeedsAgency(role) && agencyId !== null) {
      throw invalid(
        'agencyId',
        'harus kosong untuk admin MPP dan pimpinan',
        'must be empty for mall admins and viewers',
      );
    }
  }

  private async accountAgency(mall: Mall, agencyId: string | null): Promise<void> {
    if (agencyId === null) return;
    const agency = await this.repo.agency(mall.id, agencyId);
    if (!agency) throw new AppError('agency_not_found', { agencyId });
    this.openAgency(agency);
  }

  /** Creates an account with a generated password, returned this once; it must be changed at the first sign-in. */
  async createUser(mall: Mall, staff: Actor, body: NewUser): Promise<UserWithPassword> {
    if (!canUseAdmin(staff, mall.id)) throw new AppError('forbidden');
    const username = body.username.trim().toLowerCase();
    const displayName = text(body.displayName, 'displayName');
    const agencyId = body.agencyId ?? null;
    this.checkRoleAgency(body.role, agencyId);
    if (!canManageAccount(staff, mall.id, { role: body.role, agencyId })) throw new AppError('forbidden');
    await this.accountAgency(mall, agencyId);
    if (await this.repo.usernameTaken(username)) throw new AppError('username_taken', { username });
    const password = generatePassword(username);
    const id = newId();
    try {
      await this.repo.insertUser(
        mall.id,
        { id, username, displayName, role: body.role, agencyId },
        await hashPassword(password),
        this.now(),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('username_taken', { username });
      throw error;
    }
    return { id, user: await this.mustUser(mall, id), password };
  }

  async updateUser(mall: Mall, staff: Staff, userId: string, body: UserChange): Promise<AdminUser> {
    const current = await this.userFor(mall, staff, userId);
    const role = body.role ?? current.role;
    // Becoming a mall-wide role drops the agency; becoming an agency role keeps the one it had.
    const agencyId = body.agencyId !== undefined ? body.agencyId : roleNeedsAgency(role) ? current.agencyId : null;
    const next = {
      id: current.id,
      displayName: body.displayName === undefined ? current.displayName : text(body.displayName, 'displayName'),
      role,
      agencyId,
      active: body.active ?? current.active,
    };
    this.checkRoleAgency(next.role, next.agencyId);
    if (!canManageAccount(staff, mall.id, next)) throw new AppError('forbidden');
    const accessChanged =
      next.role !== current.role || next.agencyId !== current.agencyId || next.active !== current.active;
    if (accessChanged && current.id === staff.id) throw new AppError('own_account');
    if (next.active && (next.agencyId !== current.agencyId || !current.active)) {
      await this.accountAgency(mall, next.agencyId);
    }
    await this.repo.updateUser(mall.id, next);
    return this.mustUser(mall, current.id);
  }

  /** A new generated password, returned this once: to be changed at the next sign-in; ends the account's sessions. */
  async resetPassword(mall: Mall, staff: Staff, userId: string): Promise<UserWithPassword> {
    const user = await this.userFor(mall, staff, userId);
    if (user.id === staff.id) throw new AppError('own_account');
    const password = generatePassword(user.username);
    await this.repo.resetPassword(mall.id, user.id, user.username, await hashPassword(password));
    return { id: user.id, user: await this.mustUser(mall, user.id), password };
  }

  private async mustUser(mall: Mall, userId: string): Promise<UserRecord> {
    const user = await this.repo.user(mall.id, userId);
    if (!user) throw new AppError('user_not_found', { userId });
    return user;
  }

  // ------------------------------------------------------------------ special days

  /** From today on unless told otherwise (the portal shows the coming holidays). */
  async specialDays(mall: Mall, query: { from?: string | undefined; to?: string | undefined }): Promise<SpecialDay[]> {
    const from = query.from ?? this.today(mall);
    return (await this.repo.specialDays(mall.id, { from, ...(query.to ? { to: query.to } : {}) })).map(dayView);
  }

  private checkDate(date: string, field: string): void {
    if (!isValidDate(date)) throw invalid(field, 'bukan tanggal yang ada', 'is not a calendar date');
  }

  private notPast(mall: Mall, date: string): void {
    const today = this.today(mall);
    if (date < today) throw new AppError('past_date', { date, today });
  }

  private checkSpans(spans: Span[]): Span[] {
    const problem = validateSpans(spans, 'spans')[0];
    if (problem) {
      const words = SPAN_PROBLEM[problem.code];
      throw invalid(problem.path, words.id, words.en);
    }
    return spans.map((s) => ({ open: s.open, close: s.close }));
  }

  async putSpecialDay(mall: Mall, staff: Staff, date: string, body: SpecialDayBody): Promise<SpecialDay> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    this.checkDate(date, 'date');
    const spans = this.checkSpans(body.spans);
    this.notPast(mall, date);
    const day = { date, spans, note: body.note.trim() };
    await this.repo.putSpecialDays(mall.id, [day], staff.id, this.now());
    return dayView(day);
  }

  /** Writes each date of the range (only the given weekdays, when told), replacing what a date had. */
  async putSpecialDayRange(mall: Mall, staff: Staff, body: SpecialDayRange): Promise<{ days: SpecialDay[] }> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    this.checkDate(body.from, 'from');
    this.checkDate(body.to, 'to');
    if (body.to < body.from) {
      throw invalid('to', 'harus sama dengan atau setelah tanggal mulai', 'must be on or after from');
    }
    const all = datesBetween(body.from, body.to);
    if (all.length > LIMITS.specialDayRangeMax) {
      throw invalid(
        'to',
        `rentang paling panjang ${LIMITS.specialDayRangeMax} hari`,
        `the range may span at most ${LIMITS.specialDayRangeMax} days`,
      );
    }
    const dates = body.weekdays ? datesBetween(body.from, body.to, body.weekdays) : all;
    if (dates.length === 0) {
      throw invalid(
        'weekdays',
        'tidak ada tanggal pada hari tersebut dalam rentang ini',
        'no date of the range falls on them',
      );
    }
    const spans = this.checkSpans(body.spans);
    this.notPast(mall, body.from);
    const note = body.note.trim();
    const days = dates.map((date) => ({ date, spans, note }));
    await this.repo.putSpecialDays(mall.id, days, staff.id, this.now());
    return { days: days.map(dayView) };
  }

  async deleteSpecialDay(mall: Mall, staff: Staff, date: string): Promise<void> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    this.checkDate(date, 'date');
    if (!(await this.repo.specialDay(mall.id, date))) throw new AppError('special_day_not_found', { date });
    this.notPast(mall, date);
    await this.repo.deleteSpecialDays(mall.id, date, date);
  }

  async deleteSpecialDayRange(
    mall: Mall,
    staff: Staff,
    query: { from?: string | undefined; to?: string | undefined },
  ): Promise<{ deleted: number }> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    if (!query.from) throw required('from');
    if (!query.to) throw required('to');
    this.checkDate(query.from, 'from');
    this.checkDate(query.to, 'to');
    if (query.to < query.from) {
      throw invalid('to', 'harus sama dengan atau setelah tanggal mulai', 'must be on or after from');
    }
    this.notPast(mall, query.from);
    return { deleted: await this.repo.deleteSpecialDays(mall.id, query.from, query.to) };
  }
}

function serviceView({ archivedAt, ...s }: ServiceRecord): AdminServiceView {
  return { ...s, archived: archivedAt !== null };
}

function counterView({ archivedAt, ...c }: CounterRecord): AdminCounter {
  return { ...c, archived: archivedAt !== null };
}

function dayView(day: SpecialDayRecord): SpecialDay {
  return { date: day.date, closed: day.spans.length === 0, spans: day.spans, note: day.note };
}
