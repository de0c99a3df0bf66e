/**
 * /:mall/pengaduan — complaints for the staff (desktop first, 1366×768): the mall's admins see
 * every one (and verify, refuse, send on to an agency), an agency's officers and admin those sent
 * to their agency (and answer, postpone, close); viewers look. The list (open / done / all, search
 * by code) has the overdue on top in red, each with its deadline; the chosen one opens beside it
 * with its story, photos, identity (or "Identitas dirahasiakan" / "Anonim"), history with the
 * internal notes marked, and only the steps this user may take. "Catat pengaduan warga" files one
 * for a citizen; the mall admin exports a date range for SP4N-LAPOR!. Filters and the chosen
 * report live in the address.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Me } from '../../../api/auth';
import type { MallDetail } from '../../../api/catalog';
import type { Complaint } from '../../../api/complaints';
import { cleanComplaintCode, groupComplaintCode, spokenComplaintCode } from '../../components/complaint/code';
import { STATUS_TONE } from '../../components/complaint/tone';
import { Alert, StaffPage } from '../../components/StaffPage';
import { addTranslations, currentLang } from '../../i18n';
import { api } from '../../lib/api';
import { useAgencies } from '../../lib/queries';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { ComplaintDetail, deadlineText } from './ComplaintDetail';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { NewComplaintDialog } from './NewComplaintDialog';
import '../../components/complaint/translations';

addTranslations('pengaduan', { id, en });

const STATES = ['open', 'done', 'all'] as const;
type State = (typeof STATES)[number];
const REFRESH_MS = 60_000;

export default function PengaduanPage() {
  const { t } = useTranslation('pengaduan');
  return (
    <StaffPage screen="pengaduan" title={t('pageTitle')} signInHeading={t('signInHeading')}>
      {({ slug, me, mall }) => <Complaints slug={slug} me={me} mall={mall} />}
    </StaffPage>
  );
}

const field = 'mt-1 block min-h-11 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2';

function Complaints({ slug, me, mall }: { slug: string; me: Me; mall: MallDetail }) {
  const { t } = useTranslation(['pengaduan', 'complaint', 'common']);
  const lang = currentLang();
  const client = useQueryClient();
  const agencies = useAgencies(slug);
  const [params, setParams] = useSearchParams();
  const [newOpen, setNewOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const mallWide = me.role === 'mall_admin' || me.role === 'viewer';
  const stateParam = params.get('state') as State | null;
  const state: State = stateParam && STATES.includes(stateParam) ? stateParam : 'open';
  const agencyId = mallWide ? (params.get('agencyId') ?? '') : '';
  const q = params.get('q') ?? '';
  const selected = params.get('id') ?? '';
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
  if (agencyId) query.set('agencyId', agencyId);
  if (q) query.set('q', q);
  const listKey = ['complaints', slug];
  const list = useQuery({
    queryKey: [...listKey, 'list', query.toString()],
    queryFn: () => api.get<Complaint[]>(`/api/malls/${encodeURIComponent(slug)}/complaints?${query}`),
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const refresh = () => client.invalidateQueries({ queryKey: listKey });

  const sessionLost = useRef(useSessionLost());
  const lost = isUnauthorized(list.error);
  useEffect(() => {
    if (lost) void sessionLost.current();
  }, [lost]);

  const ownAgency = !mallWide && me.agencyId ? agencies.data?.find((a) => a.id === me.agencyId) : null;
  const overdue = list.data?.filter((c) => c.overdue).length ?? 0;
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: cleanComplaintCode(typed) });
  };

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <p className="max-w-4xl min-w-0 flex-1 basis-96 text-slate-800">
          {ownAgency ? t('pengaduan:introAgency', { name: ownAgency.name }) : t('pengaduan:intro')}
        </p>
        {me.role !== 'viewer' && (
          <button
            type="button"
            onClick={() => setNewOpen(true)}
            className="min-h-11 shrink-0 rounded-lg bg-accent-400 px-4 py-2 text-lg font-bold text-slate-900 hover:bg-accent-500"
          >
            {t('pengaduan:new')}
          </button>
        )}
      </div>

      <section
        aria-label={t('pengaduan:filters')}
        className="flex flex-wrap items-end gap-x-4 gap-y-3 rounded-2xl bg-white p-4 shadow-sm"
      >
        <div>
          <label htmlFor="filter-state" className="block font-semibold">
            {t('pengaduan:state')}
          </label>
          <select
            id="filter-state"
            value={state}
            onChange={(e) => set({ state: e.target.value === 'open' ? '' : e.target.value })}
            className={field}
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`pengaduan:states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {mallWide && (
          <div>
            <label htmlFor="filter-agency" className="block font-semibold">
              {t('pengaduan:agency')}
            </label>
            <select
              id="filter-agency"
              value={agencyId}
              onChange={(e) => set({ agencyId: e.target.value })}
              className={`${field} max-w-56`}
            >
              <option value="">{t('pengaduan:allAgencies')}</option>
              {(agencies.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.shortName}
                </option>
              ))}
            </select>
          </div>
        )}
        <search>
          <form onSubmit={search} className="flex items-end gap-2">
            <div>
              <label htmlFor="filter-code" className="block font-semibold">
                {t('pengaduan:search')}
              </label>
              <input
                id="filter-code"
                type="search"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                placeholder="K1234 5678"
                autoComplete="off"
                className={`${field} w-44 font-mono`}
              />
            </div>
            <button
              type="submit"
              className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            >
              {t('pengaduan:searchButton')}
            </button>
          </form>
        </search>
        {me.role === 'mall_admin' && <ExportLinks slug={slug} today={mall.today} />}
      </section>

      <div role="status" className="empty:hidden">
        {saved ? (
          <p className="rounded-xl border-2 border-green-700 bg-green-50 px-4 py-2 font-semibold text-green-900">
            {saved}
          </p>
        ) : null}
      </div>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        <section
          aria-labelledby="complaint-list-heading"
          className="flex min-w-0 flex-col gap-2 lg:sticky lg:top-2 lg:max-h-[calc(100vh-1rem)] lg:overflow-y-auto lg:p-1"
        >
          <h2 id="complaint-list-heading" className="sr-only">
            {t('pengaduan:listLabel')}
          </h2>
          <p aria-live="polite" className="font-semibold">
            {list.data ? (
              <>
                {t('pengaduan:count', { count: list.data.length })}
                {overdue > 0 && (
                  <>
                    {' · '}
                    <span className="text-red-800">{t('pengaduan:overdueCount', { count: overdue })}</span>
                  </>
                )}
              </>
            ) : null}
          </p>
          {list.error && !lost ? <Alert text={t('pengaduan:loadError', { message: list.error.message })} /> : null}
          {list.isPending ? <p aria-live="polite">{t('common:loading')}</p> : null}
          {list.data && list.data.length === 0 ? (
            <p className="rounded-2xl bg-white p-6 text-center text-lg text-slate-700">{t('pengaduan:empty')}</p>
          ) : null}
          {list.data && list.data.length > 0 ? (
            <ul className="flex flex-col gap-2" data-testid="complaint-list">
              {list.data.map((c) => {
                const active = c.id === selected;
                return (
                  <li key={c.id}>
                    <button
                      type="button"
                      aria-current={active ? 'true' : undefined}
                      onClick={() => set({ id: c.id })}
                      data-testid="complaint-row"
                      className={`block w-full rounded-xl border-2 bg-white p-3 text-left shadow-sm hover:bg-brand-50 ${
                        active
                          ? 'border-brand-700 ring-2 ring-brand-700'
                          : c.overdue
                            ? 'border-red-700'
                            : 'border-transparent'
                      }`}
                    >
                      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                        <span className="font-mono text-lg font-black text-brand-900">
                          <span aria-hidden="true">{groupComplaintCode(c.code)}</span>
                          <span className="sr-only">{spokenComplaintCode(c.code)}</span>
                        </span>
                        <span className={`rounded-full px-2 py-0.5 text-sm font-bold ${STATUS_TONE[c.status]}`}>
                          {t(`complaint:status.${c.status}`)}
                        </span>
                        {c.overdue && (
                          <span className="rounded-full bg-red-700 px-2 py-0.5 text-sm font-bold text-white">
                            {t('pengaduan:overdue')}
                          </span>
                        )}
                      </span>
                      <span className="mt-1 block truncate font-semibold">{c.title}</span>
                      <span className="flex flex-wrap justify-between gap-x-3 text-sm text-slate-700">
                        <span>
                          {t(`complaint:kind.${c.kind}`)}
                          {c.disposedAgencyShortName || c.agencyShortName
                            ? ` · ${c.disposedAgencyShortName ?? c.agencyShortName}`
                            : ''}
                        </span>
                        <span className={c.overdue ? 'font-bold text-red-800' : 'font-semibold text-slate-800'}>
                          {deadlineText(c, t, lang)}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </section>

        <div className="min-w-0">
          {selected ? (
            <ComplaintDetail
              key={selected}
              slug={slug}
              id={selected}
              me={me}
              timeZone={mall.timeZone}
              today={mall.today}
              agencies={agencies.data ?? []}
              onChanged={(changed, message) => {
                setSaved(
                  message ??
                    t('pengaduan:saved', {
                      code: groupComplaintCode(changed.code),
                      status: t(`complaint:status.${changed.status}`),
                    }),
                );
                void refresh();
              }}
            />
          ) : (
            <p className="rounded-2xl bg-white p-6 text-center text-lg text-slate-700">{t('pengaduan:choose')}</p>
          )}
        </div>
      </div>

      {newOpen && (
        <NewComplaintDialog
          slug={slug}
          today={mall.today}
          onClose={() => setNewOpen(false)}
          onCreated={() => void refresh()}
        />
      )}
    </>
  );
}

/** The mall admin's export of a date range: plain links, so the browser downloads the file. */
function ExportLinks({ slug, today }: { slug: string; today: string }) {
  const { t } = useTranslation(['pengaduan']);
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const url = (format: 'csv' | 'json') =>
    `/api/malls/${encodeURIComponent(slug)}/complaints/export?from=${from}&to=${to}&format=${format}`;
  const link =
    'inline-flex min-h-11 items-center rounded-lg border-2 border-brand-700 px-3 font-semibold text-brand-800';
  return (
    <fieldset className="ml-auto flex flex-wrap items-end gap-2">
      <legend className="font-semibold">{t('pengaduan:export.heading')}</legend>
      <div>
        <label htmlFor="export-from" className="block text-sm">
          {t('pengaduan:export.from')}
        </label>
        <input
          id="export-from"
          type="date"
          value={from}
          max={today}
          onChange={(e) => setFrom(e.target.value)}
          className="min-h-11 rounded-lg border-2 border-slate-500 bg-white px-2"
        />
      </div>
      <div>
        <label htmlFor="export-to" className="block text-sm">
          {t('pengaduan:export.to')}
        </label>
        <input
          id="export-to"
          type="date"
          value={to}
          max={today}
          onChange={(e) => setTo(e.target.value)}
          className="min-h-11 rounded-lg border-2 border-slate-500 bg-white px-2"
        />
      </div>
      {valid ? (
        <>
          <a href={url('csv')} download className={`${link} hover:bg-brand-50`}>
            {t('pengaduan:export.csv')}
          </a>
          <a href={url('json')} download className={`${link} hover:bg-brand-50`}>
            {t('pengaduan:export.json')}
          </a>
        </>
      ) : null}
    </fieldset>
  );
}
