/**
 * "Buat permohonan": an officer opens an application after the counter, from the ticket being
 * served (or just finished) or on its own — the service (the ticket's by default), a note for the
 * citizen, and optionally their name, mobile number and e-mail to be told at each step. Then the
 * code large, to read out, its QR code, and the receipt to print.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { ApplicationCreated } from '../../../api/applications';
import type { Agency, Service } from '../../../api/catalog';
import i18next, { currentLang, type Lang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { dateAt, longDate, timeAt } from '../../pages/book/format';
import { Modal } from '../../pages/counter/Modal';
import { ApplicationSlip, type SlipData, type SlipHandle } from './ApplicationSlip';
import { groupApplicationCode, spokenCode } from './code';
import './i18n';
import { useApplicationRules } from './rules';

type Created = Static<typeof ApplicationCreated>;
type Field = 'serviceId' | 'dueDate' | 'note' | 'name' | 'phone' | 'email';
const FIELDS: readonly Field[] = ['serviceId', 'dueDate', 'note', 'name', 'phone', 'email'];

interface Props {
  mall: string;
  mallName: string;
  timeZone: string;
  /** the services it may be for: the counter's, or the staff member's agency's */
  services: Service[];
  agencies: Agency[];
  defaultServiceId?: string | undefined;
  /** the ticket it comes from (its contact is taken when none is typed) */
  ticket?: { id: string; number: string } | null | undefined;
  onClose: () => void;
  onCreated?: (() => void) | undefined;
}

