import type { ReactNode } from 'react';

/** A titled white panel; `actions` sit at the right of the title. */
export function Section({
  id,
  title,
  actions,
  children,
  testId,
}: {
  id: string;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section aria-labelledby={id} data-testid={testId} className="min-w-0 rounded-2xl bg-white p-4 shadow sm:p-5">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id={id} className="text-xl font-bold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A wide table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a named region inside a section, not a section of the page
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
