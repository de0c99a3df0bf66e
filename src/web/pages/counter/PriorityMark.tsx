import { useTranslation } from 'react-i18next';
import type { PriorityClass } from '../../../domain/queue';

/** A priority ticket's mark: an icon and the class in words, so it never rests on colour alone. */
export function PriorityMark({ priority, large = false }: { priority: PriorityClass; large?: boolean }) {
  const { t } = useTranslation('common');
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border-2 border-amber-700 bg-amber-100 font-semibold text-amber-900 ${
        large ? 'px-3 py-1 text-lg' : 'px-2 py-0.5 text-sm'
      }`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className={`shrink-0 ${large ? 'size-5' : 'size-4'}`}
        fill="currentColor"
      >
        {/* a star: "served first" */}
        <path d="M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7.3L12 17.8 5.8 21.5l1.6-7.3L2 9.5l7.1-.6z" />
      </svg>
      {t(`priority.${priority}`)}
    </span>
  );
}
