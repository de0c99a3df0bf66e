/** Who may do what. Pure: the caller passes the staff member and the thing's mall and agency. */

export type Role = 'mall_admin' | 'agency_admin' | 'officer' | 'viewer';

export interface Actor {
  mallId: string;
  role: Role;
  agencyId: string | null;
}

/** Operating a counter or a ticket of an agency: its officers, its agency admin, the mall admin. */
export function canOperateAgency(actor: Actor, mallId: string, agencyId: string): boolean {
  if (actor.mallId !== mallId) return false;
  if (actor.role === 'mall_admin') return true;
  if (actor.role === 'agency_admin' || actor.role === 'officer') return actor.agencyId === agencyId;
  return false;
}

/** Changing the mall's own settings (opening hours, …): its mall admin only. */
export function canAdministerMall(actor: Actor, mallId: string): boolean {
  return actor.mallId === mallId && actor.role === 'mall_admin';
}

/** Reading a counter's queue: anyone who may operate it, and viewers of the mall. */
export function canViewAgency(actor: Actor, mallId: string, agencyId: string): boolean {
  return canOperateAgency(actor, mallId, agencyId) || (actor.mallId === mallId && actor.role === 'viewer');
}

/**
 * Evaluation (performance and its reports): the mall's admins and viewers see everything; an
 * agency admin sees the mall-level figures (every agency's summary line) and their own agency in
 * full; officers are evaluated, not evaluating. agencyId null means the mall level.
 */
export function canEvaluate(actor: Actor, mallId: string, agencyId: string | null): boolean {
  if (actor.mallId !== mallId) return false;
  if (actor.role === 'mall_admin' || actor.role === 'viewer') return true;
  if (actor.role === 'agency_admin') return agencyId === null || actor.agencyId === agencyId;
  return false;
}
