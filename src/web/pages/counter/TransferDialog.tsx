import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import type { Ticket } from '../../../api/queue';
import { ServiceChoiceDialog } from './ServiceChoiceDialog';

interface Props {
  ticket: Ticket;
  services: Service[];
  agencies: Agency[];
  /** the counter's agency: its services are listed first */
  agencyId: string;
  busy: boolean;
  error: string | null;
  onTransfer: (service: Service) => void;
  onClose: () => void;
}

/** Pick a service of any agency in the mall, search by words, then confirm. */
export function TransferDialog({ ticket, services, agencies, agencyId, busy, error, onTransfer, onClose }: Props) {
  const { t } = useTranslation('counter');
  const others = useMemo(() => services.filter((s) => s.id !== ticket.serviceId), [services, ticket.serviceId]);
  return (
    <ServiceChoiceDialog
      heading={t('transfer.heading', { number: ticket.number })}
      hint={t('transfer.hint')}
      confirmLabel={t('transfer.confirm')}
      services={others}
      agencies={agencies}
      agencyId={agencyId}
      busy={busy}
      error={error}
      onChoose={onTransfer}
      onClose={onClose}
    />
  );
}
