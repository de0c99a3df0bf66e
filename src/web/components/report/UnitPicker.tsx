import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Counter, Service } from '../../../api/catalog';
import './i18n';
import type { UnitChoice } from './period';

const select = 'mt-1 block w-full max-w-80 rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5';

/**
 * Whole mall, an agency, or a unit inside it: one of its services, and (where the screen passes
 * them) one of its counters or officers, in one list grouped by kind. An agency admin's agency is
 * fixed (lockedAgencyId). Strings: namespace "report".
 */
export function UnitPicker({
  value,
  onChange,
  agencies,
  services,
  counters,
  officers,
  lockedAgencyId,
}: {
  value: UnitChoice;
  onChange: (u: UnitChoice) => void;
  agencies: Agency[];
  services: Service[];
  /** the mall's counters: offered inside the chosen agency */
  counters?: Counter[] | undefined;
  /** the chosen agency's officers */
  officers?: { id: string; name: string }[] | undefined;
  lockedAgencyId: string | null;
}) {
  const { t } = useTranslation('report');
  const id = useId();
  const ownServices = services.filter((s) => s.agencyId === value.agencyId);
  const ownCounters = (counters ?? []).filter((c) => c.agencyId === value.agencyId).sort((a, b) => a.number - b.number);
  const inner = counters || officers;
  const innerValue = value.officerId
    ? `officer:${value.officerId}`
    : value.counterId
      ? `counter:${value.counterId}`
      : value.serviceId
        ? `service:${value.serviceId}`
        : '';
  // An officer named by the URL before the list of officers has loaded still shows by id.
  const officerList =
    value.officerId && officers && !officers.some((o) => o.id === value.officerId)
      ? [...officers, { id: value.officerId, name: value.officerId }]
      : (officers ?? []);

  const setInner = (v: string) => {
    const [kind, innerId = ''] = v.split(':') as [string, string?];
    onChange({
      agencyId: value.agencyId,
      serviceId: kind === 'service' ? innerId : '',
      ...(inner ? { counterId: kind === 'counter' ? innerId : '', officerId: kind === 'officer' ? innerId : '' } : {}),
    });
  };

  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="mb-1 font-semibold">{t('unit.legend')}</legend>
      <div className="text-sm font-semibold">
        <label htmlFor={`${id}-agency`} className="block">
          {t('unit.agency')}
        </label>
        <select
          id={`${id}-agency`}
          className={select}
          value={value.agencyId}
          disabled={lockedAgencyId !== null}
          onChange={(e) =>
            onChange({ agencyId: e.target.value, serviceId: '', ...(inner ? { counterId: '', officerId: '' } : {}) })
          }
        >
          {lockedAgencyId === null && <option value="">{t('unit.wholeMall')}</option>}
          {agencies
            .filter((a) => lockedAgencyId === null || a.id === lockedAgencyId)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
      </div>
      {value.agencyId && (
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-inner`} className="block">
            {inner ? t('unit.inner') : t('unit.service')}
          </label>
          <select id={`${id}-inner`} className={select} value={innerValue} onChange={(e) => setInner(e.target.value)}>
            <option value="">{t('unit.wholeAgency')}</option>
            {inner ? (
              <>
                <optgroup label={t('unit.levels.service')}>
                  {ownServices.map((s) => (
                    <option key={s.id} value={`service:${s.id}`}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
                {ownCounters.length > 0 && (
                  <optgroup label={t('unit.levels.counter')}>
                    {ownCounters.map((c) => (
                      <option key={c.id} value={`counter:${c.id}`}>
                        {c.name}
                      </option>
                    ))}
                  </optgroup>
                )}
                {officerList.length > 0 && (
                  <optgroup label={t('unit.levels.officer')}>
                    {officerList.map((o) => (
                      <option key={o.id} value={`officer:${o.id}`}>
                        {o.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </>
            ) : (
              ownServices.map((s) => (
                <option key={s.id} value={`service:${s.id}`}>
                  {s.name}
                </option>
              ))
            )}
          </select>
        </div>
      )}
    </fieldset>
  );
}
