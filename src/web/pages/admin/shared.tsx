/** Pieces every administration list shares: its loading/empty state, archiving, the form's panel. */
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoveResult } from '../../../api/admin';
import { api } from '../../lib/api';
import { adminPath, useRefresh } from './data';
import {
  ActionButton,
  ConfirmButton,
  FormMessage,
  primaryButton,
  SelectField,
  secondaryButton,
  smallButton,
} from './ui';

export function ListState({ query, empty }: { query: UseQueryResult<unknown[]>; empty: string }) {
  const { t } = useTranslation('common');
  if (query.isPending) return <p aria-live="polite">{t('loading')}</p>;
  if (query.error)
    return (
      <p role="alert" className="font-semibold text-red-800">
        {query.error.message}
      </p>
    );
  if (query.data?.length === 0) return <p className="text-slate-800">{empty}</p>;
  return null;
}

/** "Arsipkan", asked first; the server archives what is referenced and deletes what never was. */
export function RemoveAction({
  slug,
  path,
  name,
  question,
}: {
  slug: string;
  path: string;
  name: string;
  question: string;
}) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  return (
    <ConfirmButton
      label={t('archive')}
      question={question}
      confirmLabel={t('archiveConfirm', { name })}
      onConfirm={async () => {
        await api.delete<RemoveResult>(adminPath(slug, path));
        await refresh();
      }}
    />
  );
}

/** The mall admin's choice of one agency's items in a list ('' for all of them). */
export function AgencyFilter({
  agencies,
  value,
  onChange,
  allLabel,
}: {
  agencies: { id: string; name: string }[];
  value: string;
  onChange: (agencyId: string) => void;
  allLabel: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <SelectField
      label={t('services.filter')}
      name="filter"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[{ value: '', label: allLabel }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
      className="mb-3 max-w-md"
    />
  );
}

/**
 * A list row's actions: "Pulihkan" when it is archived; else change and archive (after anything
 * the row adds before them).
 */
export function ArchivableActions({
  slug,
  path,
  item,
  question,
  onEdit,
  before,
}: {
  slug: string;
  /** the item's admin path, e.g. counters/<id> */
  path: string;
  item: { name: string; archived: boolean };
  question: string;
  onEdit: () => void;
  before?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  if (item.archived) {
    return (
      <ActionButton
        label={t('restore')}
        onClick={async () => {
          await api.post(adminPath(slug, `${path}/restore`));
          await refresh();
        }}
      />
    );
  }
  return (
    <>
      {before}
      <button type="button" className={smallButton} onClick={onEdit}>
        {t('edit')}
        <span className="sr-only">: {item.name}</span>
      </button>
      <RemoveAction slug={slug} path={path} name={item.name} question={question} />
    </>
  );
}

/** The panel of an add/change form: brought into view with its first field focused when it opens. */
export function FormPanel({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const id = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: 'smooth' });
    el.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus({ preventScroll: true });
  }, []);
  return (
    <section
      ref={ref}
      aria-labelledby={id}
      className="min-w-0 scroll-mt-4 rounded-2xl border-2 border-brand-600 bg-white p-4 shadow sm:p-5"
    >
      <h2 id={id} className="mb-3 text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Save and cancel, and the form's message beneath. */
export function FormFoot({
  pending,
  onCancel,
  error,
  saveLabel,
}: {
  pending: boolean;
  onCancel: () => void;
  error: string | null;
  saveLabel?: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <div className="flex flex-col gap-2 sm:col-span-2">
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? t('saving') : (saveLabel ?? t('save'))}
        </button>
        <button type="button" className={secondaryButton} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      <FormMessage error={error} />
    </div>
  );
}
