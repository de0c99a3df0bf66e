/**
 * One service's online booking rules (issue #11), for an admin who is not a programmer: on or off,
 * how long a session (sesi) is and how many citizens it serves, the share kept for walk-ins (as a
 * percentage), how far ahead and from what hour citizens may book, the check-in window, whether
 * the NIK is asked, and the online queue. The places a citizen can book per session are shown as
 * the numbers change.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminService } from '../../../api/admin';
import type { BookingRulesBody } from '../../../api/booking';
import { bookablePerSlot } from '../../../domain/booking';
import { api } from '../../lib/api';
import { rulesPath, type StoredRules, useBookingRefresh, useBookingRules } from './bookingData';
import { str, useFormSubmit } from './form';
import { FormPanel } from './shared';
import { CheckBox, FormMessage, Group, primaryButton, secondaryButton, TextField } from './ui';

export function BookingRulesPanel({
  slug,
  service,
  onDone,
}: {
  slug: string;
  service: AdminService;
  onDone: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const rules = useBookingRules(slug, service.id);
  // The panel opens once the rules are here, so it brings its first field into view and focus.
  if (rules.isPending) return <p aria-live="polite">{t('common:loading')}</p>;
  return (
    <FormPanel title={t('admin:bookingRules.heading', { name: service.name })}>
      {rules.data ? (
        <RulesForm slug={slug} serviceId={service.id} stored={rules.data} onDone={onDone} />
      ) : (
        <>
          <p role="alert" className="font-semibold text-red-800">
            {rules.error?.message}
          </p>
          <button type="button" className={`${secondaryButton} mt-3`} onClick={onDone}>
            {t('admin:bookingRules.close')}
          </button>
        </>
      )}
    </FormPanel>
  );
}

/** The form's numbers as typed (text, so a field may be empty while it is being changed). */
type Draft = {
  slotMinutes: string;
  capacity: string;
  walkInPercent: string;
  daysAhead: string;
  checkInBeforeMinutes: string;
  checkInAfterMinutes: string;
};

const toDraft = (r: StoredRules): Draft => ({
  slotMinutes: String(r.slotMinutes),
  capacity: String(r.capacity),
  walkInPercent: String(Math.round(r.walkInShare * 100)),
  daysAhead: String(r.daysAhead),
  checkInBeforeMinutes: String(r.checkInBeforeMinutes),
  checkInAfterMinutes: String(r.checkInAfterMinutes),
});

