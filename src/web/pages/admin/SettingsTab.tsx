/**
 * The mall's own choices about its queue (issue #11): how priority and long waits are called, when
 * a citizen who left a number is told their turn is near, what happens to a late booking, how far
 * "I need more time" moves a ticket, how long a missed call may rejoin, where messages to a
 * phone go, and whether national holidays close the mall. One form, saved at once; every field says what it changes in the hall.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueSettingsBody } from '../../../api/catalog';
import { api } from '../../lib/api';
import { str, useFormSubmit } from './form';
import { FormMessage, Panel, primaryButton, SelectField, TextField } from './ui';

const path = (slug: string) => `/api/malls/${encodeURIComponent(slug)}/admin/settings`;

/** The whole-number fields, with the range the API accepts. */
const NUMBERS = [
  ['priorityPerRegular', 0, 10],
  ['maxWaitMinutes', 5, 480],
  ['recallsBeforeNoShow', 0, 5],
  ['waitWarningMinutes', 5, 480],
  ['notifyAhead', 0, 20],
  ['postponePlaces', 1, 20],
  ['rejoinMinutes', 0, 240],
] as const;

export function SettingsTab({ slug }: { slug: string }) {
  const { t } = useTranslation(['admin', 'common']);
  const settings = useQuery({
    queryKey: ['admin-settings', slug],
    queryFn: () => api.get<QueueSettingsBody>(path(slug)),
  });
  return (
    <Panel title={t('admin:settings.heading')}>
      <p className="mb-4 text-slate-800">{t('admin:settings.intro')}</p>
      {settings.data ? (
        <SettingsForm slug={slug} stored={settings.data} />
      ) : settings.isError ? (
        <p role="alert" className="font-semibold text-red-800">
          {settings.error.message}
        </p>
      ) : (
        <p aria-live="polite">{t('common:loading')}</p>
      )}
    </Panel>
  );
}

function SettingsForm({ slug, stored }: { slug: string; stored: QueueSettingsBody }) {
  const { t } = useTranslation(['admin', 'common']);
  const queryClient = useQueryClient();
  const { errors, formError, pending, submit } = useFormSubmit();
  const [saved, setSaved] = useState<string | null>(null);
  const labels = Object.fromEntries(
    [...NUMBERS.map(([name]) => name), 'lateCheckIn', 'phoneChannel', 'closedOnNationalHolidays'].map((name) => [
      name,
      t(`admin:settings.${name}`),
    ]),
  );

  const onSubmit = submit(labels, async (data) => {
    setSaved(null);
    const body = {
      ...Object.fromEntries(NUMBERS.map(([name]) => [name, Number(str(data, name))])),
      lateCheckIn: str(data, 'lateCheckIn'),
      phoneChannel: str(data, 'phoneChannel'),
      closedOnNationalHolidays: str(data, 'closedOnNationalHolidays') === 'closed',
    } as QueueSettingsBody;
    const result = await api.put<QueueSettingsBody>(path(slug), body);
    queryClient.setQueryData(['admin-settings', slug], result);
    // the public mall detail carries the queue rules too
    await queryClient.invalidateQueries({ queryKey: ['mall', slug] });
    setSaved(t('admin:settings.saved'));
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <div className="grid gap-4 md:grid-cols-2">
        {NUMBERS.map(([name, min, max]) => (
          <TextField
            key={name}
            label={labels[name] ?? name}
            hint={t(`admin:settings.${name}Hint`)}
            error={errors[name]}
            name={name}
            type="number"
            inputMode="numeric"
            required
            min={min}
            max={max}
            step={1}
            defaultValue={stored[name]}
            className="max-w-md"
          />
        ))}
        <SelectField
          label={labels.lateCheckIn ?? ''}
          hint={t('admin:settings.lateCheckInHint')}
          error={errors.lateCheckIn}
          name="lateCheckIn"
          defaultValue={stored.lateCheckIn}
          options={[
            { value: 'walk_in', label: t('admin:settings.lateWalkIn') },
            { value: 'refuse', label: t('admin:settings.lateRefuse') },
          ]}
          className="max-w-md"
        />
        <SelectField
          label={labels.phoneChannel ?? ''}
          hint={t('admin:settings.phoneChannelHint')}
          error={errors.phoneChannel}
          name="phoneChannel"
          defaultValue={stored.phoneChannel}
          options={[
            { value: 'whatsapp', label: 'WhatsApp' },
            { value: 'sms', label: 'SMS' },
          ]}
          className="max-w-md"
        />
        <SelectField
          label={labels.closedOnNationalHolidays ?? ''}
          hint={t('admin:settings.closedOnNationalHolidaysHint')}
          error={errors.closedOnNationalHolidays}
          name="closedOnNationalHolidays"
          defaultValue={stored.closedOnNationalHolidays ? 'closed' : 'open'}
          options={[
            { value: 'closed', label: t('admin:settings.holidayClosed') },
            { value: 'open', label: t('admin:settings.holidayOpen') },
          ]}
          className="max-w-md"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButton} disabled={pending}>
          {t('admin:settings.save')}
        </button>
      </div>
      <FormMessage error={formError} success={saved} />
    </form>
  );
}
