/**
 * /:mall/dashboard — today's service at a glance, for the leadership's office screen (1920×1080,
 * read from a few metres) and a desktop: the mall's totals, then one card per agency. Agencies
 * past their waiting-time threshold turn red, say so in words and come first. The board follows
 * the mall's queue live (SSE), with a clock and the time it was last brought up to date.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { LiveBoard } from '../../../api/performance';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { formatMinutes, formatNumber } from '../../components/report/format';
import { WarningIcon } from '../../components/report/WarningIcon';
import { SignInForm } from '../../components/SignInForm';
import { StaffNav, staffLinks } from '../../components/StaffLayout';
import { addTranslations, currentLang } from '../../i18n';
import { ApiError } from '../../lib/api';
import type { StreamState } from '../../lib/event-stream';
import { useMall } from '../../lib/queries';
import { isUnauthorized, useMe, useSessionLost, useSignOut } from '../../lib/session';
import { useNow } from '../../lib/useNow';
import { AgencyCard, type LiveAgency } from './AgencyCard';
import { Clock, timeFormatter } from './Clock';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { OverdueComplaints } from './OverdueComplaints';
import { useLiveBoard } from './useLiveBoard';

addTranslations('dashboard', { id, en });

/** Type scales with the screen: ~20px on a 1920×1080 screen, 16px on a laptop or phone. */
function useScreenType() {
  useEffect(() => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = 'clamp(16px, min(1.04vw, 1.85vh), 28px)';
    return () => {
      root.style.fontSize = before;
    };
  }, []);
}

export default function DashboardPage() {
  const { t } = useTranslation(['dashboard', 'common']);
  const slug = useParams().mall ?? '';
  const mall = useMall(slug);
  const me = useMe();
  const signOut = useSignOut();
  useScreenType();

  useEffect(() => {
    document.title = `${t('dashboard:pageTitle')}${mall.data ? ` — ${mall.data.name}` : ''}`;
  }, [mall.data, t]);

  const allowed = me.data !== undefined && me.data.role !== 'officer';
  const { board, stream } = useLiveBoard(slug, allowed && mall.data !== undefined);
  // A screen left on for days outlives its session: then ask again who is signed in (the form).
  const sessionLost = useRef(useSessionLost());
  const lost = isUnauthorized(board.error);
  useEffect(() => {
    if (lost) void sessionLost.current();
  }, [lost]);

  let body: React.ReactNode;
  if (mall.error instanceof ApiError && mall.error.status === 404) body = <Alert text={mall.error.message} />;
  else if (me.isPending || mall.isPending) body = <p aria-live="polite">{t('common:loading')}</p>;
  else if (isUnauthorized(me.error)) body = <SignInForm level={2} heading={t('dashboard:signInHeading')} />;
  else if (me.error || mall.error) body = <Alert text={(me.error ?? mall.error)?.message ?? ''} />;
  else if (!allowed || (board.error instanceof ApiError && board.error.status === 403))
    body = <Alert text={t('dashboard:forbidden')} />;
  else if (board.error && !board.data) body = <Alert text={board.error.message} />;
  else if (!board.data) body = <p aria-live="polite">{t('common:loading')}</p>;
  else body = <Board slug={slug} board={board.data} readAt={board.dataUpdatedAt} />;

  return (
    <div className="flex min-h-full flex-col bg-slate-100">
      <header className="bg-brand-900 px-6 py-2 text-white">
        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
          <div className="min-w-0">
            <p className="truncate text-base text-slate-100">{mall.data?.name ?? 'Loket'}</p>
            <h1 className="text-2xl font-bold leading-tight xl:text-3xl">{t('dashboard:pageTitle')}</h1>
          </div>
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            {allowed && (
              <Freshness
                stream={stream}
                updatedAt={board.data ? board.dataUpdatedAt : null}
                timeZone={mall.data?.timeZone}
              />
            )}
            <Clock timeZone={mall.data?.timeZone} lang={currentLang()} />
            <div className="flex items-center gap-3 text-base">
              {me.data && (
                <button
                  type="button"
                  title={me.data.displayName}
                  onClick={() => void signOut()}
                  className="rounded-lg border-2 border-current px-3 py-1 font-semibold"
                >
                  {t('common:staff.signOut')}
                </button>
              )}
              <LanguageSwitch />
            </div>
          </div>
        </div>
        {/* the other staff screens on a line of their own: the board's clock and state keep the first */}
        {me.data && (
          <div className="text-base">
            <StaffNav links={staffLinks(slug, me.data.role, t, 'dashboard')} />
          </div>
        )}
      </header>
      <main className="flex flex-1 flex-col gap-3 px-6 py-3">{body}</main>
    </div>
  );
}

function Alert({ text }: { text: string }) {
  return (
    <p role="alert" className="text-xl font-semibold text-red-800">
      {text}
    </p>
  );
}

