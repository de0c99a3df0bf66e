/**
 * The SKM (Survei Kepuasan Masyarakat) contract: a citizen's questionnaire after a served ticket,
 * a paper questionnaire entered by staff, and a unit's IKM over a period (PermenPANRB 14/2017).
 */
import { type Static, Type } from 'typebox';
import {
  AGE_MAX,
  AGE_MIN,
  EDUCATIONS,
  OCCUPATIONS,
  SEXES,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  type SkmElement,
} from '../domain/skm.js';
import { Id } from './common.js';

const answer = (key: SkmElement) =>
  Type.Integer({
    minimum: 1,
    maximum: 4,
    description: `${SKM_ELEMENTS[key].name.id}: 1 (${SKM_ELEMENTS[key].answers[1].id}) – 4 (${SKM_ELEMENTS[key].answers[4].id})`,
  });

/** The nine elements, by key (never by position); each answered 1–4. */
export const SkmAnswers = Type.Object(
  {
    persyaratan: answer('persyaratan'),
    prosedur: answer('prosedur'),
    waktu: answer('waktu'),
    biaya: answer('biaya'),
    produk: answer('produk'),
    kompetensi: answer('kompetensi'),
    perilaku: answer('perilaku'),
    pengaduan: answer('pengaduan'),
    sarana: answer('sarana'),
  },
  { description: `answers by element key: ${SKM_ELEMENT_KEYS.join(', ')}; any other key is refused` },
);
export type SkmAnswers = Static<typeof SkmAnswers>;

export const SkmRespondent = Type.Object({
  sex: Type.Enum([...SEXES], { description: 'jenis kelamin: L (laki-laki) or P (perempuan)' }),
  age: Type.Integer({ minimum: AGE_MIN, maximum: AGE_MAX, description: 'usia in whole years' }),
  education: Type.Enum([...EDUCATIONS], { description: 'pendidikan terakhir' }),
  occupation: Type.Enum([...OCCUPATIONS], { description: 'pekerjaan' }),
});
export type SkmRespondent = Static<typeof SkmRespondent>;

const Suggestion = Type.Optional(
  Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: 'saran (free text), optional' }),
);

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'local date at the mall, YYYY-MM-DD' });

/** POST /api/tickets/:token/survey: the token is the only link to the ticket; no name, no NIK. */
export const TicketSurveyBody = Type.Object({
  answers: SkmAnswers,
  respondent: SkmRespondent,
  suggestion: Suggestion,
});
export type TicketSurveyBody = Static<typeof TicketSurveyBody>;

/** POST /api/malls/:mall/skm/responses: a paper questionnaire entered later by staff. */
export const PaperSurveyBody = Type.Object({
  serviceId: Id,
  date: Type.String({ ...LocalDate, description: 'the day the citizen was served, YYYY-MM-DD (not in the future)' }),
  answers: SkmAnswers,
  respondent: SkmRespondent,
  suggestion: Suggestion,
});
export type PaperSurveyBody = Static<typeof PaperSurveyBody>;

export const SkmResponseCreated = Type.Object({
  id: Type.String(),
  source: Type.Enum(['ticket', 'paper']),
  serviceId: Type.String(),
  serviceDate: Type.String({ description: 'the local date the response counts for, YYYY-MM-DD' }),
});
export type SkmResponseCreated = Static<typeof SkmResponseCreated>;

export const SkmReportQuery = Type.Object({
  from: Type.Optional(
    Type.String({ ...LocalDate, description: 'first day of the period, YYYY-MM-DD (required unless period is given)' }),
  ),
  to: Type.Optional(
    Type.String({
      ...LocalDate,
      description: 'last day of the period (inclusive), YYYY-MM-DD; not before from (required unless period is given)',
    }),
  ),
  period: Type.Optional(
    Type.String({
      pattern: '^\\d{4}(-(\\d{2}|[QqSs]\\d))?$',
      description: 'instead of from/to: 2026 (year), 2026-11 (month), 2026-Q4 (triwulan) or 2026-S2 (semester)',
    }),
  ),
  agencyId: Type.Optional(Id),
  serviceId: Type.Optional(Id),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});
export type SkmReportQuery = Static<typeof SkmReportQuery>;

/** The report endpoints' query: SkmReportQuery, and a counter or an officer as the unit. */
export const SkmUnitReportQuery = Type.Object({
  ...SkmReportQuery.properties,
  counterId: Type.Optional(
    Type.String({ ...Id, description: 'one counter (loket): the responses and tickets served at it' }),
  ),
  officerId: Type.Optional(
    Type.String({ ...Id, description: 'one officer (petugas): the responses and tickets served by them' }),
  ),
});
export type SkmUnitReportQuery = Static<typeof SkmUnitReportQuery>;

