import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../api/auth';
import type { Agency, Counter, Service } from '../../../api/catalog';
import type { Ticket } from '../../../api/queue';
import { NewApplicationDialog } from '../../components/application/NewApplicationDialog';
import { useMall } from '../../lib/queries';
import { useNow } from '../../lib/useNow';
import { ActionButtons } from './ActionButtons';
import { AddStopDialog } from './AddStopDialog';
import { ACTIONS, type ConsoleAction, isActionEnabled } from './actions';
import { CheckInDialog } from './CheckInDialog';
import { ConsoleHeader } from './ConsoleHeader';
import { CurrentTicket } from './CurrentTicket';
import { loadShortcutsOn, saveShortcutsOn } from './counterChoice';
import { LiveIndicator } from './LiveIndicator';
import { NoticeBar } from './NoticeBar';
import { PresenceControls } from './PresenceControls';
import { TodayCounts } from './TodayCounts';
import { TransferDialog } from './TransferDialog';
import { useCounterActions } from './useCounterActions';
import { useCounterQueue } from './useCounterQueue';
import { usePresence } from './usePresence';
import { useShortcuts } from './useShortcuts';
import { WaitingList } from './WaitingList';

interface Props {
  mall: string;
  mallName: string;
  timeZone: string;
  me: Me;
  counter: Counter;
  agencies: Agency[];
  services: Service[];
  onChangeCounter: () => void;
}

