/**
 * The frame of the staff's desk screens (evaluation, administration): the mall's name, links to
 * the other staff screens, who is signed in with a sign-out button, the language switch, and the
 * page's title over its body. staffLinks is the one place that decides which staff screens a role
 * is offered; their labels live in the common namespace (staff.links.*).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../api/auth';
import { LanguageSwitch } from './LanguageSwitch';

export interface StaffLink {
  to: string;
  label: string;
}

export type StaffScreen =
  | 'dashboard'
  | 'kinerja'
  | 'skm'
  | 'admin'
  | 'permohonan'
  | 'pengaduan'
  | 'konsultasi'
  | 'counter';

type Role = Me['role'];

/** The staff screens in the order the header shows them, and the roles each is offered to. */
const SCREENS: readonly { screen: StaffScreen; offered: (role: Role) => boolean }[] = [
  { screen: 'dashboard', offered: (role) => role !== 'officer' },
  { screen: 'kinerja', offered: (role) => role !== 'officer' },
  { screen: 'skm', offered: (role) => role !== 'officer' },
  { screen: 'admin', offered: (role) => role === 'mall_admin' || role === 'agency_admin' },
  { screen: 'permohonan', offered: () => true },
  { screen: 'pengaduan', offered: () => true },
  { screen: 'konsultasi', offered: () => true },
  { screen: 'counter', offered: (role) => role !== 'viewer' },
];

/** The other staff screens a role is offered from `current` (which is not linked to itself). */
export function staffLinks(slug: string, role: Role, t: (key: string) => string, current?: StaffScreen): StaffLink[] {
  return SCREENS.filter((s) => s.screen !== current && s.offered(role)).map((s) => ({
    to: `/${slug}/${s.screen}`,
    label: t(`common:staff.links.${s.screen}`),
  }));
}

export function StaffLayout({
  mallName,
  staff,
  links,
  onSignOut,
  title,
  children,
}: {
  mallName: string | undefined;
  /** the signed-in staff member; null before signing in */
  staff: { displayName: string } | null;
  links: StaffLink[];
  onSignOut: () => void;
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <div className="flex min-h-full flex-col bg-slate-100">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <p className="text-lg font-semibold">{mallName ?? 'Loket'}</p>
          <div className="flex flex-wrap items-center gap-3">
            {staff && (
              <>
                {links.length > 0 && <StaffNav links={links} />}
                <span className="hidden md:inline">{staff.displayName}</span>
                <button
                  type="button"
                  onClick={onSignOut}
                  className="rounded-lg border-2 border-current px-3 py-1 font-semibold"
                >
                  {t('staff.signOut')}
                </button>
              </>
            )}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-4 px-4 py-4 sm:px-6">
        <h1 className="text-2xl font-bold">{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** The links to the other staff screens, for a header on a dark background. */
export function StaffNav({ links }: { links: StaffLink[] }) {
  const { t } = useTranslation('common');
  return (
    <nav aria-label={t('staff.linksLabel')} className="flex flex-wrap gap-x-3 gap-y-1">
      {links.map((l) => (
        <Link key={l.to} to={l.to} className="font-semibold underline underline-offset-4">
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
