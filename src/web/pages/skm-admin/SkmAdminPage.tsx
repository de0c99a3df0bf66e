/**
 * /:mall/skm — the staff screen for the SKM report (PermenPANRB 14/2017), desktop: choose a period
 * and a unit, read the IKM and the nine elements, download the PDF/XLSX, keep the follow-up plan,
 * and (whole mall) publish the period for citizens.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Me } from '../../../api/auth';
import type { SkmFullReport } from '../../../api/skm';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PeriodPicker } from '../../components/report/PeriodPicker';
import {
  defaultChoice,
  type PeriodChoice,
  periodParams,
  type UnitChoice,
  unitParams,
} from '../../components/report/period';
import { UnitPicker } from '../../components/report/UnitPicker';
import { SignInForm } from '../../components/SignInForm';
import { addTranslations } from '../../i18n';
import { api } from '../../lib/api';
import { useAgencies, useMall, useServices } from '../../lib/queries';
import { isUnauthorized, useMe } from '../../lib/session';
import { ElementTable } from './ElementTable';
import { FollowupSection } from './FollowupSection';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { PaperEntrySection } from './PaperEntrySection';
import { PublishControl } from './PublishControl';
import { ReportSummary } from './ReportSummary';

addTranslations('skmAdmin', { id, en });

export default function SkmAdminPage() {
  const { t } = useTranslation(['skmAdmin', 'common']);
  const slug = useParams().mall ?? '';
  const mall = useMall(slug);
  const me = useMe();

  useEffect(() => {
    document.title = `${t('skmAdmin:pageTitle')}${mall.data ? ` — ${mall.data.name}` : ''}`;
  }, [mall.data, t]);

  let body: React.ReactNode;
  if (me.isPending || mall.isPending) body = <p aria-live="polite">{t('common:loading')}</p>;
  else if (isUnauthorized(me.error)) body = <SignInForm level={2} heading={t('skmAdmin:signIn.heading')} />;
  else if (me.error || mall.error)
    body = (
      <p role="alert" className="font-semibold text-red-800">
        {(me.error ?? mall.error)?.message}
      </p>
    );
  else if (me.data && mall.data) body = <ReportScreen slug={slug} me={me.data} today={mall.data.today} />;

  return (
    <div className="flex min-h-full flex-col bg-slate-100">
      <header className="flex items-center justify-between bg-brand-800 px-6 py-3 text-white">
        <p className="text-lg font-semibold">{mall.data?.name ?? 'Loket'}</p>
        <div className="flex items-center gap-4">
          {me.data && <p>{me.data.displayName}</p>}
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-4 px-6 py-4">
        <h1 className="text-2xl font-bold">{t('skmAdmin:pageTitle')}</h1>
        {body}
      </main>
    </div>
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
