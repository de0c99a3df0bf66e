import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import type { Ticket } from '../../../api/queue';
import { Modal } from './Modal';
import { groupByAgency, indexServices } from './serviceSearch';

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
  const { t } = useTranslation(['counter', 'common']);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Service | null>(null);
  const index = useMemo(
    () =>
      indexServices(
        services.filter((s) => s.id !== ticket.serviceId),
        agencies,
      ),
    [services, agencies, ticket.serviceId],
  );
  const groups = groupByAgency(index, agencies, query, agencyId);
  const count = groups.reduce((n, g) => n + g.services.length, 0);
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.shortName ?? '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen && !busy) onTransfer(chosen);
  };

  return (
    <Modal labelledBy="transfer-heading" onClose={onClose}>
      <form onSubmit={submit} className="flex min-h-0 flex-1 flex-col">
        <div className="border-b-2 border-slate-200 p-5">
          <h2 id="transfer-heading" className="text-2xl font-bold">
            {t('counter:transfer.heading', { number: ticket.number })}
          </h2>
          <p className="mt-1 text-slate-700">{t('counter:transfer.hint')}</p>
          <label htmlFor="transfer-search" className="mt-3 block font-semibold">
            {t('counter:transfer.search')}
          </label>
          <div className="mt-1 flex items-center gap-3">
            <input
              id="transfer-search"
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              className="flex-1 rounded-lg border-2 border-slate-500 px-3 py-2 text-lg"
            />
            <p role="status" className="text-slate-700">
              {t('counter:transfer.results', { count })}
            </p>
          </div>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-3">
          {groups.length === 0 ? <p className="py-6 text-center text-lg">{t('counter:transfer.noMatch')}</p> : null}
          {groups.map((g) => (
            <fieldset key={g.agency.id} className="mb-3">
              <legend className="mb-1 text-lg font-bold text-brand-800">{g.agency.name}</legend>
              {g.services.map((s) => (
                <label
                  key={s.id}
                  className="flex cursor-pointer items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-brand-50 has-checked:bg-brand-100"
                >
                  <input
                    type="radio"
                    name="transfer-target"
                    value={s.id}
                    checked={chosen?.id === s.id}
                    onChange={() => setChosen(s)}
                    className="size-5 accent-brand-700"
                  />
                  <span>{s.name}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <div className="border-t-2 border-slate-200 p-5">
          <div role="alert" className="font-semibold text-red-800 empty:hidden">
            {error}
          </div>
          <div className="mt-2 flex items-center gap-3">
            <p className="min-w-0 flex-1 truncate text-lg">
              {chosen ? (
                <>
                  <span className="font-semibold">{chosen.name}</span> · {agencyName(chosen.agencyId)}
                </>
              ) : (
                <span className="text-slate-700">{t('counter:transfer.chooseFirst')}</span>
              )}
            </p>
            <button
              type="button"
              onClick={onClose}
              className="rounded-xl border-2 border-slate-600 px-5 py-3 text-lg font-semibold hover:bg-slate-100"
            >
              {t('common:cancel')}
            </button>
            <button
              type="submit"
              disabled={!chosen || busy}
              className="rounded-xl bg-brand-700 px-5 py-3 text-lg font-bold text-white hover:bg-brand-800 disabled:bg-slate-200 disabled:text-slate-500"
            >
              {t('counter:transfer.confirm')}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