/** Live or reconnecting, and when the board was last read. */
function Freshness({
  stream,
  updatedAt,
  timeZone,
}: {
  stream: StreamState;
  updatedAt: number | null;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation(['dashboard', 'common']);
  const time = useMemo(() => timeFormatter(timeZone), [timeZone]);
  return (
    <div className="text-right leading-tight" data-testid="freshness" data-state={stream}>
      <p role="status" className="text-base font-semibold">
        {stream === 'open' ? (
          <span className="inline-flex items-center gap-2">
            <span aria-hidden="true" className="inline-block size-3 rounded-full bg-green-400" />
            {t('dashboard:live')}
          </span>
        ) : stream === 'reconnecting' ? (
          <span className="rounded-md bg-red-700 px-2 py-0.5">{t('common:offline')}</span>
        ) : (
          t('dashboard:connecting')
        )}
      </p>
      <p className="text-base text-slate-100" data-testid="updated">
        {updatedAt ? t('dashboard:updated', { time: time.format(updatedAt) }) : t('dashboard:notYet')}
      </p>
    </div>
  );
}

interface Row {
  agency: LiveAgency;
  longest: number | null;
  warning: boolean;
}

/** The longest waits move on with the clock between reads; so may a warning start. */
function rows(board: LiveBoard, elapsedSeconds: number): Row[] {
  const out = board.agencies.map((agency, index) => {
    const longest =
      agency.longestWaitSeconds === null || agency.waiting === 0
        ? null
        : agency.longestWaitSeconds + Math.max(0, elapsedSeconds);
    const warning = agency.warning || (longest !== null && longest > agency.thresholdMinutes * 60);
    return { agency, longest, warning, index };
  });
  // Warnings first, the longest wait first among them; the others keep the mall's order, so a
  // card does not wander about the screen with every ticket.
  out.sort((a, b) =>
    a.warning !== b.warning
      ? a.warning
        ? -1
        : 1
      : a.warning
        ? (b.longest ?? 0) - (a.longest ?? 0)
        : a.index - b.index,
  );
  return out;
}

function Board({ slug, board, readAt }: { slug: string; board: LiveBoard; readAt: number }) {
  const { t } = useTranslation('dashboard');
  const now = useNow(15_000);
  const list = rows(board, (now - readAt) / 1000);
  const warnings = list.filter((r) => r.warning).length;
  const counters = board.agencies.reduce((s, a) => s + a.counters, 0);
  const tiles: { key: string; label: string; value: string; unit?: string }[] = [
    { key: 'waiting', label: t('totals.waiting'), value: formatNumber(board.totals.waiting) },
    { key: 'served', label: t('totals.served'), value: formatNumber(board.totals.served) },
    { key: 'issued', label: t('totals.issued'), value: formatNumber(board.totals.issued) },
    {
      key: 'counters',
      label: t('totals.countersOpen'),
      value: formatNumber(board.totals.countersOpen),
      unit: t('totals.countersOf', { count: counters }),
    },
    {
      key: 'wait',
      label: t('totals.waitMean'),
      value: formatMinutes(board.totals.waitMeanSeconds),
      unit: board.totals.waitMeanSeconds === null ? '' : t('totals.minutes'),
    },
  ];

  return (
    <>
      <section aria-labelledby="dash-totals">
        <h2 id="dash-totals" className="sr-only">
          {t('totals.heading')}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
          {tiles.map((tile) => (
            <div
              key={tile.key}
              className="flex items-center justify-between gap-3 rounded-xl bg-white px-4 py-2 shadow-sm ring-1 ring-slate-300"
            >
              <dt className="text-base leading-tight font-semibold text-slate-800">{tile.label}</dt>
              <dd className="whitespace-nowrap text-right" data-testid={`total-${tile.key}`}>
                <span className="text-5xl leading-none font-extrabold tabular-nums text-brand-900">{tile.value}</span>
                {tile.unit && <span className="ml-2 text-lg text-slate-800">{tile.unit}</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <OverdueComplaints slug={slug} />
      <section aria-labelledby="dash-agencies" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-baseline gap-x-4">
          <h2 id="dash-agencies" className="text-xl font-bold">
            {t('agencies.heading')}
          </h2>
          {warnings > 0 ? (
            <p className="flex items-center gap-1.5 text-lg font-bold text-red-800" data-testid="warning-summary">
              <WarningIcon className="size-5 text-red-800 [&>path:last-child]:fill-white" />
              {t('agencies.warningCount', { count: warnings })}
            </p>
          ) : (
            <p className="text-lg text-slate-800">{t('agencies.allWell')}</p>
          )}
        </div>
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(17.5rem,1fr))] gap-2">
          {list.map((r) => (
            <AgencyCard key={r.agency.id} agency={r.agency} longestSeconds={r.longest} warning={r.warning} />
          ))}
        </ul>
      </section>
    </>
  );
}
