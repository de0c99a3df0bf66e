/**
 * The day's online bookings (issue #11), for the mall admin (every agency) and an agency admin
 * (their own services): a date and a service to look at, the counts, each booking with its code
 * and status; and a booking made on a citizen's behalf (at the information desk, or on the phone),
 * whose code is shown large to read out.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminService } from '../../../api/admin';
import type { Booking, NewBooking } from '../../../api/booking';
import type { MallDetail } from '../../../api/catalog';
import { addDays } from '../../../domain/schedule';
import { api } from '../../lib/api';
import {
  clockText,
  dayText,
  type StaffBookingRow,
  spacedCode,
  useBookingRefresh,
  useBookingRules,
  useBookings,
  useSlots,
} from './bookingData';
import { byName, mallPath, useAdminAgencies, useAdminServices, useAdminUsers } from './data';
import { str, useFormSubmit } from './form';
import { ListState } from './shared';
import { Badge, FormMessage, Panel, primaryButton, SelectField, secondaryButton, TextField } from './ui';

const STATUS_TONE: Record<StaffBookingRow['status'], 'grey' | 'green' | 'amber'> = {
  booked: 'amber',
  checked_in: 'green',
  cancelled: 'grey',
  no_show: 'grey',
};

export function BookingTab({
  slug,
  mall,
  ownAgencyId,
}: {
  slug: string;
  mall: MallDetail;
  ownAgencyId: string | null;
}) {
  const services = useAdminServices(slug);
  const agencies = useAdminAgencies(slug);
  const agencyList = [...(agencies.data ?? [])].filter((a) => !a.archived).sort(byName);
  const active = (services.data ?? [])
    .filter((s) => !s.archived && (ownAgencyId === null || s.agencyId === ownAgencyId))
    .sort(byName);
  const [date, setDate] = useState(mall.today);
  const [agencyId, setAgencyId] = useState(ownAgencyId ?? '');
  const [serviceId, setServiceId] = useState('');

  return (
    <div className="flex flex-col gap-4">
      <OnBehalfForm
        slug={slug}
        today={mall.today}
        services={active}
        agencies={ownAgencyId === null ? agencyList : []}
        defaultAgencyId={agencyId}
        defaultServiceId={serviceId}
      />
      <DayList
        slug={slug}
        today={mall.today}
        timeZone={mall.timeZone}
        date={date}
        onDate={setDate}
        services={active}
        allServices={services.data ?? []}
        agencies={ownAgencyId === null ? agencyList : []}
        agencyId={agencyId}
        onAgency={(id) => {
          setAgencyId(id);
          setServiceId('');
        }}
        serviceId={serviceId}
        onService={setServiceId}
      />
    </div>
  );
}

/** A service choice: the agency first when the admin sees every agency, then its services. */
function ServicePicker({
  agencies,
  services,
  agencyId,
  onAgency,
  serviceId,
  onService,
  allLabel,
  error,
}: {
  agencies: { id: string; name: string }[];
  services: AdminService[];
  agencyId: string;
  onAgency: (id: string) => void;
  serviceId: string;
  onService: (id: string) => void;
  /** the "every service" choice of a filter; none in a form, where one must be chosen */
  allLabel?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation('admin');
  const shown = services.filter((s) => !agencyId || s.agencyId === agencyId);
  return (
    <>
      {agencies.length > 0 && (
        <SelectField
          label={t('bookingTab.agency')}
          name="agencyId"
          value={agencyId}
          onChange={(e) => onAgency(e.target.value)}
          options={[
            { value: '', label: allLabel ? t('services.allAgencies') : t('chooseAgency') },
            ...agencies.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
      )}
      <SelectField
        label={t('bookingTab.service')}
        name="serviceId"
        required={!allLabel}
        value={serviceId}
        onChange={(e) => onService(e.target.value)}
        options={[
          { value: '', label: allLabel ?? t('bookingTab.chooseService') },
          ...shown.map((s) => ({ value: s.id, label: s.name })),
        ]}
        error={error}
        className={agencies.length > 0 ? '' : 'sm:col-span-2'}
      />
    </>
  );
}

/** Booking on a citizen's behalf: service, day, session, name and phone; the code to read out. */
function OnBehalfForm({
  slug,
  today,
  services,
  agencies,
  defaultAgencyId,
  defaultServiceId,
}: {
  slug: string;
  today: string;
  services: AdminService[];
  agencies: { id: string; name: string }[];
  defaultAgencyId: string;
  defaultServiceId: string;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const refresh = useBookingRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const [agencyId, setAgencyId] = useState(defaultAgencyId);
  const [serviceId, setServiceId] = useState(defaultServiceId);
  const [date, setDate] = useState(today);
  const [start, setStart] = useState('');
  const [made, setMade] = useState<{ booking: Booking; name: string; serviceName: string } | null>(null);
  const rules = useBookingRules(slug, serviceId);
  const on = rules.data?.enabled === true;
  const slots = useSlots(slug, on ? serviceId : '', date);
  const lastDay = rules.data ? addDays(today, rules.data.daysAhead) : today;
  const service = services.find((s) => s.id === serviceId);
  const labels = {
    serviceId: t('admin:bookingTab.service'),
    date: t('admin:bookingTab.date'),
    start: t('admin:bookingTab.slot'),
    name: t('admin:bookingTab.name'),
    phone: t('admin:bookingTab.phone'),
    nik: t('admin:bookingTab.nik'),
    email: t('admin:bookingTab.email'),
  };
  const onSubmit = submit(labels, async (data, form) => {
    const body: NewBooking = {
      serviceId,
      date,
      start: str(data, 'start'),
      name: str(data, 'name'),
      phone: str(data, 'phone'),
      ...(rules.data?.askNik ? { nik: str(data, 'nik') } : {}),
      ...(str(data, 'email') ? { email: str(data, 'email') } : {}),
      lang: i18n.language === 'en' ? 'en' : 'id',
    };
    const booking = await api.post<Booking>(mallPath(slug, 'bookings'), body);
    setMade({ booking, name: body.name, serviceName: service?.name ?? '' });
    form.reset();
    setStart('');
    await refresh();
  });

  if (made) {
    return (
      <Panel title={t('admin:bookingTab.madeHeading')} testId="booking-made">
        <p className="text-lg">{t('admin:bookingTab.readOut', { name: made.name })}</p>
        <MadeCode code={made.booking.code} />
        <p className="text-lg">
          {t('admin:bookingTab.madeFor', {
            service: made.serviceName,
            day: dayText(made.booking.date, i18n.language),
            start: clockText(made.booking.start, i18n.language),
            end: clockText(made.booking.end, i18n.language),
          })}
        </p>
        <p className="mt-1 text-slate-700">{t('admin:bookingTab.madeHint')}</p>
        <button type="button" className={`${primaryButton} mt-4`} onClick={() => setMade(null)}>
          {t('admin:bookingTab.another')}
        </button>
      </Panel>
    );
  }

  const slotOptions = (slots.data ?? []).map((s) => ({
    value: s.start,
    label: `${clockText(s.start, i18n.language)}–${clockText(s.end, i18n.language)} · ${
      s.available > 0 ? t('admin:bookingTab.placesLeft', { count: s.available }) : t('admin:bookingTab.full')
    }`,
    disabled: s.available <= 0,
  }));
  const freeSlots = slotOptions.filter((o) => !o.disabled);

  return (
    <Panel title={t('admin:bookingTab.onBehalfHeading')} testId="booking-on-behalf">
      <p className="mb-3 text-slate-800">{t('admin:bookingTab.onBehalfIntro')}</p>
      <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <ServicePicker
          agencies={agencies}
          services={services}
          agencyId={agencyId}
          onAgency={(id) => {
            setAgencyId(id);
            setServiceId('');
            setStart('');
          }}
          serviceId={serviceId}
          onService={(id) => {
            setServiceId(id);
            setStart('');
          }}
          error={errors.serviceId}
        />
        {serviceId && rules.isPending && (
          <p aria-live="polite" className="sm:col-span-2">
            {t('common:loading')}
          </p>
        )}
        {rules.error && (
          <p role="alert" className="font-semibold text-red-800 sm:col-span-2">
            {rules.error.message}
          </p>
        )}
        {rules.data && !on && (
          <p className="rounded-lg bg-amber-100 px-3 py-2 font-semibold text-amber-900 sm:col-span-2">
            {t('admin:bookingTab.notEnabled')}
          </p>
        )}
        {on && (
          <>
            <TextField
              label={labels.date}
              name="date"
              type="date"
              required
              min={today}
              max={lastDay}
              value={date}
              onChange={(e) => {
                setDate(e.target.value);
                setStart('');
              }}
              hint={`${dayText(date, i18n.language)}. ${t('admin:bookingTab.dateHint', { count: rules.data?.daysAhead ?? 0 })}`}
              error={errors.date}
            />
            <div>
              {slots.isFetching && !slots.data ? (
                <p aria-live="polite" className="mt-6">
                  {t('common:loading')}
                </p>
              ) : slots.error ? (
                <p role="alert" className="mt-6 font-semibold text-red-800">
                  {slots.error.message}
                </p>
              ) : freeSlots.length === 0 ? (
                <p className="mt-6 font-semibold text-slate-800">{t('admin:bookingTab.noSlots')}</p>
              ) : (
                <SelectField
                  label={labels.start}
                  name="start"
                  required
                  value={start}
                  onChange={(e) => setStart(e.target.value)}
                  options={[{ value: '', label: t('admin:bookingTab.chooseSlot') }, ...slotOptions]}
                  hint={t('admin:bookingTab.slotHint')}
                  error={errors.start}
                />
              )}
            </div>
            <TextField
              label={labels.name}
              name="name"
              required
              maxLength={100}
              autoComplete="off"
              hint={t('admin:bookingTab.nameHint')}
              error={errors.name}
            />
            <TextField
              label={labels.phone}
              name="phone"
              type="tel"
              required
              maxLength={30}
              autoComplete="off"
              pattern="\+?[0-9][0-9 \-]{7,20}"
              data-hint={t('admin:bookingTab.phoneHint')}
              hint={t('admin:bookingTab.phoneHint')}
              error={errors.phone}
            />
            {rules.data?.askNik && (
              <TextField
                label={labels.nik}
                name="nik"
                required
                inputMode="numeric"
                maxLength={16}
                pattern="[0-9]{16}"
                autoComplete="off"
                data-hint={t('admin:bookingTab.nikHint')}
                hint={t('admin:bookingTab.nikHint')}
                error={errors.nik}
              />
            )}
            <TextField
              label={labels.email}
              name="email"
              type="email"
              maxLength={254}
              autoComplete="off"
              hint={t('admin:bookingTab.emailHint')}
              error={errors.email}
            />
            <div className="flex flex-col gap-2 sm:col-span-2">
              <div>
                <button type="submit" className={primaryButton} disabled={pending || freeSlots.length === 0}>
                  {pending ? t('admin:saving') : t('admin:bookingTab.book')}
                </button>
              </div>
              <FormMessage error={formError} />
            </div>
          </>
        )}
      </form>
    </Panel>
  );
}

/** The code, large; focus comes here (the form that had it is gone), so a screen reader reads it out. */
function MadeCode({ code }: { code: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p
      ref={ref}
      tabIndex={-1}
      className="my-3 font-mono text-5xl font-black tracking-wider text-brand-900"
      data-testid="booking-code"
      data-code={code}
    >
      {spacedCode(code)}
    </p>
  );
}

function DayList({
  slug,
  today,
  timeZone,
  date,
  onDate,
  services,
  allServices,
  agencies,
  agencyId,
  onAgency,
  serviceId,
  onService,
}: {
  slug: string;
  today: string;
  timeZone: string;
  date: string;
  onDate: (d: string) => void;
  services: AdminService[];
  allServices: AdminService[];
  agencies: { id: string; name: string }[];
  agencyId: string;
  onAgency: (id: string) => void;
  serviceId: string;
  onService: (id: string) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const bookings = useBookings(slug, date, serviceId);
  const users = useAdminUsers(slug);
  const serviceName = (id: string) => allServices.find((s) => s.id === id)?.name ?? '';
  const agencyOf = (id: string) => allServices.find((s) => s.id === id)?.agencyId;
  const rows = (bookings.data ?? [])
    .filter((b) => !agencyId || agencyOf(b.serviceId) === agencyId)
    .sort((a, b) => a.start.localeCompare(b.start) || serviceName(a.serviceId).localeCompare(serviceName(b.serviceId)));
  const count = (status: StaffBookingRow['status']) => rows.filter((b) => b.status === status).length;
  const figures = [
    { id: 'total', label: t('admin:bookingTab.count.total'), value: rows.length - count('cancelled') },
    { id: 'booked', label: t('admin:bookingTab.count.booked'), value: count('booked') },
    { id: 'checked-in', label: t('admin:bookingTab.count.checkedIn'), value: count('checked_in') },
    { id: 'no-show', label: t('admin:bookingTab.count.noShow'), value: count('no_show') },
    { id: 'cancelled', label: t('admin:bookingTab.count.cancelled'), value: count('cancelled') },
  ];
  const who = (b: StaffBookingRow) => {
    if (b.createdBy === null) return t('admin:bookingTab.byCitizen');
    const user = users.data?.find((u) => u.id === b.createdBy || u.username === b.createdBy);
    return user ? user.displayName : t('admin:bookingTab.byStaff');
  };
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(ms);
  const th = 'px-2 py-2 text-left text-sm font-semibold whitespace-nowrap';

  return (
    <Panel title={t('admin:bookingTab.listHeading')} testId="booking-list">
      <div className="mb-4 grid gap-4 sm:grid-cols-3">
        <TextField
          label={t('admin:bookingTab.date')}
          name="listDate"
          type="date"
          value={date}
          onChange={(e) => e.target.value && onDate(e.target.value)}
          hint={
            date === today
              ? t('admin:bookingTab.today', { day: dayText(date, i18n.language) })
              : dayText(date, i18n.language)
          }
        />
        <ServicePicker
          agencies={agencies}
          services={services}
          agencyId={agencyId}
          onAgency={onAgency}
          serviceId={serviceId}
          onService={onService}
          allLabel={t('admin:bookingTab.allServices')}
        />
      </div>
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {figures.map((f) => (
          <div key={f.id} className="rounded-xl border-2 border-slate-300 px-3 py-2">
            <dt className="text-sm font-semibold text-slate-700">{f.label}</dt>
            <dd className="text-3xl font-bold text-brand-900" data-testid={`booking-count-${f.id}`}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <ListState query={bookings} empty={t('admin:bookingTab.empty')} />
      {bookings.data && bookings.data.length > 0 && rows.length === 0 && <p>{t('admin:bookingTab.emptyFilter')}</p>}
      {rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
        // biome-ignore lint/a11y/useSemanticElements: a named region inside a section, not a section of the page
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('admin:bookingTab.listHeading')}>
          <table className="w-full border-collapse">
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className={th}>
                  {t('admin:bookingTab.col.time')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:bookingTab.col.code')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:bookingTab.col.name')}
                </th>
                {!serviceId && (
                  <th scope="col" className={th}>
                    {t('admin:bookingTab.col.service')}
                  </th>
                )}
                <th scope="col" className={th}>
                  {t('admin:bookingTab.col.status')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:bookingTab.col.ticket')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:bookingTab.col.by')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr
                  key={b.id}
                  className="border-b border-slate-200 align-top"
                  data-testid="booking-row"
                  data-code={b.code}
                >
                  <td className="px-2 py-2 whitespace-nowrap tabular-nums">
                    {clockText(b.start, i18n.language)}–{clockText(b.end, i18n.language)}
                  </td>
                  <td className="px-2 py-2 font-mono whitespace-nowrap">{spacedCode(b.code)}</td>
                  <td className="px-2 py-2">
                    <span className="font-semibold">{b.name}</span>
                    <span className="block text-sm text-slate-700">
                      {[b.phoneMasked, b.nikMasked ? `NIK ${b.nikMasked}` : ''].filter(Boolean).join(' · ')}
                    </span>
                  </td>
                  {!serviceId && <td className="px-2 py-2 text-sm">{serviceName(b.serviceId)}</td>}
                  <td className="px-2 py-2 whitespace-nowrap">
                    <Badge tone={STATUS_TONE[b.status]}>{t(`admin:bookingTab.status.${b.status}`)}</Badge>
                  </td>
                  <td className="px-2 py-2 whitespace-nowrap">
                    {b.ticketNumber ? (
                      <>
                        <span className="font-mono font-bold">{b.ticketNumber}</span>
                        {b.checkedInAt !== null && (
                          <span className="block text-sm text-slate-700">
                            {t('admin:bookingTab.checkedInAt', { time: time(b.checkedInAt) })}
                          </span>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-2 py-2 text-sm">{who(b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3">
        <button type="button" className={secondaryButton} onClick={() => void bookings.refetch()}>
          {t('admin:bookingTab.refresh')}
        </button>
      </p>
    </Panel>
  );
}
