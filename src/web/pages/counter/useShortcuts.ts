/**
 * The console's single-key shortcuts. They stay quiet while the officer types in a field, while a
 * dialog is open, with a modifier held (Ctrl+R must still reload), on key repeat, and when the
 * officer has turned them off (WCAG 2.1.4: single-key shortcuts can be switched off).
 */
import { useEffect, useRef } from 'react';
import { actionForKey, type ConsoleAction } from './actions';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(enabled: boolean, onAction: (action: ConsoleAction) => void): void {
  const handler = useRef(onAction);
  handler.current = onAction;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || e.defaultPrevented) return;
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const action = actionForKey(e.key);
      if (!action) return;
      // Space would also press whatever button has focus; here it always means "call next".
      e.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
