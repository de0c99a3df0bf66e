import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsUnlocked, beep, unlockAlerts, vibrate } from './alert';

/** The touch that browsers require before a page may beep; a test beep confirms it works. */
export function AlertToggle() {
  const { t } = useTranslation(['ticket']);
  const [on, setOn] = useState(alertsUnlocked);

  const enable = async () => {
    const ok = await unlockAlerts();
    vibrate(200);
    if (ok) beep(1);
    // Vibration alone is still worth saying "on" for, so the state does not depend on audio.
    setOn(true);
  };

  return (
    <div className="rounded-xl border border-slate-300 bg-white p-4">
      <button
        type="button"
        onClick={enable}
        className={`w-full rounded-lg px-4 py-3 text-base font-semibold ${
          on ? 'bg-green-100 text-green-900' : 'bg-brand-700 text-white'
        }`}
      >
        {on ? `✓ ${t('ticket:alertsOn')}` : t('ticket:enableAlerts')}
      </button>
      <p className="mt-2 text-sm text-slate-700">{t('ticket:alertsHint')}</p>
    </div>
  );
}
