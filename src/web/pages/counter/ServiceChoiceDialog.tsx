import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { Modal } from './Modal';
import { groupByAgency, indexServices } from './serviceSearch';

interface Props {
  heading: string;
  hint: string;
  /** the button that does it: "Alihkan ke layanan ini", "Tambahkan layanan ini" */
  confirmLabel: string;
  /** the services to choose from */
  services: Service[];
  agencies: Agency[];
  /** the counter's agency: its services are listed first */
  agencyId: string;
  busy: boolean;
  error: string | null;
  onChoose: (service: Service) => void;
  onClose: () => void;
  /** shown under the hint, e.g. what the citizen already waits for */
  children?: ReactNode;
}

/**
 * Pick a service of any agency in the mall, search by words, then confirm: the transfer's and
 * "Tambah layanan"'s dialog.
 */
export function ServiceChoiceDialog({
  heading,
  hint,
  confirmLabel,
  services,
  agencies,
  agencyId,
  busy,
  error,
  onChoose,
  onClose,
  children,
}: Props) {
  const { t } = useTranslation(['counter', 'common']);
  const id = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Service | null>(null);
  const index = useMemo(() => indexServices(services, agencies), [services, agencies]);
  const groups = groupByAgency(index, agencies, query, agencyId);
  const count = groups.reduce((n, g) => n + g.services.length, 0);
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.shortName ?? '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen && !busy) onChoose(chosen);
  };

  return (
    <Modal labelledBy={`${id}-heading`} onClose={onClose}>
      <form onSubmit={submit} className="flex min-h-0 flex-1 flex-col">
        <div className="border-b-2 border-slate-200 p-5">
          <h2 id={`${id}-heading`} className="text-2xl font-bold">
            {heading}
          </h2>
          <p className="mt-1 text-slate-700">{hint}</p>
          {children}
          <label htmlFor={`${id}-search`} className="mt-3 block font-semibold">
            {t('counter:transfer.search')}
          </label>
          <div className="mt-1 flex items-center gap-3">
            <input
              id={`${id}-search`}
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
                    name={`${id}-target`}
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
              {confirmLabel}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
