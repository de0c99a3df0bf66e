import { useTranslation } from 'react-i18next';
import type { SkmFullReport } from '../../../api/skm';
import { currentLang } from '../../i18n';
import { twoDecimals } from './format';

/** The nine elements' NRR, score (NRR × 25) and grade, and the three weakest. */
export function ElementTable({ report }: { report: SkmFullReport }) {
  const { t } = useTranslation('skmAdmin');
  const lang = currentLang();
  if (report.elements.length === 0) {
    return (
      <section aria-labelledby="skm-elements-heading" className="rounded-2xl bg-white p-5 shadow">
        <h2 id="skm-elements-heading" className="text-xl font-bold">
          {t('elements.heading')}
        </h2>
        <p className="mt-2" data-testid="skm-empty">
          {t('elements.empty')}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="skm-elements-heading" className="rounded-2xl bg-white p-5 shadow">
      <h2 id="skm-elements-heading" className="text-xl font-bold">
        {t('elements.heading')}
      </h2>
      <table className="mt-3 w-full text-left" data-testid="skm-elements">
        <thead className="border-b-2 border-slate-300 text-sm">
          <tr>
            <th scope="col" className="py-1">
              {t('elements.element')}
            </th>
            <th scope="col" className="py-1 pl-4 text-right">
              {t('elements.nrr')}
            </th>
            <th scope="col" className="py-1 pl-4 text-right">
              {t('elements.score')}
            </th>
            <th scope="col" className="py-1 pl-4">
              {t('elements.grade')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.elements.map((e) => (
            <tr key={e.key} className="border-b border-slate-200">
              <th scope="row" className="py-1 font-normal">
                {e.name[lang]}
              </th>
              <td className="py-1 pl-4 text-right tabular-nums whitespace-nowrap">{twoDecimals(e.nrr)}</td>
              <td className="py-1 pl-4 text-right tabular-nums whitespace-nowrap">{twoDecimals(e.score)}</td>
              <td className="py-1 pl-4">
                {e.grade} — {e.label[lang]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="mt-4 font-bold">{t('elements.weakest')}</h3>
      <ol className="mt-1 list-decimal pl-6" data-testid="skm-weakest">
        {report.weakest.map((e) => (
          <li key={e.key}>
            {e.name[lang]} — {twoDecimals(e.nrr)} ({e.grade})
          </li>
        ))}
      </ol>
    </section>
  );
}
