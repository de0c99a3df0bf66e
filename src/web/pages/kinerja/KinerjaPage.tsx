/**
 * /:mall/kinerja — service performance over time, for the Bupati and the agency heads (desktop
 * first, readable on a phone): choose a period and a unit (whole mall, agency, service, counter,
 * officer — only those the user may open), then the headline measures, the breakdown into the
 * units inside, online booking (booked, checked in, no-shows, capacity used), trends, the time in
 * the mall per visit and the applications followed to their end (issue #13), the wait estimates'
 * accuracy, the agencies' ranking, arrivals by weekday and hour, staffing advice per hour, and the
 * PDF/XLSX downloads. The choice lives in the address (?period=…&agencyId=…), so every unit in a table is
 * a link and a view can be shared.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Me } from '../../../api/auth';
import type { PerformanceReport } from '../../../api/performance';
import { PeriodPicker } from '../../components/report/PeriodPicker';
import {
  choiceFromParams,
  choiceToParams,
  defaultChoice,
  type PeriodChoice,
  periodParams,
  type UnitChoice,
  unitFromParams,
  unitLevel,
  unitParams,
} from '../../components/report/period';
import { UnitPicker } from '../../components/report/UnitPicker';
import { Alert, StaffPage } from '../../components/StaffPage';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { useAgencies, useCounters, useServices } from '../../lib/queries';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { ApplicationSection } from './ApplicationSection';
import type { Access } from './access';
import { BookingSection } from './BookingSection';
import { Breakdown } from './Breakdown';
import { ComplaintSection } from './ComplaintSection';
import { EmergencySection } from './EmergencySection';
import { EstimateSection } from './EstimateSection';
import { Headline } from './Headline';
import { HeatMapSection } from './HeatMapSection';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { RankingSection } from './RankingSection';
import { StaffingSection } from './StaffingSection';
import { TrendSection } from './TrendSection';
import { VisitTimeSection } from './VisitTimeSection';

addTranslations('kinerja', { id, en });

export default function KinerjaPage() {
  const { t } = useTranslation('kinerja');
  return (
    <StaffPage
      screen="kinerja"
      title={t('pageTitle')}
      signInHeading={t('signInHeading')}
      allowed={(me) => me.role !== 'officer'}
      forbidden={t('forbidden')}
    >
      {({ slug, me, mall }) => <Evaluation slug={slug} me={me} today={mall.today} />}
    </StaffPage>
  );
}

function Evaluation({ slug, me, today }: { slug: string; me: Me; today: string }) {
  const { t } = useTranslation(['kinerja', 'report', 'common']);
  const agencies = useAgencies(slug);
  const services = useServices(slug);
  const counters = useCounters(slug);
  const [params, setParams] = useSearchParams();

  // What this user may open in detail: everything, or (agency admin) the mall level and their agency.
  const access: Access = useMemo(() => {
    const own = me.role === 'agency_admin' ? me.agencyId : null;
    return { ownAgencyId: own, canOpen: (agencyId: string) => own === null || agencyId === own };
  }, [me]);

  // The period and the unit come from the address; a date range being typed stays here until whole.
  const fallback = useMemo(() => defaultChoice(today), [today]);
  const fromUrl = useMemo(() => choiceFromParams(params, fallback), [params, fallback]);
  const [draft, setDraft] = useState<PeriodChoice | null>(null);
  const choice = draft ?? fromUrl;
  let unit = unitFromParams(params);
  if (!params.has('agencyId') && access.ownAgencyId) unit = { ...unit, agencyId: access.ownAgencyId };
  if (unit.agencyId && !access.canOpen(unit.agencyId)) unit = { agencyId: '', serviceId: '' };

  // An agency admin opens their own agency by default; the whole mall is then asked for as agencyId=.
  const toParams = (c: PeriodChoice, u: UnitChoice) => {
    const out = choiceToParams(c, u);
    if (!u.agencyId && access.ownAgencyId) out.set('agencyId', '');
    return out;
  };
  const go = (c: PeriodChoice, u: UnitChoice) => {
    if (periodParams(c) === null) return setDraft(c);
    setDraft(null);
    setParams(toParams(c, u));
  };
  const linkTo = (u: UnitChoice) => `?${toParams(choice, u).toString()}`;

  const period = periodParams(choice);
  const periodQuery = period ? new URLSearchParams(period).toString() : null;
  const unitQuery = new URLSearchParams(unitParams(unit)).toString();
  const query = periodQuery === null ? null : [periodQuery, unitQuery].filter(Boolean).join('&');
  const base = `/api/malls/${encodeURIComponent(slug)}/performance`;

  const report = useQuery({
    queryKey: ['performance', slug, query],
    queryFn: () => api.get<PerformanceReport>(`${base}?${query}`),
    enabled: query !== null,
    retry: false,
    placeholderData: (previous) => previous,
  });
  // Inside an agency, its officers (from the agency's own report) for the unit picker.
  const level = unitLevel(unit);
  const agencyQuery = periodQuery && unit.agencyId ? `${periodQuery}&agencyId=${unit.agencyId}` : null;
  const agencyReport = useQuery({
    queryKey: ['performance', slug, agencyQuery],
    queryFn: () => api.get<PerformanceReport>(`${base}?${agencyQuery}`),
    enabled: agencyQuery !== null && level !== 'agency',
    retry: false,
  });
  const officerSource = level === 'agency' ? report.data : agencyReport.data;
  const officers =
    officerSource?.unit.agency?.id === unit.agencyId
      ? officerSource.breakdown.officers.map((o) => ({ id: o.id, name: o.name }))
      : [];

  const forbidden = report.error instanceof ApiError && report.error.status === 403;
  const sessionLost = useRef(useSessionLost());
  const lost = isUnauthorized(report.error);
  useEffect(() => {
    if (lost) void sessionLost.current();
  }, [lost]);
  const shown = report.data && !forbidden ? report.data : null;

  return (
    <>
      <div className="flex flex-wrap gap-x-8 gap-y-4 rounded-2xl bg-white p-4 shadow">
        <PeriodPicker value={choice} onChange={(c) => go(c, unit)} thisYear={Number(today.slice(0, 4))} />
        <UnitPicker
          value={unit}
          onChange={(u) => go(choice, u)}
          agencies={(agencies.data ?? []).filter((a) => access.canOpen(a.id))}
          services={services.data ?? []}
          counters={counters.data ?? []}
          officers={officers}
          lockedAgencyId={null}
        />
      </div>
      {query === null && <p>{t('report:period.incomplete')}</p>}
      {report.error && <Alert text={forbidden ? t('kinerja:unitForbidden') : report.error.message} />}
      {query !== null && report.isPending && <p aria-live="polite">{t('common:loading')}</p>}
      {shown && query !== null && (
        <div
          className={`flex flex-col gap-4 ${report.isPlaceholderData ? 'opacity-60' : ''}`}
          aria-busy={report.isFetching}
        >
          <Headline report={shown} downloadQuery={query} base={base} />
          <Breakdown report={shown} unit={unit} access={access} linkTo={linkTo} />
          <BookingSection base={base} periodQuery={periodQuery ?? ''} unit={unit} />
          <TrendSection base={base} report={shown} unitQuery={unitQuery} today={today} />
          <VisitTimeSection base={base} periodQuery={periodQuery ?? ''} unit={unit} />
          <ApplicationSection base={base} periodQuery={periodQuery ?? ''} unit={unit} access={access} linkTo={linkTo} />
          <ComplaintSection
            base={base}
            periodQuery={periodQuery ?? ''}
            unit={unit}
            access={access}
            linkTo={linkTo}
            ikm={shown.ikm.ikm}
          />
          <EstimateSection base={base} periodQuery={periodQuery ?? ''} unit={unit} />
          <RankingSection base={base} periodQuery={periodQuery ?? ''} unit={unit} access={access} linkTo={linkTo} />
          <div className="grid gap-4 xl:grid-cols-2">
            <HeatMapSection base={base} periodQuery={periodQuery ?? ''} agencyId={unit.agencyId} />
            <StaffingSection base={base} periodQuery={periodQuery ?? ''} agencyId={unit.agencyId} />
          </div>
          <EmergencySection slug={slug} periodQuery={periodQuery ?? ''} />
        </div>
      )}
    </>
  );
}
