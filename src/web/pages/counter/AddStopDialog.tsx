import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import type { Ticket, TicketStop } from '../../../api/queue';
import { ServiceChoiceDialog } from './ServiceChoiceDialog';

interface Props {
  ticket: Ticket;
  /** the visit's stops as the counter's queue gives them ([] for a plain ticket) */
  stops: readonly TicketStop[];
  services: Service[];
  agencies: Agency[];
  /** the counter's agency: its services are listed first */
  agencyId: string;
  busy: boolean;
  error: string | null;
  onAdd: (service: Service) => void;
  onClose: () => void;
}

const LIVE: readonly TicketStop['status'][] = ['waiting', 'called', 'serving'];

/**
 * "Tambah layanan" ("you also need BPJS"): a service of any agency the same number will also
 * wait for, its place in that line counted from now. The services it already waits for are not
 * offered again.
 */
export function AddStopDialog({ ticket, stops, services, agencies, agencyId, busy, error, onAdd, onClose }: Props) {
  const { t } = useTranslation('counter');
  const taken = useMemo(
    () => new Set([ticket.serviceId, ...stops.filter((s) => LIVE.includes(s.status)).map((s) => s.serviceId)]),
    [ticket.serviceId, stops],
  );
  const offered = useMemo(() => services.filter((s) => !taken.has(s.id)), [services, taken]);
  const others = stops.filter((s) => s.serviceId !== ticket.serviceId && LIVE.includes(s.status));
  return (
    <ServiceChoiceDialog
      heading={t('addStop.heading', { number: ticket.number })}
      hint={t('addStop.hint')}
      confirmLabel={t('addStop.confirm')}
      services={offered}
      agencies={agencies}
      agencyId={agencyId}
      busy={busy}
      error={error}
      onChoose={onAdd}
      onClose={onClose}
    >
      {others.length > 0 ? (
        <p className="mt-2 text-slate-800">
          {t('addStop.already', { list: others.map((s) => `${s.agencyShortName} — ${s.serviceName}`).join('; ') })}
        </p>
      ) : null}
    </ServiceChoiceDialog>
  );
}
