/** Where Tab goes inside a modal dialog: it cycles through the dialog's controls and never leaves it. */

/** What can take focus with Tab, in document order. */
export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/**
 * The index Tab (or Shift+Tab when `backwards`) must move to among `count` focusable controls when
 * focus is at `current` (-1: outside them), or undefined when the browser's own move stays inside.
 */
export function wrapFocus(count: number, current: number, backwards: boolean): number | undefined {
  if (count === 0) return undefined;
  if (current < 0) return backwards ? count - 1 : 0;
  if (backwards && current === 0) return count - 1;
  if (!backwards && current === count - 1) return 0;
  return undefined;
}

/** The controls of `root` that Tab reaches: visible, enabled, not inside a closed <details>. */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
}
