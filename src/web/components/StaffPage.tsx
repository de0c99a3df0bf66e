/**
 * A staff desk screen whole: who is signed in (the sign-in form when nobody is, the change of a
 * generated password before anything else), an account of another mall or a role the screen is
 * not for turned away, the header with the other staff screens (staffLinks) and the sign-out,
 * and the page's title in the tab and over its body. The screen gives only its body, for the
 * signed-in staff member of this mall.
 */
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Me } from '../../api/auth';
import type { MallDetail } from '../../api/catalog';
import { useMall } from '../lib/queries';
import { isUnauthorized, useMe, useSignOut } from '../lib/session';
import { SignInForm } from './SignInForm';
import { StaffLayout, type StaffScreen, staffLinks } from './StaffLayout';

export function StaffPage({
  screen,
  title,
  signInHeading,
  allowed,
  forbidden,
  children,
}: {
  /** this screen, which the header does not link to */
  screen: StaffScreen;
  title: string;
  signInHeading: string;
  /** the roles this screen is for; every staff member's when left out */
  allowed?: (me: Me) => boolean;
  /** what someone signed in whom the screen is not for reads */
  forbidden?: string;
  children: (staff: { slug: string; me: Me; mall: MallDetail }) => ReactNode;
}) {
  const { t } = useTranslation('common');
  const slug = useParams().mall ?? '';
  const mall = useMall(slug);
  const me = useMe();
  const signOut = useSignOut();

  useEffect(() => {
    document.title = `${title}${mall.data ? ` — ${mall.data.name}` : ''}`;
  }, [mall.data, title]);

  let body: ReactNode;
  if (me.isPending || mall.isPending) body = <p aria-live="polite">{t('loading')}</p>;
  else if (isUnauthorized(me.error)) body = <SignInForm level={2} heading={signInHeading} />;
  else if (me.error || mall.error) body = <Alert text={(me.error ?? mall.error)?.message ?? ''} />;
  else if (me.data.mallSlug !== slug) body = <Alert text={t('staff.otherMall', { name: me.data.username })} />;
  else if (allowed && !allowed(me.data)) body = <Alert text={forbidden ?? t('error')} />;
  else body = children({ slug, me: me.data, mall: mall.data });

  return (
    <StaffLayout
      mallName={mall.data?.name}
      staff={me.data ?? null}
      links={me.data ? staffLinks(slug, me.data.role, t, screen) : []}
      onSignOut={() => void signOut()}
      title={title}
    >
      {body}
    </StaffLayout>
  );
}

/** A refusal or failure on a staff screen, read out when it appears. */
export function Alert({ text }: { text: string }) {
  return (
    <p role="alert" className="font-semibold text-red-800">
      {text}
    </p>
  );
}
