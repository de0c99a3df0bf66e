import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import type { UnitChoice } from './period';

const select = 'mt-1 block max-w-80 rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5';

/** Whole mall, an agency, or one of its services. An agency admin's agency is fixed (lockedAgencyId). */
export function UnitPicker({
  value,
  onChange,
  agencies,
  services,
  lockedAgencyId,
}: {
  value: UnitChoice;
  onChange: (u: UnitChoice) => void;
  agencies: Agency[];
  services: Service[];
  lockedAgencyId: string | null;
}) {
  const { t } = useTranslation('skmAdmin');
  const id = useId();
  const ownServices = services.filter((s) => s.agencyId === value.agencyId);

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
          onChange={(e) => onChange({ agencyId: e.target.value, serviceId: '' })}
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
          <label htmlFor={`${id}-service`} className="block">
            {t('unit.service')}
          </label>
          <select
            id={`${id}-service`}
            className={select}
            value={value.serviceId}
            onChange={(e) => onChange({ ...value, serviceId: e.target.value })}
          >
            <option value="">{t('unit.wholeAgency')}</option>
            {ownServices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
