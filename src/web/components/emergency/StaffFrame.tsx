/**
 * The frame around every staff screen (counter console, live board, evaluation, administration,
 * SKM, applications): the screen itself, and, once someone of this mall is signed in, the crisis
 * center's alerts, loaded apart so citizens' screens never download them.
 */
import { lazy, Suspense } from 'react';
import { Outlet, useParams } from 'react-router';
import { useMe } from '../../lib/session';

const EmergencyAlerts = lazy(() => import('./EmergencyAlerts'));

export function StaffFrame() {
  const { mall = '' } = useParams();
  const me = useMe();
  const signedIn = me.data && me.data.mallSlug === mall ? me.data : null;
  // a column: the alerts (their height kept free above the screen) and the screen in what is left,
  // so a screen made to fit the window (the counter console) still fits with an alert showing
  return (
    <div className="flex h-full flex-col">
      {signedIn && (
        <Suspense fallback={null}>
          <EmergencyAlerts mall={mall} me={signedIn} />
        </Suspense>
      )}
      <div className="min-h-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}