export function NewApplicationDialog({
  mall,
  mallName,
  timeZone,
  services,
  agencies,
  defaultServiceId,
  ticket,
  onClose,
  onCreated,
}: Props) {
  const { t } = useTranslation(['applicationForm', 'common']);
  const sessionLost = useSessionLost();
  const [serviceId, setServiceId] = useState(
    () => services.find((s) => s.id === defaultServiceId)?.id ?? services[0]?.id ?? '',
  );
  const [note, setNote] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [lang, setLang] = useState<'ticket' | Lang>(ticket ? 'ticket' : 'id');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ result: Created; slip: SlipData; lang: Lang } | null>(null);

  const service = services.find((s) => s.id === serviceId);
  const agencyOf = (s: Service | undefined) => agencies.find((a) => a.id === s?.agencyId);
  const rules = useApplicationRules();
  // the standard's period; undefined while the rules load, null when it states none
  const period = service && rules ? rules.standardPeriod(service.standard.duration) : undefined;
  const groups = useMemo(() => {
    const byAgency = new Map<string, Service[]>();
    for (const s of services) byAgency.set(s.agencyId, [...(byAgency.get(s.agencyId) ?? []), s]);
    return [...byAgency].map(([agencyId, list]) => ({ agency: agencies.find((a) => a.id === agencyId), list }));
  }, [services, agencies]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !service) return;
    setBusy(true);
    setErrors({});
    setError(null);
    const body = {
      serviceId,
      ...(ticket ? { ticketId: ticket.id } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(lang !== 'ticket' ? { lang } : {}),
      ...(period === null && dueDate ? { dueDate } : {}),
    };
    try {
      const result = await api.post<Created>(`/api/malls/${encodeURIComponent(mall)}/applications`, body);
      const slipLang: Lang = lang === 'ticket' ? 'id' : lang;
      const now = Date.now();
      setCreated({
        result,
        lang: slipLang,
        slip: {
          mallName,
          code: result.code,
          token: result.token,
          serviceName: service.name,
          agencyName: agencyOf(service)?.name ?? '',
          received: `${longDate(dateAt(now, timeZone), slipLang)}, ${timeAt(now, timeZone, slipLang)}`,
          due: result.dueDate ? longDate(result.dueDate, slipLang) : null,
          ticketNumber: ticket?.number ?? null,
        },
      });
      onCreated?.();
    } catch (err) {
      if (isUnauthorized(err)) void sessionLost();
      const field = err instanceof ApiError ? String(err.body.field ?? '') : '';
      const message = err instanceof ApiError ? err.message : t('common:error');
      if ((FIELDS as readonly string[]).includes(field)) setErrors({ [field as Field]: message });
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal labelledBy="new-application-heading" onClose={onClose} size="max-h-[94vh] w-[50rem]">
      {created ? (
        <CreatedView
          created={created.result}
          slip={created.slip}
          slipLang={created.lang}
          serviceName={service?.name ?? ''}
          agencyName={agencyOf(service)?.shortName ?? ''}
          onClose={onClose}
        />
      ) : (
        <form onSubmit={submit} noValidate className="flex min-h-0 flex-1 flex-col">
          <div className="min-h-0 flex-1 overflow-y-auto p-6">
            <h2 id="new-application-heading" className="text-2xl font-bold">
              {ticket
                ? t('applicationForm:headingFromTicket', { number: ticket.number })
                : t('applicationForm:heading')}
            </h2>
            <p className="mt-1 text-slate-700">{t('applicationForm:hint')}</p>

            <label htmlFor="application-service" className="mt-4 block font-semibold">
              {t('applicationForm:service')}
            </label>
            <select
              id="application-service"
              value={serviceId}
              onChange={(e) => setServiceId(e.target.value)}
              aria-describedby="application-standard"
              className="mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg"
            >
              {groups.length > 1
                ? groups.map((g) => (
                    <optgroup key={g.agency?.id ?? ''} label={g.agency?.shortName ?? ''}>
                      {g.list.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </optgroup>
                  ))
                : services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
            </select>
            <p id="application-standard" className="mt-1 text-slate-700">
              {service && period !== undefined
                ? t(period ? 'applicationForm:standard' : 'applicationForm:noStandard', {
                    duration: service.standard.duration || '—',
                  })
                : null}
            </p>
            <FieldError field="serviceId" errors={errors} />

            {period === null && (
              <TextField
                field="dueDate"
                type="date"
                label={t('applicationForm:dueDate')}
                value={dueDate}
                onChange={setDueDate}
                errors={errors}
                className="max-w-xs"
              />
            )}

            <label htmlFor="application-note" className="mt-4 block font-semibold">
              {t('applicationForm:note')}
            </label>
            <textarea
              id="application-note"
              value={note}
              maxLength={1000}
              rows={2}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby="application-note-hint application-note-error"
              aria-invalid={errors.note ? true : undefined}
              className="mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2 text-lg aria-[invalid=true]:border-red-700"
            />
            <p id="application-note-hint" className="mt-1 text-sm text-slate-700">
              {t('applicationForm:noteHint')}
            </p>
            <FieldError field="note" errors={errors} />

            <fieldset className="mt-4 rounded-xl border-2 border-slate-200 px-4 pt-1 pb-4">
              <legend className="px-1 font-semibold">{t('applicationForm:contact')}</legend>
              <p className="text-sm text-slate-700">
                {t('applicationForm:contactHint')} {ticket ? t('applicationForm:contactFromTicket') : null}
              </p>
              <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
                <TextField
                  field="name"
                  label={t('applicationForm:name')}
                  value={name}
                  onChange={setName}
                  errors={errors}
                  autoComplete="off"
                  maxLength={120}
                />
                <TextField
                  field="phone"
                  type="tel"
                  label={t('applicationForm:phone')}
                  hint={t('applicationForm:phoneHint')}
                  value={phone}
                  onChange={setPhone}
                  errors={errors}
                  autoComplete="off"
                  maxLength={30}
                />
                <TextField
                  field="email"
                  type="email"
                  label={t('applicationForm:email')}
                  value={email}
                  onChange={setEmail}
                  errors={errors}
                  autoComplete="off"
                  maxLength={254}
                />
                <div>
                  <label htmlFor="application-lang" className="mt-3 block font-semibold">
                    {t('applicationForm:lang')}
                  </label>
                  <select
                    id="application-lang"
                    value={lang}
                    onChange={(e) => setLang(e.target.value as 'ticket' | Lang)}
                    className="mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg"
                  >
                    {ticket && <option value="ticket">{t('applicationForm:langTicket')}</option>}
                    <option value="id">{t('applicationForm:langId')}</option>
                    <option value="en">{t('applicationForm:langEn')}</option>
                  </select>
                </div>
              </div>
            </fieldset>
          </div>
          <div className="flex flex-wrap items-center justify-end gap-3 border-t-2 border-slate-200 px-6 py-4">
            <div role="alert" className="min-w-0 flex-1 font-semibold text-red-800 empty:hidden">
              {error}
            </div>
            <button
              type="button"
              onClick={onClose}
              className="rounded-xl border-2 border-slate-600 px-5 py-3 text-lg font-semibold hover:bg-slate-100"
            >
              {t('common:cancel')}
            </button>
            <button
              type="submit"
              disabled={busy || !service}
              className="rounded-xl bg-brand-700 px-5 py-3 text-lg font-bold text-white hover:bg-brand-800 disabled:bg-slate-200 disabled:text-slate-500"
            >
              {busy ? t('applicationForm:sending') : t('applicationForm:submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function FieldError({ field, errors }: { field: Field; errors: Partial<Record<Field, string>> }) {
  return (
    <p id={`application-${field}-error`} className="mt-1 font-semibold text-red-800 empty:hidden">
      {errors[field] ?? ''}
    </p>
  );
}

function TextField({
  field,
  label,
  hint,
  value,
  onChange,
  errors,
  type = 'text',
  className = '',
  autoComplete,
  maxLength,
}: {
  field: Field;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  errors: Partial<Record<Field, string>>;
  type?: string;
  className?: string;
  autoComplete?: string;
  maxLength?: number;
}) {
  const id = `application-${field}`;
  return (
    <div className={className}>
      <label htmlFor={id} className="mt-3 block font-semibold">
        {label}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={`${hint ? `${id}-hint ` : ''}${id}-error`}
        className="mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2 text-lg aria-[invalid=true]:border-red-700"
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
      <FieldError field={field} errors={errors} />
    </div>
  );
}

/** The code to read out, its QR code, and the receipt. */
function CreatedView({
  created,
  slip,
  slipLang,
  serviceName,
  agencyName,
  onClose,
}: {
  created: Created;
  slip: SlipData;
  slipLang: Lang;
  serviceName: string;
  agencyName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation(['applicationForm']);
  const slipT = useMemo(() => i18next.getFixedT(slipLang, 'applicationForm'), [slipLang]);
  const printRef = useRef<HTMLButtonElement>(null);
  const slipRef = useRef<SlipHandle>(null);
  // the receipt prints once its QR code has loaded (at once, nearly always)
  const [qrReady, setQrReady] = useState(false);
  const [printAsked, setPrintAsked] = useState(false);
  useEffect(() => {
    if (qrReady && printAsked) {
      setPrintAsked(false);
      slipRef.current?.print();
    }
  }, [qrReady, printAsked]);
  // The form and its button are gone: the focus goes to what comes next.
  useEffect(() => printRef.current?.focus(), []);
  const lang = currentLang();

  return (
    <div className="flex flex-col p-6" data-testid="application-created">
      <h2 id="new-application-heading" className="text-2xl font-bold text-green-800">
        {t('applicationForm:created')}
      </h2>
      <div className="mt-3 flex items-start gap-6">
        <div className="min-w-0 flex-1">
          <p className="font-semibold text-slate-700">{t('applicationForm:code')}</p>
          <p
            data-testid="application-code"
            className="font-mono text-7xl leading-none font-black tracking-tight whitespace-nowrap text-brand-900"
          >
            <span aria-hidden="true">{groupApplicationCode(created.code)}</span>
            <span className="sr-only">{spokenCode(created.code)}</span>
          </p>
          <p className="mt-3 text-xl leading-tight font-semibold">{serviceName}</p>
          <p className="text-lg text-slate-700">{agencyName}</p>
          <p data-testid="application-created-due" className="mt-2 text-lg font-semibold">
            {created.dueDate
              ? t('applicationForm:due', { date: longDate(created.dueDate, lang) })
              : t('applicationForm:noDue')}
          </p>
        </div>
        <img
          src={`/api/applications/${encodeURIComponent(created.token)}/qr.svg`}
          alt={t('applicationForm:qrAlt', { code: groupApplicationCode(created.code) })}
          width={176}
          height={176}
          className="size-44 shrink-0 [image-rendering:pixelated]"
        />
      </div>
      <p className="mt-4 text-slate-800">{t('applicationForm:readOut')}</p>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <a
          href={`/p/${encodeURIComponent(created.token)}`}
          target="_blank"
          rel="noopener"
          className="mr-auto self-center font-semibold text-brand-700 underline underline-offset-4"
        >
          {t('applicationForm:openPage')}
        </a>
        <button
          ref={printRef}
          type="button"
          onClick={() => setPrintAsked(true)}
          className="rounded-xl border-2 border-brand-700 px-5 py-3 text-lg font-bold text-brand-800 hover:bg-brand-50"
        >
          {t('applicationForm:print')}
        </button>
        <button
          type="button"
          onClick={onClose}
          className="rounded-xl bg-brand-700 px-5 py-3 text-lg font-bold text-white hover:bg-brand-800"
        >
          {t('applicationForm:close')}
        </button>
      </div>
      <ApplicationSlip slip={slip} t={slipT} handle={slipRef} onQrLoaded={() => setQrReady(true)} />
    </div>
  );
}
