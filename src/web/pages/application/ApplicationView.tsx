import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationPublic } from '../../../api/applications';
import { groupApplicationCode, spokenCode } from '../../components/application/code';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { currentLang } from '../../i18n';
import { dateAt, longDate, timeAt } from '../book/format';
import { StepIndicator } from './StepIndicator';
import { isFinal, latestNote } from './steps';

const STATUS_TONE: Record<ApplicationPublic['status'], string> = {
  diterima: 'bg-brand-100 text-brand-900',
  diproses: 'bg-brand-100 text-brand-900',
  perlu_perbaikan: 'bg-amber-100 text-amber-950',
  siap_diambil: 'bg-green-100 text-green-900',
  selesai: 'bg-green-100 text-green-900',
  diambil: 'bg-slate-200 text-slate-900',
  ditolak: 'bg-red-100 text-red-900',
};

/** The application on a phone: the code, the step it is at and what the citizen must do, its history. */
export function ApplicationView({ application: a, updatedAt }: { application: ApplicationPublic; updatedAt: number }) {
  const { t } = useTranslation(['application']);
  const lang = currentLang();
  const when = (at: number) =>
    t('application:at', { date: longDate(dateAt(at, a.timeZone), lang), time: timeAt(at, a.timeZone, lang) });
  const agency = a.agencyName;

  return (
    <div className="mx-auto flex min-h-full max-w-md flex-col">
      <header className="flex items-center justify-between gap-3 bg-brand-800 px-4 py-3 text-white">
        <p lang="id" className="text-base font-bold">
          {a.mallName}
        </p>
        <LanguageSwitch className="min-h-11 shrink-0 text-sm" />
      </header>
      <main className="flex flex-1 flex-col gap-4 p-4">
        <section aria-labelledby="application-code-label" className="rounded-2xl bg-white p-5 text-center shadow">
          <h1 id="application-code-label" className="text-base font-semibold text-slate-700">
            {t('application:code')}
          </h1>
          <p
            data-testid="application-code"
            className="my-1 text-[clamp(2rem,11vw,3rem)] leading-none font-extrabold tracking-wide whitespace-nowrap text-brand-800 tabular-nums"
          >
            <span aria-hidden="true">{groupApplicationCode(a.code)}</span>
            <span className="sr-only">{spokenCode(a.code)}</span>
          </p>
          <p lang="id" className="mt-3 text-lg leading-snug font-semibold">
            {a.serviceName}
          </p>
          <p lang="id" className="text-base text-slate-700">
            {agency}
          </p>
          <p className="mt-3 text-sm text-slate-700">
            {t('application:received', { date: longDate(a.receivedDate, lang) })}
          </p>
          {/* a step taken at the agency is read out when the page refreshes */}
          <div aria-live="polite" aria-atomic="true" className="mt-3">
            <p className="text-sm text-slate-700">
              {t('application:statusLabel')}:{' '}
              <span
                data-testid="application-status"
                className={`rounded-full px-3 py-1 text-base font-bold ${STATUS_TONE[a.status]}`}
              >
                {t(`application:status.${a.status}`)}
              </span>
            </p>
          </div>
        </section>

        <StatusCallout application={a} />

        <section aria-labelledby="application-steps" className="rounded-2xl bg-white p-4 shadow">
          <h2 id="application-steps" className="sr-only">
            {t('application:steps')}
          </h2>
          <StepIndicator status={a.status} history={a.history} />
          {!isFinal(a.status) && (
            <div className="mt-4 border-t border-slate-200 pt-3 text-center">
              {a.dueDate ? (
                <p data-testid="application-due" className="text-base font-semibold">
                  {t('application:due', { date: longDate(a.dueDate, lang) })}
                </p>
              ) : (
                <p className="text-base text-slate-800">{t('application:noDue')}</p>
              )}
              {a.overdue && (
                <>
                  <p className="mt-2">
                    <span
                      data-testid="application-overdue"
                      className="rounded-full bg-red-700 px-3 py-1 text-sm font-bold text-white"
                    >
                      {t('application:overdue')}
                    </span>
                  </p>
                  <p className="mt-2 text-sm text-slate-800">{t('application:overdueHint', { agency })}</p>
                </>
              )}
            </div>
          )}
        </section>

        {(a.status === 'diterima' || a.status === 'diproses' || a.status === 'perlu_perbaikan') && (
          <p className="flex gap-2 rounded-xl bg-brand-50 px-4 py-3 text-base text-brand-900">
            <InfoIcon />
            <span>{t('application:bring')}</span>
          </p>
        )}

        <section aria-labelledby="application-history">
          <h2 id="application-history" className="px-1 text-lg font-bold">
            {t('application:history')}
          </h2>
          <ol className="mt-2 flex flex-col gap-2">
            {[...a.history].reverse().map((h) => (
              <li key={`${h.at}-${h.status}`} className="rounded-xl bg-white px-4 py-3 shadow-sm">
                <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-bold">{t(`application:status.${h.status}`)}</span>
                  <span className="text-sm text-slate-700">{when(h.at)}</span>
                </p>
                {h.note && (
                  <p lang="id" className="mt-1 text-base whitespace-pre-line text-slate-800">
                    {h.note}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>

        <p className="mt-auto pt-2 text-center text-sm text-slate-700">
          {t('application:refreshed', { time: timeAt(updatedAt, a.timeZone, lang) })}
        </p>
      </main>
    </div>
  );
}

/** What the citizen must know now: what is missing, why it was rejected, that it is ready. */
function StatusCallout({ application: a }: { application: ApplicationPublic }) {
  const { t } = useTranslation(['application']);
  const agency = a.agencyName;
  if (a.status === 'perlu_perbaikan') {
    return (
      <Callout tone="warning" title={t('application:fix.title')} testId="application-fix">
        <NoteText lead={t('application:fix.lead')} note={latestNote(a.history, 'perlu_perbaikan')} />
        <p className="mt-2">{t('application:fix.hint', { agency })}</p>
      </Callout>
    );
  }
  if (a.status === 'ditolak') {
    return (
      <Callout tone="danger" title={t('application:rejected.title')} testId="application-rejected">
        <NoteText lead={t('application:rejected.lead')} note={latestNote(a.history, 'ditolak')} />
        <p className="mt-2">{t('application:rejected.hint', { agency })}</p>
      </Callout>
    );
  }
  if (a.status === 'siap_diambil') {
    const note = latestNote(a.history, 'siap_diambil');
    return (
      <Callout tone="success" title={t('application:ready.title')} testId="application-ready">
        <p>{t('application:ready.text', { agency, mall: a.mallName })}</p>
        {note && (
          <p lang="id" className="mt-2 font-semibold whitespace-pre-line">
            {note}
          </p>
        )}
        <p className="mt-2 font-bold">{t('application:bring')}</p>
      </Callout>
    );
  }
  if (a.status === 'selesai') return <Callout tone="success" title={t('application:finished')} />;
  if (a.status === 'diambil') return <Callout tone="neutral" title={t('application:collected')} />;
  return null;
}

const TONES = {
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
  danger: 'border-red-700 bg-red-50 text-red-950',
  success: 'border-green-700 bg-green-50 text-green-950',
  neutral: 'border-slate-400 bg-white text-slate-900',
} as const;

function Callout({
  tone,
  title,
  testId,
  children,
}: {
  tone: keyof typeof TONES;
  title: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <section data-testid={testId} className={`rounded-2xl border-2 p-4 text-base ${TONES[tone]}`}>
      <h2 className="text-xl font-bold">{title}</h2>
      {children && <div className="mt-1">{children}</div>}
    </section>
  );
}

function NoteText({ lead, note }: { lead: string; note: string | null }) {
  if (!note) return null;
  return (
    <>
      <p className="font-semibold">{lead}</p>
      <p lang="id" className="mt-1 rounded-lg bg-white/70 px-3 py-2 text-lg font-bold whitespace-pre-line">
        {note}
      </p>
    </>
  );
}

function InfoIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="mt-0.5 size-5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <circle cx="12" cy="12" r="10" />
      <path d="M12 11v6M12 7.5v.5" strokeLinecap="round" />
    </svg>
  );
}
