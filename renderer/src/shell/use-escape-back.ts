import { useEffect } from 'react';

/**
 * Escape leaves "Start a chat" and the settings for the conversation the user came from, unless a dialog is
 * open: a dialog's Escape is its own (its safe choice), and must not also close the screen under it.
 */
export function useEscapeBack(active: boolean, back: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, back]);
}
