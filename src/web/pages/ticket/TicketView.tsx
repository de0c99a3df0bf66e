import { lazy, type Ref, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketPublic } from '../../../api/queue';
import { ComplaintLink } from '../../components/complaint/ComplaintLink';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { AlertToggle } from './AlertToggle';
import { CalledBanner } from './CalledBanner';
import { ContactForm } from './ContactForm';
import { Estimate } from './Estimate';
import { StateMessage } from './StateMessage';
import { SurveyInvite } from './SurveyInvite';
import { TicketActions } from './TicketActions';
import { TicketCard } from './TicketCard';
import { visitOf } from './visit';

/** Only a visit of several stops needs the route, so a plain ticket's phone does not load it. */
const RouteList = lazy(() => import('./RouteList').then((m) => ({ default: m.RouteList })));

interface Props {
  ticket: TicketPublic;
  /** the page's token, to send the survey with */
  token: string;
  reconnecting: boolean;
  bannerRef: Ref<HTMLDivElement>;
  now: number;
  /** after an action on the page: the ticket as the server now has it */
  onChanged: (ticket: TicketPublic) => void;
}

export function TicketView({ ticket, token, reconnecting, bannerRef, now, onChanged }: Props) {
  const { t } = useTranslation(['ticket', 'common']);
  // several stops: the route lists each, and the call names the stop it is for
  const visit = visitOf(ticket);
  const { status } = visit;
  return (
    <div className="mx-auto flex min-h-full max-w-md flex-col">
      <header className="flex items-center justify-between gap-3 bg-brand-800 px-4 py-3 text-white">
        <p lang="id" className="text-base font-bold">
          {ticket.mallName}
        </p>
        <LanguageSwitch className="text-sm" />
      </header>
      {/* Always present so that screen readers hear it appear and disappear. */}
      <div aria-live="polite">
        {reconnecting && (
          <p className="bg-amber-100 px-4 py-2 text-center text-sm font-semibold text-amber-950">
            {t('common:offline')}
          </p>
        )}
      </div>
      <main className="flex flex-1 flex-col gap-4 p-4">
        {status === 'called' && (
          <CalledBanner
            ref={bannerRef}
            counter={visit.counter}
            service={visit.current ? `${visit.current.agencyShortName} — ${visit.current.serviceName}` : null}
          />
        )}
        <TicketCard ticket={ticket} visit={visit} />
        {visit.route ? (
          <Suspense fallback={null}>
            <RouteList ticket={ticket} token={token} onChanged={onChanged} />
          </Suspense>
        ) : (
          <Estimate ticket={ticket} />
        )}
        <StateMessage status={status} counter={visit.counter} />
        {ticket.appointmentAt !== null && ticket.status === 'waiting' && (
          <p className="rounded-xl bg-brand-50 px-4 py-2 text-base font-semibold text-brand-900">
            {t('ticket:booked')}
          </p>
        )}
        {ticket.postponed && ticket.status === 'waiting' && (
          <p className="px-1 text-base text-slate-800">{t('ticket:postponed')}</p>
        )}
        <TicketActions ticket={ticket} route={visit.route} token={token} now={now} onChanged={onChanged} />
        {status === 'waiting' && (
          <ContactForm
            token={token}
            contact={ticket.contact}
            onSaved={(contact) => onChanged({ ...ticket, contact })}
          />
        )}
        {/* for a visit, once it is over as a whole */}
        {status === 'done' && <SurveyInvite token={token} surveyed={ticket.surveyed} />}
        {(status === 'waiting' || status === 'called') && <AlertToggle />}
        <div className="mt-auto flex flex-col items-center gap-1 py-2 text-base">
          <ComplaintLink slug={ticket.mallSlug} query={{ ticket: token }} className="py-1 text-brand-700 underline" />
          <Link to={`/${ticket.mallSlug}`} className="py-1 text-center text-brand-700 underline">
            {t('ticket:toPortal', { mall: ticket.mallName })}
          </Link>
        </div>
      </main>
    </div>
  );
}
