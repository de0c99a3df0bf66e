/** Counters: their number (spoken on the display), display zone, the services they call, open or not. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAgency, type AdminCounter, LIMITS } from '../../../api/admin';
import { api } from '../../lib/api';
import {
  adminPath,
  byName,
  useAdminAgencies,
  useAdminCounters,
  useAdminServices,
  useAdminZones,
  useRefresh,
} from './data';
import { str, useFormSubmit } from './form';
import { AgencyFilter, ArchivableActions, FormFoot, FormPanel, ListState } from './shared';
import { Badge, CheckBox, Group, Panel, primaryButton, Row, SelectField, TextField } from './ui';

export function CountersTab({ slug, ownAgencyId }: { slug: string; ownAgencyId: string | null }) {
  const { t } = useTranslation('admin');
  const counters = useAdminCounters(slug);
  const agencies = useAdminAgencies(slug);
  const services = useAdminServices(slug);
  const zones = useAdminZones(slug);
  const [editing, setEditing] = useState<AdminCounter | 'new' | null>(null);
  const [filter, setFilter] = useState(ownAgencyId ?? '');
  const agencyList = [...(agencies.data ?? [])].sort(byName);
  const agencyName = (id: string) => agencyList.find((a) => a.id === id)?.shortName ?? '';
  const zoneName = (id: string | null) => (id ? (zones.data?.find((z) => z.id === id)?.name ?? '') : '');
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name ?? '';
  const list = (counters.data ?? [])
    .filter((c) => !filter || c.agencyId === filter)
    .sort((a, b) => Number(a.archived) - Number(b.archived) || a.number - b.number);
  const nextNumber = Math.max(0, ...(counters.data ?? []).map((c) => c.number)) + 1;

  return (
    <div className="flex flex-col gap-4">
      {editing && (
        <CounterForm
          key={editing === 'new' ? 'new' : editing.id}
          slug={slug}
          counter={editing === 'new' ? null : editing}
          agencies={agencyList.filter((a) => !a.archived)}
          defaultAgencyId={ownAgencyId ?? filter}
          agencyLocked={ownAgencyId !== null}
          nextNumber={nextNumber}
          onDone={() => setEditing(null)}
        />
      )}
      <Panel
        title={t('counters.heading')}
        actions={
          <button type="button" className={primaryButton} onClick={() => setEditing('new')}>
            {t('counters.add')}
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
        <ListState query={counters} empty={t('counters.empty')} />
        <ul className="divide-y divide-slate-200">
          {list.map((c) => (
            <Row
              key={c.id}
              archived={c.archived}
              testId="counter-row"
              actions={
                <ArchivableActions
                  slug={slug}
                  path={`counters/${c.id}`}
                  item={c}
                  question={t('counters.archiveQuestion', { name: c.name })}
                  onEdit={() => setEditing(c)}
                />
              }
            >
              <p className="font-semibold">
                {c.name}
                {c.archived && <Badge>{t('archived')}</Badge>}
                {!c.archived && !c.active && <Badge tone="amber">{t('inactive')}</Badge>}
              </p>
              <p className="text-sm">
                {[
                  t('counters.numberShort', { number: c.number }),
                  agencyName(c.agencyId),
                  c.zoneId ? t('counters.inZone', { zone: zoneName(c.zoneId) }) : t('counters.noZone'),
                ].join(' · ')}
              </p>
              <p className="text-sm">
                {c.serviceIds.length === 0
                  ? t('counters.noServices')
                  : t('counters.serves', { list: c.serviceIds.map(serviceName).filter(Boolean).join(', ') })}
              </p>
            </Row>
          ))}
        </ul>
      </Panel>
    </div>
  );
}

function CounterForm({
  slug,
  counter,
  agencies,
  defaultAgencyId,
  agencyLocked,
  nextNumber,
  onDone,
}: {
  slug: string;
  counter: AdminCounter | null;
  agencies: AdminAgency[];
  defaultAgencyId: string;
  agencyLocked: boolean;
  nextNumber: number;
  onDone: () => void;
}) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  const services = useAdminServices(slug);
  const zones = useAdminZones(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const [agencyId, setAgencyId] = useState(counter?.agencyId ?? defaultAgencyId);
  const agencyServices = (services.data ?? []).filter((s) => s.agencyId === agencyId && !s.archived).sort(byName);

  const labels = {
    agencyId: t('services.agency'),
    name: t('counters.name'),
    number: t('counters.number'),
    zoneId: t('counters.zone'),
    serviceIds: t('counters.servicesLegend'),
  };
  const onSubmit = submit(labels, async (data) => {
    const body = {
      ...(agencyLocked && counter ? {} : { agencyId: str(data, 'agencyId') }),
      name: str(data, 'name'),
      number: Number(str(data, 'number')),
      zoneId: str(data, 'zoneId') || null,
      serviceIds: data.getAll('serviceIds').map(String),
      active: counter ? data.get('active') === 'on' : true,
    };
    if (counter) await api.patch(adminPath(slug, `counters/${counter.id}`), body);
    else await api.post(adminPath(slug, 'counters'), body);
    await refresh();
    onDone();
  });

  return (
    <FormPanel title={counter ? t('counters.editHeading', { name: counter.name }) : t('counters.addHeading')}>
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
          label={labels.number}
          name="number"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={LIMITS.counterNumberMax}
          defaultValue={counter?.number ?? nextNumber}
          hint={t('counters.numberHint')}
          error={errors.number}
        />
        <TextField
          label={labels.name}
          name="name"
          required
          maxLength={100}
          defaultValue={counter?.name}
          hint={t('counters.nameHint')}
          error={errors.name}
        />
        <SelectField
          label={labels.zoneId}
          name="zoneId"
          defaultValue={counter?.zoneId ?? ''}
          options={[
            { value: '', label: t('counters.noZoneOption') },
            ...(zones.data ?? [])
              .filter((z) => !z.archived || z.id === counter?.zoneId)
              .map((z) => ({ value: z.id, label: z.name })),
          ]}
          hint={t('counters.zoneHint')}
          error={errors.zoneId}
        />
        {counter ? (
          <div>
            <CheckBox label={t('counters.active')} name="active" defaultChecked={counter.active} />
            <p className="text-sm text-slate-700">{t('counters.activeHint')}</p>
          </div>
        ) : (
          <div />
        )}
        <Group
          legend={labels.serviceIds}
          hint={
            !agencyId
              ? t('counters.chooseAgencyFirst')
              : agencyServices.length === 0
                ? t('counters.agencyHasNoServices')
                : t('counters.servicesHint')
          }
          error={errors.serviceIds}
          className="sm:col-span-2"
        >
          <div className="grid gap-x-6 sm:grid-cols-2">
            {agencyServices.map((s) => (
              <CheckBox
                key={`${agencyId}-${s.id}`}
                name="serviceIds"
                value={s.id}
                label={`${s.name} (${s.prefix})`}
                defaultChecked={counter ? counter.serviceIds.includes(s.id) : true}
              />
            ))}
          </div>
        </Group>
        <FormFoot pending={pending} onCancel={onDone} error={formError} />
      </form>
    </FormPanel>
  );
}
