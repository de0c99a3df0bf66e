import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';

interface Props {
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
  /** the dialog's size; a tall wide one (the transfer's service list) unless told */
  size?: string;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> (showModal makes the page behind inert and puts it on
 * top); Tab is also kept inside by hand, Escape closes, and focus returns to where it was.
 */
export function Modal({ labelledBy, onClose, children, size = 'h-[88vh] w-[56rem]' }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // The first field (the search box) gets focus; autofocus would be too late on a re-open.
    dialog.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => {
      dialog.close();
      opener?.focus?.();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={labelledBy}
      onKeyDown={onKeyDown}
      // The browser's own Escape handling closes without React knowing; route it through onClose.
      onCancel={(e) => {
        e.preventDefault();
        closeRef.current();
      }}
      className={`m-auto ${size} max-w-[95vw] flex-col open:flex rounded-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/60`}
    >
      {children}
    </dialog>
  );
}
