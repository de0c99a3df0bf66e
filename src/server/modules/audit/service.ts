/** Searching the audit trail: a mall admin the whole mall's, an agency admin their agency staff's. */
import type { AuditEntry, AuditPage, AuditQuery } from '../../../api/audit.js';
import { auditScope } from '../../../domain/access.js';
import { AppError } from '../../errors.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { AuditRepository } from './repository.js';

const DEFAULT_LIMIT = 50;

/** The cursor of a page's last entry: its instant and id (opaque to clients). */
const cursorOf = (entry: { at: number; id: string }) => `${entry.at}_${entry.id}`;

function parseCursor(cursor: string): { at: number; id: string } {
  const m = /^(\d{1,16})_([0-9A-Za-z-]{1,64})$/.exec(cursor);
  if (!m?.[1] || !m[2]) {
    throw new AppError('validation', {
      field: 'before',
      problemId: 'bukan penanda halaman dari jawaban sebelumnya (next)',
      problemEn: 'is not a cursor from a previous answer (next)',
    });
  }
  return { at: Number(m[1]), id: m[2] };
}

/** JSON text as stored, or null when there is none or it is unreadable. */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async search(mall: Mall, staff: Staff, query: AuditQuery): Promise<AuditPage> {
    const scope = auditScope(staff, mall.id);
    if (!scope) throw new AppError('forbidden');
    if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
      throw new AppError('validation', {
        field: 'to',
        problemId: 'tidak boleh sebelum from',
        problemEn: 'must not be before from',
      });
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const action = query.action?.trim();
    const rows = await this.repo.search(mall.id, {
      agencyId: scope.agencyId,
      from: query.from,
      to: query.to,
      actorId: query.actorId,
      action: action
        ? action.endsWith('*')
          ? { value: action.replace(/\*+$/, ''), prefix: true }
          : { value: action, prefix: false }
        : undefined,
      q: query.q?.trim() || undefined,
      before: query.before !== undefined ? parseCursor(query.before) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map(
      (r): AuditEntry => ({
        id: r.id,
        at: Number(r.at),
        actor: r.actor_id
          ? {
              id: r.actor_id,
              username: r.user_username ?? r.actor_username ?? '',
              displayName: r.user_display_name ?? r.actor_username ?? '',
            }
          : null,
        username: r.actor_username,
        action: r.action,
        route: r.route,
        target: parsed(r.target) as AuditEntry['target'],
        statusCode: Number(r.status_code),
        error: r.error,
        ip: r.ip,
        userAgent: r.user_agent,
        detail: parsed(r.detail),
      }),
    );
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? cursorOf(last) : null };
  }
}
