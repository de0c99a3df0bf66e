/** Display zones (mall admin): a display shows one zone's counters (/:mall/display?zone=…). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminZone } from '../../../api/admin';
import { api } from '../../lib/api';
import { adminPath, byName, useAdminZones, useRefresh } from './data';
import { str, useFormSubmit } from './form';
import { ArchivableActions, FormFoot, FormPanel, ListState } from './shared';
import { Badge, Panel, primaryButton, Row, TextField } from './ui';

export function ZonesTab({ slug }: { slug: string }) {
  const { t } = useTranslation('admin');
  const zones = useAdminZones(slug);
  const [editing, setEditing] = useState<AdminZone | 'new' | null>(null);
  const list = [...(zones.data ?? [])].sort((a, b) => Number(a.archived) - Number(b.archived) || byName(a, b));

  return (
    <div className="flex flex-col gap-4">
      {editing && (
        <ZoneForm
          key={editing === 'new' ? 'new' : editing.id}
          slug={slug}
          zone={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <Panel
        title={t('zones.heading')}
        actions={
          <button type="button" className={primaryButton} onClick={() => setEditing('new')}>
            {t('zones.add')}
          </button>
        }
      >
        <p className="mb-2 text-slate-800">{t('zones.intro')}</p>
        <ListState query={zones} empty={t('zones.empty')} />
        <ul className="divide-y divide-slate-200">
          {list.map((z) => (
            <Row
              key={z.id}
              archived={z.archived}
              testId="zone-row"
              actions={
                <ArchivableActions
                  slug={slug}
                  path={`zones/${z.id}`}
                  item={z}
                  question={t('zones.archiveQuestion', { name: z.name })}
                  onEdit={() => setEditing(z)}
                  before={
                    <a
                      href={`/${encodeURIComponent(slug)}/display?zone=${encodeURIComponent(z.id)}`}
                      className="text-sm font-semibold text-brand-700 underline"
                    >
                      {t('zones.openDisplay')}
                      <span className="sr-only">: {z.name}</span>
                    </a>
                  }
                />
              }
            >
              <p className="font-semibold">
                {z.name}
                {z.archived && <Badge>{t('archived')}</Badge>}
              </p>
              <p className="text-sm">{t('zones.counters', { count: z.counterCount })}</p>
            </Row>
          ))}
        </ul>
      </Panel>
    </div>
  );
}

function ZoneForm({ slug, zone, onDone }: { slug: string; zone: AdminZone | null; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const labels = { name: t('zones.name') };
  const onSubmit = submit(labels, async (data) => {
    const body = { name: str(data, 'name') };
    if (zone) await api.patch(adminPath(slug, `zones/${zone.id}`), body);
    else await api.post(adminPath(slug, 'zones'), body);
    await refresh();
    onDone();
  });
  return (
    <FormPanel title={zone ? t('zones.editHeading', { name: zone.name }) : t('zones.addHeading')}>
      <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={labels.name}
          name="name"
          required
          maxLength={100}
          defaultValue={zone?.name}
          hint={t('zones.nameHint')}
          error={errors.name}
        />
        <div />
        <FormFoot pending={pending} onCancel={onDone} error={formError} />
      </form>
    </FormPanel>
  );
}
