/**
 * The kiosk's emergency report (the red "Darurat / Emergency" button): what is happening, as big
 * pictograms; where, as a few big places (no typing in a hurry); sent at once, then a calm "staff
 * are coming". Every duty officer's screen sounds it (components/emergency).
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmergencyReported, NewEmergency } from '../../../api/emergencies';
import { EMERGENCY_KINDS, type EmergencyKind } from '../../../domain/emergency';
import { KIND_COLOUR, KindIcon } from '../../components/emergency/KindIcon';
import i18next from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { MessageStep } from './MessageStep';
import { NavBar } from './NavBar';
import { StepHeading } from './StepHeading';
import { cardButton, primaryButton, secondaryButton } from './ui';
import '../../components/emergency/translations';

/** Places a citizen can point to without typing; sent in Indonesian, the staff's language. */
const PLACES = ['nearKiosk', 'waiting', 'counters', 'toilet', 'parking'] as const;

export function EmergencyStep({ mall, onHome }: { mall: string; onHome: () => void }) {
  const { t } = useTranslation(['kiosk', 'emergency']);
  const [kind, setKind] = useState<EmergencyKind | null>(null);
  const send = useMutation({
    mutationFn: (body: NewEmergency) =>
      api.post<EmergencyReported>(`/api/malls/${encodeURIComponent(mall)}/emergencies`, body),
  });
  const report = (place: string | null) => {
    if (!kind) return;
    const inIndonesian = place ? i18next.getFixedT('id', 'emergency')(`kiosk.place.${place}`) : null;
    send.mutate({ kind, source: 'kiosk', ...(inIndonesian ? { place: inIndonesian } : {}) });
  };

  if (send.isPending) return <MessageStep icon="⏳" title={t('emergency:report.sending')} />;
  if (send.isSuccess) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-10 text-center">
        <svg aria-hidden="true" viewBox="0 0 48 48" className="h-[180px] w-[180px] text-green-700">
          <circle cx="24" cy="24" r="22" fill="currentColor" />
          <path d="m14 25 7 7 13-15" fill="none" stroke="white" strokeWidth="5" strokeLinecap="round" />
        </svg>
        <StepHeading className="text-[64px] text-green-900">{t('emergency:report.sentTitle')}</StepHeading>
        <p role="status" className="max-w-[900px] text-[40px] font-semibold leading-snug text-slate-900">
          {t('emergency:kiosk.sent')}
        </p>
        <button type="button" onClick={onHome} className={`${primaryButton} w-full max-w-[820px]`}>
          {t('emergency:kiosk.done')}
        </button>
      </div>
    );
  }
  if (send.isError) {
    return (
      <MessageStep
        icon="⚠️"
        title={t('emergency:kiosk.failed')}
        message={send.error instanceof ApiError ? send.error.message : undefined}
        action={{ label: t('emergency:kiosk.retry'), onClick: () => send.reset() }}
        secondary={{ label: t('kiosk:backToStart'), onClick: onHome }}
      />
    );
  }

  if (!kind) {
    return (
      <div className="flex h-full flex-col gap-6">
        <NavBar onBack={onHome} />
        <StepHeading className="text-[56px] text-red-800">{t('emergency:kiosk.title')}</StepHeading>
        <p className="text-[30px] text-slate-800">{t('emergency:report.kind')}</p>
        <div className="grid grid-cols-2 gap-5">
          {EMERGENCY_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              onClick={() => setKind(k)}
              className={`${cardButton} flex min-h-[320px] flex-col items-center justify-center gap-4 p-6 ${
                k === 'other' ? 'col-span-2 min-h-[220px] flex-row' : ''
              }`}
            >
              <KindIcon kind={k} className={`h-[170px] w-[170px] ${KIND_COLOUR[k]}`} />
              <span className="text-[40px] font-bold leading-tight text-slate-900">{t(`emergency:kind.${k}`)}</span>
            </button>
          ))}
        </div>
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col gap-6">
      <NavBar onBack={() => setKind(null)} onHome={onHome} />
      <StepHeading className="text-[56px] text-red-800">{t('emergency:kiosk.where')}</StepHeading>
      <p className="flex items-center gap-4 text-[32px] font-semibold text-slate-900">
        <KindIcon kind={kind} className={`h-16 w-16 ${KIND_COLOUR[kind]}`} />
        {t(`emergency:kind.${kind}`)}
      </p>
      <div className="grid grid-cols-1 gap-4">
        {PLACES.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => report(p)}
            className={`${cardButton} min-h-[130px] px-8 text-left text-[40px] font-bold text-slate-900`}
          >
            {t(`emergency:kiosk.place.${p}`)}
          </button>
        ))}
        <button type="button" onClick={() => report(null)} className={`${secondaryButton} w-full`}>
          {t('emergency:kiosk.noPlace')}
        </button>
      </div>
    </div>
  );
}
