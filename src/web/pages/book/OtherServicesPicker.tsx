import { type KeyboardEvent, type Ref, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { indexServices } from '../portal/search';
import { MAX_OTHER_SERVICES, otherServiceMatches, SHOWN_MATCHES } from './otherServices';
import './translations';

interface Props {
  services: Service[];
  agencies: Agency[];
  bookedServiceId: string;
  /** the chosen services' ids, in the order chosen */
  value: string[];
  onChange: (ids: string[]) => void;
  /** the server's refusal of one of them */
  error?: string | undefined;
  /** the search field, to take the focus when the server refused one */
  searchRef?: Ref<HTMLInputElement>;
}

/**
 * "Need other services the same day?": a search over every agency's services, the chosen ones as
 * removable chips. Optional; at check-in the same number also waits in those services' lines.
 */
export function OtherServicesPicker({ services, agencies, bookedServiceId, value, onChange, error, searchRef }: Props) {
  const { t } = useTranslation(['book']);
  const [query, setQuery] = useState('');
  const [said, setSaid] = useState('');
  const ownSearch = useRef<HTMLInputElement | null>(null);
  const agencyMap = useMemo(() => new Map(agencies.map((a) => [a.id, a])), [agencies]);
  const index = useMemo(() => indexServices(services, agencyMap), [services, agencyMap]);
  const leaveOut = useMemo(() => new Set([bookedServiceId, ...value]), [bookedServiceId, value]);
  const matches = useMemo(() => otherServiceMatches(index, query, leaveOut), [index, query, leaveOut]);
  const chosen = value.map((id) => services.find((s) => s.id === id)).filter((s): s is Service => s !== undefined);
  const full = value.length >= MAX_OTHER_SERVICES;
  const describedBy = ['book-also-hint', error ? 'book-also-error' : ''].filter(Boolean).join(' ');

  const add = (service: Service) => {
    onChange([...value, service.id]);
    setQuery('');
    setSaid(t('book:also.added', { name: service.name }));
    ownSearch.current?.focus();
  };
  const remove = (service: Service) => {
    onChange(value.filter((id) => id !== service.id));
    setSaid(t('book:also.removed', { name: service.name }));
    // the chip is gone: the search field keeps the person's place
    requestAnimationFrame(() => ownSearch.current?.focus());
  };
  // Enter in the search must not send the booking form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') e.preventDefault();
  };
  const setSearch = (el: HTMLInputElement | null) => {
    ownSearch.current = el;
    if (typeof searchRef === 'function') searchRef(el);
    else if (searchRef) searchRef.current = el;
  };

  return (
    <fieldset className="flex flex-col gap-2 border-t-2 border-slate-200 pt-4" aria-describedby={describedBy}>
      <legend className="float-left w-full text-base font-semibold">
        {t('book:also.legend')}
        <span className="font-normal text-slate-700"> ({t('book:fields.optional')})</span>
      </legend>
      <p id="book-also-hint" className="text-sm text-slate-700">
        {t('book:also.hint', { max: MAX_OTHER_SERVICES })}
      </p>
      {chosen.length > 0 && (
        <ul aria-label={t('book:also.chosen')} className="flex flex-col gap-2" data-testid="also-chosen">
          {chosen.map((s) => (
            <li
              key={s.id}
              className="flex items-center gap-2 rounded-xl border-2 border-brand-700 bg-brand-50 py-1 pr-1 pl-3"
            >
              <span className="min-w-0 flex-1 py-1">
                <span lang="id" className="block font-semibold text-brand-900">
                  {s.name}
                </span>
                <span lang="id" className="block text-sm text-slate-700">
                  {agencyMap.get(s.agencyId)?.shortName}
                </span>
              </span>
              <button
                type="button"
                onClick={() => remove(s)}
                aria-label={t('book:also.remove', { name: s.name })}
                className="flex size-12 shrink-0 items-center justify-center rounded-lg text-2xl font-bold text-brand-900 hover:bg-white"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id="book-also-error" className="text-base font-semibold text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {full ? (
        <p className="text-base text-slate-800">{t('book:also.full', { max: MAX_OTHER_SERVICES })}</p>
      ) : (
        <div className="flex flex-col gap-1">
          <label htmlFor="book-also-search" className="text-base font-semibold">
            {t('book:also.search')}
          </label>
          <input
            id="book-also-search"
            ref={setSearch}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            enterKeyHint="search"
            autoComplete="off"
            placeholder={t('book:also.placeholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'book-also-error' : undefined}
            className={`min-h-12 w-full rounded-lg border-2 bg-white px-3 py-2 text-lg ${
              error ? 'border-red-700' : 'border-slate-500'
            }`}
          />
          {query.trim() !== '' && <MatchList matches={matches} agencies={agencyMap} query={query.trim()} onAdd={add} />}
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {said}
      </p>
    </fieldset>
  );
}

/** The first matches of a search, each a button that adds it. */
function MatchList({
  matches,
  agencies,
  query,
  onAdd,
}: {
  matches: Service[];
  agencies: Map<string, Agency>;
  query: string;
  onAdd: (service: Service) => void;
}) {
  const { t } = useTranslation(['book']);
  const shown = matches.slice(0, SHOWN_MATCHES);
  return (
    <>
      <p aria-live="polite" className="text-sm text-slate-700">
        {matches.length === 0
          ? t('book:also.noMatch', { q: query })
          : matches.length > shown.length
            ? t('book:also.more', { shown: shown.length, total: matches.length })
            : t('book:also.count', { count: matches.length })}
      </p>
      {shown.length > 0 && (
        <ul className="flex flex-col gap-1" aria-label={t('book:also.matches')}>
          {shown.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onAdd(s)}
                className="flex min-h-12 w-full items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-left hover:border-brand-600 hover:bg-brand-50"
              >
                <span aria-hidden="true" className="text-xl font-bold text-brand-700">
                  +
                </span>
                <span className="sr-only">{t('book:also.add')} </span>
                <span className="min-w-0 flex-1">
                  <span lang="id" className="block font-semibold text-brand-800">
                    {s.name}
                  </span>
                  <span lang="id" className="block text-sm text-slate-700">
                    {agencies.get(s.agencyId)?.shortName}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
