/**
 * /:mall/admin — the administration screens (issue #6 point 1), desktop first and readable on a
 * phone. A mall admin manages everything in the mall: agencies, services with their standards,
 * counters, display zones, staff accounts, opening hours and special days, the display's running
 * text, online booking (each service's rules, the day's bookings, booking on a citizen's behalf) and
 * the messages to citizens (channels and outbox). An agency admin sees only what they may change:
 * their own agency's services and their booking, counters and officers. The open tab lives in the
 * address (?tab=…).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../../api/auth';
import type { MallDetail } from '../../../api/catalog';
import { StaffPage } from '../../components/StaffPage';
import { addTranslations } from '../../i18n';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { AgenciesTab } from './AgenciesTab';
import { AnnouncementsTab } from './AnnouncementsTab';
import { BookingTab } from './BookingTab';
import { CountersTab } from './CountersTab';
import { useAdminAgencies } from './data';
import { FacilitiesTab } from './FacilitiesTab';
import { HoursTab } from './HoursTab';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { MessagesTab } from './MessagesTab';
import { ServicesTab } from './ServicesTab';
import { SettingsTab } from './SettingsTab';
import { UsersTab } from './UsersTab';
import { ZonesTab } from './ZonesTab';

addTranslations('admin', { id, en });

const MALL_TABS = [
  'agencies',
  'services',
  'booking',
  'counters',
  'users',
  'hours',
  'announcements',
  'facilities',
  'zones',
  'messages',
  'settings',
] as const;
const AGENCY_TABS = ['services', 'booking', 'counters', 'users'] as const;
type Tab = (typeof MALL_TABS)[number];

export default function AdminPage() {
  const { t } = useTranslation('admin');
  return (
    <StaffPage
      screen="admin"
      title={t('pageTitle')}
      signInHeading={t('signInHeading')}
      allowed={(me) => me.role === 'mall_admin' || me.role === 'agency_admin'}
      forbidden={t('forbidden')}
    >
      {({ slug, me, mall }) => <Administration slug={slug} me={me} mall={mall} />}
    </StaffPage>
  );
}

function Administration({ slug, me, mall }: { slug: string; me: Me; mall: MallDetail }) {
  const { t } = useTranslation('admin');
  const [params] = useSearchParams();
  const ownAgencyId = me.role === 'mall_admin' ? null : me.agencyId;
  const tabs: readonly Tab[] = ownAgencyId === null ? MALL_TABS : AGENCY_TABS;
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : (tabs[0] ?? 'services');
  const agencies = useAdminAgencies(slug);
  const ownAgency = ownAgencyId ? agencies.data?.find((a) => a.id === ownAgencyId) : null;

  // A session that ended meanwhile (401 on a list): ask again who is signed in.
  const sessionLost = useRef(useSessionLost());
  const lost = isUnauthorized(agencies.error);
  useEffect(() => {
    if (lost) void sessionLost.current();
  }, [lost]);

  return (
    <>
      {ownAgency && <p className="text-slate-800">{t('agencyScope', { name: ownAgency.name })}</p>}
      <nav aria-label={t('tabsLabel')}>
        <ul className="flex flex-wrap gap-2">
          {tabs.map((key) => (
            <li key={key}>
              <Link
                to={`?tab=${key}`}
                aria-current={tab === key ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg border-2 px-3 font-semibold ${
                  tab === key
                    ? 'border-brand-800 bg-brand-800 text-white'
                    : 'border-brand-700 bg-white text-brand-800 hover:bg-brand-50'
                }`}
              >
                {t(`tabs.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'agencies' && <AgenciesTab slug={slug} />}
      {tab === 'services' && <ServicesTab slug={slug} ownAgencyId={ownAgencyId} />}
      {tab === 'counters' && <CountersTab slug={slug} ownAgencyId={ownAgencyId} />}
      {tab === 'zones' && <ZonesTab slug={slug} />}
      {tab === 'users' && <UsersTab slug={slug} me={me} />}
      {tab === 'hours' && <HoursTab slug={slug} mall={mall} />}
      {tab === 'announcements' && <AnnouncementsTab slug={slug} />}
      {tab === 'facilities' && <FacilitiesTab slug={slug} today={mall.today} />}
      {tab === 'booking' && <BookingTab slug={slug} mall={mall} ownAgencyId={ownAgencyId} />}
      {tab === 'messages' && <MessagesTab slug={slug} mall={mall} />}
      {tab === 'settings' && <SettingsTab slug={slug} />}
    </>
  );
}
