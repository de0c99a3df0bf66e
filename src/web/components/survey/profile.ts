import { AGE_GROUPS, type AgeGroup } from '../../../domain/skm';

/**
 * The form asks for an age band (big buttons, no keyboard on a tablet); the API wants whole
 * years, so each band sends an age inside it. The report groups by the same bands, so nothing
 * it shows changes.
 */
export const AGE_OF_GROUP: Record<AgeGroup, number> = {
  '15-19': 17,
  '20-29': 25,
  '30-39': 35,
  '40-49': 45,
  '50-59': 55,
  '60+': 65,
};

export { AGE_GROUPS };
