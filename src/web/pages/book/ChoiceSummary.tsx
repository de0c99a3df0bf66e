import { useTranslation } from 'react-i18next';
import { Link, type To } from 'react-router';
import type { Agency, Service } from '../../../api/catalog';
import { currentLang } from '../../i18n';
import { clockText, longDate } from './format';
import { bookTo } from './links';
import './translations';

interface Props {
  service: Service;
  agency: Agency | undefined;
  date?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

interface RowProps {
  label: string;
  value: string;
  /** the service's name is Indonesian whatever the screen's language */
  valueLang?: string | undefined;
  change: To;
}

function Row({ label, value, valueLang, change }: RowProps) {
  const { t } = useTranslation(['book']);
  return (
    <div className="grid grid-cols-[1fr_auto] gap-x-3 border-t border-slate-200 py-2 first:border-t-0 first:pt-0 last:pb-0">
      <dt className="col-start-1 text-sm text-slate-700">{label}</dt>
      <dd lang={valueLang} className="col-start-1 min-w-0 font-semibold">
        {value}
      </dd>
      <dd className="col-start-2 row-span-2 row-start-1 -my-1 flex items-start">
        <Link to={change} className="flex min-h-12 items-center px-2 font-semibold text-brand-700 underline">
          {t('book:summary.change')}
          <span className="sr-only"> {label}</span>
        </Link>
      </dd>
    </div>
  );
}

/** What has been chosen so far, each with a way back to change it. */
export function ChoiceSummary({ service, agency, date, start, end }: Props) {
  const { t } = useTranslation(['book']);
  const lang = currentLang();
  return (
    <section aria-label={t('book:summary.label')} className="rounded-2xl bg-white p-4 shadow-sm">
      <dl>
        <Row
          label={t('book:summary.service')}
          value={agency ? `${service.name} — ${agency.shortName}` : service.name}
          valueLang="id"
          change={bookTo({ agency: agency?.code })}
        />
        {date && (
          <Row label={t('book:summary.date')} value={longDate(date, lang)} change={bookTo({ service: service.id })} />
        )}
        {date && start && (
          <Row
            label={t('book:summary.time')}
            value={end ? `${clockText(start, lang)}–${clockText(end, lang)}` : clockText(start, lang)}
            change={bookTo({ service: service.id, date })}
          />
        )}
      </dl>
    </section>
  );
}
