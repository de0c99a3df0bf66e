/**
 * The complaint form, phone first (360 px): what kind (three big choices), a title and the story,
 * the category, when and where it happened, the agency and service (optional; taken from the
 * ticket or the counter it was opened from), up to three photos with previews, "Anonim" (then no
 * contact fields) or "Rahasiakan identitas saya dari instansi", and a contact to be told of each
 * step. Sent as multipart/form-data; the server's refusal is shown under the field it names. The
 * citizen's page (/:mall/lapor) and the staff's "Catat pengaduan warga" dialog both use it.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { ComplaintCreated } from '../../../api/complaints';
import type { TicketPublic } from '../../../api/queue';
import { COMPLAINT_CATEGORIES, COMPLAINT_KINDS, type ComplaintKind } from '../../../domain/complaint';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { useAgencies, useCounters, useServices } from '../../lib/queries';
import './translations';

export type Created = Static<typeof ComplaintCreated>;

/** What the form was opened about: a ticket page, a counter's QR, a service's standard. */
export interface ComplaintPrefill {
  ticketToken?: string | undefined;
  counterId?: string | undefined;
  agencyId?: string | undefined;
  serviceId?: string | undefined;
}

type Field =
  | 'kind'
  | 'title'
  | 'story'
  | 'category'
  | 'eventDate'
  | 'eventPlace'
  | 'agencyId'
  | 'serviceId'
  | 'photos'
  | 'name'
  | 'phone'
  | 'email';
const FIELDS: readonly Field[] = [
  'kind',
  'title',
  'story',
  'category',
  'eventDate',
  'eventPlace',
  'agencyId',
  'serviceId',
  'photos',
  'name',
  'phone',
  'email',
];

const MAX_PHOTOS = 3;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

interface Photo {
  file: File;
  url: string;
}

const input =
  'min-h-12 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-lg aria-[invalid=true]:border-red-700';

