import { useTranslation } from 'react-i18next';
import type { SkmFollowup } from '../../../api/skm';
import { SKM_ELEMENTS, type SkmElement } from '../../../domain/skm';
import { currentLang } from '../../i18n';
import { formatDate } from './format';

/** The element's name from the domain, falling back to the one the server sent. */
function elementName(f: SkmFollowup, lang: 'id' | 'en'): string {
  const info = SKM_ELEMENTS[f.element as SkmElement] as (typeof SKM_ELEMENTS)[SkmElement] | undefined;
  return (info?.name ?? f.elementName)[lang];
}

/** The mall's follow-up plan (rencana tindak lanjut) for the period: what, who, by when, done. */
export function FollowupPlan({ followups }: { followups: SkmFollowup[] }) {
  const { t } = useTranslation(['ikm']);
  const lang = currentLang();
  return (
    <section aria-labelledby="ikm-followups" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="ikm-followups" className="text-lg font-bold">
        {t('ikm:followupHeading')}
      </h2>
      {followups.length === 0 ? (
        <p className="mt-2 text-base text-slate-800">{t('ikm:followupEmpty')}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">{t('ikm:followupIntro')}</p>
          <ul className="mt-3 flex flex-col gap-3" aria-labelledby="ikm-followups">
            {followups.map((f) => (
              <li key={f.id} className="rounded-xl border border-slate-200 p-4" data-testid="followup">
                <h3 className="text-base font-bold">{elementName(f, lang)}</h3>
                <p lang="id" className="mt-1 text-base">
                  {f.action}
                </p>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-700">{t('ikm:owner')}</dt>
                  <dd lang="id">{f.owner}</dd>
                  <dt className="text-slate-700">{t('ikm:dueDate')}</dt>
                  <dd>{formatDate(f.dueDate, lang)}</dd>
                </dl>
                <p
                  className={`mt-2 inline-block rounded-full px-3 py-0.5 text-sm font-semibold ${
                    f.done ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-900'
                  }`}
                >
                  <span aria-hidden="true">{f.done ? '✓ ' : '○ '}</span>
                  {f.done ? t('ikm:done') : t('ikm:notDone')}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
