/** The wait estimate's public history (the best time to come) and its accuracy for staff. */
import { type Static, Type } from 'typebox';
import { Id } from './common.js';
import { SkmReportQuery, SkmUnit } from './skm.js';

export const ServiceParams = Type.Object({ mall: Type.String(), serviceId: Id });

export const TypicalWait = Type.Object({
  serviceId: Type.String(),
  /** the days read: the eight weeks before today */
  from: Type.String(),
  to: Type.String(),
  cells: Type.Array(
    Type.Object({
      weekday: Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
      hour: Type.Integer({ description: 'the local hour citizens joined the line' }),
      visits: Type.Integer(),
      medianMinutes: Type.Number(),
      p80Minutes: Type.Number({ description: '80th percentile: four in five waited no longer' }),
    }),
    { description: 'one per weekday and hour that saw called visits' },
  ),
  /** how often the estimates given at this service came true over the last 7 days */
  accuracy: Type.Object({
    days: Type.Integer(),
    count: Type.Integer(),
    withinShare: Type.Union([Type.Number(), Type.Null()], {
      description: 'share of called tickets whose wait was within ±max(5 min, 25 %) of the estimate given at issue',
    }),
  }),
});
export type TypicalWait = Static<typeof TypicalWait>;

export const EstimateAccuracyQuery = Type.Object({
  period: SkmReportQuery.properties.period,
  from: SkmReportQuery.properties.from,
  to: SkmReportQuery.properties.to,
  agencyId: SkmReportQuery.properties.agencyId,
  serviceId: SkmReportQuery.properties.serviceId,
});
export type EstimateAccuracyQuery = Static<typeof EstimateAccuracyQuery>;

const Figures = {
  maeMinutes: Type.Union([Type.Number(), Type.Null()], { description: 'mean absolute error' }),
  biasMinutes: Type.Union([Type.Number(), Type.Null()], {
    description: 'mean of estimate − wait: positive when the estimates were too long',
  }),
  withinShare: Type.Union([Type.Number(), Type.Null()], {
    description: 'share whose error was within ±max(5 minutes, 25 % of the wait)',
  }),
};

const Compared = Type.Object({
  count: Type.Integer({ description: 'called tickets that were given an estimate by both estimators' }),
  ...Figures,
  baseline: Type.Object(Figures, {
    description:
      'the queue-length estimator, (people ahead + 1) × mean service time ÷ counters serving, on the same tickets',
  }),
});

export const EstimateAccuracy = Type.Object({
  unit: SkmUnit,
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  ...Compared.properties,
  /** the last estimate shown on the ticket's page before the call */
  last: Type.Object({ count: Type.Integer(), ...Figures }),
  services: Type.Array(
    Type.Object({
      serviceId: Type.String(),
      serviceName: Type.String(),
      agencyId: Type.String(),
      agencyShortName: Type.String(),
      ...Compared.properties,
    }),
  ),
  weeks: Type.Array(
    Type.Object({ from: Type.String({ description: 'the Monday' }), to: Type.String(), ...Compared.properties }),
  ),
});
export type EstimateAccuracy = Static<typeof EstimateAccuracy>;