export function ComplaintForm({
  slug,
  today,
  prefill,
  idPrefix = 'complaint',
  onCreated,
}: {
  slug: string;
  /** the mall's local date: the latest day an event can have happened */
  today: string;
  prefill: ComplaintPrefill;
  idPrefix?: string;
  onCreated: (created: Created, anonymous: boolean) => void;
}) {
  const { t } = useTranslation(['complaint', 'common']);
  const agencies = useAgencies(slug);
  const services = useServices(slug);
  const counters = useCounters(slug);
  const ticket = useQuery({
    queryKey: ['ticket', prefill.ticketToken],
    queryFn: () => api.get<TicketPublic>(`/api/tickets/${encodeURIComponent(prefill.ticketToken ?? '')}`),
    enabled: Boolean(prefill.ticketToken),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const counter = prefill.counterId ? counters.data?.find((c) => c.id === prefill.counterId) : undefined;

  const [kind, setKind] = useState<ComplaintKind | ''>('');
  const [title, setTitle] = useState('');
  const [story, setStory] = useState('');
  const [category, setCategory] = useState('');
  const [eventDate, setEventDate] = useState('');
  const [eventPlace, setEventPlace] = useState('');
  const [agencyId, setAgencyId] = useState(prefill.agencyId ?? '');
  const [serviceId, setServiceId] = useState(prefill.serviceId ?? '');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [confidential, setConfidential] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLElement | null>>>({});
  const problemRef = useRef<HTMLDivElement>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const bind = (field: Field) => (el: HTMLElement | null) => {
    refs.current[field] = el;
  };

  // The agency and service the ticket or the counter was for, once they are known (a choice made stays).
  const derivedService = ticket.data?.serviceId;
  const derivedAgency =
    counter?.agencyId ?? services.data?.find((s) => s.id === (derivedService ?? prefill.serviceId))?.agencyId;
  useEffect(() => {
    if (derivedService) setServiceId((v) => v || derivedService);
  }, [derivedService]);
  useEffect(() => {
    if (derivedAgency) setAgencyId((v) => v || derivedAgency);
  }, [derivedAgency]);

  // the previews' object URLs go with the form
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(
    () => () => {
      for (const p of photosRef.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  const agencyServices = useMemo(
    () => (services.data ?? []).filter((s) => s.agencyId === agencyId),
    [services.data, agencyId],
  );

  const id = (field: string) => `${idPrefix}-${field}`;
  const focus = (field: Field) => requestAnimationFrame(() => refs.current[field]?.focus());
  const clear = (field: Field) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const next = [...photos];
    let error: string | undefined;
    for (const file of files) {
      if (next.length >= MAX_PHOTOS) {
        error = t('complaint:form.photoTooMany');
        break;
      }
      if (!PHOTO_TYPES.includes(file.type)) error = t('complaint:form.photoWrongType', { name: file.name });
      else if (file.size > MAX_PHOTO_BYTES) error = t('complaint:form.photoTooBig', { name: file.name });
      else next.push({ file, url: URL.createObjectURL(file) });
    }
    setPhotos(next);
    setErrors((e) => ({ ...e, photos: error }));
    if (photoInput.current) photoInput.current.value = '';
  };
  const removePhoto = (index: number) => {
    const photo = photos[index];
    if (photo) URL.revokeObjectURL(photo.url);
    setPhotos(photos.filter((_, i) => i !== index));
    clear('photos');
    // the next photo's remove button, or the add button, keeps the focus
    requestAnimationFrame(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>(`[data-remove-photo="${idPrefix}"]`);
      (buttons[Math.min(index, buttons.length - 1)] ?? photoInput.current)?.focus();
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    // what the form can say at once; the server says the rest
    const found: Partial<Record<Field, string>> = {};
    if (!kind) found.kind = t('complaint:form.kindRequired');
    if (title.trim().length < 5) found.title = t('complaint:form.titleShort');
    if (story.trim().length < 10) found.story = t('complaint:form.storyShort');
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      setErrors(found);
      setProblem(t('complaint:form.fixFields'));
      focus(first);
      return;
    }
    const form = new FormData();
    const put = (key: string, value: string) => {
      if (value.trim()) form.append(key, value.trim());
    };
    put('kind', kind);
    put('title', title);
    put('story', story);
    put('category', category);
    put('eventDate', eventDate);
    put('eventPlace', eventPlace);
    put('agencyId', agencyId);
    put('serviceId', agencyId ? serviceId : '');
    put('ticketToken', prefill.ticketToken ?? '');
    put('counterId', prefill.counterId ?? '');
    put('lang', currentLang());
    if (anonymous) form.append('anonymous', 'true');
    else {
      if (confidential) form.append('confidential', 'true');
      put('name', name);
      put('phone', phone);
      put('email', email);
    }
    for (const p of photos) form.append('photos', p.file, p.file.name);
    setBusy(true);
    setErrors({});
    try {
      const created = await api.postForm<Created>(`/api/malls/${encodeURIComponent(slug)}/complaints`, form);
      onCreated(created, anonymous);
    } catch (err) {
      const message = err instanceof ApiError ? err.message : t('common:error');
      const field = err instanceof ApiError ? (String(err.body.field ?? '') as Field) : ('' as Field);
      if (FIELDS.includes(field)) {
        setErrors({ [field]: message });
        setProblem(t('complaint:form.fixFields'));
        focus(field);
      } else {
        setProblem(message);
        requestAnimationFrame(() => problemRef.current?.focus());
      }
      setBusy(false);
    }
  };

  const describe = (field: Field, hint: boolean) =>
    [hint ? `${id(field)}-hint` : '', errors[field] ? `${id(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const optional = <span className="font-normal text-slate-700"> ({t('complaint:form.optional')})</span>;

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      {problem && (
        <div
          ref={problemRef}
          tabIndex={-1}
          role="alert"
          className="rounded-xl border-2 border-red-700 bg-red-50 px-4 py-3 text-base text-red-950"
        >
          <p className="font-bold">{t('complaint:form.failed')}</p>
          <p>{problem}</p>
        </div>
      )}

      {(prefill.ticketToken || counter) && (
        <p className="rounded-xl bg-brand-50 px-4 py-3 text-base font-semibold text-brand-900">
          {prefill.ticketToken
            ? ticket.data
              ? t('complaint:form.aboutTicket', { number: ticket.data.number, service: ticket.data.serviceName })
              : t('complaint:form.aboutTicketPlain')
            : t('complaint:form.aboutCounter', {
                counter: [counter?.name, agencies.data?.find((a) => a.id === counter?.agencyId)?.shortName]
                  .filter(Boolean)
                  .join(' · '),
              })}
        </p>
      )}

      <fieldset aria-describedby={errors.kind ? `${id('kind')}-error` : undefined} className="flex flex-col gap-2">
        <legend className="mb-2 text-lg font-bold">{t('complaint:form.kindLegend')}</legend>
        {COMPLAINT_KINDS.map((k, i) => (
          <label
            key={k}
            className="flex min-h-16 cursor-pointer items-start gap-3 rounded-xl border-2 border-slate-400 bg-white p-3 has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700"
          >
            <input
              ref={i === 0 ? bind('kind') : undefined}
              type="radio"
              name={id('kind')}
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                clear('kind');
              }}
              className="mt-1 size-5 shrink-0 accent-brand-700"
            />
            <span>
              <span className="block text-lg font-bold">{t(`complaint:kind.${k}`)}</span>
              <span className="block text-sm text-slate-700">{t(`complaint:kindHint.${k}`)}</span>
            </span>
          </label>
        ))}
        <FieldError id={`${id('kind')}-error`} error={errors.kind} />
      </fieldset>

      <Labelled id={id('title')} label={t('complaint:form.title')} hint={t('complaint:form.titleHint')}>
        <input
          id={id('title')}
          ref={bind('title')}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            clear('title');
          }}
          maxLength={150}
          required
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describe('title', true)}
          className={input}
        />
        <FieldError id={`${id('title')}-error`} error={errors.title} />
      </Labelled>

      <Labelled id={id('story')} label={t('complaint:form.story')} hint={t('complaint:form.storyHint')}>
        <textarea
          id={id('story')}
          ref={bind('story')}
          value={story}
          onChange={(e) => {
            setStory(e.target.value);
            clear('story');
          }}
          rows={5}
          maxLength={4000}
          required
          aria-invalid={errors.story ? true : undefined}
          aria-describedby={describe('story', true)}
          className={input}
        />
        <FieldError id={`${id('story')}-error`} error={errors.story} />
      </Labelled>

      <Labelled id={id('category')} label={t('complaint:form.category')} extra={optional}>
        <select
          id={id('category')}
          ref={bind('category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={describe('category', false)}
          className={input}
        >
          <option value="">{t('complaint:form.chooseCategory')}</option>
          {COMPLAINT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`complaint:category.${c}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${id('category')}-error`} error={errors.category} />
      </Labelled>

      <div className="flex flex-col gap-5">
        <Labelled id={id('eventDate')} label={t('complaint:form.eventDate')} extra={optional}>
          <input
            id={id('eventDate')}
            ref={bind('eventDate')}
            type="date"
            max={today}
            value={eventDate}
            onChange={(e) => {
              setEventDate(e.target.value);
              clear('eventDate');
            }}
            aria-invalid={errors.eventDate ? true : undefined}
            aria-describedby={describe('eventDate', false)}
            className={input}
          />
          <FieldError id={`${id('eventDate')}-error`} error={errors.eventDate} />
        </Labelled>
        <Labelled
          id={id('eventPlace')}
          label={t('complaint:form.eventPlace')}
          extra={optional}
          hint={t('complaint:form.eventPlaceHint')}
        >
          <input
            id={id('eventPlace')}
            ref={bind('eventPlace')}
            value={eventPlace}
            onChange={(e) => {
              setEventPlace(e.target.value);
              clear('eventPlace');
            }}
            maxLength={200}
            aria-invalid={errors.eventPlace ? true : undefined}
            aria-describedby={describe('eventPlace', true)}
            className={input}
          />
          <FieldError id={`${id('eventPlace')}-error`} error={errors.eventPlace} />
        </Labelled>
      </div>

      <Labelled id={id('agencyId')} label={t('complaint:form.agency')} extra={optional}>
        <select
          id={id('agencyId')}
          ref={bind('agencyId')}
          value={agencyId}
          onChange={(e) => {
            setAgencyId(e.target.value);
            setServiceId('');
            clear('agencyId');
          }}
          aria-invalid={errors.agencyId ? true : undefined}
          aria-describedby={describe('agencyId', false)}
          className={input}
        >
          <option value="">{t('complaint:form.anyAgency')}</option>
          {(agencies.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <FieldError id={`${id('agencyId')}-error`} error={errors.agencyId} />
      </Labelled>

      {agencyId && agencyServices.length > 0 && (
        <Labelled id={id('serviceId')} label={t('complaint:form.service')} extra={optional}>
          <select
            id={id('serviceId')}
            ref={bind('serviceId')}
            value={serviceId}
            onChange={(e) => {
              setServiceId(e.target.value);
              clear('serviceId');
            }}
            aria-invalid={errors.serviceId ? true : undefined}
            aria-describedby={describe('serviceId', false)}
            className={input}
          >
            <option value="">{t('complaint:form.anyService')}</option>
            {agencyServices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id('serviceId')}-error`} error={errors.serviceId} />
        </Labelled>
      )}

      <PhotoPicker
        idPrefix={idPrefix}
        photos={photos}
        error={errors.photos}
        inputRef={photoInput}
        onAdd={addPhotos}
        onRemove={removePhoto}
        registerFocus={bind('photos')}
      />

      <fieldset className="flex flex-col gap-3 rounded-2xl border-2 border-slate-300 p-4">
        <legend className="px-1 text-lg font-bold">{t('complaint:form.privacy')}</legend>
        <Check
          id={id('anonymous')}
          checked={anonymous}
          onChange={setAnonymous}
          label={t('complaint:form.anonymous')}
          hint={t('complaint:form.anonymousHint')}
        />
        {!anonymous && (
          <>
            <Check
              id={id('confidential')}
              checked={confidential}
              onChange={setConfidential}
              label={t('complaint:form.confidential')}
              hint={t('complaint:form.confidentialHint')}
            />
            <div className="mt-1 border-t border-slate-200 pt-3">
              <p className="text-base font-bold">{t('complaint:form.contact')}</p>
              <p id={id('contact-hint')} className="text-sm text-slate-700">
                {t('complaint:form.contactHint')}
              </p>
            </div>
            {(['name', 'phone', 'email'] as const).map((f) => (
              <Labelled key={f} id={id(f)} label={t(`complaint:form.${f}`)} extra={optional}>
                <input
                  id={id(f)}
                  ref={bind(f)}
                  value={f === 'name' ? name : f === 'phone' ? phone : email}
                  onChange={(e) => {
                    (f === 'name' ? setName : f === 'phone' ? setPhone : setEmail)(e.target.value);
                    clear(f);
                  }}
                  type={f === 'phone' ? 'tel' : f === 'email' ? 'email' : 'text'}
                  inputMode={f === 'phone' ? 'tel' : f === 'email' ? 'email' : undefined}
                  autoComplete={f === 'name' ? 'name' : f === 'phone' ? 'tel' : 'email'}
                  placeholder={f === 'phone' ? '0812…' : undefined}
                  maxLength={f === 'name' ? 120 : f === 'phone' ? 30 : 254}
                  aria-invalid={errors[f] ? true : undefined}
                  aria-describedby={
                    [id('contact-hint'), errors[f] ? `${id(f)}-error` : ''].filter(Boolean).join(' ') || undefined
                  }
                  className={input}
                />
                <FieldError id={`${id(f)}-error`} error={errors[f]} />
              </Labelled>
            ))}
          </>
        )}
      </fieldset>

      <button
        type="submit"
        disabled={busy}
        className="min-h-14 rounded-xl bg-brand-700 px-4 text-lg font-bold text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {busy ? t('complaint:form.submitting') : t('complaint:form.submit')}
      </button>
    </form>
  );
}

function Labelled({
  id,
  label,
  hint,
  extra,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-base font-semibold">
        {label}
        {extra}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={id} data-testid={id} className="text-base font-semibold text-red-800">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

function Check({
  id,
  checked,
  onChange,
  label,
  hint,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint: string;
}) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        className="mt-1 size-6 shrink-0 accent-brand-700"
      />
      <div>
        <label htmlFor={id} className="text-base font-semibold">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      </div>
    </div>
  );
}

/** Up to three photos: a file input styled as a button, each chosen one previewed with its remove button. */
function PhotoPicker({
  idPrefix,
  photos,
  error,
  inputRef,
  onAdd,
  onRemove,
  registerFocus,
}: {
  idPrefix: string;
  photos: Photo[];
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  onAdd: (files: FileList | null) => void;
  onRemove: (index: number) => void;
  registerFocus: (el: HTMLElement | null) => void;
}) {
  const { t } = useTranslation(['complaint']);
  const id = `${idPrefix}-photos`;
  const full = photos.length >= MAX_PHOTOS;
  return (
    <div className="flex flex-col gap-2">
      <p id={`${id}-label`} className="text-base font-semibold">
        {t('complaint:form.photos')}
        <span className="font-normal text-slate-700"> ({t('complaint:form.optional')})</span>
      </p>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {t('complaint:form.photosHint')}
      </p>
      {photos.length > 0 && (
        <ul className="grid grid-cols-3 gap-2">
          {photos.map((p, i) => (
            <li key={p.url} className="flex flex-col gap-1">
              <img
                src={p.url}
                alt={t('complaint:form.photoAlt', { n: i + 1, name: p.file.name })}
                className="aspect-square w-full rounded-lg border border-slate-300 object-cover"
              />
              <button
                type="button"
                data-remove-photo={idPrefix}
                onClick={() => onRemove(i)}
                className="min-h-11 rounded-lg border-2 border-red-700 bg-white px-1 text-sm font-semibold text-red-800 hover:bg-red-50"
              >
                {t('complaint:form.removePhoto', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!full && (
        <label
          htmlFor={id}
          className="flex min-h-12 cursor-pointer items-center justify-center gap-2 self-start rounded-xl border-2 border-brand-700 bg-white px-4 text-base font-bold text-brand-800 has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700 hover:bg-brand-50"
        >
          <CameraIcon />
          {t('complaint:form.addPhotos')}
          <input
            id={id}
            ref={(el) => {
              inputRef.current = el;
              registerFocus(el);
            }}
            type="file"
            name="photos"
            accept="image/*"
            multiple
            onChange={(e) => onAdd(e.target.files)}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
            className="sr-only"
          />
        </label>
      )}
      {error && (
        <p id={`${id}-error`} data-testid={`${id}-error`} role="alert" className="text-base font-semibold text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

function CameraIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4 8h3l2-3h6l2 3h3v11H4z" strokeLinejoin="round" />
      <circle cx="12" cy="13" r="3.5" />
    </svg>
  );
}
