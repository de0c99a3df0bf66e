/**
 * The entrance kiosk (1080×1920 touch screen, 80 mm printer): choose an agency (or search), a
 * service, say whether one is in a priority class, and take the printed ticket. Before the
 * priority answer the citizen may add other services (up to five, of any agencies): one number
 * waits in all their lines at once. Idle screens return to the start for the next citizen.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CheckedIn } from '../../../api/booking';
import type { Agency } from '../../../api/catalog';
import type { IssuedTicket } from '../../../api/queue';
import type { PriorityClass } from '../../../domain/queue';
import { addTranslations, currentLang, setLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import {
  useAgencies,
  useAvailability,
  useBookableServices,
  useCounters,
  useMall,
  useServices,
} from '../../lib/queries';
import { useIdle } from '../../lib/useIdle';
import { AgencyStep } from './AgencyStep';
import { CheckInStep } from './CheckInStep';
import { ClosedStep } from './ClosedStep';
import { EmergencyStep } from './EmergencyStep';
import { FacilitiesStep } from './FacilitiesStep';
import { counterNumbersFor } from './format';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { KioskHeader } from './KioskHeader';
import { MessageStep } from './MessageStep';
import { PriorityStep } from './PriorityStep';
import type { ServiceAvailability } from './ServiceButton';
import { StartStep } from './StartStep';
import { buildSearchIndex, searchServices } from './searchServices';
import { TicketStep } from './TicketStep';
import { MAX_SERVICES_PER_VISIT } from './VisitList';
import './kiosk-print.css';

addTranslations('kiosk', { id, en });

/**
 * Where the citizen can go back to from the priority question. `adding`: the citizen is choosing
 * one more service for the visit, and goes back to that priority step.
 */
type BrowseStep = ({ kind: 'start' } | { kind: 'search' } | { kind: 'agency'; agencyId: string; page: number }) & {
  adding?: PriorityChoice;
};
/** The services chosen so far (the first is where the number is called first) and the priority question. */
type PriorityChoice = { kind: 'priority'; serviceIds: string[]; from: BrowseStep };
type Step =
  | BrowseStep
  | PriorityChoice
  | { kind: 'error'; message: string }
  | { kind: 'checkIn' }
  | { kind: 'facilities' }
  | { kind: 'checkInRefused'; code: string; error: string; message: string; walkIn: boolean }
  | { kind: 'ticket'; ticket: IssuedTicket & { appointmentAt?: number | null } }
  | { kind: 'emergency' };

const IDLE_MS = 30_000;
const TICKET_IDLE_MS = 15_000;
/** The quota and the queue move while the kiosk stands there. */
const AVAILABILITY_REFRESH_MS = 15_000;

/** The visit without one service, also in the steps "Kembali" leads back to. */
function withoutService(visit: PriorityChoice, serviceId: string): PriorityChoice {
  const { adding, ...from } = visit.from;
  const earlier = adding && withoutService(adding, serviceId);
  return {
    ...visit,
    serviceIds: visit.serviceIds.filter((id) => id !== serviceId),
    // none left to add to: that step is an ordinary first choice again
    from: earlier && earlier.serviceIds.length > 0 ? { ...from, adding: earlier } : from,
  };
}

