/**
 * /:mall — the mall's public page for citizens, phone first: the hours, a search over every
 * service, the agencies, and each service's published standard. Where the person is lives in the
 * URL (?q=, ?agency=, ?service=), so the back button walks back through it.
 */
import { type ReactNode, type Ref, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationType, useParams, useSearchParams } from 'react-router';
import type { Agency } from '../../../api/catalog';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useAgencies, useMall, useServices } from '../../lib/queries';
import { AgencyList } from './AgencyList';
import { AgencyServices } from './AgencyServices';
import { BackLink } from './BackLink';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { placeTo } from './links';
import { MallHeader } from './MallHeader';
import { PortalFooter } from './PortalFooter';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import { ServiceStandard } from './ServiceStandard';
import { indexServices, searchServices } from './search';

addTranslations('portal', { id, en });

export default function PortalPage() {
  const { t } = useTranslation(['portal', 'common']);
  const slug = useParams().mall ?? '';
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const agencyParam = params.get('agency');
  const serviceParam = params.get('service');

  const mall = useMall(slug);
  const agencies = useAgencies(slug);
  const services = useServices(slug);

  const agencyMap = useMemo(
    () => new Map<string, Agency>((agencies.data ?? []).map((a) => [a.id, a])),
    [agencies.data],
  );
  const index = useMemo(
    () => (services.data && agencies.data ? indexServices(services.data, agencyMap) : undefined),
    [services.data, agencies.data, agencyMap],
  );
  const searching = q.trim() !== '';
  const results = useMemo(() => (index && searching ? searchServices(index, q) : undefined), [index, q, searching]);

  const service = serviceParam ? services.data?.find((s) => s.id === serviceParam) : undefined;
  const agency = agencyParam ? agencies.data?.find((a) => a.code === agencyParam || a.id === agencyParam) : undefined;
  const view = serviceParam ? 'service' : searching ? 'search' : agencyParam ? 'agency' : 'home';

  // After moving to another view, put focus on its heading (screen readers announce where they
  // are) and, on a new step, start at the top; the back button keeps the browser's scroll.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();
  const viewKey = `${view}:${serviceParam ?? agencyParam ?? ''}`;
  const firstView = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the view changes, not on every render
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    if (view === 'search') return; // focus stays in the search field while typing
    if (navigationType === 'PUSH') window.scrollTo(0, 0);
    headingRef.current?.focus({ preventScroll: true });
  }, [viewKey]);

  useEffect(() => {
    if (!mall.data) return;
    document.title = service ? `${service.name} — ${mall.data.name}` : mall.data.name;
  }, [mall.data, service]);

  if (mall.error instanceof ApiError && mall.error.status === 404) {
    return <MessagePage title={t('portal:mallNotFound')} text={t('portal:mallNotFoundHint')} />;
  }
  if (mall.error) {
    return <MessagePage title={t('common:error')} text={mall.error.message} onRetry={() => void mall.refetch()} />;
  }
  if (!mall.data) return <MessagePage title={t('common:loading')} />;

  const onSearch = (text: string) => {
    // The first letter makes a new history step; the following ones only refine it.
    setParams(text ? { q: text } : {}, { replace: searching });
  };
  const onSubmit = () => {
    if (searching) headingRef.current?.focus();
  };

  let content: ReactNode;
  if (view === 'service') {
    content = service ? (
      <ServiceStandard
        slug={slug}
        service={service}
        agency={agencyMap.get(service.agencyId)}
        mallName={mall.data.name}
        today={mall.data.today}
        headingRef={headingRef}
      />
    ) : services.data ? (
      <NotFound title={t('portal:serviceNotFound')} headingRef={headingRef} />
    ) : (
      <p>{t('common:loading')}</p>
    );
  } else if (view === 'search') {
    content = <SearchResults query={q} results={results} agencies={agencyMap} headingRef={headingRef} />;
  } else if (view === 'agency') {
    content = agency ? (
      <AgencyServices
        agency={agency}
        services={services.data?.filter((s) => s.agencyId === agency.id)}
        mallName={mall.data.name}
        headingRef={headingRef}
      />
    ) : agencies.data ? (
      <NotFound title={t('portal:agencyNotFound')} headingRef={headingRef} />
    ) : (
      <p>{t('common:loading')}</p>
    );
  } else {
    content = agencies.data ? (
      <AgencyList agencies={agencies.data} mallName={mall.data.name} headingRef={headingRef} />
    ) : (
      <p>{t('common:loading')}</p>
    );
  }

  return (
    <div className="flex min-h-full flex-col">
      <MallHeader mall={mall.data} />
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-6 px-4 py-5">
        <SearchBox query={q} onChange={onSearch} onSubmit={onSubmit} />
        {content}
      </main>
      <PortalFooter slug={slug} />
    </div>
  );
}

function NotFound({ title, headingRef }: { title: string; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation(['portal']);
  return (
    <section className="flex flex-col gap-2">
      <h2 ref={headingRef} tabIndex={-1} className="text-xl font-bold">
        {title}
      </h2>
      <BackLink to={placeTo({})}>{t('portal:allAgencies')}</BackLink>
    </section>
  );
}