const Nrr = Type.Object(
  {
    persyaratan: Type.Number(),
    prosedur: Type.Number(),
    waktu: Type.Number(),
    biaya: Type.Number(),
    produk: Type.Number(),
    kompetensi: Type.Number(),
    perilaku: Type.Number(),
    pengaduan: Type.Number(),
    sarana: Type.Number(),
  },
  { description: 'NRR per element (sum ÷ respondents, 1–4), unrounded: show 2 decimals, export 4' },
);

export const Grade = Type.Enum(['A', 'B', 'C', 'D'], { description: 'mutu pelayanan' });

/** A unit's IKM over a period: the whole mall, one agency, one service, one counter or one officer. */
export const SkmReport = Type.Object({
  respondents: Type.Integer({ description: 'completed questionnaires in the period (ticket and paper)' }),
  population: Type.Integer({ description: 'tickets served (status done) in the period for the unit' }),
  requiredSample: Type.Integer({ description: 'Krejcie & Morgan sample for the population' }),
  sampleMet: Type.Boolean({ description: 'respondents ≥ requiredSample' }),
  nrr: Type.Union([Nrr, Type.Null()], { description: 'null when there are no responses in the period' }),
  ikm: Type.Union([Type.Number(), Type.Null()], {
    description: 'IKM 25.00–100.00, rounded once to two decimals; null when there are no responses',
  }),
  grade: Type.Union([Grade, Type.Null()], { description: 'A–D from the IKM; null when there are no responses' }),
  label: Type.Union([Type.Object({ id: Type.String(), en: Type.String() }), Type.Null()], {
    description: 'kinerja unit pelayanan, e.g. {id: "Sangat Baik", en: "Very good"}; null when there are no responses',
  }),
});
export type SkmReport = Static<typeof SkmReport>;

const Label = Type.Object({ id: Type.String(), en: Type.String() });

export const SkmUnit = Type.Object({
  level: Type.Enum(['mall', 'agency', 'service', 'counter', 'officer'], { description: 'what the report covers' }),
  name: Type.String({
    description:
      "the unit's name: the mall's, the agency's, the service's, the counter's or the officer's display name",
  }),
  mall: Type.Object({ slug: Type.String(), name: Type.String() }),
  agency: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }), Type.Null()]),
  service: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  counter: Type.Optional(
    Type.Object(
      { id: Type.String(), name: Type.String() },
      { description: 'the counter; only when counterId was given' },
    ),
  ),
  officer: Type.Optional(
    Type.Object(
      { id: Type.String(), name: Type.String() },
      { description: 'the officer (display name); only when officerId was given' },
    ),
  ),
});
export type SkmUnit = Static<typeof SkmUnit>;

export const SkmPeriod = Type.Object({
  from: Type.String(),
  to: Type.String(),
  days: Type.Integer(),
  label: Type.String({ description: 'as Indonesian reports write it, e.g. "November 2026", "Triwulan IV 2026"' }),
});

export const SkmElementResult = Type.Object({
  key: Type.String({ description: 'element key (unsur)' }),
  name: Label,
  sum: Type.Integer({ description: 'sum of the answers' }),
  nrr: Type.Number({ description: 'sum ÷ respondents, unrounded' }),
  nrrTertimbang: Type.Number({ description: 'NRR × 1/9, unrounded' }),
  score: Type.Number({ description: 'NRR × 25, rounded to two decimals' }),
  grade: Grade,
  label: Label,
});

const ProfileRow = Type.Object({
  key: Type.String(),
  label: Label,
  count: Type.Integer(),
  percent: Type.Number({ description: 'share of the respondents, two decimals' }),
});

export const SkmProfile = Type.Object(
  {
    sex: Type.Array(ProfileRow),
    ageGroup: Type.Array(ProfileRow),
    education: Type.Array(ProfileRow),
    occupation: Type.Array(ProfileRow),
  },
  { description: 'respondents per option, every option listed in the questionnaire order' },
);

export const SkmSuggestion = Type.Object({
  date: Type.String({ description: 'the day the citizen was served, YYYY-MM-DD' }),
  serviceName: Type.String(),
  text: Type.String({ description: 'the saran as the citizen wrote it' }),
});

const ElementKey = Type.Enum([...SKM_ELEMENT_KEYS], {
  description: `element key (unsur): ${SKM_ELEMENT_KEYS.join(', ')}`,
});
const FollowupText = (description: string) => Type.String({ minLength: 1, maxLength: 1000, description });