export default function KioskPage() {
  const { mall = '' } = useParams();
  const { t } = useTranslation(['kiosk', 'common']);
  const queryClient = useQueryClient();
  const mallQuery = useMall(mall);
  const agenciesQuery = useAgencies(mall);
  const servicesQuery = useServices(mall);
  const countersQuery = useCounters(mall);
  const availabilityQuery = useAvailability(mall, AVAILABILITY_REFRESH_MS);
  const bookableQuery = useBookableServices(mall);
  const takesBookings = [...(bookableQuery.data?.values() ?? [])].some((s) => s.booking);

  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [query, setQuery] = useState('');

  const agencies = useMemo(() => (agenciesQuery.data ?? []).filter((a) => a.serviceCount > 0), [agenciesQuery.data]);
  const agenciesById = useMemo(() => new Map<string, Agency>(agencies.map((a) => [a.id, a])), [agencies]);
  const services = servicesQuery.data ?? [];
  const searchIndex = useMemo(
    () => buildSearchIndex(servicesQuery.data ?? [], agenciesById),
    [servicesQuery.data, agenciesById],
  );
  const availability = useMemo(
    () => new Map<string, ServiceAvailability>((availabilityQuery.data?.services ?? []).map((s) => [s.serviceId, s])),
    [availabilityQuery.data],
  );

  const issue = useMutation({
    mutationFn: (body: { serviceIds: string[]; priority: PriorityClass | null }) =>
      api.post<IssuedTicket>(`/api/malls/${mall}/tickets`, {
        // one service stays the plain ticket it always was
        ...(body.serviceIds.length === 1 ? { serviceId: body.serviceIds[0] } : { serviceIds: body.serviceIds }),
        ...(body.priority ? { priority: body.priority } : {}),
      }),
    onSuccess: (ticket) => setStep({ kind: 'ticket', ticket }),
    onError: (error) =>
      setStep({ kind: 'error', message: error instanceof ApiError ? error.message : t('common:error') }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['availability', mall] }),
  });

  const checkIn = useMutation({
    mutationFn: (body: { code: string; asWalkIn?: boolean }) =>
      api.post<CheckedIn>(`/api/malls/${mall}/bookings/check-in`, body),
    onSuccess: (done) =>
      setStep({
        kind: 'ticket',
        ticket: {
          ...done.ticket,
          token: done.token,
          peopleAhead: done.peopleAhead,
          estimate: done.estimate,
          estimateReason: done.estimateReason,
          stops: done.stops,
        },
      }),
    onError: (error, body) =>
      setStep({
        kind: 'checkInRefused',
        code: body.code,
        error: error instanceof ApiError ? error.code : 'error',
        message: error instanceof ApiError ? error.message : t('common:error'),
        walkIn: error instanceof ApiError && error.code === 'too_late' && error.body.walkInAllowed === true,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['availability', mall] }),
  });

  /** A service picked while browsing: the priority step, with it added to the visit being put together. */
  const choose = (from: BrowseStep, serviceId: string) =>
    setStep({ kind: 'priority', serviceIds: [...(from.adding?.serviceIds ?? []), serviceId], from });

  /** "Tambah layanan lain": the agencies (and the search) again, for one more service of the visit. */
  const browseAgain = (visit: PriorityChoice) => {
    setQuery('');
    setStep({ kind: 'start', adding: visit });
  };

  const goHome = useCallback(() => {
    setStep({ kind: 'start' });
    setQuery('');
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }, []);

  // The next citizen finds the kiosk at the start, in Bahasa Indonesia.
  const reset = useCallback(() => {
    goHome();
    if (currentLang() !== 'id') setLang('id');
  }, [goHome]);

  const idleMs =
    step.kind === 'start' || issue.isPending || checkIn.isPending
      ? null
      : step.kind === 'ticket'
        ? TICKET_IDLE_MS
        : IDLE_MS;
  useIdle(idleMs, step, reset);

  const mallData = mallQuery.data;
  const avail = availabilityQuery.data;
  const loading = !mallData || !agenciesQuery.data || !servicesQuery.data || !avail;
  const failed = mallQuery.isError || agenciesQuery.isError || servicesQuery.isError || availabilityQuery.isError;

  function body() {
    // an emergency is reported whether the mall is open or its catalog has loaded or not
    if (step.kind === 'emergency') return <EmergencyStep mall={mall} onHome={goHome} />;
    if (loading) {
      if (failed) {
        return (
          <MessageStep
            icon="⚠️"
            title={t('kiosk:loadFailed')}
            action={{ label: t('common:retry'), onClick: () => void queryClient.invalidateQueries() }}
          />
        );
      }
      return <MessageStep icon="⏳" title={t('common:loading')} />;
    }
    const choosing =
      step.kind === 'start' ||
      step.kind === 'search' ||
      step.kind === 'agency' ||
      step.kind === 'priority' ||
      step.kind === 'checkIn';
    if (!avail.openNow && choosing) {
      return (
        <ClosedStep mallName={mallData.name} hoursToday={avail.hoursToday} weekly={mallData.openingHours.weekly} />
      );
    }
    if (issue.isPending) return <MessageStep icon="🖨️" title={t('kiosk:issuing')} />;
    if (checkIn.isPending) return <MessageStep icon="⏳" title={t('kiosk:checkIn.checking')} />;

    switch (step.kind) {
      case 'start':
      case 'search': {
        const { adding } = step;
        const keep = adding ? { adding } : {};
        return (
          <StartStep
            agencies={agencies}
            agenciesById={agenciesById}
            availability={availability}
            searching={step.kind === 'search'}
            query={query}
            results={step.kind === 'search' ? searchServices(searchIndex, query) : []}
            onQuery={setQuery}
            onSearchStart={() => setStep((s) => (s.kind === 'start' ? { kind: 'search', ...keep } : s))}
            onSearchClose={adding ? () => browseAgain(adding) : goHome}
            onAgency={(agencyId) => setStep({ kind: 'agency', agencyId, page: 0, ...keep })}
            onService={(serviceId) => choose({ kind: 'search', ...keep }, serviceId)}
            onCheckIn={takesBookings ? () => setStep({ kind: 'checkIn' }) : undefined}
            onFacilities={() => setStep({ kind: 'facilities' })}
            adding={
              adding ? { chosenIds: adding.serviceIds, onBack: () => setStep(adding), onHome: goHome } : undefined
            }
          />
        );
      }
      case 'agency': {
        const agency = agenciesById.get(step.agencyId);
        if (!agency) return null;
        const { adding } = step;
        return (
          <AgencyStep
            agency={agency}
            services={services.filter((s) => s.agencyId === agency.id)}
            availability={availability}
            page={step.page}
            onPage={(page) => setStep({ ...step, page })}
            onPick={(serviceId) => choose(step, serviceId)}
            onHome={adding ? () => browseAgain(adding) : goHome}
            chosenIds={adding?.serviceIds}
          />
        );
      }
      case 'priority': {
        const chosen = step.serviceIds.flatMap((id) => services.find((s) => s.id === id) ?? []);
        if (chosen.length === 0) return null;
        return (
          <PriorityStep
            services={chosen}
            agenciesById={agenciesById}
            busy={issue.isPending}
            onAdd={step.serviceIds.length < MAX_SERVICES_PER_VISIT ? () => browseAgain(step) : undefined}
            onRemove={(serviceId) => setStep(withoutService(step, serviceId))}
            onPick={(priority) => issue.mutate({ serviceIds: step.serviceIds, priority })}
            onBack={() => setStep(step.from)}
            onHome={goHome}
          />
        );
      }
      case 'facilities':
        return <FacilitiesStep mall={mall} today={mallData.today} onHome={goHome} />;
      case 'checkIn':
        return <CheckInStep busy={checkIn.isPending} onCheckIn={(code) => checkIn.mutate({ code })} onHome={goHome} />;
      case 'checkInRefused':
        return (
          <MessageStep
            icon={step.error === 'too_early' ? '🕘' : '⚠️'}
            title={
              step.error === 'too_early'
                ? t('kiosk:checkIn.tooEarly')
                : step.error === 'too_late'
                  ? t('kiosk:checkIn.tooLate')
                  : t('kiosk:checkIn.failed')
            }
            message={step.message}
            action={
              step.walkIn
                ? {
                    label: t('kiosk:checkIn.asWalkIn'),
                    onClick: () => checkIn.mutate({ code: step.code, asWalkIn: true }),
                  }
                : step.error === 'booking_not_found'
                  ? { label: t('kiosk:checkIn.tryAgain'), onClick: () => setStep({ kind: 'checkIn' }) }
                  : { label: t('kiosk:backToStart'), onClick: goHome }
            }
            secondary={
              step.walkIn || step.error === 'booking_not_found'
                ? { label: t('kiosk:backToStart'), onClick: goHome }
                : undefined
            }
          />
        );
      case 'error':
        return (
          <MessageStep
            icon="⚠️"
            title={t('kiosk:issueFailed')}
            message={step.message}
            action={{ label: t('kiosk:backToStart'), onClick: goHome }}
          />
        );
      case 'ticket': {
        const service = services.find((s) => s.id === step.ticket.serviceId);
        const agency = service && agenciesById.get(service.agencyId);
        const counters = countersQuery.data ?? [];
        return (
          <TicketStep
            ticket={step.ticket}
            mallName={mallData.name}
            timeZone={mallData.timeZone}
            serviceName={service?.name ?? ''}
            agencyName={agency?.name ?? ''}
            counterNumbers={counterNumbersFor(counters, step.ticket.serviceId)}
            stopCounterNumbers={step.ticket.stops.map((stop) => counterNumbersFor(counters, stop.serviceId))}
            onDone={reset}
          />
        );
      }
    }
  }

  return (
    <div className="flex h-full flex-col bg-slate-50 print:block print:h-auto print:bg-white">
      <KioskHeader
        mallName={mallData?.name ?? ''}
        timeZone={mallData?.timeZone ?? 'Asia/Jakarta'}
        onEmergency={step.kind === 'emergency' ? undefined : () => setStep({ kind: 'emergency' })}
      />
      <main className="min-h-0 flex-1 overflow-y-auto px-8 py-6 print:overflow-visible print:p-0">{body()}</main>
    </div>
  );
}
