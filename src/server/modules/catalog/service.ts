/** Catalog use cases: read the mall's agencies, services and counters; set its opening hours and settings. */
import type { OpeningHours } from '../../../api/catalog.js';
import { canAdministerMall } from '../../../domain/access.js';
import { isOpenOn, localTime, validateWeeklyHours } from '../../../domain/schedule.js';
import type { QueueSettings } from '../../../domain/settings.js';
import { queryWords } from '../../../domain/text.js';
import { AppError } from '../../errors.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { SpecialDayLookup } from '../admin/calendar.js';
import type { CatalogRepository } from './repository.js';

export class CatalogService {
  constructor(
    private readonly repo: CatalogRepository,
    private readonly now: () => number,
    /** a mall's special day on a local date (holiday, other hours), when it has one */
    private readonly specialDay: SpecialDayLookup = async () => null,
  ) {}

  async malls() {
    const rows = await this.repo.listMalls();
    return rows.map((m) => ({ id: m.id, slug: m.slug, name: m.name, timeZone: m.time_zone }));
  }

  async mallDetail(mall: Mall) {
    const local = localTime(this.now(), mall.timeZone);
    const special = await this.specialDay(mall, local.date);
    return {
      id: mall.id,
      slug: mall.slug,
      name: mall.name,
      timeZone: mall.timeZone,
      address: mall.address,
      openingHours: { weekly: mall.openingHours },
      openNow: isOpenOn(mall.openingHours, special, local),
      today: local.date,
      queue: mall.settings,
    };
  }

  async agencies(mall: Mall) {
    const rows = await this.repo.listAgencies(mall.id);
    return rows.map((a) => ({
      id: a.id,
      name: a.name,
      shortName: a.short_name,
      code: a.code,
      color: a.color,
      serviceCount: Number(a.service_count),
    }));
  }

  async services(mall: Mall, query: { q?: string; agencyId?: string }) {
    if (query.agencyId && !(await this.repo.agencyExists(mall.id, query.agencyId))) {
      throw new AppError('agency_not_found', { agencyId: query.agencyId });
    }
    const services = await this.repo.listServices(mall.id, {
      words: queryWords(query.q ?? ''),
      ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    });
    return services.map(({ active: _active, ...s }) => s);
  }

  counters(mall: Mall) {
    return this.repo.listCounters(mall.id);
  }

  settings(mall: Mall, staff: Staff): QueueSettings {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    return mall.settings;
  }

  async setSettings(mall: Mall, staff: Staff, body: QueueSettings): Promise<QueueSettings> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    await this.repo.setSettings(mall.id, body);
    return body;
  }

  async setOpeningHours(mall: Mall, staff: Staff, body: OpeningHours) {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    const problem = validateWeeklyHours(body.weekly)[0];
    if (problem) {
      const id = {
        bad_clock: 'jam harus HH:mm',
        close_before_open: 'jam tutup harus setelah jam buka',
        overlap: 'bertumpang tindih dengan rentang lain',
      }[problem.code];
      const en = {
        bad_clock: 'must be HH:mm',
        close_before_open: 'closing must come after opening',
        overlap: 'overlaps another span',
      }[problem.code];
      throw new AppError('validation', { field: problem.path, problemId: id, problemEn: en });
    }
    await this.repo.setOpeningHours(mall.id, body.weekly);
    return { weekly: body.weekly };
  }
}
