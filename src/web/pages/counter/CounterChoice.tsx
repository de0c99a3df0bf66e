import { useTranslation } from 'react-i18next';
import type { Agency, Counter } from '../../../api/catalog';

interface Props {
  counters: Counter[];
  agencies: Agency[];
  /** an officer's agency lists only its counters; a mall admin (null) sees every agency's */
  agencyId: string | null;
  onChoose: (counter: Counter) => void;
}

/** Big "Loket N" buttons; grouped by agency when the signed-in person may use any agency's. */
export function CounterChoice({ counters, agencies, agencyId, onChoose }: Props) {
  const { t } = useTranslation(['counter', 'common']);
  const groups = agencies
    .filter((a) => agencyId === null || a.id === agencyId)
    .map((agency) => ({ agency, counters: counters.filter((c) => c.agencyId === agency.id) }))
    .filter((g) => g.counters.length > 0);

  const grouped = agencyId === null;
  const button = (c: Counter) => (
    <li key={c.id}>
      <button
        type="button"
        onClick={() => onChoose(c)}
        className={`w-full rounded-2xl bg-brand-700 font-bold text-white shadow hover:bg-brand-800 ${
          grouped ? 'px-3 py-4 text-2xl' : 'px-6 py-8 text-3xl'
        }`}
      >
        {t('common:counter', { number: c.number })}
      </button>
    </li>
  );

  return (
    <div className="mx-auto max-w-5xl p-6">
      <h1 className="text-3xl font-bold text-brand-800">{t('counter:choose.heading')}</h1>
      <p className="mt-1 text-lg text-slate-700">{t('counter:choose.hint')}</p>
      {groups.length === 0 ? <p className="mt-6 text-xl">{t('counter:choose.none')}</p> : null}
      {!grouped && groups[0] ? (
        <ul className="mt-6 grid grid-cols-4 gap-4">{groups[0].counters.map(button)}</ul>
      ) : (
        groups.map((g) => (
          <section key={g.agency.id} aria-labelledby={`agency-${g.agency.id}`} className="mt-6">
            <h2 id={`agency-${g.agency.id}`} className="text-xl font-semibold">
              {g.agency.name}
            </h2>
            <ul className="mt-2 grid grid-cols-6 gap-3">{g.counters.map(button)}</ul>
          </section>
        ))
      )}
    </div>
  );
}
