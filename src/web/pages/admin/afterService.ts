/**
 * "Must come after service": a service may name one (of any agency) that must be done first when a
 * citizen's visit has both. The choices of the form's select, grouped by agency, with the services
 * that would make a circle left unchoosable.
 */

interface Link {
  id: string;
  afterServiceId: string | null;
}

/**
 * `serviceId` and every service that, directly or through others, must come after it: choosing
 * one of them as the service's own "after" would have the two wait for each other for ever.
 */
export function waitingOn(serviceId: string, links: readonly Link[]): Set<string> {
  const found = new Set([serviceId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const l of links) {
      if (l.afterServiceId !== null && found.has(l.afterServiceId) && !found.has(l.id)) {
        found.add(l.id);
        grew = true;
      }
    }
  }
  return found;
}

export interface ChoiceGroup {
  label: string;
  options: { value: string; label: string; disabled?: boolean }[];
}

/**
 * The mall's services by agency (agencies and services in name order), the service itself left
 * out and those waiting on it disabled, marked with `waitingLabel`.
 */
export function afterChoices(
  services: readonly { id: string; name: string; agencyId: string }[],
  agencyNames: ReadonlyMap<string, string>,
  serviceId: string | null,
  waiting: ReadonlySet<string>,
  waitingLabel: (name: string) => string,
): ChoiceGroup[] {
  const groups = new Map<string, ChoiceGroup['options']>();
  const seen = new Set<string>();
  for (const s of [...services].sort((a, b) => a.name.localeCompare(b.name, 'id'))) {
    if (s.id === serviceId || seen.has(s.id)) continue;
    seen.add(s.id);
    const circle = waiting.has(s.id);
    const option = circle
      ? { value: s.id, label: waitingLabel(s.name), disabled: true }
      : { value: s.id, label: s.name };
    const list = groups.get(s.agencyId);
    if (list) list.push(option);
    else groups.set(s.agencyId, [option]);
  }
  return [...groups]
    .map(([agencyId, options]) => ({ label: agencyNames.get(agencyId) ?? '', options }))
    .sort((a, b) => a.label.localeCompare(b.label, 'id'));
}
