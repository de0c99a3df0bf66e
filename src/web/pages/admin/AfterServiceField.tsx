import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminService } from '../../../api/admin';
import { useAgencies, useServices } from '../../lib/queries';
import { afterChoices, waitingOn } from './afterService';
import { useAdminServices } from './data';
import { SelectField } from './ui';

/**
 * "Harus setelah layanan": the service (of any agency) that must be done first when a citizen's
 * visit has both, or none. The mall's open services come from the catalog (an agency admin's own
 * list holds only their agency's), the inactive ones of this user's list beside them; those
 * waiting on this service cannot be chosen (the server refuses a circle too, said under the field).
 */
export function AfterServiceField({
  slug,
  service,
  label,
  error,
}: {
  slug: string;
  service: AdminService | null;
  label: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation('admin');
  const catalog = useServices(slug);
  const own = useAdminServices(slug);
  const agencies = useAgencies(slug);
  const [value, setValue] = useState(service?.afterServiceId ?? '');

  const groups = useMemo(() => {
    const mine = (own.data ?? []).filter((s) => !s.archived);
    const all = [...(catalog.data ?? []), ...mine];
    const waiting = waitingOn(service?.id ?? '', own.data ?? []);
    const names = new Map((agencies.data ?? []).map((a) => [a.id, a.name]));
    return afterChoices(all, names, service?.id ?? null, waiting, (name) => t('services.afterWaiting', { name }));
  }, [catalog.data, own.data, agencies.data, service, t]);

  // one no longer open, of another agency: kept, under a name that says so
  const known = value === '' || groups.some((g) => g.options.some((o) => o.value === value));
  const options = [
    { value: '', label: t('services.afterNone') },
    ...(known ? [] : [{ value, label: t('services.afterUnknown') }]),
  ];

  return (
    <SelectField
      label={label}
      name="afterServiceId"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      options={options}
      groups={groups}
      hint={t('services.afterHint')}
      error={error}
      className="sm:col-span-2"
    />
  );
}
