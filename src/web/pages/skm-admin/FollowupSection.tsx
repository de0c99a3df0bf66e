import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewSkmFollowup, SkmFollowup, SkmFullReport } from '../../../api/skm';
import { SKM_ELEMENT_KEYS, SKM_ELEMENTS, type SkmElement } from '../../../domain/skm';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';

const field = 'mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5';

/** The follow-up plan (rencana tindak lanjut) of the report's unit and period: list, add, mark done. */
export function FollowupSection({ report }: { report: SkmFullReport }) {
  const { t } = useTranslation(['skmAdmin', 'common']);
  const lang = currentLang();
  const client = useQueryClient();
  const slug = report.unit.mall.slug;
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const [element, setElement] = useState<SkmElement>((report.weakest[0]?.key as SkmElement) ?? 'persyaratan');
  const [action, setAction] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [pending, setPending] = useState(false);

  const refresh = () => client.invalidateQueries({ queryKey: ['skm-report'] });
  const fail = (err: unknown) => setError(err instanceof ApiError ? err.message : t('common:error'));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    const body: NewSkmFollowup = {
      from: report.period.from,
      to: report.period.to,
      ...(report.unit.service ? { serviceId: report.unit.service.id } : {}),
      ...(!report.unit.service && report.unit.agency ? { agencyId: report.unit.agency.id } : {}),
      element,
      action: action.trim(),
      owner: owner.trim(),
      dueDate,
    };
    try {
      await api.post<SkmFollowup>(`/api/malls/${slug}/skm/followups`, body);
      setAction('');
      setOwner('');
      setDueDate('');
      await refresh();
    } catch (err) {
      fail(err);
    } finally {
      setPending(false);
    }
  };

  const toggle = async (f: SkmFollowup) => {
    setError(null);
    try {
      await api.patch(`/api/malls/${slug}/skm/followups/${f.id}`, { done: !f.done });
      await refresh();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section aria-labelledby="skm-followups-heading" className="rounded-2xl bg-white p-5 shadow">
      <h2 id="skm-followups-heading" className="text-xl font-bold">
        {t('skmAdmin:followups.heading')}
      </h2>
      {report.followups.length === 0 ? (
        <p className="mt-2 text-slate-800">{t('skmAdmin:followups.empty')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {report.followups.map((f) => (
            <li key={f.id} className="flex items-start justify-between gap-3 py-2" data-testid="skm-followup">
              <div>
                <p className="font-semibold">{f.elementName[lang]}</p>
                <p>{f.action}</p>
                <p className="text-sm text-slate-700">
                  {t('skmAdmin:followups.ownerDue', { owner: f.owner, due: f.dueDate })}
                </p>
              </div>
              <button
                type="button"
                aria-pressed={f.done}
                onClick={() => void toggle(f)}
                className={`min-h-10 shrink-0 rounded-lg border-2 px-3 font-semibold ${f.done ? 'border-green-800 bg-green-100 text-green-900' : 'border-slate-500 text-slate-800'}`}
              >
                {t('skmAdmin:followups.done')}
                <span className="sr-only">: {f.action}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="mt-4 grid grid-cols-2 gap-3 border-t-2 border-slate-200 pt-4">
        <h3 className="col-span-2 font-bold">{t('skmAdmin:followups.addHeading')}</h3>
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-element`} className="block">
            {t('skmAdmin:followups.element')}
          </label>
          <select
            id={`${id}-element`}
            className={field}
            value={element}
            onChange={(e) => setElement(e.target.value as SkmElement)}
          >
            {SKM_ELEMENT_KEYS.map((k) => (
              <option key={k} value={k}>
                {SKM_ELEMENTS[k].name[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-due`} className="block">
            {t('skmAdmin:followups.dueDate')}
          </label>
          <input
            id={`${id}-due`}
            type="date"
            required
            className={field}
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
          />
        </div>
        <div className="col-span-2 text-sm font-semibold">
          <label htmlFor={`${id}-action`} className="block">
            {t('skmAdmin:followups.action')}
          </label>
          <textarea
            id={`${id}-action`}
            required
            maxLength={1000}
            rows={2}
            className={field}
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
        </div>
        <div className="text-sm font-semibold">
          <label htmlFor={`${id}-owner`} className="block">
            {t('skmAdmin:followups.owner')}
          </label>
          <input
            id={`${id}-owner`}
            required
            maxLength={200}
            className={field}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
          />
        </div>
        <div className="flex items-end">
          <button
            type="submit"
            disabled={pending}
            className="min-h-11 rounded-lg bg-brand-700 px-4 font-bold text-white hover:bg-brand-800 disabled:opacity-70"
          >
            {t('skmAdmin:followups.add')}
          </button>
        </div>
      </form>
      <div role="alert" className="mt-2 min-h-6 font-semibold text-red-800">
        {error}
      </div>
    </section>
  );
}
