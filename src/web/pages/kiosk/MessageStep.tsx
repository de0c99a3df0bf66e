import { StepHeading } from './StepHeading';
import { primaryButton, secondaryButton } from './ui';

interface Props {
  icon: string;
  title: string;
  message?: string | undefined;
  action?: { label: string; onClick: () => void } | undefined;
  /** a second way on, below the first (e.g. back to the start) */
  secondary?: { label: string; onClick: () => void } | undefined;
}

/** A whole-screen message in big plain words: waiting for the ticket, or why it could not be made. */
export function MessageStep({ icon, title, message, action, secondary }: Props) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-10 text-center">
      <span aria-hidden="true" className="text-[160px] leading-none">
        {icon}
      </span>
      <StepHeading className="text-[56px]">{title}</StepHeading>
      {message && (
        <p role="alert" className="max-w-[900px] text-[40px] font-semibold leading-snug text-slate-900">
          {message}
        </p>
      )}
      {action && (
        <button type="button" onClick={action.onClick} className={`${primaryButton} w-full max-w-[820px]`}>
          {action.label}
        </button>
      )}
      {secondary && (
        <button type="button" onClick={secondary.onClick} className={`${secondaryButton} w-full max-w-[820px]`}>
          {secondary.label}
        </button>
      )}
    </div>
  );
}
