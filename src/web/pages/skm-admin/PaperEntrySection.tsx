/**
 * "Entri kuesioner kertas": many malls still collect the SKM on paper; staff copy each sheet in
 * here later. Officers pick among their agency's services, the mall admin among all of them.
 * After each sheet the questionnaire clears (service and date stay, as papers come in batches)
 * and the report above is refetched so its respondent count includes the sheet.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import type { PaperSurveyBody, SkmResponseCreated } from '../../../api/skm';
import { SurveyQuestions } from '../../components/survey/SurveyQuestions';
import {
  EMPTY_SURVEY,
  firstGap,
  gapInputName,
  type SurveyValue,
  surveyBody,
} from '../../components/survey/survey-value';
import { ApiError, api } from '../../lib/api';

const field = 'mt-1 block w-full max-w-md rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5';

export function PaperEntrySection({
  slug,
  today,
  agencies,
  services,
  lockedAgencyId,
}: {
  slug: string;
  today: string;
  agencies: Agency[];
  services: Service[];
  lockedAgencyId: string | null;
}) {
  const { t } = useTranslation(['skmAdmin', 'survey', 'common']);
  const id = useId();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [serviceId, setServiceId] = useState('');
  const [date, setDate] = useState(today);
  const [paper, setPaper] = useState<SurveyValue>(EMPTY_SURVEY);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const own = lockedAgencyId === null ? services : services.filter((s) => s.agencyId === lockedAgencyId);
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));

  const focus = (selector: string) => formRef.current?.querySelector<HTMLElement>(selector)?.focus();

  const miss = (selector: string, message: string) => {
    focus(selector);
    return message;
  };

  /** Names the first thing still missing on the sheet and puts the focus there. */
  const missing = (): string | null => {
    if (!serviceId) return miss(`#${CSS.escape(`${id}-service`)}`, t('skmAdmin:paper.missingService'));
    if (!date || date > today) return miss(`#${CSS.escape(`${id}-date`)}`, t('skmAdmin:paper.badDate'));
    const gap = firstGap(paper);
    if (gap?.kind === 'question')
      return miss(`input[name="${gapInputName('paper', gap)}"]`, t('skmAdmin:paper.missingAnswers'));
    if (gap?.kind === 'profile')
      return miss(
        `input[name="${gapInputName('paper', gap)}"]`,
        t('survey:missingProfile', { name: t(`survey:${gap.field}`) }),
      );
    return null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const problem = missing();
    const answered = surveyBody(paper);
    if (problem || !answered) {
      setError(problem);
      return;
    }
    const body: PaperSurveyBody = { serviceId, date, ...answered };
    setPending(true);
    setError(null);
    try {
      await api.post<SkmResponseCreated>(`/api/malls/${slug}/skm/responses`, body);
      setPaper(EMPTY_SURVEY);
      setSaved(t('skmAdmin:paper.saved'));
      await queryClient.invalidateQueries({ queryKey: ['skm-report', slug] });
      focus('input[name="paper-persyaratan"]');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:error'));
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-2xl bg-white p-5 shadow">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t('skmAdmin:paper.heading')}
      </h2>
      <p className="mt-1 text-slate-700">{t('skmAdmin:paper.intro')}</p>
      <form ref={formRef} onSubmit={submit} noValidate className="mt-4 flex flex-col gap-6">
        <div className="flex flex-wrap gap-4">
          <div className="min-w-80 flex-1 font-semibold">
            <label htmlFor={`${id}-service`} className="block">
              {t('skmAdmin:paper.service')}
            </label>
            <select
              id={`${id}-service`}
              className={field}
              value={serviceId}
              onChange={(e) => setServiceId(e.target.value)}
            >
              <option value="">{t('skmAdmin:paper.chooseService')}</option>
              {own.map((s) => (
                <option key={s.id} value={s.id}>
                  {lockedAgencyId === null ? `${agencyName.get(s.agencyId) ?? ''} — ${s.name}` : s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="font-semibold">
            <label htmlFor={`${id}-date`} className="block">
              {t('skmAdmin:paper.date')}
            </label>
            <input
              id={`${id}-date`}
              type="date"
              required
              max={today}
              className={field}
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
        </div>
        <SurveyQuestions value={paper} onChange={setPaper} namePrefix="paper" variant="staff" />
        <div role="alert" className="font-semibold text-red-800 empty:hidden">
          {error}
        </div>
        <div role="status" className="font-semibold text-green-900">
          {saved}
        </div>
        <div>
          <button
            type="submit"
            disabled={pending}
            className="min-h-11 rounded-lg bg-brand-700 px-6 font-bold text-white hover:bg-brand-800 disabled:opacity-70"
          >
            {pending ? t('skmAdmin:paper.saving') : t('skmAdmin:paper.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
