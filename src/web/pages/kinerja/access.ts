/** What the signed-in staff member may open in detail on this screen. */
export interface Access {
  /** an agency admin's agency; null for the mall's admins and viewers, who open everything */
  ownAgencyId: string | null;
  /** whether an agency's detailed figures (report, trend, heat map, staffing) may be opened */
  canOpen(agencyId: string): boolean;
}
