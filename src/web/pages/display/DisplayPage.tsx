/**
 * The hall display (a TV across the hall, 1920×1080): the latest call large, every counter's
 * current number, the last calls, the running announcements, the date and the clock. Each call
 * is chimed and spoken in Indonesian. /:mall/display?zone=<zoneId> shows one zone's counters.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { addTranslations, currentLang } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useAgencies, useAnnouncements, useCounters, useMall, useServices } from '../../lib/queries';
import { Clock } from './Clock';
import { ConnectionIndicator } from './ConnectionIndicator';
import { CounterGrid } from './CounterGrid';
import './display.css';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { todayOnly } from './feed';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { LatestCall } from './LatestCall';
import { Marquee } from './Marquee';
import { RecentCalls } from './RecentCalls';
import { SoundOverlay } from './SoundOverlay';
import { useDisplayFeed } from './useDisplayFeed';
import { useHallVoice } from './useHallVoice';

addTranslations('display', { id, en });

export default function DisplayPage() {
  const { t } = useTranslation(['display', 'common']);
  const { mall = '' } = useParams();
  const [params] = useSearchParams();
  const zone = params.get('zone') || null;

  const mallQuery = useMall(mall);
  const agencies = useAgencies(mall);
  const counters = useCounters(mall);
  const services = useServices(mall);
  const announcements = useAnnouncements(mall);

  const { sound, announce, enable } = useHallVoice();
  const { feed: allCalls, connection } = useDisplayFeed(mall, zone, announce, () => void announcements.refetch());
  const timeZone = mallQuery.data?.timeZone;
  const today = mallQuery.data?.today;
  // The mall's date comes from the server, re-read now and then so the board empties at its midnight.
  const refetchMall = mallQuery.refetch;
  useEffect(() => {
    const timer = setInterval(() => void refetchMall(), 5 * 60_000);
    return () => clearInterval(timer);
  }, [refetchMall]);
  const feed = useMemo(
    () => (today && timeZone ? todayOnly(allCalls, today, timeZone) : allCalls),
    [allCalls, today, timeZone],
  );

  const agencyById = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a])), [agencies.data]);
  const serviceName = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s.name])), [services.data]);
  const zoneCounters = useMemo(
    () => (counters.data ?? []).filter((c) => zone === null || c.zoneId === zone).sort((a, b) => a.number - b.number),
    [counters.data, zone],
  );

  const mallName = mallQuery.data?.name ?? '';
  useEffect(() => {
    document.title = mallName ? `${t('display:screenTitle')} — ${mallName}` : t('display:screenTitle');
  }, [mallName, t]);

  if (mallQuery.error instanceof ApiError && mallQuery.error.status === 404) {
    return (
      <main className="flex h-screen items-center justify-center bg-slate-950 p-[4vh] text-white">
        <h1 className="text-[5vh] font-bold">{t('display:mallNotFound')}</h1>
      </main>
    );
  }

  const latest = feed.recent[0];
  const latestAgencyId = latest ? counters.data?.find((c) => c.id === latest.counter.id)?.agencyId : undefined;

  return (
    <div className="flex h-screen flex-col overflow-hidden bg-slate-950 text-white">
      <header className="flex items-center justify-between gap-[3vh] bg-brand-900 px-[3vh] py-[1vh]">
        <div className="min-w-0">
          <h1 className="truncate text-[4.8vh] font-extrabold leading-tight">{mallName || '…'}</h1>
        </div>
        <div className="flex shrink-0 items-center gap-[3vh]">
          <ConnectionIndicator state={connection} />
          <Clock timeZone={timeZone} lang={currentLang()} />
          <LanguageSwitch className="text-[2.4vh] text-white" />
        </div>
      </header>
      <main className="grid min-h-0 flex-1 grid-cols-[39fr_61fr] gap-[2vh] p-[2vh]">
        <div className="flex min-h-0 flex-col gap-[2vh]">
          <LatestCall
            call={latest}
            agency={latestAgencyId ? agencyById.get(latestAgencyId) : undefined}
            serviceName={latest ? serviceName.get(latest.ticket.serviceId) : undefined}
          />
          <RecentCalls calls={feed.recent} />
        </div>
        <CounterGrid
          counters={zoneCounters}
          agencies={agencyById}
          current={feed.current}
          latestCounterId={latest?.counter.id}
        />
        {sound === 'blocked' && <SoundOverlay onEnable={enable} />}
      </main>
      <Marquee
        texts={(announcements.data ?? []).map((a) => a.text)}
        fallback={mallName ? t('display:welcome', { mall: mallName }) : ''}
      />
    </div>
  );
}
