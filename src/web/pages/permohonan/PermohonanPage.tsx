/**
 * /:mall/permohonan — applications after the counter, for the staff (desktop first): an agency's
 * officers and admin see their agency's, the mall's admins and viewers every agency's with an
 * agency filter. Open ones by default, the late ones on top in red; each row offers the steps its
 * status allows (a note required for "perlu perbaikan" and "ditolak"), its history, and the
 * citizen's page. "+ Permohonan baru" opens one without a ticket. The filters live in the address.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Application } from '../../../api/applications';
import type { Me } from '../../../api/auth';
import type { MallDetail } from '../../../api/catalog';
import { cleanApplicationCode, groupApplicationCode } from '../../components/application/code';
import { NewApplicationDialog } from '../../components/application/NewApplicationDialog';
import { Alert, StaffPage } from '../../components/StaffPage';
import { addTranslations } from '../../i18n';
import { api } from '../../lib/api';
import { useAgencies, useServices } from '../../lib/queries';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { ApplicationRow } from './ApplicationRow';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('applications', { id, en });

const STATES = ['open', 'done', 'all'] as const;
type State = (typeof STATES)[number];
const REFRESH_MS = 60_000;

export default function PermohonanPage() {
  const { t } = useTranslation('applications');
  return (
    <StaffPage screen="permohonan" title={t('pageTitle')} signInHeading={t('signInHeading')}>
      {({ slug, me, mall }) => <Applications slug={slug} me={me} mall={mall} />}
    </StaffPage>
  );
}

const field = 'mt-1 block min-h-11 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2';

function Applications({ slug, me, mall }: { slug: string; me: Me; mall: MallDetail }) {
  const { t } = useTranslation(['applications', 'applicationForm', 'common']);
  const client = useQueryClient();
  /** the last step taken here: the row may leave the list (an open one that is now ready) */
  const [saved, setSaved] = useState<string | null>(null);
  const agencies = useAgencies(slug);
  const services = useServices(slug);
  const [params, setParams] = useSearchParams();
  const [newOpen, setNewOpen] = useState(false);

  // officers and agency admins: their own agency; the mall's admins and viewers: any
  const ownAgencyId = me.role === 'officer' || me.role === 'agency_admin' ? me.agencyId : null;
  const stateParam = params.get('state') as State | null;
  const state: State = stateParam && STATES.includes(stateParam) ? stateParam : 'open';
  const agencyId = ownAgencyId ?? params.get('agencyId') ?? '';
  const serviceId = params.get('serviceId') ?? '';
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const query = new URLSearchParams({ state });
  if (agencyId && !ownAgencyId) query.set('agencyId', agencyId);
  if (serviceId) query.set('serviceId', serviceId);
  if (q) query.set('q', q);
  const listKey = ['applications', slug];
  const list = useQuery({
    queryKey: [...listKey, query.toString()],
    queryFn: () => api.get<Application[]>(`/api/malls/${encodeURIComponent(slug)}/applications?${query}`),
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const refresh = () => client.invalidateQueries({ queryKey: listKey });

  // A session that ended meanwhile (401 on the list): ask again who is signed in.
  const sessionLost = useRef(useSessionLost());
  const lost = isUnauthorized(list.error);
  useEffect(() => {
    if (lost) void sessionLost.current();
  }, [lost]);

  const ownAgency = ownAgencyId ? agencies.data?.find((a) => a.id === ownAgencyId) : null;
  const scopeServices = (services.data ?? []).filter((s) => !agencyId || s.agencyId === agencyId);
  const canOpen = me.role !== 'viewer';
  const newServices = (services.data ?? []).filter((s) => ownAgencyId === null || s.agencyId === ownAgencyId);
  const mallWide = ownAgencyId === null;
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: cleanApplicationCode(typed) });
  };
  const overdue = list.data?.filter((a) => a.overdue).length ?? 0;

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <p className="max-w-4xl min-w-0 flex-1 basis-96 text-slate-800">
          {ownAgency ? `${t('applications:scope', { name: ownAgency.name })} ` : null}
          {t('applications:intro')}
        </p>
        {canOpen && (
          <button
            type="button"
            onClick={() => setNewOpen(true)}
            disabled={!services.data || !agencies.data}
            className="min-h-11 shrink-0 rounded-lg bg-accent-400 px-4 py-2 text-lg font-bold text-slate-900 hover:bg-accent-500"
          >
            {t('applications:new')}
          </button>
        )}
      </div>
      <section
        aria-label={t('applications:filters')}
        className="flex flex-wrap items-end gap-x-4 gap-y-3 rounded-2xl bg-white p-4 shadow-sm"
      >
        <div>
          <label htmlFor="filter-state" className="block font-semibold">
            {t('applications:state')}
          </label>
          <select
            id="filter-state"
            value={state}
            onChange={(e) => set({ state: e.target.value === 'open' ? '' : e.target.value })}
            className={field}
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`applications:states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {mallWide && (
          <div>
            <label htmlFor="filter-agency" className="block font-semibold">
              {t('applications:agency')}
            </label>
            <select
              id="filter-agency"
              value={agencyId}
              onChange={(e) => set({ agencyId: e.target.value, serviceId: '' })}
              className={`${field} max-w-56`}
            >
              <option value="">{t('applications:allAgencies')}</option>
              {(agencies.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.shortName}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="filter-service" className="block font-semibold">
            {t('applications:service')}
          </label>
          <select
            id="filter-service"
            value={serviceId}
            onChange={(e) => set({ serviceId: e.target.value })}
            className={`${field} truncate`}
          >
            <option value="">{t('applications:allServices')}</option>
            {scopeServices.map((s) => (
              <option key={s.id} value={s.id}>
                {mallWide && !agencyId
                  ? `${agencies.data?.find((a) => a.id === s.agencyId)?.shortName ?? ''} · ${s.name}`
                  : s.name}
              </option>
            ))}
          </select>
        </div>
        <search>
          <form onSubmit={search} className="flex items-end gap-2">
            <div>
              <label htmlFor="filter-code" className="block font-semibold">
                {t('applications:search')}
              </label>
              <input
                id="filter-code"
                type="search"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                placeholder="P1234 5678"
                autoComplete="off"
                className={`${field} w-44 font-mono`}
              />
            </div>
            <button
              type="submit"
              className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              {t('applications:searchButton')}
            </button>
          </form>
        </search>
      </section>

      <div role="status" className="empty:hidden">
        {saved ? (
          <p className="rounded-xl border-2 border-green-700 bg-green-50 px-4 py-2 font-semibold text-green-900">
            {saved}
          </p>
        ) : null}
      </div>
      <p aria-live="polite" className="font-semibold">
        {list.data ? (
          <>
            {t('applications:count', { count: list.data.length })}
            {overdue > 0 && (
              <>
                {' · '}
                <span className="text-red-800">{t('applications:overdueCount', { count: overdue })}</span>
              </>
            )}
          </>
        ) : null}
      </p>
      {list.error && !lost ? <Alert text={t('applications:loadError', { message: list.error.message })} /> : null}
      {list.isPending ? <p aria-live="polite">{t('common:loading')}</p> : null}
      {list.data && list.data.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-center text-lg text-slate-700">{t('applications:empty')}</p>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <ul className="flex flex-col gap-3">
          {list.data.map((a) => (
            <li key={a.id}>
              <ApplicationRow
                slug={slug}
                application={a}
                timeZone={mall.timeZone}
                showAgency={mallWide && !agencyId}
                canStep={me.role === 'mall_admin' || (canOpen && a.agencyId === me.agencyId)}
                onStale={() => void refresh()}
                onChanged={(changed) => {
                  setSaved(
                    t('applications:saved', {
                      code: groupApplicationCode(changed.code),
                      status: t(`applicationForm:status.${changed.status}`),
                    }),
                  );
                  client.setQueryData<Application[]>([...listKey, query.toString()], (old) =>
                    old?.map((x) => (x.id === changed.id ? changed : x)),
                  );
                  void refresh();
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}

      {newOpen && services.data && agencies.data ? (
        <NewApplicationDialog
          mall={slug}
          mallName={mall.name}
          timeZone={mall.timeZone}
          services={newServices}
          agencies={agencies.data}
          defaultServiceId={serviceId || undefined}
          onClose={() => setNewOpen(false)}
          onCreated={() => void refresh()}
        />
      ) : null}
    </>
  );
}