function RulesForm({
  slug,
  serviceId,
  stored,
  onDone,
}: {
  slug: string;
  serviceId: string;
  stored: StoredRules;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const refresh = useBookingRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const [enabled, setEnabled] = useState(stored.enabled);
  const [draft, setDraft] = useState<Draft>(() => toDraft(stored));
  const [saved, setSaved] = useState(false);
  const set = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setDraft({ ...draft, [key]: e.target.value });
  };

  const capacity = Number(draft.capacity);
  const percent = Number(draft.walkInPercent);
  const numbersValid =
    draft.capacity !== '' && draft.walkInPercent !== '' && capacity >= 1 && percent >= 0 && percent <= 100;
  const bookable = numbersValid ? bookablePerSlot({ capacity, walkInShare: percent / 100 }) : null;
  const walkIns = bookable === null ? null : Math.max(0, Math.round(capacity) - bookable);
  const days = Number(draft.daysAhead) || 0;
  // The window said on a 09.00 session, as the admin types.
  const at = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}${i18n.language === 'en' ? ':' : '.'}${String(minute % 60).padStart(2, '0')}`;
  const minutes = (v: string) => Math.min(240, Math.max(0, Math.round(Number(v) || 0)));
  const opensFor9 = at(9 * 60 - minutes(draft.checkInBeforeMinutes));
  const closesFor9 = at(9 * 60 + minutes(draft.checkInAfterMinutes));

  const labels = {
    enabled: t('bookingRules.enabled'),
    slotMinutes: t('bookingRules.slotMinutes'),
    capacity: t('bookingRules.capacity'),
    walkInShare: t('bookingRules.walkInPercent'),
    daysAhead: t('bookingRules.daysAhead'),
    opensAt: t('bookingRules.opensAt'),
    checkInBeforeMinutes: t('bookingRules.checkInBefore'),
    checkInAfterMinutes: t('bookingRules.checkInAfter'),
    askNik: t('bookingRules.askNik'),
    onlineQueue: t('bookingRules.onlineQueue'),
  };
  const onSubmit = submit(labels, async (data) => {
    setSaved(false);
    const body: BookingRulesBody = {
      enabled: data.get('enabled') === 'on',
      slotMinutes: Number(str(data, 'slotMinutes')),
      capacity: Number(str(data, 'capacity')),
      walkInShare: Math.round(Number(str(data, 'walkInShare'))) / 100,
      daysAhead: Number(str(data, 'daysAhead')),
      opensAt: str(data, 'opensAt'),
      checkInBeforeMinutes: Number(str(data, 'checkInBeforeMinutes')),
      checkInAfterMinutes: Number(str(data, 'checkInAfterMinutes')),
      askNik: data.get('askNik') === 'on',
      onlineQueue: data.get('onlineQueue') === 'on',
    };
    await api.put<StoredRules>(rulesPath(slug, serviceId), body);
    await refresh();
    setSaved(true);
  });
  const field = 'max-w-xs';

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" data-testid="booking-rules-form">
      <div className="sm:col-span-2">
        <CheckBox
          label={labels.enabled}
          name="enabled"
          checked={enabled}
          onChange={(on) => {
            setSaved(false);
            setEnabled(on);
          }}
        />
        <p className="text-sm text-slate-700">{t('bookingRules.enabledHint')}</p>
      </div>

      <Group legend={t('bookingRules.sessionLegend')} className="sm:col-span-2">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={labels.slotMinutes}
            name="slotMinutes"
            type="number"
            inputMode="numeric"
            required
            min={5}
            max={240}
            value={draft.slotMinutes}
            onChange={set('slotMinutes')}
            hint={t('bookingRules.slotMinutesHint')}
            error={errors.slotMinutes}
          />
          <TextField
            label={labels.capacity}
            name="capacity"
            type="number"
            inputMode="numeric"
            required
            min={1}
            max={500}
            value={draft.capacity}
            onChange={set('capacity')}
            hint={t('bookingRules.capacityHint')}
            error={errors.capacity}
          />
          <TextField
            label={labels.walkInShare}
            name="walkInShare"
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={100}
            value={draft.walkInPercent}
            onChange={set('walkInPercent')}
            hint={t('bookingRules.walkInPercentHint')}
            error={errors.walkInShare}
          />
        </div>
        <output
          aria-live="polite"
          data-testid="bookable-per-slot"
          className={`mt-3 block rounded-lg px-3 py-2 text-base font-semibold ${
            bookable === 0 ? 'bg-amber-100 text-amber-900' : 'bg-brand-50 text-brand-900'
          }`}
        >
          {bookable === null
            ? t('bookingRules.bookableUnknown')
            : bookable === 0
              ? t('bookingRules.bookableNone')
              : `${t('bookingRules.bookable', { count: bookable })} ${t('bookingRules.walkIns', { count: walkIns ?? 0 })}`}
        </output>
      </Group>

      <Group legend={t('bookingRules.whenLegend')} className="sm:col-span-2">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={labels.daysAhead}
            name="daysAhead"
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={60}
            value={draft.daysAhead}
            onChange={set('daysAhead')}
            hint={t('bookingRules.daysAheadHint')}
            error={errors.daysAhead}
          />
          <TextField
            label={labels.opensAt}
            name="opensAt"
            type="time"
            required
            defaultValue={stored.opensAt}
            onChange={() => setSaved(false)}
            hint={days === 0 ? t('bookingRules.opensAtHintToday') : t('bookingRules.opensAtHint', { count: days })}
            error={errors.opensAt}
            className={field}
          />
        </div>
      </Group>

      <Group legend={t('bookingRules.checkInLegend')} hint={t('bookingRules.checkInHint')} className="sm:col-span-2">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={labels.checkInBeforeMinutes}
            name="checkInBeforeMinutes"
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={240}
            value={draft.checkInBeforeMinutes}
            onChange={set('checkInBeforeMinutes')}
            hint={t('bookingRules.checkInBeforeHint', { time: opensFor9, session: at(9 * 60) })}
            error={errors.checkInBeforeMinutes}
          />
          <TextField
            label={labels.checkInAfterMinutes}
            name="checkInAfterMinutes"
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={240}
            value={draft.checkInAfterMinutes}
            onChange={set('checkInAfterMinutes')}
            hint={t('bookingRules.checkInAfterHint', { time: closesFor9, session: at(9 * 60) })}
            error={errors.checkInAfterMinutes}
          />
        </div>
      </Group>

      <div>
        <CheckBox label={labels.askNik} name="askNik" defaultChecked={stored.askNik} onChange={() => setSaved(false)} />
        <p className="text-sm text-slate-700">{t('bookingRules.askNikHint')}</p>
      </div>
      <div>
        <CheckBox
          label={labels.onlineQueue}
          name="onlineQueue"
          defaultChecked={stored.onlineQueue}
          onChange={() => setSaved(false)}
        />
        <p className="text-sm text-slate-700">{t('bookingRules.onlineQueueHint')}</p>
      </div>

      <div className="flex flex-col gap-2 sm:col-span-2">
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={primaryButton} disabled={pending}>
            {pending ? t('saving') : t('bookingRules.save')}
          </button>
          <button type="button" className={secondaryButton} onClick={onDone}>
            {t('bookingRules.close')}
          </button>
        </div>
        <FormMessage error={formError} success={saved ? t('bookingRules.saved') : null} />
      </div>
    </form>
  );
}
