/**
 * /:mall/skm — the staff screen for the SKM report (PermenPANRB 14/2017), desktop: choose a period
 * and a unit, read the IKM and the nine elements, download the PDF/XLSX, keep the follow-up plan,
 * and (whole mall) publish the period for citizens.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../api/auth';
import type { SkmFullReport } from '../../../api/skm';
import { PeriodPicker } from '../../components/report/PeriodPicker';
import {
  defaultChoice,
  type PeriodChoice,
  periodParams,
  type UnitChoice,
  unitParams,
} from '../../components/report/period';
import { UnitPicker } from '../../components/report/UnitPicker';
import { StaffPage } from '../../components/StaffPage';
import { addTranslations } from '../../i18n';
import { api } from '../../lib/api';
import { useAgencies, useServices } from '../../lib/queries';
import { ElementTable } from './ElementTable';
import { FollowupSection } from './FollowupSection';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { PaperEntrySection } from './PaperEntrySection';
import { PublishControl } from './PublishControl';
import { ReportSummary } from './ReportSummary';

addTranslations('skmAdmin', { id, en });

export default function SkmAdminPage() {
  const { t } = useTranslation('skmAdmin');
  return (
    <StaffPage screen="skm" title={t('pageTitle')} signInHeading={t('signIn.heading')}>
      {({ slug, me, mall }) => <ReportScreen slug={slug} me={me} today={mall.today} />}
    </StaffPage>
  );
}

function ReportScreen({ slug, me, today }: { slug: string; me: Me; today: string }) {
  const { t } = useTranslation(['skmAdmin', 'report', 'common']);
  const agencies = useAgencies(slug);
  const services = useServices(slug);
  const locked = me.role === 'mall_admin' ? null : me.agencyId;
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultChoice(today));
  const [unit, setUnit] = useState<UnitChoice>({ agencyId: locked ?? '', serviceId: '' });
  const period = periodParams(choice);
  const query = period ? new URLSearchParams({ ...period, ...unitParams(unit) }).toString() : null;
  const report = useQuery({
    queryKey: ['skm-report', slug, query],
    queryFn: () => api.get<SkmFullReport>(`/api/malls/${slug}/skm/report?${query}`),
    enabled: query !== null,
    retry: false,
  });

  return (
    <>
      <div className="flex flex-wrap gap-8 rounded-2xl bg-white p-4 shadow">
        <PeriodPicker value={choice} onChange={setChoice} thisYear={Number(today.slice(0, 4))} />
        <UnitPicker
          value={unit}
          onChange={setUnit}
          agencies={agencies.data ?? []}
          services={services.data ?? []}
          lockedAgencyId={locked}
        />
      </div>
      {query === null && <p>{t('report:period.incomplete')}</p>}
      {report.error && (
        <p role="alert" className="font-semibold text-red-800">
          {report.error.message}
        </p>
      )}
      {query !== null && report.isPending && <p aria-live="polite">{t('common:loading')}</p>}
      {report.data && query !== null && (
        <>
          <ReportSummary report={report.data} query={query} />
          <div className="grid grid-cols-2 gap-4">
            <ElementTable report={report.data} />
            <div className="flex flex-col gap-4">
              <FollowupSection key={query} report={report.data} />
              {report.data.unit.level === 'mall' && <PublishControl report={report.data} />}
            </div>
          </div>
        </>
      )}
      <PaperEntrySection
        slug={slug}
        today={today}
        agencies={agencies.data ?? []}
        services={services.data ?? []}
        lockedAgencyId={locked}
      />
    </>
  );
}
