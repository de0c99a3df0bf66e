import { type ReactNode, useEffect, useRef } from 'react';

/** The step's one h1; it takes focus when the step appears, so a screen reader reads where we are. */
export function StepHeading({ children, className = '' }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    // Focused by script, not by the user: no focus ring (inline, as the global :focus-visible rule outranks utilities).
    <h1
      ref={ref}
      tabIndex={-1}
      style={{ outline: 'none' }}
      className={`font-bold leading-tight text-brand-900 ${className}`}
    >
      {children}
    </h1>
  );
}
