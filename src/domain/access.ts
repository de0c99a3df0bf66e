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

/**
 * Administering an agency's catalog (its services with their standards, prefixes and quotas, its
 * counters): the mall admin for every agency, an agency admin for their own.
 */
export function canManageAgency(actor: Actor, mallId: string, agencyId: string): boolean {
  if (actor.mallId !== mallId) return false;
  if (actor.role === 'mall_admin') return true;
  return actor.role === 'agency_admin' && actor.agencyId === agencyId;
}

/** Opening the admin screens at all: the mall admin, and agency admins (for their agency). */
export function canUseAdmin(actor: Actor, mallId: string): boolean {
  return actor.mallId === mallId && (actor.role === 'mall_admin' || actor.role === 'agency_admin');
}

/**
 * Managing a staff account with this role and agency (creating it, changing it, resetting its
 * password, deactivating it): the mall admin any account of the mall; an agency admin only
 * officers of their own agency. Checked for the account as it is and as it would become, so
 * nobody grants a role above their own or reaches outside their agency.
 */
export function canManageAccount(
  actor: Actor,
  mallId: string,
  account: { role: Role; agencyId: string | null },
): boolean {
  if (actor.mallId !== mallId) return false;
  if (actor.role === 'mall_admin') return true;
  return actor.role === 'agency_admin' && account.role === 'officer' && account.agencyId === actor.agencyId;
}

/** Roles that belong to one agency (and need its id); the others are the whole mall's. */
export function roleNeedsAgency(role: Role): boolean {
  return role === 'agency_admin' || role === 'officer';
}

/**
 * Reading the audit trail: a mall admin reads the whole mall's ({ agencyId: null }); an agency
 * admin reads the actions of their agency's staff ({ agencyId }); everyone else nothing (null).
 */
export function auditScope(actor: Actor, mallId: string): { agencyId: string | null } | null {
  if (actor.mallId !== mallId) return null;
  if (actor.role === 'mall_admin') return { agencyId: null };
  if (actor.role === 'agency_admin' && actor.agencyId) return { agencyId: actor.agencyId };
  return null;
}

/**
 * Seeing a complaint: the mall's admins and viewers all of them; an agency's staff those the mall
 * sent to their agency (and one they filed for a citizen).
 */
export function canSeeComplaint(
  actor: Actor & { id?: string },
  mallId: string,
  complaint: { disposedAgencyId: string | null; createdBy: string | null },
): boolean {
  if (actor.mallId !== mallId) return false;
  if (actor.role === 'mall_admin' || actor.role === 'viewer') return true;
  if (actor.id !== undefined && complaint.createdBy === actor.id) return true;
  return actor.agencyId !== null && actor.agencyId === complaint.disposedAgencyId;
}

/** A complainant's identity: the mall's admins and viewers; an agency only when not confidential. */
export function canSeeComplainant(actor: Actor, mallId: string, confidential: boolean): boolean {
  if (actor.mallId !== mallId) return false;
  return actor.role === 'mall_admin' || actor.role === 'viewer' || !confidential;
}
