/**
 * Opening hours per weekday, with breaks (several spans a day: Friday prayer), and special days: a
 * date or a range closed (a holiday) or with other hours (Ramadan). Mall admin.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type SpecialDay } from '../../../api/admin';
import type { MallDetail, OpeningHours } from '../../../api/catalog';
import { ApiError, api } from '../../lib/api';
import { mallPath, useRefresh, useSpecialDays } from './data';
import { str, useFormSubmit } from './form';
import { ListState } from './shared';
import { CheckBox, ConfirmButton, FormMessage, Group, Panel, primaryButton, Row, smallButton, TextField } from './ui';

type Span = { open: string; close: string };
type Weekday = keyof OpeningHours['weekly'];
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A time field cannot hold 24:00: midnight at the end of a span is shown as 00:00 and sent as 24:00. */
const toField = (clock: string) => (clock === '24:00' ? '00:00' : clock);
const fromFields = (spans: Span[]): Span[] =>
  spans.map((s) => ({ open: s.open, close: s.close === '00:00' ? '24:00' : s.close }));

/** Spans as people read them: "08.00–12.00, 13.00–16.00". */
export function spansText(spans: readonly Span[]) {
  return spans.map((s) => `${s.open}–${s.close}`).join(', ');
}

/** The spans of one day: each a pair of times, removable; another can be added (a break between). */
function SpanEditor({
  dayLabel,
  spans,
  onChange,
}: {
  dayLabel: string;
  spans: Span[];
  onChange: (spans: Span[]) => void;
}) {
  const { t } = useTranslation('admin');
  const id = useId();
  const set = (i: number, key: keyof Span, value: string) =>
    onChange(spans.map((s, j) => (j === i ? { ...s, [key]: value } : s)));
  return (
    <div className="flex flex-col gap-2">
      {spans.length === 0 && <p className="font-semibold text-slate-800">{t('hours.closed')}</p>}
      {spans.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: spans have no identity but their place
        <div key={i} className="flex flex-wrap items-end gap-2">
          <div className="text-sm">
            <label htmlFor={`${id}-${i}-open`} className="block font-semibold">
              {t('hours.open')}
              <span className="sr-only"> {t('hours.spanOf', { day: dayLabel, n: i + 1 })}</span>
            </label>
            <input
              id={`${id}-${i}-open`}
              type="time"
              required
              value={toField(s.open)}
              onChange={(e) => set(i, 'open', e.target.value)}
              className="mt-1 rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5"
            />
          </div>
          <div className="text-sm">
            <label htmlFor={`${id}-${i}-close`} className="block font-semibold">
              {t('hours.close')}
              <span className="sr-only"> {t('hours.spanOf', { day: dayLabel, n: i + 1 })}</span>
            </label>
            <input
              id={`${id}-${i}-close`}
              type="time"
              required
              value={toField(s.close)}
              onChange={(e) => set(i, 'close', e.target.value)}
              className="mt-1 rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5"
            />
          </div>
          <button type="button" className={smallButton} onClick={() => onChange(spans.filter((_, j) => j !== i))}>
            {t('hours.removeSpan')}
            <span className="sr-only"> {t('hours.spanOf', { day: dayLabel, n: i + 1 })}</span>
          </button>
        </div>
      ))}
      {spans.length < 6 && (
        <div>
          <button
            type="button"
            className={smallButton}
            onClick={() => {
              const last = spans[spans.length - 1];
              onChange([
                ...spans,
                last ? { open: toField(last.close), close: '16:00' } : { open: '08:00', close: '16:00' },
              ]);
            }}
          >
            {spans.length === 0 ? t('hours.openDay') : t('hours.addSpan')}
            <span className="sr-only"> ({dayLabel})</span>
          </button>
        </div>
      )}
    </div>
  );
}

export function HoursTab({ slug, mall }: { slug: string; mall: MallDetail }) {
  return (
    <div className="flex flex-col gap-4">
      <SpecialDays slug={slug} today={mall.today} />
      <WeeklyHours key={JSON.stringify(mall.openingHours)} slug={slug} weekly={mall.openingHours.weekly} />
    </div>
  );
}

function WeeklyHours({ slug, weekly }: { slug: string; weekly: OpeningHours['weekly'] }) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  const client = useQueryClient();
  const [draft, setDraft] = useState<OpeningHours['weekly']>(weekly);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const save = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    if (!e.currentTarget.checkValidity()) {
      setError(t('hours.fillTimes'));
      return;
    }
    const out = Object.fromEntries(WEEKDAYS.map((d) => [d, fromFields(draft[d])])) as OpeningHours['weekly'];
    setPending(true);
    try {
      await api.put(mallPath(slug, 'opening-hours'), { weekly: out });
      await client.invalidateQueries({ queryKey: ['mall', slug] });
      await refresh();
      setSaved(t('hours.saved'));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:error'));
    } finally {
      setPending(false);
    }
  };

  return (
    <Panel title={t('hours.heading')}>
      <p className="mb-3 text-slate-800">{t('hours.intro')}</p>
      <form noValidate onSubmit={save} className="flex flex-col gap-3">
        <ul className="divide-y divide-slate-200">
          {WEEKDAYS.map((day) => (
            <li key={day} className="grid gap-2 py-3 sm:grid-cols-[8rem_1fr]">
              <p className="font-bold">{t(`weekday.${day}`)}</p>
              <SpanEditor
                dayLabel={t(`weekday.${day}`)}
                spans={draft[day]}
                onChange={(spans) => setDraft({ ...draft, [day]: spans })}
              />
            </li>
          ))}
        </ul>
        <div>
          <button type="submit" className={primaryButton} disabled={pending}>
            {pending ? t('saving') : t('hours.save')}
          </button>
        </div>
        <FormMessage error={error} success={saved} />
      </form>
    </Panel>
  );
}