/** One step of a report's follow-up plan (rencana tindak lanjut), for a weak element. */
export const SkmFollowup = Type.Object({
  id: Type.String(),
  unit: Type.Enum(['mall', 'agency', 'service'], { description: 'the report unit the plan belongs to' }),
  unitId: Type.String({ description: "the mall's, agency's or service's id" }),
  agencyId: Type.Union([Type.String(), Type.Null()], { description: "the agency, or the service's agency" }),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  from: Type.String({ description: 'the report period, first day' }),
  to: Type.String({ description: 'the report period, last day' }),
  element: Type.String({ description: 'element key (unsur)' }),
  elementName: Label,
  action: Type.String({ description: 'what will be done' }),
  owner: Type.String({ description: 'who answers for it (penanggung jawab)' }),
  dueDate: Type.String({ description: 'target date, YYYY-MM-DD' }),
  done: Type.Boolean(),
  doneAt: Type.Union([Type.Integer(), Type.Null()], { description: 'when it was marked done (epoch ms)' }),
  createdBy: Type.Union([Type.String(), Type.Null()], { description: 'the staff member who added it' }),
  createdAt: Type.Integer(),
});
export type SkmFollowup = Static<typeof SkmFollowup>;

/** POST /api/malls/:mall/skm/followups: the unit and period as in the report query. */
export const NewSkmFollowup = Type.Object({
  from: LocalDate,
  to: LocalDate,
  agencyId: Type.Optional(Id),
  serviceId: Type.Optional(Id),
  element: ElementKey,
  action: FollowupText('what will be done'),
  owner: Type.String({ minLength: 1, maxLength: 200, description: 'who answers for it (penanggung jawab)' }),
  dueDate: Type.String({ ...LocalDate, description: 'target date, YYYY-MM-DD' }),
});
export type NewSkmFollowup = Static<typeof NewSkmFollowup>;

/** PATCH /api/malls/:mall/skm/followups/:id: any of the fields; done true stamps doneAt, false clears it. */
export const SkmFollowupPatch = Type.Object(
  {
    action: Type.Optional(FollowupText('what will be done')),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    dueDate: Type.Optional(Type.String({ ...LocalDate, description: 'target date, YYYY-MM-DD' })),
    done: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
export type SkmFollowupPatch = Static<typeof SkmFollowupPatch>;

export const SkmIdParams = Type.Object({ mall: Type.String(), id: Id });

/** POST /api/malls/:mall/skm/publications */
export const NewSkmPublication = Type.Object({ from: LocalDate, to: LocalDate });
export type NewSkmPublication = Static<typeof NewSkmPublication>;

export const SkmPublication = Type.Object({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  periodLabel: Type.String({ description: 'e.g. "Triwulan IV 2026"' }),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Integer(),
});
export type SkmPublication = Static<typeof SkmPublication>;

const PublishedValue = {
  respondents: Type.Integer(),
  ikm: Type.Union([Type.Number(), Type.Null()]),
  grade: Type.Union([Grade, Type.Null()]),
  label: Type.Union([Label, Type.Null()]),
};

/** GET /api/malls/:mall/skm/published: one published period, as citizens see it. */
export const SkmPublishedPeriod = Type.Object({
  ...SkmPublication.properties,
  mall: Type.Object(PublishedValue, { description: "the mall's IKM over the period, as GET /skm gives it" }),
  agencies: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), code: Type.String(), ...PublishedValue }),
    { description: 'each agency of the mall in display order; IKM null where it had no responses' },
  ),
  followups: Type.Array(SkmFollowup, { description: 'the mall-level follow-up plan of the period' }),
});
export type SkmPublishedPeriod = Static<typeof SkmPublishedPeriod>;

/** GET /api/malls/:mall/skm/report: everything the published report holds. */
export const SkmFullReport = Type.Object({
  ...SkmReport.properties,
  unit: SkmUnit,
  period: SkmPeriod,
  elements: Type.Array(SkmElementResult, {
    description: 'the nine elements in display order; empty with no responses',
  }),
  weakest: Type.Array(SkmElementResult, {
    description: 'the three lowest NRRs, lowest first; empty with no responses',
  }),
  profile: SkmProfile,
  suggestions: Type.Object({
    total: Type.Integer({ description: 'non-empty suggestions in the period' }),
    items: Type.Array(SkmSuggestion, { description: 'newest first, at most 200' }),
  }),
  previous: Type.Object(
    {
      from: Type.String(),
      to: Type.String(),
      periodLabel: Type.String(),
      respondents: Type.Integer(),
      ikm: Type.Union([Type.Number(), Type.Null()]),
      grade: Type.Union([Grade, Type.Null()]),
      change: Type.Union([Type.Number(), Type.Null()], {
        description: 'this IKM minus the previous one; null when either period has no responses',
      }),
    },
    { description: 'the period of the same length just before (whole months step back by months)' },
  ),
  followups: Type.Array(SkmFollowup, {
    description: 'the follow-up plan (rencana tindak lanjut) of this unit and period, by due date',
  }),
});
export type SkmFullReport = Static<typeof SkmFullReport>;