/** One counter's console: the current ticket and its actions on the left, the line on the right. */
export function Console({ mall, mallName, timeZone, me, counter, agencies, services, onChangeCounter }: Props) {
  const { t } = useTranslation(['counter', 'common']);
  const { query, stream } = useCounterQueue(mall, counter.id);
  // Until the mall's rule is known, the server's 409 still explains an early no-show.
  const recallsBeforeNoShow = useMall(mall).data?.queue.recallsBeforeNoShow ?? 0;
  const actions = useCounterActions(mall, counter.id);
  const presence = usePresence(mall, counter.id, query.data);
  const now = useNow(30_000);
  const [transferOpen, setTransferOpen] = useState(false);
  const [addStopOpen, setAddStopOpen] = useState(false);
  const [checkInOpen, setCheckInOpen] = useState(false);
  /** the ticket an application is being opened for */
  const [applicationFor, setApplicationFor] = useState<Ticket | null>(null);
  /** the ticket this console just finished: an application can still be opened from it */
  const [lastFinished, setLastFinished] = useState<Ticket | null>(null);
  const [shortcutsOn, setShortcutsOn] = useState(loadShortcutsOn);

  const agency = agencies.find((a) => a.id === counter.agencyId);
  const counterLabel = t('common:counter', { number: counter.number });
  const title = `${agency?.shortName ?? ''} · ${counterLabel}`;
  useEffect(() => {
    document.title = `${counterLabel} — ${t('counter:title')}`;
  }, [counterLabel, t]);

  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? t('counter:unknownService');
  const data = query.data;
  const current = data?.current ?? null;
  // once another ticket is called, the finished one is behind the officer
  const currentId = current?.id ?? null;
  useEffect(() => {
    if (currentId) setLastFinished((last) => (last && last.id !== currentId ? null : last));
  }, [currentId]);
  // a dialog about a ticket that has left the counter has nothing left to do
  useEffect(() => {
    if (!currentId) setAddStopOpen(false);
  }, [currentId]);
  const applicationTicket = current?.status === 'serving' ? current : !current ? lastFinished : null;

  const perform = (id: ConsoleAction) => {
    const spec = ACTIONS.find((a) => a.id === id);
    if (!spec || !data || actions.busy || !isActionEnabled(spec, current, recallsBeforeNoShow)) return;
    if (id === 'callNext') void actions.callNext();
    else if (id === 'transfer') {
      actions.dismiss();
      setTransferOpen(true);
    } else if (id === 'addStop') {
      actions.dismiss();
      setAddStopOpen(true);
    } else if (current) {
      const ticket = current;
      void actions.act(id, ticket).then((ok) => {
        if (ok && id === 'finish') setLastFinished({ ...ticket, status: 'done' });
      });
    }
  };
  useShortcuts(shortcutsOn && !transferOpen && !addStopOpen && !checkInOpen && !applicationFor, perform);

  const notice = presence.error
    ? { kind: 'error' as const, text: t('counter:presence.failed', { message: presence.error }) }
    : actions.notice;
  const dismiss = () => {
    presence.dismissError();
    actions.dismiss();
  };

  const toggleShortcuts = () => {
    saveShortcutsOn(!shortcutsOn);
    setShortcutsOn(!shortcutsOn);
  };

  return (
    <div className="flex h-full flex-col">
      <ConsoleHeader
        mallName={mallName}
        officerName={me.displayName}
        applicationsHref={`/${mall}/permohonan`}
        complaintsHref={`/${mall}/pengaduan`}
        title={title}
        onChangeCounter={async () => {
          await presence.leave();
          onChangeCounter();
        }}
        beforeSignOut={presence.leave}
        shortcuts={{ on: shortcutsOn, toggle: toggleShortcuts }}
        presence={
          data ? (
            <PresenceControls
              state={presence.state}
              counterLabel={counterLabel}
              busy={presence.busy}
              onSet={(state) => void presence.set(state)}
            />
          ) : null
        }
      />
      <main className="grid min-h-0 flex-1 grid-cols-[minmax(0,6fr)_minmax(0,7fr)] gap-5 p-4">
        {data ? (
          <>
            <div className="flex min-h-0 flex-col gap-3">
              <CurrentTicket
                ticket={current}
                stops={data.currentStops}
                serviceName={serviceName}
                timeZone={timeZone}
                applicationFrom={applicationTicket}
                onOpenApplication={setApplicationFor}
              />
              <NoticeBar notice={transferOpen || addStopOpen ? null : notice} onDismiss={dismiss} />
              <ActionButtons
                current={current}
                busy={actions.busy}
                showKeys={shortcutsOn}
                onAction={perform}
                recallsBeforeNoShow={recallsBeforeNoShow}
              />
            </div>
            <div className="flex min-h-0 flex-col gap-4">
              <TodayCounts today={data.today} />
              <WaitingList
                live={<LiveIndicator state={stream} />}
                timeZone={timeZone}
                checkIn={
                  <button
                    type="button"
                    onClick={() => setCheckInOpen(true)}
                    className="rounded-lg border-2 border-brand-700 bg-white px-3 py-1 font-semibold text-brand-800 hover:bg-brand-50"
                  >
                    {t('counter:checkIn.open')}
                  </button>
                }
                waiting={data.waiting}
                serviceName={serviceName}
                now={now}
                canCall={!actions.busy && !current}
                onCall={(ticket) => void actions.call(ticket)}
              />
            </div>
          </>
        ) : (
          <p role={query.isError ? 'alert' : 'status'} className="col-span-2 text-xl">
            {query.isError ? query.error.message : t('common:loading')}
          </p>
        )}
      </main>
      {checkInOpen ? (
        <CheckInDialog
          mall={mall}
          counterId={counter.id}
          servesServiceIds={counter.serviceIds}
          serviceName={serviceName}
          onClose={() => setCheckInOpen(false)}
        />
      ) : null}
      {applicationFor ? (
        <NewApplicationDialog
          mall={mall}
          mallName={mallName}
          timeZone={timeZone}
          services={services.filter((s) => counter.serviceIds.includes(s.id) || s.id === applicationFor.serviceId)}
          agencies={agencies}
          defaultServiceId={applicationFor.serviceId}
          ticket={applicationFor}
          onClose={() => setApplicationFor(null)}
        />
      ) : null}
      {transferOpen && current ? (
        <TransferDialog
          ticket={current}
          services={services}
          agencies={agencies}
          agencyId={counter.agencyId}
          busy={actions.busy}
          error={actions.notice?.kind === 'error' ? actions.notice.text : null}
          onClose={() => setTransferOpen(false)}
          onTransfer={async (service) => {
            if (await actions.transfer(current, service.id, service.name)) setTransferOpen(false);
          }}
        />
      ) : null}
      {addStopOpen && current ? (
        <AddStopDialog
          ticket={current}
          stops={data?.currentStops ?? []}
          services={services}
          agencies={agencies}
          agencyId={counter.agencyId}
          busy={actions.busy}
          error={actions.notice?.kind === 'error' ? actions.notice.text : null}
          onClose={() => setAddStopOpen(false)}
          onAdd={async (service) => {
            const agencyShort = agencies.find((a) => a.id === service.agencyId)?.shortName;
            const name = agencyShort ? `${agencyShort} — ${service.name}` : service.name;
            if (await actions.addStop(current, service.id, name)) setAddStopOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
