/**
 * /:mall/fasilitas — the mall's facilities for citizens, phone first: the directory; a bookable
 * room's week of busy times with the request form (?room=); a request's status by its link
 * (?booking=, the link in the message).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useFacilities } from '../../components/facility/data';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { useMall } from '../../lib/queries';
import { BackLink } from '../portal/BackLink';
import { BookingStatus } from './BookingStatus';
import { FacilityList } from './FacilityList';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { RoomRequest } from './RoomRequest';

addTranslations('fasilitas', { id, en });

export default function FasilitasPage() {
  const { t } = useTranslation(['fasilitas', 'facility', 'common']);
  const slug = useParams().mall ?? '';
  const [params] = useSearchParams();
  const roomId = params.get('room');
  const token = params.get('booking');
  const mall = useMall(slug);
  const facilities = useFacilities(slug);

  useEffect(() => {
    if (mall.data) document.title = `${t('facility:title')} — ${mall.data.name}`;
  }, [mall.data, t]);

  if (mall.error) return <MessagePage title={t('common:error')} text={mall.error.message} />;
  if (!mall.data) return <MessagePage title={t('common:loading')} />;
  const room = roomId ? facilities.data?.find((f) => f.id === roomId && f.bookable) : undefined;

  let content: React.ReactNode;
  if (token) {
    content = <BookingStatus slug={slug} token={token} timeZone={mall.data.timeZone} />;
  } else if (roomId) {
    content = room ? (
      <RoomRequest slug={slug} room={room} today={mall.data.today} />
    ) : facilities.data ? (
      <p role="alert">{t('fasilitas:roomNotFound')}</p>
    ) : (
      <p>{t('common:loading')}</p>
    );
  } else {
    content = facilities.data ? (
      <FacilityList slug={slug} facilities={facilities.data} timeZone={mall.data.timeZone} />
    ) : (
      <p>{t('common:loading')}</p>
    );
  }

  return (
    <div className="flex min-h-full flex-col">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-3xl items-start justify-between gap-3 px-4 py-4">
          <div>
            <p lang="id" className="text-sm text-brand-50">
              {mall.data.name}
            </p>
            <h1 className="text-2xl leading-tight font-bold">{t('facility:directoryTitle')}</h1>
          </div>
          <LanguageSwitch className="shrink-0 text-sm" />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-4 px-4 py-5">
        {roomId || token ? (
          <BackLink to={`/${slug}/fasilitas`}>{t('fasilitas:backToList')}</BackLink>
        ) : (
          <BackLink to={`/${slug}`}>{t('fasilitas:back')}</BackLink>
        )}
        {content}
      </main>
    </div>
  );
}
