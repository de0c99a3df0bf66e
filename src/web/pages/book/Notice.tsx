import type { ReactNode, Ref } from 'react';

const TONES = {
  error: 'border-red-700 bg-red-50 text-red-950',
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
  info: 'border-brand-700 bg-brand-50 text-brand-900',
  success: 'border-green-700 bg-green-50 text-green-950',
} as const;

/** A boxed message; errors are announced (role=alert), the rest are read where they stand. */
export function Notice({
  tone,
  title,
  children,
  noticeRef,
}: {
  tone: keyof typeof TONES;
  title?: string | undefined;
  children?: ReactNode;
  noticeRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div
      ref={noticeRef}
      tabIndex={noticeRef ? -1 : undefined}
      role={tone === 'error' ? 'alert' : undefined}
      className={`rounded-xl border-2 p-4 text-base ${TONES[tone]}`}
    >
      {title && <p className="font-bold">{title}</p>}
      {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
    </div>
  );
}
