/**
 * The evaluation contract: how each agency's counters serve, live today and over any period, for
 * the mall's leadership. Figures come from visits (src/domain/visits.ts) and the SKM; the rules
 * are in src/domain/performance.ts. Times are seconds.
 */
import { type Static, Type } from 'typebox';
import { ApplicationFiguresQuery } from './applications.js';
import { Grade, SkmPeriod, SkmUnit, SkmUnitReportQuery } from './skm.js';

const Seconds = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const Spread = Type.Object({
  count: Type.Integer({ description: 'visits measured' }),
  mean: Seconds('mean, seconds; null without any'),
  median: Seconds('median, seconds (as Excel MEDIAN)'),
  p90: Seconds('90th percentile, seconds (as Excel PERCENTILE.INC)'),
});

export const Measures = Type.Object({
  visits: Type.Integer({
    description: 'visits that joined a line of the unit in the period (new tickets + transfers in)',
  }),
  issued: Type.Integer({ description: 'new tickets' }),
  transferredIn: Type.Integer(),
  served: Type.Integer({ description: 'served to the end (done)' }),
  noShow: Type.Integer(),
  cancelled: Type.Integer(),
  transferred: Type.Integer({ description: 'sent on to another service' }),
  open: Type.Integer({ description: 'still waiting, called or being served' }),
  waitSeconds: Type.Object(Spread.properties, { description: 'issue (or transfer in) → first call' }),
  serviceSeconds: Type.Object(Spread.properties, { description: 'start → finish, served visits' }),
  withinStandard: Type.Object({
    measured: Type.Integer({ description: 'served visits whose service states its time in minutes (jangka waktu)' }),
    within: Type.Integer({ description: 'of those, served (start → finish) within it' }),
    share: Type.Union([Type.Number(), Type.Null()], { description: 'within ÷ measured, 0–1; null when none measured' }),
  }),
  counters: Type.Object({
    active: Type.Integer({ description: 'counters that called at least one ticket' }),
    perDay: Type.Union([Type.Number(), Type.Null()], { description: 'mean counters active per day with activity' }),
    hoursStaffed: Type.Integer({
      description: 'sum over counters and days of the clock hours in which the counter called, started or finished',
    }),
  }),
  arrivalsByHour: Type.Array(Type.Integer(), { description: 'arrivals per local hour, 0–23' }),
  busiestHours: Type.Array(Type.Object({ hour: Type.Integer(), arrivals: Type.Integer() }), {
    description: 'up to three hours with the most arrivals, most first',
  }),
  days: Type.Integer({ description: 'days with at least one arrival' }),
});
export type Measures = Static<typeof Measures>;

export const Ikm = Type.Object({
  respondents: Type.Integer(),
  ikm: Type.Union([Type.Number(), Type.Null()], { description: 'IKM 25–100, two decimals; null without responses' }),
  grade: Type.Union([Grade, Type.Null()]),
});
export type Ikm = Static<typeof Ikm>;

/** One line of a breakdown or a ranking: a unit's headline figures. */
export const UnitSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.Optional(Type.String({ description: 'agencies: the short name' })),
  issued: Type.Integer(),
  visits: Type.Integer(),
  served: Type.Integer(),
  noShow: Type.Integer(),
  cancelled: Type.Integer(),
  transferred: Type.Integer(),
  waitMeanSeconds: Seconds('mean wait'),
  waitMedianSeconds: Seconds('median wait'),
  waitP90Seconds: Seconds('90th percentile wait'),
  serviceMeanSeconds: Seconds('mean service time'),
  withinStandardShare: Type.Union([Type.Number(), Type.Null()]),
  ikm: Type.Union([Type.Number(), Type.Null()]),
  grade: Type.Union([Grade, Type.Null()]),
});
export type UnitSummary = Static<typeof UnitSummary>;

export const PerformanceQuery = Type.Object({
  ...SkmUnitReportQuery.properties,
});
export type PerformanceQuery = Static<typeof PerformanceQuery>;

/**
 * A unit's performance over a period. For a comparison with earlier periods, the trend endpoint
 * gives month by month (or week by week) figures side by side.
 */
export const PerformanceReport = Type.Object({
  unit: SkmUnit,
  period: SkmPeriod,
  measures: Measures,
  ikm: Ikm,
  breakdown: Type.Object(
    {
      agencies: Type.Array(UnitSummary, { description: 'mall report: every agency' }),
      services: Type.Array(UnitSummary, { description: 'agency report: its services; service report: itself' }),
      counters: Type.Array(UnitSummary, { description: 'agency or service report: the counters that served it' }),
      officers: Type.Array(UnitSummary, { description: 'agency, service or counter report: the officers who served' }),
    },
    { description: 'the units inside this one; an agency admin sees other agencies as summaries only' },
  ),
});
export type PerformanceReport = Static<typeof PerformanceReport>;

// ---------------------------------------------------------------------------------------------
// Live board for today

export const LiveAgency = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  color: Type.String(),
  waiting: Type.Integer({ description: 'waiting now' }),
  longestWaitSeconds: Seconds('how long the longest-waiting citizen has waited so far'),
  served: Type.Integer({ description: 'served today' }),
  issued: Type.Integer({ description: 'visits today (new tickets and transfers in)' }),
  countersOpen: Type.Integer({ description: 'counters holding a ticket now or active in the last 30 minutes' }),
  counters: Type.Integer({ description: "the agency's counters" }),
  waitMeanSeconds: Seconds("today's mean wait (issue → first call)"),
  thresholdMinutes: Type.Integer({ description: 'the agency waiting-time threshold' }),
  warning: Type.Boolean({ description: 'the longest wait now, or the mean wait today, passed the threshold' }),
});

