import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSignOut } from '../../lib/session';

interface Props {
  mallName: string;
  officerName?: string | undefined;
  /** "Dindukcapil · Loket 3", the page's h1, once a counter is chosen */
  title?: string | undefined;
  onChangeCounter?: (() => void) | undefined;
  shortcuts?: { on: boolean; toggle: () => void } | undefined;
  /** the counter's state and its buttons, once a counter is chosen */
  presence?: ReactNode;
  /** done before signing out (the counter being left is closed) */
  beforeSignOut?: (() => Promise<void>) | undefined;
  /** the staff list of applications (/:mall/permohonan) */
  applicationsHref?: string | undefined;
  /** the staff list of complaints (/:mall/pengaduan) */
  complaintsHref?: string | undefined;
}

/** Mall, agency and counter, who is signed in, and the controls that are not queue actions. */
export function ConsoleHeader({
  mallName,
  officerName,
  title,
  onChangeCounter,
  shortcuts,
  presence,
  beforeSignOut,
  applicationsHref,
  complaintsHref,
}: Props) {
  const { t } = useTranslation(['counter', 'common']);
  const signOut = useSignOut();
  const small = 'rounded-lg border-2 border-white px-3 py-1 font-semibold hover:bg-brand-700';
  return (
    <header className="flex items-center gap-4 bg-brand-800 px-6 py-3 text-white">
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-3 text-sm">
          <p className="min-w-0 truncate text-brand-100">
            {mallName}
            {/* once a counter is chosen the header is full: the officer goes beside the mall */}
            {title && officerName ? <span className="font-semibold text-white"> · {officerName}</span> : null}
          </p>
          {/* the staff list of applications, on the small line: the counter's name keeps its room */}
          {applicationsHref ? (
            <Link to={applicationsHref} className="shrink-0 font-semibold text-white underline underline-offset-2">
              {t('counter:applications')}
            </Link>
          ) : null}
          {complaintsHref ? (
            <Link to={complaintsHref} className="shrink-0 font-semibold text-white underline underline-offset-2">
              {t('counter:complaints')}
            </Link>
          ) : null}
        </div>
        {title ? <h1 className="truncate text-2xl font-bold">{title}</h1> : null}
      </div>
      {presence}
      {officerName && !title ? <p className="font-semibold">{officerName}</p> : null}
      {shortcuts ? (
        <button type="button" aria-pressed={shortcuts.on} onClick={shortcuts.toggle} className={small}>
          {t('counter:shortcuts')}
          {/* The state is aria-pressed for screen readers; the words are for the eye. */}
          <span aria-hidden="true">: {shortcuts.on ? t('counter:shortcutsOn') : t('counter:shortcutsOff')}</span>
        </button>
      ) : null}
      {onChangeCounter ? (
        <button type="button" onClick={onChangeCounter} className={small}>
          {t('counter:changeCounter')}
        </button>
      ) : null}
      <LanguageSwitch />
      {officerName ? (
        <button
          type="button"
          onClick={async () => {
            await beforeSignOut?.();
            await signOut();
          }}
          className={small}
        >
          {t('counter:signOut')}
        </button>
      ) : null}
    </header>
  );
}
