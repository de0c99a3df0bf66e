/**
 * /:mall/book — a citizen books a time at the mall from a phone (issue #11): the service, the
 * day, the slot, then name and mobile number and, if they like, other services of any agency for
 * the same visit (issue #13); the booking's page /b/:token follows. Where a
 * service has an online queue, today's number can be taken here too. Each step lives in the URL
 * (?service=, ?date=, ?start=), so the back button steps back; ?service= alone preselects one.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useNavigationType, useParams, useSearchParams } from 'react-router';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useAgencies, useMall, useServices } from '../../lib/queries';
import portalEn from '../portal/i18n.en.json';
import portalId from '../portal/i18n.id.json';
import { PortalFooter } from '../portal/PortalFooter';
import { BookHeader } from './BookHeader';
import { ChoiceSummary } from './ChoiceSummary';
import { type ContactValues, EMPTY_CONTACT } from './contact';
import { DayStep } from './DayStep';
import { DetailsStep, type SlotGone } from './DetailsStep';
import { useBookingDays } from './data';
import { type BookPlace, bookTo, type Step, stepOf } from './links';
import { Notice } from './Notice';
import { ServiceStep } from './ServiceStep';
import { SlotStep } from './SlotStep';
import { StepIndicator } from './StepIndicator';
import './translations';

// the search box and the agency badges come from the portal, with its words
addTranslations('portal', { id: portalId, en: portalEn });

function addMinutes(hhmm: string, minutes: number): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export default function BookPage() {
  const { t } = useTranslation(['book', 'common']);
  const slug = useParams().mall ?? '';
  const [params, setParams] = useSearchParams();
  const place: BookPlace = {
    agency: params.get('agency') ?? undefined,
    q: params.get('q') ?? undefined,
    service: params.get('service') ?? undefined,
    date: params.get('date') ?? undefined,
    start: params.get('start') ?? undefined,
  };
  const step = stepOf(place);
  const serviceId = place.service ?? '';

  const mall = useMall(slug);
  const agencies = useAgencies(slug);
  const services = useServices(slug);
  const days = useBookingDays(slug, serviceId);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  // Kept here so that going back to another slot (one filled up meanwhile) keeps what was typed.
  const [contact, setContact] = useState<ContactValues>(EMPTY_CONTACT);
  const [alsoServiceIds, setAlsoServiceIds] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ step: Step; text: string } | null>(null);

  // A new step: its heading takes the focus (a screen reader says where the person is) and,
  // when moving forward, the page starts at its top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();
  const firstView = useRef(true);
  const stepKey = `${step}:${place.agency ?? ''}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes, not on every render
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    if (navigationType === 'PUSH') window.scrollTo(0, 0);
    headingRef.current?.focus({ preventScroll: true });
  }, [stepKey]);

  const service = serviceId ? services.data?.find((s) => s.id === serviceId) : undefined;
  const agency = service ? agencies.data?.find((a) => a.id === service.agencyId) : undefined;

  useEffect(() => {
    if (mall.data) document.title = `${t('book:title')} — ${mall.data.name}`;
  }, [mall.data, t]);

  if (mall.error instanceof ApiError && mall.error.status === 404) {
    return <MessagePage narrow title={t('book:mallNotFound')} />;
  }
  if (mall.error) {
    return (
      <MessagePage narrow title={t('common:error')} text={mall.error.message} onRetry={() => void mall.refetch()} />
    );
  }
  if (!mall.data) return <MessagePage narrow title={t('common:loading')} />;

  const go = (to: BookPlace) => {
    setNotice(null);
    navigate(bookTo(to));
  };
  const onSlotGone: SlotGone = (back, message) => {
    void queryClient.invalidateQueries({ queryKey: ['booking-days', slug, serviceId] });
    void queryClient.invalidateQueries({ queryKey: ['booking-slots', slug, serviceId] });
    navigate(bookTo(back === 'slot' ? { service: serviceId, date: place.date } : { service: serviceId }));
    setNotice({ step: back, text: message });
  };
  const noticeFor = (s: Step) => (notice?.step === s ? notice.text : null);

  let content: ReactNode;
  if (step === 'service') {
    content =
      agencies.data && services.data ? (
        <ServiceStep
          slug={slug}
          mallName={mall.data.name}
          agencies={agencies.data}
          services={services.data}
          query={place.q ?? ''}
          agencyCode={place.agency ?? ''}
          onSearch={(text) => setParams(text ? { q: text } : {}, { replace: Boolean(place.q) })}
          headingRef={headingRef}
        />
      ) : (
        <p>{t('common:loading')}</p>
      );
  } else if (!service) {
    content = services.data ? (
      <Notice tone="warning" title={t('book:serviceNotFound')}>
        <button type="button" onClick={() => go({})} className="mt-1 min-h-12 font-semibold underline">
          {t('book:notBookable.other')}
        </button>
      </Notice>
    ) : (
      <p>{t('common:loading')}</p>
    );
  } else if (step === 'day') {
    content = (
      <DayStep
        mall={mall.data}
        serviceId={serviceId}
        days={days.data}
        daysError={days.error}
        onRetry={() => void days.refetch()}
        notice={noticeFor('day')}
        onPick={(date) => go({ service: serviceId, date })}
        headingRef={headingRef}
      />
    );
  } else if (step === 'slot') {
    content = (
      <SlotStep
        slug={slug}
        serviceId={serviceId}
        date={place.date ?? ''}
        today={mall.data.today}
        notice={noticeFor('slot')}
        onPick={(start) => go({ service: serviceId, date: place.date, start })}
        headingRef={headingRef}
      />
    );
  } else {
    content = (
      <DetailsStep
        slug={slug}
        serviceId={serviceId}
        date={place.date ?? ''}
        start={place.start ?? ''}
        askNik={days.data?.askNik ?? false}
        values={contact}
        onChange={setContact}
        services={services.data ?? []}
        agencies={agencies.data ?? []}
        alsoServiceIds={alsoServiceIds}
        onAlsoChange={setAlsoServiceIds}
        onSlotGone={onSlotGone}
        headingRef={headingRef}
      />
    );
  }

  const end = place.start && days.data ? addMinutes(place.start, days.data.slotMinutes) : undefined;
  return (
    <div className="flex min-h-full flex-col">
      <BookHeader mallName={mall.data.name} slug={slug} />
      <main className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-5 px-4 py-5">
        <div>
          <h1 className="text-2xl leading-tight font-bold text-brand-900">{t('book:title')}</h1>
          {step === 'service' && <p className="mt-1 text-base text-slate-800">{t('book:intro')}</p>}
        </div>
        <StepIndicator current={step} />
        {service && step !== 'service' && (
          <ChoiceSummary service={service} agency={agency} date={place.date} start={place.start} end={end} />
        )}
        {content}
      </main>
      <PortalFooter slug={slug} bookLink={false} width="max-w-3xl" />
    </div>
  );
}
