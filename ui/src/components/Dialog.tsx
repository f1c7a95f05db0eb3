import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusablesIn, wrapFocus } from '../lib/focusTrap.ts';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}

/**
 * The one modal dialog of the app: a native <dialog> opened with showModal (the page behind is
 * inert), labelled by its heading, focus moved to its first control and kept inside (Tab and
 * Shift+Tab cycle), Escape closes it, and focus goes back to whatever opened it.
 */
export function Dialog({ title, onClose, children, wide, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The first control of the body (the close button in the head comes last in line).
    const body = dialog.querySelector<HTMLElement>('.modal-body');
    const first = (body && focusablesIn(body)[0]) ?? focusablesIn(dialog)[0];
    (first ?? dialog).focus();
    return () => {
      // The dialog leaves the page without close(), so the browser would not give focus back.
      if (opener?.isConnected) setTimeout(() => opener.focus(), 0);
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      // A dialog inside a dialog closes alone.
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const controls = focusablesIn(ref.current);
    const at = controls.indexOf(document.activeElement as HTMLElement);
    const next = wrapFocus(controls.length, at, e.shiftKey);
    if (next === undefined) return;
    e.preventDefault();
    controls[next]?.focus();
  };

  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
      </div>
      <div className="modal-body">{children}</div>
      <button type="button" className="icon-button modal-close" onClick={onClose} aria-label="Close">
        ✕
      </button>
    </dialog>
  );
}
