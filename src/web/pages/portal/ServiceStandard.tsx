import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { ComplaintLink } from '../../components/complaint/ComplaintLink';
import { ServiceQuestions } from '../../components/consultation/ServiceQuestions';
import { AgencyBadge } from './AgencyBadge';
import { BackLink } from './BackLink';
import { BestTime } from './BestTime';
import { BookOnlineLink } from './BookOnlineLink';
import { feeText } from './fee';
import { placeTo } from './links';
import { QueueNow, useQueueNow } from './QueueNow';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <h3 className="mb-2 text-lg font-bold text-brand-900">{title}</h3>
      <div lang="id" className="text-base leading-relaxed">
        {children}
      </div>
    </section>
  );
}

interface Props {
  /** the mall's slug, for the link to book the service */
  slug: string;
  service: Service;
  agency: Agency | undefined;
  mallName: string;
  /** the mall's date, "YYYY-MM-DD": the best time to come opens on its weekday */
  today: string;
  headingRef: Ref<HTMLHeadingElement>;
}

/** A service's published standard (Standar Pelayanan, PermenPANRB 15/2014), as citizens read it. */
export function ServiceStandard({ slug, service, agency, mallName, today, headingRef }: Props) {
  const { t } = useTranslation(['portal', 'common']);
  const queueNow = useQueueNow(slug)?.get(service.id);
  const s = service.standard;
  const fee = feeText(s, { free: t('common:free'), varies: s.feeNote });
  // The note explains how the fee is set; it only repeats the amount when that is all it says.
  const showFeeNote =
    s.feeRupiah !== null && s.feeNote.trim() !== '' && s.feeNote.trim().toLowerCase() !== fee.toLowerCase();

  return (
    <article aria-labelledby="service-title" className="flex max-w-3xl flex-col gap-4">
      <BackLink to={placeTo({ agency: agency?.code ?? service.agencyId })}>
        {t('portal:backTo', { place: agency?.shortName ?? t('portal:allAgencies') })}
      </BackLink>
      <div className="rounded-2xl bg-white p-4 shadow-sm">
        {agency && (
          <p className="mb-2 flex items-center gap-2 text-sm text-slate-700">
            <AgencyBadge agency={agency} mallName={mallName} />
            <span lang="id">{agency.name}</span>
          </p>
        )}
        <h2 id="service-title" ref={headingRef} tabIndex={-1} lang="id" className="text-2xl leading-tight font-bold">
          {service.name}
        </h2>
        <p className="mt-2 text-sm text-slate-700">
          <strong>{t('portal:standardTitle')}</strong> — {t('portal:standardBasis')}
        </p>
        {service.dailyQuota !== null && (
          <p className="mt-1 text-sm text-slate-700">{t('portal:quota', { count: service.dailyQuota })}</p>
        )}
        {queueNow && (
          <p className="mt-3 rounded-xl bg-brand-50 px-3 py-2 text-base text-brand-900">
            <span className="font-semibold">{t('portal:queue.now')}:</span>{' '}
            <QueueNow now={queueNow} long testId="service-queue" />
          </p>
        )}
      </div>
      <BookOnlineLink slug={slug} serviceId={service.id} />

      <div className="flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm">
        <Section title={t('portal:sections.requirements')}>
          <ul className="list-disc space-y-1 pl-6">
            {s.requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Section>
        <Section title={t('portal:sections.procedure')}>
          <ol className="list-decimal space-y-1 pl-6">
            {s.procedure.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Section>
        <Section title={t('portal:sections.duration')}>
          <p>{s.duration}</p>
        </Section>
        <Section title={t('portal:sections.fee')}>
          <p data-testid="service-fee" className={s.feeRupiah === null ? '' : 'text-lg font-bold'}>
            {fee}
          </p>
          {showFeeNote && <p className="text-sm text-slate-700">{s.feeNote}</p>}
        </Section>
        <Section title={t('portal:sections.product')}>
          <p>{s.product}</p>
        </Section>
        <Section title={t('portal:sections.complaint')}>
          <p>{s.complaint}</p>
          <p className="mt-2">
            <ComplaintLink slug={slug} query={{ service: service.id }} />
          </p>
        </Section>
        <Section title={t('portal:sections.legalBasis')}>
          <ul className="list-disc space-y-1 pl-6">
            {s.legalBasis.map((law) => (
              <li key={law}>{law}</li>
            ))}
          </ul>
        </Section>
      </div>
      <BestTime slug={slug} serviceId={service.id} today={today} />
      <ServiceQuestions slug={slug} serviceId={service.id} />
      <p className="rounded-xl bg-brand-50 p-4 text-base text-brand-900">
        {t('portal:takeTicket', { mall: mallName, agency: agency?.shortName ?? '' })}
      </p>
    </article>
  );
}
