import { useTranslation } from 'react-i18next';

interface Props {
  query: string;
  searching: boolean;
  onQuery: (query: string) => void;
  onStart: () => void;
  onClose: () => void;
}

/**
 * The search field. Touching it opens the search (results and big keys below); inputMode="none"
 * keeps the system's small on-screen keyboard away, a real keyboard still types into it.
 */
export function SearchBox({ query, searching, onQuery, onStart, onClose }: Props) {
  const { t } = useTranslation('kiosk');
  return (
    <search className="flex items-stretch gap-4">
      <label
        htmlFor="kiosk-search"
        className="flex min-h-[120px] flex-1 items-center gap-4 rounded-3xl border-4 border-brand-600 bg-white px-6 focus-within:border-brand-900"
      >
        <span aria-hidden="true" className="text-[40px]">
          🔍
        </span>
        <span className="shrink-0 text-[32px] font-bold text-brand-900">{t('search.label')}:</span>
        <input
          id="kiosk-search"
          type="search"
          inputMode="none"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          value={query}
          placeholder={t('search.placeholder')}
          onFocus={onStart}
          onClick={onStart}
          onChange={(e) => onQuery(e.target.value)}
          className="min-w-0 flex-1 bg-transparent text-[36px] text-slate-900 outline-none placeholder:text-slate-600"
        />
      </label>
      {searching && (
        <button
          type="button"
          onClick={onClose}
          className="flex min-h-[120px] min-w-[200px] flex-col items-center justify-center rounded-3xl border-4 border-brand-700 bg-white px-4 text-[26px] leading-tight font-bold text-brand-800 active:bg-brand-100"
        >
          <span aria-hidden="true" className="text-[44px] leading-none">
            ✕
          </span>
          {t('search.close')}
        </button>
      )}
    </search>
  );
}
