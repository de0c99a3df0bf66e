/** Agencies (mall admin): add, change, archive (when referenced) and restore. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAgency, LIMITS } from '../../../api/admin';
import { api } from '../../lib/api';
import { adminPath, byName, useAdminAgencies, useRefresh } from './data';
import { intOrNull, str, useFormSubmit } from './form';
import { ArchivableActions, FormFoot, FormPanel, ListState } from './shared';
import { Badge, Panel, primaryButton, Row, TextField } from './ui';

export function AgenciesTab({ slug }: { slug: string }) {
  const { t } = useTranslation('admin');
  const agencies = useAdminAgencies(slug);
  const [editing, setEditing] = useState<AdminAgency | 'new' | null>(null);
  const list = [...(agencies.data ?? [])].sort((a, b) => Number(a.archived) - Number(b.archived) || byName(a, b));

  return (
    <div className="flex flex-col gap-4">
      {editing && (
        <AgencyForm
          key={editing === 'new' ? 'new' : editing.id}
          slug={slug}
          agency={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <Panel
        title={t('agencies.heading')}
        actions={
          <button type="button" className={primaryButton} onClick={() => setEditing('new')}>
            {t('agencies.add')}
          </button>
        }
      >
        <ListState query={agencies} empty={t('agencies.empty')} />
        <ul className="divide-y divide-slate-200">
          {list.map((a) => (
            <Row
              key={a.id}
              archived={a.archived}
              testId="agency-row"
              actions={
                <ArchivableActions
                  slug={slug}
                  path={`agencies/${a.id}`}
                  item={a}
                  question={t('agencies.archiveQuestion', { name: a.shortName })}
                  onEdit={() => setEditing(a)}
                />
              }
            >
              <p className="font-semibold">
                <span
                  aria-hidden="true"
                  className="mr-2 inline-block size-3 rounded-full align-middle"
                  style={{ backgroundColor: a.color }}
                />
                {a.name}
                {a.archived && <Badge>{t('archived')}</Badge>}
              </p>
              <p className="text-sm">
                {t('agencies.summary', { short: a.shortName, services: a.serviceCount, counters: a.counterCount })}
              </p>
            </Row>
          ))}
        </ul>
      </Panel>
    </div>
  );
}

function AgencyForm({ slug, agency, onDone }: { slug: string; agency: AdminAgency | null; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const labels = {
    name: t('agencies.name'),
    shortName: t('agencies.shortName'),
    code: t('agencies.code'),
    color: t('agencies.color'),
    waitThresholdMinutes: t('agencies.threshold'),
  };
  const onSubmit = submit(labels, async (data) => {
    const body = {
      name: str(data, 'name'),
      shortName: str(data, 'shortName'),
      code: str(data, 'code'),
      color: str(data, 'color'),
      waitThresholdMinutes: intOrNull(data, 'waitThresholdMinutes'),
    };
    if (agency) await api.patch(adminPath(slug, `agencies/${agency.id}`), body);
    else await api.post(adminPath(slug, 'agencies'), body);
    await refresh();
    onDone();
  });

  return (
    <FormPanel title={agency ? t('agencies.editHeading', { name: agency.shortName }) : t('agencies.addHeading')}>
      <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={labels.name}
          name="name"
          required
          maxLength={LIMITS.nameMax}
          defaultValue={agency?.name}
          hint={t('agencies.nameHint')}
          error={errors.name}
          className="sm:col-span-2"
        />
        <TextField
          label={labels.shortName}
          name="shortName"
          required
          maxLength={LIMITS.shortNameMax}
          defaultValue={agency?.shortName}
          hint={t('agencies.shortNameHint')}
          error={errors.shortName}
        />
        <TextField
          label={labels.code}
          name="code"
          required
          pattern={LIMITS.agencyCodePattern.slice(1, -1)}
          data-hint={t('agencies.codeHint')}
          defaultValue={agency?.code}
          hint={t('agencies.codeHint')}
          error={errors.code}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
        />
        <TextField
          label={labels.color}
          name="color"
          type="color"
          required
          defaultValue={agency?.color ?? '#1d5fa3'}
          hint={t('agencies.colorHint')}
          error={errors.color}
          className="[&_input]:h-11"
        />
        <TextField
          label={labels.waitThresholdMinutes}
          name="waitThresholdMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS.waitThresholdMax}
          defaultValue={agency?.waitThresholdMinutes ?? ''}
          hint={t('agencies.thresholdHint')}
          error={errors.waitThresholdMinutes}
        />
        <FormFoot pending={pending} onCancel={onDone} error={formError} />
      </form>
    </FormPanel>
  );
}
