import { useMutation } from '@tanstack/react-query';
import { type Ref, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Booking, NewBooking } from '../../../api/booking';
import type { Agency, Service } from '../../../api/catalog';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { ContactFields } from './ContactFields';
import { type ContactValues, compactNik } from './contact';
import { clockText, longDate } from './format';
import { Notice } from './Notice';
import { OtherServicesPicker } from './OtherServicesPicker';
import { isOtherServiceProblem } from './otherServices';
import { StepHeading } from './StepHeading';
import { useContactForm } from './useContactForm';
import './translations';

export type SlotGone = (back: 'day' | 'slot', message: string) => void;

interface Props {
  slug: string;
  serviceId: string;
  date: string;
  start: string;
  askNik: boolean;
  values: ContactValues;
  onChange: (values: ContactValues) => void;
  /** every agency's services, for the other services of the visit */
  services: Service[];
  agencies: Agency[];
  /** the other services chosen for the same visit */
  alsoServiceIds: string[];
  onAlsoChange: (ids: string[]) => void;
  /** the slot (or the whole day) can no longer be booked: back to choosing, with the reason */
  onSlotGone: SlotGone;
  headingRef: Ref<HTMLHeadingElement>;
}

/** Step 4: who is coming, and any other service for the same visit; then the booking is made and its page opens. */
export function DetailsStep({
  slug,
  serviceId,
  date,
  start,
  askNik,
  values,
  onChange,
  services,
  agencies,
  alsoServiceIds,
  onAlsoChange,
  onSlotGone,
  headingRef,
}: Props) {
  const { t } = useTranslation(['book', 'common']);
  const navigate = useNavigate();
  const form = useContactForm(values, { name: true, nik: askNik });
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const [alsoError, setAlsoError] = useState<string | null>(null);
  const alsoSearchRef = useRef<HTMLInputElement>(null);
  // the booked service itself is never one of the others (chosen before going back to pick it)
  const others = alsoServiceIds.filter((id) => id !== serviceId);

  const book = useMutation({
    mutationFn: () => {
      const body: NewBooking = {
        serviceId,
        date,
        start,
        name: values.name.trim(),
        phone: values.phone.trim(),
        lang: currentLang(),
        ...(askNik ? { nik: compactNik(values.nik) } : {}),
        ...(values.email.trim() ? { email: values.email.trim() } : {}),
        ...(others.length > 0 ? { alsoServiceIds: others } : {}),
      };
      return api.post<Booking>(`/api/malls/${encodeURIComponent(slug)}/bookings`, body);
    },
    onSuccess: (made) => navigate(`/b/${made.token}`, { state: { justBooked: true } }),
    onError: (error) => {
      if (form.showServerError(error)) return;
      const code = error instanceof ApiError ? error.code : '';
      const chosen = services.filter((s) => others.includes(s.id));
      if (error instanceof ApiError && isOtherServiceProblem(code, error.body, chosen)) {
        setAlsoError(error.message);
        alsoSearchRef.current?.focus();
        return;
      }
      const field = error instanceof ApiError ? String(error.body.field ?? '') : '';
      const when = { date: longDate(date, currentLang()), time: clockText(start, currentLang()) };
      if (code === 'slot_full') return onSlotGone('slot', t('book:details.slotFull', when));
      if (field === 'start') return onSlotGone('slot', error.message);
      if (code === 'booking_closed' || field === 'date') return onSlotGone('day', error.message);
      const byNik = error instanceof ApiError && error.body.by === 'nik';
      setProblem(
        code === 'duplicate_booking'
          ? {
              title: t('book:details.duplicateTitle'),
              text: t(byNik ? 'book:details.duplicateNik' : 'book:details.duplicatePhone', { date: when.date }),
            }
          : { title: t('book:details.failed'), text: error.message },
      );
      requestAnimationFrame(() => problemRef.current?.focus());
    },
  });

  return (
    <section className="flex flex-col gap-4">
      <StepHeading step="details" headingRef={headingRef} />
      {problem && (
        <Notice tone="error" title={problem.title} noticeRef={problemRef}>
          {problem.text}
        </Notice>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setProblem(null);
          setAlsoError(null);
          if (form.validate()) book.mutate();
        }}
        className="flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm"
      >
        <ContactFields
          idPrefix="book"
          values={values}
          errors={form.errors}
          onChange={onChange}
          ask={{ name: true, nik: askNik }}
          refs={form.refs}
        />
        <OtherServicesPicker
          services={services}
          agencies={agencies}
          bookedServiceId={serviceId}
          value={others}
          onChange={(ids) => {
            setAlsoError(null);
            onAlsoChange(ids);
          }}
          error={alsoError ?? undefined}
          searchRef={alsoSearchRef}
        />
        <p className="text-sm text-slate-700">{t('book:details.privacy')}</p>
        <button
          type="submit"
          disabled={book.isPending}
          className="min-h-14 rounded-xl bg-brand-700 px-4 text-lg font-bold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          {book.isPending ? t('book:details.submitting') : t('book:details.submit')}
        </button>
      </form>
    </section>
  );
}
