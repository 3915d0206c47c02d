import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useFocusTrap } from './use-focus-trap.js';

type DialogTone = 'neutral' | 'warning' | 'danger';

interface DialogProps {
  readonly title: ReactNode;
  /** The explanation a screen reader reads with the title. */
  readonly description?: ReactNode;
  readonly tone?: DialogTone;
  /** Called for Escape: every dialog's Escape means its safe choice. */
  readonly onCancel: () => void;
  /** alertdialog for decisions that need attention now (trust), dialog otherwise. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly testId?: string;
  readonly children: ReactNode;
}

/** A modal: labelled, focus trapped and restored, Escape cancels. Put `data-autofocus` on the default action. */
export function Dialog({ title, description, tone = 'neutral', onCancel, role = 'dialog', testId, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // Before the focus trap: on close React runs these cleanups in this order, so the app stops being inert
  // before focus goes back into it (a browser does not focus an element inside an inert subtree).
  useInertApp();
  useFocusTrap(ref, onCancel);
  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog dialog--${tone}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description === undefined ? undefined : descriptionId}
        data-testid={testId}
        tabIndex={-1}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {description === undefined ? null : (
          <div id={descriptionId} className="dialog__description">
            {description}
          </div>
        )}
        {children}
      </div>
    </div>,
    document.body,
  );
}

/**
 * While a modal is open the app behind it is inert: screen readers and Tab cannot reach it, not only the
 * focus trap. Dialogs render into <body>, outside #root; nested dialogs are counted on the root itself.
 */
function useInertApp() {
  useLayoutEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    const open = Number(root.dataset.openDialogs ?? '0') + 1;
    root.dataset.openDialogs = String(open);
    root.inert = true;
    return () => {
      const left = Number(root.dataset.openDialogs ?? '1') - 1;
      root.dataset.openDialogs = String(left);
      if (left <= 0) root.inert = false;
    };
  }, []);
}
