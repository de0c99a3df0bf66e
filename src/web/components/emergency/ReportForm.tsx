/**
 * "Lapor darurat" on a phone or a staff screen: what is happening (big pictograms), where, and a
 * word more; sent at once. The kiosk has its own, larger, touch-only steps (pages/kiosk).
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmergencyReported, NewEmergency } from '../../../api/emergencies';
import { EMERGENCY_KINDS, type EmergencyKind } from '../../../domain/emergency';
import { ApiError, api } from '../../lib/api';
import { KIND_COLOUR, KindIcon } from './KindIcon';
import './translations';

export function ReportForm({
  mall,
  source,
  onSent,
  onCancel,
}: {
  mall: string;
  /** a citizen's phone says portal; a signed-in staff member's report is recorded as theirs */
  source?: 'portal';
  onSent: (reported: EmergencyReported) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('emergency');
  const ids = useId();
  const [kind, setKind] = useState<EmergencyKind | null>(null);
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: (body: NewEmergency) =>
      api.post<EmergencyReported>(`/api/malls/${encodeURIComponent(mall)}/emergencies`, body),
    onSuccess: onSent,
  });
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!kind) return;
        send.mutate({
          kind,
          ...(place.trim() ? { place: place.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(source ? { source } : {}),
        });
      }}
    >
      <fieldset>
        <legend className="mb-2 text-lg font-bold">{t('report.kind')}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {EMERGENCY_KINDS.map((k) => (
            <label
              key={k}
              className={`flex min-h-[88px] cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 p-2 text-center font-semibold has-[:checked]:border-red-700 has-[:checked]:bg-red-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-500 ${
                kind === k ? 'border-red-700' : 'border-slate-300'
              }`}
            >
              <input
                type="radio"
                name={`${ids}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="sr-only"
              />
              <KindIcon kind={k} className={`h-10 w-10 ${KIND_COLOUR[k]}`} />
              <span>{t(`kind.${k}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1 font-semibold" htmlFor={`${ids}-place`}>
        {t('report.place')}
        <input
          id={`${ids}-place`}
          value={place}
          maxLength={100}
          onChange={(e) => setPlace(e.target.value)}
          aria-describedby={`${ids}-place-hint`}
          className="rounded-lg border-2 border-slate-400 px-3 py-2 font-normal"
        />
        <span id={`${ids}-place-hint`} className="text-sm font-normal text-slate-700">
          {t('report.placeHint')}
        </span>
      </label>
      <label className="flex flex-col gap-1 font-semibold" htmlFor={`${ids}-note`}>
        {t('report.note')}
        <textarea
          id={`${ids}-note`}
          value={note}
          maxLength={300}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          className="rounded-lg border-2 border-slate-400 px-3 py-2 font-normal"
        />
      </label>
      {send.error && (
        <p role="alert" className="font-semibold text-red-800">
          {send.error instanceof ApiError ? send.error.message : String(send.error)}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-3">
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-lg border-2 border-slate-500 px-4 py-2 font-semibold"
          >
            {t('report.cancel')}
          </button>
        )}
        <button
          type="submit"
          disabled={!kind || send.isPending}
          className="rounded-lg bg-red-700 px-5 py-2 text-lg font-bold text-white disabled:bg-slate-400"
        >
          {send.isPending ? t('report.sending') : t('report.send')}
        </button>
      </div>
    </form>
  );
}
