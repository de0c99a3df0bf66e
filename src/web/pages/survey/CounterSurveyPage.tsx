/**
 * /:mall/survey/counter/:counterId — a tablet at the counter facing the citizen. The officer
 * signs it in once in the morning; then each ticket finished at this counter brings up its SKM
 * questionnaire (PermenPANRB 14/2017), and the tablet returns to waiting afterwards.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CounterQueue } from '../../../api/queue';
import { SignInForm } from '../../components/SignInForm';
import { addTranslations } from '../../i18n';
import { api } from '../../lib/api';
import { useMall } from '../../lib/queries';
import { isUnauthorized, useMe } from '../../lib/session';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { SurveyKiosk } from './SurveyKiosk';
import { TabletHeader } from './TabletHeader';

addTranslations('surveyTablet', { id, en });

export default function CounterSurveyPage() {
  const { mall = '', counterId = '' } = useParams();
  const { t } = useTranslation(['surveyTablet', 'common']);
  const me = useMe();
  const mallName = useMall(mall).data?.name ?? '';
  const signedIn = me.data?.mallSlug === mall;
  // Checks once that this account may follow the counter, and names it in the header.
  const counter = useQuery({
    queryKey: ['survey-counter', mall, counterId],
    queryFn: () =>
      api.get<CounterQueue>(`/api/malls/${encodeURIComponent(mall)}/counters/${encodeURIComponent(counterId)}/queue`),
    enabled: signedIn,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const frame = (children: ReactNode, counterName?: string) => (
    <div className="flex min-h-full flex-col">
      <TabletHeader mallName={mallName} counterName={counterName} />
      {children}
    </div>
  );

  if (me.isError && isUnauthorized(me.error)) {
    return frame(
      <main className="flex-1 p-6">
        <SignInForm heading={t('surveyTablet:signIn.heading')} hint={t('surveyTablet:signIn.hint')} />
      </main>,
    );
  }
  const problem = me.error ?? counter.error;
  if (problem || (me.data && !signedIn)) {
    return frame(
      <main className="p-8 text-xl">
        <h1 className="text-3xl font-bold">{t('surveyTablet:title')}</h1>
        <p role="alert" className="mt-4">
          {me.data && !signedIn
            ? t('surveyTablet:signIn.otherMall', { name: me.data.username })
            : `${t('surveyTablet:counterError')} ${problem?.message ?? ''}`}
        </p>
      </main>,
    );
  }
  if (!counter.data) {
    return frame(
      <main className="p-8 text-xl">
        <p role="status">{t('common:loading')}</p>
      </main>,
    );
  }
  return frame(
    <SurveyKiosk mall={mall} counterId={counter.data.counter.id} />,
    t('common:counter', { number: counter.data.counter.number }),
  );
}