function SpecialDays({ slug, today }: { slug: string; today: string }) {
  const { t, i18n } = useTranslation('admin');
  const days = useSpecialDays(slug);
  const refresh = useRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const [closed, setClosed] = useState(true);
  const [spans, setSpans] = useState<Span[]>([{ open: '08:00', close: '14:00' }]);
  const [to, setTo] = useState('');
  const [weekdays, setWeekdays] = useState<Weekday[]>([...WEEKDAYS]);
  const [saved, setSaved] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const date = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const showDate = (d: string) => date.format(new Date(`${d}T00:00:00Z`));

  const labels = {
    from: t('special.from'),
    to: t('special.to'),
    note: t('special.note'),
    spans: t('special.hours'),
    weekdays: t('special.weekdays'),
  };
  const onSubmit = submit(labels, async (data) => {
    setSaved(null);
    const from = str(data, 'from');
    const until = str(data, 'to');
    const body = { spans: closed ? [] : fromFields(spans), note: str(data, 'note') };
    if (until && until !== from) {
      await api.put(mallPath(slug, 'special-days'), {
        from,
        to: until,
        ...(weekdays.length < 7 ? { weekdays } : {}),
        ...body,
      });
    } else {
      await api.put(mallPath(slug, `special-days/${from}`), body);
    }
    await refresh();
    setSaved(t('special.saved'));
    setTo('');
    setFormKey((k) => k + 1);
  });

  return (
    <>
      <Panel title={t('special.addHeading')}>
        <p className="mb-3 text-slate-800">{t('special.intro')}</p>
        <form key={formKey} noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={labels.from}
            name="from"
            type="date"
            required
            min={today}
            defaultValue={today}
            error={errors.from}
          />
          <TextField
            label={labels.to}
            name="to"
            type="date"
            min={today}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            hint={t('special.toHint')}
            error={errors.to}
          />
          {to && (
            <Group legend={labels.weekdays} error={errors.weekdays} className="sm:col-span-2">
              <div className="flex flex-wrap gap-x-5">
                {WEEKDAYS.map((d) => (
                  <CheckBox
                    key={d}
                    name="weekdays"
                    value={d}
                    label={t(`weekday.${d}`)}
                    checked={weekdays.includes(d)}
                    onChange={(on) => setWeekdays(on ? [...weekdays, d] : weekdays.filter((w) => w !== d))}
                  />
                ))}
              </div>
            </Group>
          )}
          <Group legend={t('special.kind')} className="sm:col-span-2">
            <label className="flex min-h-10 items-center gap-2 text-base">
              <input
                type="radio"
                name="kind"
                className="size-5 accent-brand-700"
                checked={closed}
                onChange={() => setClosed(true)}
              />
              {t('special.closed')}
            </label>
            <label className="flex min-h-10 items-center gap-2 text-base">
              <input
                type="radio"
                name="kind"
                className="size-5 accent-brand-700"
                checked={!closed}
                onChange={() => setClosed(false)}
              />
              {t('special.otherHours')}
            </label>
          </Group>
          {!closed && (
            <Group legend={labels.spans} error={errors.spans} className="sm:col-span-2">
              <SpanEditor dayLabel={t('special.thatDay')} spans={spans} onChange={setSpans} />
            </Group>
          )}
          <TextField
            label={labels.note}
            name="note"
            maxLength={LIMITS.noteMax}
            hint={t('special.noteHint')}
            error={errors.note}
            className="sm:col-span-2"
          />
          <div className="flex flex-col gap-2 sm:col-span-2">
            <div>
              <button type="submit" className={primaryButton} disabled={pending}>
                {pending ? t('saving') : t('special.save')}
              </button>
            </div>
            <FormMessage error={formError} success={saved} />
          </div>
        </form>
      </Panel>
      <Panel title={t('special.heading')}>
        <ListState query={days} empty={t('special.empty')} />
        <ul className="divide-y divide-slate-200">
          {(days.data ?? []).map((d: SpecialDay) => (
            <Row
              key={d.date}
              testId="special-day-row"
              actions={
                <ConfirmButton
                  label={t('special.remove')}
                  question={t('special.removeQuestion', { date: showDate(d.date) })}
                  confirmLabel={t('special.removeConfirm')}
                  onConfirm={async () => {
                    await api.delete(mallPath(slug, `special-days/${d.date}`));
                    await refresh();
                  }}
                />
              }
            >
              <p className="font-semibold">
                {showDate(d.date)}
                {d.date === today && <span className="ml-2 text-sm font-normal">({t('special.today')})</span>}
              </p>
              <p className="text-sm">
                {[d.closed ? t('special.closedShort') : spansText(d.spans), d.note].filter(Boolean).join(' · ')}
              </p>
            </Row>
          ))}
        </ul>
      </Panel>
    </>
  );
}
