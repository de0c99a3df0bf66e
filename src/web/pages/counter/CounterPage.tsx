/**
 * The counter console (/:mall/counter): sign in, choose the counter, then serve the line.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Counter } from '../../../api/catalog';
import { SignInForm } from '../../components/SignInForm';
import { addTranslations } from '../../i18n';
import { useAgencies, useCounters, useMall, useServices } from '../../lib/queries';
import { isUnauthorized, useMe } from '../../lib/session';
import { Console } from './Console';
import { ConsoleHeader } from './ConsoleHeader';
import { CounterChoice } from './CounterChoice';
import { loadCounterId, saveCounterId } from './counterChoice';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('counter', { id, en });

export default function CounterPage() {
  const { mall = '' } = useParams();
  const { t } = useTranslation(['counter', 'common']);
  const me = useMe();
  const mallQuery = useMall(mall);
  const mallName = mallQuery.data?.name ?? '';

  if (me.isError && isUnauthorized(me.error)) {
    return (
      <div className="flex h-full flex-col">
        <ConsoleHeader mallName={mallName} />
        <main className="flex-1 p-6">
          <SignInForm heading={t('counter:signIn.heading')} hint={t('counter:title')} />
        </main>
      </div>
    );
  }
  if (!me.data) {
    return (
      <main className="p-8 text-xl">
        <p role={me.isError ? 'alert' : 'status'}>{me.isError ? me.error.message : t('common:loading')}</p>
      </main>
    );
  }
  if (me.data.mallSlug !== mall) {
    return (
      <div className="flex h-full flex-col">
        <ConsoleHeader mallName={mallName} officerName={me.data.displayName} />
        <main className="p-8 text-xl">
          <h1 className="sr-only">{t('counter:title')}</h1>
          <p role="alert">{t('counter:signIn.otherMall', { name: me.data.username })}</p>
        </main>
      </div>
    );
  }
  return <SignedIn mall={mall} mallName={mallName} timeZone={mallQuery.data?.timeZone ?? 'Asia/Jakarta'} />;
}

/** Signed in at this mall: the counter choice, then the console for the chosen counter. */
function SignedIn({ mall, mallName, timeZone }: { mall: string; mallName: string; timeZone: string }) {
  const { t } = useTranslation(['counter', 'common']);
  const me = useMe().data;
  const counters = useCounters(mall);
  const agencies = useAgencies(mall);
  const services = useServices(mall);
  const [chosenId, setChosenId] = useState(() => loadCounterId(mall));

  if (!me) return null;
  if (!counters.data || !agencies.data || !services.data) {
    const failed = counters.error ?? agencies.error ?? services.error;
    return (
      <main className="p-8 text-xl">
        <p role={failed ? 'alert' : 'status'}>{failed ? failed.message : t('common:loading')}</p>
      </main>
    );
  }
  // Only counters this person may operate; a remembered one of another agency is ignored.
  const mine = counters.data.filter((c) => me.agencyId === null || c.agencyId === me.agencyId);
  const chosen = mine.find((c) => c.id === chosenId);
  const choose = (c: Counter | null) => {
    saveCounterId(mall, c?.id ?? null);
    setChosenId(c?.id ?? null);
  };

  if (!chosen) {
    return (
      <div className="flex h-full flex-col">
        <ConsoleHeader mallName={mallName} officerName={me.displayName} />
        <main className="min-h-0 flex-1 overflow-y-auto">
          <CounterChoice counters={mine} agencies={agencies.data} agencyId={me.agencyId} onChoose={choose} />
        </main>
      </div>
    );
  }
  return (
    <Console
      key={chosen.id}
      mall={mall}
      mallName={mallName}
      timeZone={timeZone}
      me={me}
      counter={chosen}
      agencies={agencies.data}
      services={services.data}
      onChangeCounter={() => choose(null)}
    />
  );
}
