import { useTranslation } from 'react-i18next';

/**
 * The shortcut printed on a button. Hidden from screen readers, which get aria-keyshortcuts on the
 * button instead, so the button's name stays just its words ("Panggil berikutnya").
 */
export function Kbd({ labels, className = '' }: { labels: string[]; className?: string }) {
  const { t } = useTranslation('counter');
  return (
    <span aria-hidden="true" className="inline-flex gap-1">
      {labels.map((l) => (
        <kbd
          key={l}
          className={`rounded-md border-2 border-current px-2 py-1 font-mono text-base font-bold leading-none ${className}`}
        >
          {l === 'space' ? t('key.space') : l}
        </kbd>
      ))}
    </span>
  );
}

/** aria-keyshortcuts value for a key list: "Space N". */
export function ariaKeys(labels: string[]): string {
  return labels.map((l) => (l === 'space' ? 'Space' : l)).join(' ');
}
