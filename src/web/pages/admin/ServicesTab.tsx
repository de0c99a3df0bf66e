/**
 * Services with their published standard (PermenPANRB 15/2014): requirements, steps, time, fee,
 * product, where to complain, legal basis; the ticket prefix, the daily quota, the counters that
 * call them, and the service (of any agency) that must be done before them in one visit. A mall admin works on every agency's, an agency admin on their own.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAgency, type AdminService, LIMITS } from '../../../api/admin';
import { api } from '../../lib/api';
import { useServices } from '../../lib/queries';
import { AfterServiceField } from './AfterServiceField';
import { BookingRulesPanel } from './BookingRulesForm';
import { adminPath, byName, useAdminAgencies, useAdminCounters, useAdminServices, useRefresh } from './data';
import { intOrNull, lines, str, useFormSubmit } from './form';
import { AgencyFilter, ArchivableActions, FormFoot, FormPanel, ListState } from './shared';
import { Badge, CheckBox, Group, Panel, primaryButton, Row, SelectField, smallButton, TextArea, TextField } from './ui';

export function ServicesTab({ slug, ownAgencyId }: { slug: string; ownAgencyId: string | null }) {
  const { t, i18n } = useTranslation('admin');
  const services = useAdminServices(slug);
  const agencies = useAdminAgencies(slug);
  const [editing, setEditing] = useState<AdminService | 'new' | null>(null);
  const [bookingFor, setBookingFor] = useState<AdminService | null>(null);
  const [filter, setFilter] = useState(ownAgencyId ?? '');
  const agencyList = [...(agencies.data ?? [])].sort(byName);
  const agencyName = (id: string) => agencyList.find((a) => a.id === id)?.shortName ?? '';
  // a service to come after may be another agency's: its name from the mall's catalog
  const catalog = useServices(slug);
  const serviceName = (id: string) =>
    services.data?.find((s) => s.id === id)?.name ?? catalog.data?.find((s) => s.id === id)?.name ?? '';
  const list = (services.data ?? [])
    .filter((s) => !filter || s.agencyId === filter)
    .sort(
      (a, b) =>
        Number(a.archived) - Number(b.archived) ||
        agencyName(a.agencyId).localeCompare(agencyName(b.agencyId), 'id') ||
        byName(a, b),
    );
  const rupiah = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'id-ID');

  return (
    <div className="flex flex-col gap-4">
      {editing && (
        <ServiceForm
          key={editing === 'new' ? 'new' : editing.id}
          slug={slug}
          service={editing === 'new' ? null : editing}
          agencies={agencyList.filter((a) => !a.archived)}
          defaultAgencyId={ownAgencyId ?? filter}
          agencyLocked={ownAgencyId !== null}
          onDone={() => setEditing(null)}
        />
      )}
      {bookingFor && !editing && (
        <BookingRulesPanel key={bookingFor.id} slug={slug} service={bookingFor} onDone={() => setBookingFor(null)} />
      )}
      <Panel
        title={t('services.heading')}
        actions={
          <button
            type="button"
            className={primaryButton}
            onClick={() => {
              setBookingFor(null);
              setEditing('new');
            }}
          >
            {t('services.add')}
          </button>
        }
      >
        {ownAgencyId === null && (
          <AgencyFilter
            agencies={agencyList}
            value={filter}
            onChange={setFilter}
            allLabel={t('services.allAgencies')}
          />
        )}
        <ListState query={services} empty={t('services.empty')} />
        {services.data && services.data.length > 0 && list.length === 0 && <p>{t('services.emptyFilter')}</p>}
        <ul className="divide-y divide-slate-200">
          {list.map((s) => (
            <Row
              key={s.id}
              archived={s.archived}
              testId="service-row"
              actions={
                <ArchivableActions
                  slug={slug}
                  path={`services/${s.id}`}
                  item={s}
                  question={t('services.archiveQuestion', { name: s.name })}
                  onEdit={() => {
                    setBookingFor(null);
                    setEditing(s);
                  }}
                  before={
                    <button
                      type="button"
                      className={smallButton}
                      onClick={() => {
                        setEditing(null);
                        setBookingFor(s);
                      }}
                    >
                      {t('services.bookingRules')}
                      <span className="sr-only">: {s.name}</span>
                    </button>
                  }
                />
              }
            >
              <p className="font-semibold">
                <span className="mr-2 inline-block min-w-10 rounded bg-brand-50 px-1.5 text-center font-mono text-brand-900">
                  {s.prefix}
                </span>
                {s.name}
                {s.archived && <Badge>{t('archived')}</Badge>}
                {!s.archived && !s.active && <Badge tone="amber">{t('inactive')}</Badge>}
              </p>
              <p className="text-sm">
                {[
                  agencyName(s.agencyId),
                  s.dailyQuota === null ? t('services.noQuota') : t('services.quota', { count: s.dailyQuota }),
                  s.standard.duration,
                  s.standard.feeRupiah === null
                    ? t('services.feeVaries')
                    : s.standard.feeRupiah === 0
                      ? t('services.free')
                      : `Rp ${rupiah.format(s.standard.feeRupiah)}`,
                  t('services.counters', { count: s.counterIds.length }),
                ].join(' · ')}
              </p>
              {s.afterServiceId && (
                <p className="text-sm" data-testid="service-after">
                  {t('services.afterShort', { name: serviceName(s.afterServiceId) || t('services.afterUnknown') })}
                </p>
              )}
            </Row>
          ))}
        </ul>
      </Panel>
    </div>
  );
}

type FeeKind = 'free' | 'amount' | 'varies';

function ServiceForm({
  slug,
  service,
  agencies,
  defaultAgencyId,
  agencyLocked,
  onDone,
}: {
  slug: string;
  service: AdminService | null;
  agencies: AdminAgency[];
  defaultAgencyId: string;
  agencyLocked: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  const counters = useAdminCounters(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const [agencyId, setAgencyId] = useState(service?.agencyId ?? defaultAgencyId);
  const fee = service?.standard.feeRupiah;
  const [feeKind, setFeeKind] = useState<FeeKind>(fee === null ? 'varies' : fee ? 'amount' : 'free');
  const agencyCounters = (counters.data ?? [])
    .filter((c) => c.agencyId === agencyId && !c.archived)
    .sort((a, b) => a.number - b.number);

  const labels = {
    agencyId: t('services.agency'),
    name: t('services.name'),
    prefix: t('services.prefix'),
    dailyQuota: t('services.dailyQuota'),
    counterIds: t('services.countersLegend'),
    afterServiceId: t('services.after'),
    'standard.requirements': t('services.requirements'),
    'standard.procedure': t('services.procedure'),
    'standard.duration': t('services.duration'),
    'standard.durationMinutes': t('services.durationMinutes'),
    'standard.feeRupiah': t('services.feeRupiah'),
    'standard.feeNote': t('services.feeNote'),
    'standard.product': t('services.product'),
    'standard.complaint': t('services.complaint'),
    'standard.legalBasis': t('services.legalBasis'),
  };
  const onSubmit = submit(labels, async (data) => {
    const body = {
      ...(agencyLocked && service ? {} : { agencyId: str(data, 'agencyId') }),
      name: str(data, 'name'),
      prefix: str(data, 'prefix').toUpperCase(),
      dailyQuota: intOrNull(data, 'dailyQuota'),
      active: service ? data.get('active') === 'on' : true,
      counterIds: data.getAll('counterIds').map(String),
      afterServiceId: str(data, 'afterServiceId') || null,
      standard: {
        requirements: lines(data, 'standard.requirements'),
        procedure: lines(data, 'standard.procedure'),
        duration: str(data, 'standard.duration'),
        durationMinutes: intOrNull(data, 'standard.durationMinutes'),
        feeRupiah: feeKind === 'free' ? 0 : feeKind === 'varies' ? null : intOrNull(data, 'standard.feeRupiah'),
        feeNote: str(data, 'standard.feeNote'),
        product: str(data, 'standard.product'),
        complaint: str(data, 'standard.complaint'),
        legalBasis: lines(data, 'standard.legalBasis'),
      },
    };
    if (service) await api.patch(adminPath(slug, `services/${service.id}`), body);
    else await api.post(adminPath(slug, 'services'), body);
    await refresh();
    onDone();
  });
  const std = service?.standard;

  return (
    <FormPanel title={service ? t('services.editHeading', { name: service.name }) : t('services.addHeading')}>
      <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        {agencyLocked ? (
          <input type="hidden" name="agencyId" value={agencyId} />
        ) : (
          <SelectField
            label={labels.agencyId}
            name="agencyId"
            required
            value={agencyId}
            onChange={(e) => setAgencyId(e.target.value)}
            options={[
              { value: '', label: t('chooseAgency') },
              ...agencies.map((a) => ({ value: a.id, label: a.name })),
            ]}
            error={errors.agencyId}
            className="sm:col-span-2"
          />
        )}
        <TextField
          label={labels.name}
          name="name"
          required
          maxLength={LIMITS.nameMax}
          defaultValue={service?.name}
          hint={t('services.nameHint')}
          error={errors.name}
          className="sm:col-span-2"
        />
        <TextField
          label={labels.prefix}
          name="prefix"
          required
          pattern="[A-Za-z]{1,3}"
          data-hint={t('services.prefixHint')}
          maxLength={3}
          defaultValue={service?.prefix}
          hint={t('services.prefixHint')}
          error={errors.prefix}
          autoCapitalize="characters"
          className="[&_input]:uppercase"
        />
        <TextField
          label={labels.dailyQuota}
          name="dailyQuota"
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS.dailyQuotaMax}
          defaultValue={service?.dailyQuota ?? ''}
          hint={t('services.dailyQuotaHint')}
          error={errors.dailyQuota}
        />
        {service && (
          <div className="sm:col-span-2">
            <CheckBox label={t('services.active')} name="active" defaultChecked={service.active} />
            <p className="text-sm text-slate-700">{t('services.activeHint')}</p>
          </div>
        )}
        <Group
          legend={labels.counterIds}
          hint={
            !agencyId
              ? t('counters.chooseAgencyFirst')
              : agencyCounters.length === 0
                ? t('services.noCounters')
                : t('services.countersHint')
          }
          error={errors.counterIds}
          className="sm:col-span-2"
        >
          <div className="flex flex-wrap gap-x-6">
            {agencyCounters.map((c) => (
              <CheckBox
                key={`${agencyId}-${c.id}`}
                name="counterIds"
                value={c.id}
                label={c.name}
                defaultChecked={service ? service.counterIds.includes(c.id) : c.active}
              />
            ))}
          </div>
        </Group>
        <AfterServiceField slug={slug} service={service} label={labels.afterServiceId} error={errors.afterServiceId} />

        <h3 className="border-t-2 border-slate-200 pt-3 text-lg font-bold sm:col-span-2">
          {t('services.standardHeading')}
        </h3>
        <TextArea
          label={labels['standard.requirements']}
          name="standard.requirements"
          rows={4}
          defaultValue={std?.requirements.join('\n')}
          hint={t('services.linesHint')}
          error={errors['standard.requirements']}
        />
        <TextArea
          label={labels['standard.procedure']}
          name="standard.procedure"
          rows={4}
          required
          defaultValue={std?.procedure.join('\n')}
          hint={t('services.procedureHint')}
          error={errors['standard.procedure']}
        />
        <TextField
          label={labels['standard.duration']}
          name="standard.duration"
          required
          maxLength={100}
          defaultValue={std?.duration}
          hint={t('services.durationHint')}
          error={errors['standard.duration']}
        />
        <TextField
          label={labels['standard.durationMinutes']}
          name="standard.durationMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={24 * 60}
          defaultValue={std?.durationMinutes ?? ''}
          hint={t('services.durationMinutesHint')}
          error={errors['standard.durationMinutes']}
        />
        <SelectField
          label={t('services.feeKind')}
          name="feeKind"
          value={feeKind}
          onChange={(e) => setFeeKind(e.target.value as FeeKind)}
          options={[
            { value: 'free', label: t('services.free') },
            { value: 'amount', label: t('services.feeAmount') },
            { value: 'varies', label: t('services.feeVaries') },
          ]}
        />
        {feeKind === 'amount' ? (
          <TextField
            label={labels['standard.feeRupiah']}
            name="standard.feeRupiah"
            type="number"
            inputMode="numeric"
            required
            min={1}
            max={1_000_000_000}
            defaultValue={fee ?? ''}
            error={errors['standard.feeRupiah']}
          />
        ) : (
          <div />
        )}
        <TextField
          label={labels['standard.feeNote']}
          name="standard.feeNote"
          maxLength={1000}
          defaultValue={std?.feeNote}
          hint={t('services.feeNoteHint')}
          error={errors['standard.feeNote']}
          className="sm:col-span-2"
        />
        <TextField
          label={labels['standard.product']}
          name="standard.product"
          required
          maxLength={500}
          defaultValue={std?.product}
          hint={t('services.productHint')}
          error={errors['standard.product']}
        />
        <TextField
          label={labels['standard.complaint']}
          name="standard.complaint"
          required
          maxLength={1000}
          defaultValue={std?.complaint}
          hint={t('services.complaintHint')}
          error={errors['standard.complaint']}
        />
        <TextArea
          label={labels['standard.legalBasis']}
          name="standard.legalBasis"
          rows={3}
          defaultValue={std?.legalBasis.join('\n')}
          hint={t('services.linesHint')}
          error={errors['standard.legalBasis']}
          className="sm:col-span-2"
        />
        <FormFoot pending={pending} onCancel={onDone} error={formError} />
      </form>
    </FormPanel>
  );
}
