/**
 * The frame of the staff's desk screens (evaluation, administration): the mall's name, links to
 * the other staff screens, who is signed in with a sign-out button, the language switch, and the
 * page's title over its body.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';

export interface StaffLink {
  to: string;
  label: string;
}

export function StaffLayout({
  mallName,
  staff,
  links,
  linksLabel,
  signOutLabel,
  onSignOut,
  title,
  children,
}: {
  mallName: string | undefined;
  /** the signed-in staff member; null before signing in */
  staff: { displayName: string } | null;
  links: StaffLink[];
  linksLabel: string;
  signOutLabel: string;
  onSignOut: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-full flex-col bg-slate-100">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <p className="text-lg font-semibold">{mallName ?? 'Loket'}</p>
          <div className="flex flex-wrap items-center gap-3">
            {staff && (
              <>
                {links.length > 0 && (
                  <nav aria-label={linksLabel} className="flex flex-wrap gap-x-3 gap-y-1">
                    {links.map((l) => (
                      <Link key={l.to} to={l.to} className="font-semibold underline underline-offset-4">
                        {l.label}
                      </Link>
                    ))}
                  </nav>
                )}
                <span className="hidden md:inline">{staff.displayName}</span>
                <button
                  type="button"
                  onClick={onSignOut}
                  className="rounded-lg border-2 border-current px-3 py-1 font-semibold"
                >
                  {signOutLabel}
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
