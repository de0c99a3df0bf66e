/**
 * The domain's rules of applications (src/domain/application.ts: the steps a status allows, the
 * period a service's standard states). The due date's holiday calendar lives apart
 * (src/domain/due-date.ts), so importing these costs the screens about a kilobyte.
 */

import type { ApplicationStatus } from '../../../domain/application';
import * as rules from '../../../domain/application';

type Rules = typeof rules;

/** The rules (a hook for the screens that used to load them on demand; they are small now). */
export function useApplicationRules(): Rules {
  return rules;
}

/** The steps a status allows, from the domain's rule (the server checks the same). */
export function nextSteps(r: Rules, status: ApplicationStatus): ApplicationStatus[] {
  return r.APPLICATION_STATUSES.filter((to) => r.checkStep(status, to, '-').ok);
}