export const LiveBoard = Type.Object({
  at: Type.Integer({ description: 'server time, epoch ms' }),
  date: Type.String({ description: 'local date at the mall' }),
  totals: Type.Object({
    waiting: Type.Integer(),
    served: Type.Integer(),
    issued: Type.Integer(),
    countersOpen: Type.Integer(),
    waitMeanSeconds: Seconds('mean wait today, whole mall'),
  }),
  agencies: Type.Array(LiveAgency),
});
export type LiveBoard = Static<typeof LiveBoard>;

// ---------------------------------------------------------------------------------------------
// Trends, ranking, heat map, staffing

export const TrendQuery = Type.Object({
  ...SkmUnitReportQuery.properties,
  granularity: Type.Optional(
    Type.Enum(['week', 'month'], { description: 'week (Monday first) or month; default month' }),
  ),
});
export type TrendQuery = Static<typeof TrendQuery>;

export const TrendPoint = Type.Object({
  key: Type.String({ description: 'YYYY-MM for a month, the Monday YYYY-MM-DD for a week' }),
  from: Type.String(),
  to: Type.String(),
  issued: Type.Integer(),
  visits: Type.Integer(),
  served: Type.Integer(),
  noShow: Type.Integer(),
  waitMeanSeconds: Seconds('mean wait'),
  waitP90Seconds: Seconds('90th percentile wait'),
  serviceMeanSeconds: Seconds('mean service time'),
  withinStandardShare: Type.Union([Type.Number(), Type.Null()]),
  ikm: Type.Union([Type.Number(), Type.Null()]),
  grade: Type.Union([Grade, Type.Null()]),
});

export const Trend = Type.Object({
  unit: SkmUnit,
  period: SkmPeriod,
  granularity: Type.Enum(['week', 'month']),
  points: Type.Array(TrendPoint, { description: 'every week or month of the period, quiet ones as zero' }),
});
export type Trend = Static<typeof Trend>;

export const RANKING_MEASURES = [
  'waitMean',
  'waitP90',
  'serviceMean',
  'served',
  'withinStandard',
  'noShowRate',
  'ikm',
] as const;
export type RankingMeasure = (typeof RANKING_MEASURES)[number];

export const RankingQuery = Type.Object({
  ...SkmUnitReportQuery.properties,
  measure: Type.Optional(
    Type.Enum([...RANKING_MEASURES], {
      description:
        'what to rank agencies by (default ikm): waitMean, waitP90, serviceMean and noShowRate rank the lowest first; served, withinStandard and ikm the highest first',
    }),
  ),
});
export type RankingQuery = Static<typeof RankingQuery>;

export const Ranking = Type.Object({
  period: SkmPeriod,
  measure: Type.Enum([...RANKING_MEASURES]),
  rows: Type.Array(
    Type.Object({
      rank: Type.Union([Type.Integer(), Type.Null()], { description: 'null: no value for the measure (no data)' }),
      value: Type.Union([Type.Number(), Type.Null()], {
        description: 'the measure (seconds, count, share 0–1 or IKM)',
      }),
      agency: UnitSummary,
    }),
  ),
});
export type Ranking = Static<typeof Ranking>;

export const HeatMap = Type.Object({
  unit: SkmUnit,
  period: SkmPeriod,
  grid: Type.Array(Type.Array(Type.Integer()), {
    description: 'arrivals: 7 rows (Monday … Sunday) × 24 columns (local hour 0–23)',
  }),
  max: Type.Integer(),
});
export type HeatMap = Static<typeof HeatMap>;

export const StaffingQuery = Type.Object({
  ...SkmUnitReportQuery.properties,
  targetWaitMinutes: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 240,
      description: 'the expected wait to stay under; default the agency threshold',
    }),
  ),
});
export type StaffingQuery = Static<typeof StaffingQuery>;

export const Staffing = Type.Object({
  unit: SkmUnit,
  period: SkmPeriod,
  targetWaitMinutes: Type.Integer(),
  hours: Type.Array(
    Type.Object({
      hour: Type.Integer(),
      arrivalsPerHour: Type.Number({ description: 'mean arrivals in the hour per day with arrivals' }),
      meanServiceMinutes: Type.Union([Type.Number(), Type.Null()]),
      countersNeeded: Type.Union([Type.Integer(), Type.Null()], {
        description: 'Erlang C: counters for an expected wait within the target',
      }),
      expectedWaitMinutes: Type.Union([Type.Number(), Type.Null()]),
      countersOpen: Type.Number({ description: 'mean counters active in the hour per day' }),
    }),
  ),
});
export type Staffing = Static<typeof Staffing>;

export const VisitTimesQuery = ApplicationFiguresQuery;
export type VisitTimesQuery = Static<typeof VisitTimesQuery>;

const TimeSpread = {
  visits: Type.Integer({ description: 'finished visits: every stop ended, at least one service done' }),
  meanMinutes: Type.Union([Type.Number(), Type.Null()]),
  medianMinutes: Type.Union([Type.Number(), Type.Null()]),
  p90Minutes: Type.Union([Type.Number(), Type.Null()]),
};

export const VisitTimes = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  ...TimeSpread,
  byStops: Type.Array(
    Type.Object({ stops: Type.Integer({ description: 'services done in the visit' }), ...TimeSpread }),
  ),
  weeks: Type.Array(
    Type.Object({
      from: Type.String({ description: 'the Monday' }),
      to: Type.String(),
      ...TimeSpread,
      multiStop: Type.Object(TimeSpread, { description: 'the visits of two services or more' }),
    }),
  ),
});
export type VisitTimes = Static<typeof VisitTimes>;
