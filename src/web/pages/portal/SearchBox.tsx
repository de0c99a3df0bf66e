import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  query: string;
  onChange: (query: string) => void;
  /** Enter or the button: move on to the results (on a phone this also closes the keyboard). */
  onSubmit: () => void;
}

/** The search field; results follow each keystroke, the URL keeps the words for the back button. */
export function SearchBox({ query, onChange, onSubmit }: Props) {
  const { t } = useTranslation(['portal', 'common']);
  // Local text so typing never waits for the router; it follows the URL when that changes (back button).
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);

  return (
    <search>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        className="flex flex-col gap-1"
      >
        <label htmlFor="service-search" className="text-base font-semibold">
          {t('portal:searchLabel')}
        </label>
        <div className="flex gap-2">
          <input
            id="service-search"
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              onChange(e.target.value);
            }}
            placeholder={t('portal:searchPlaceholder')}
            aria-describedby="service-search-hint"
            autoComplete="off"
            className="min-w-0 flex-1 rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-base"
          />
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-base font-semibold text-white">
            {t('common:search')}
          </button>
        </div>
        <p id="service-search-hint" className="text-sm text-slate-700">
          {t('portal:searchHint')}
        </p>
      </form>
    </search>
  );
}
