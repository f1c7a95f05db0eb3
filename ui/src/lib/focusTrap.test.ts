import { describe, expect, it } from 'vitest';
import { wrapFocus } from './focusTrap.ts';

describe('wrapFocus', () => {
  it('sends Tab from the last control to the first and Shift+Tab from the first to the last', () => {
    expect(wrapFocus(3, 2, false)).toBe(0);
    expect(wrapFocus(3, 0, true)).toBe(2);
  });
  it('leaves moves between inner controls to the browser', () => {
    expect(wrapFocus(3, 0, false)).toBeUndefined();
    expect(wrapFocus(3, 1, true)).toBeUndefined();
  });
  it('brings focus that escaped the dialog back in, at the end Tab comes from', () => {
    expect(wrapFocus(3, -1, false)).toBe(0);
    expect(wrapFocus(3, -1, true)).toBe(2);
  });
  it('does nothing in a dialog without controls, and keeps a single control focused', () => {
    expect(wrapFocus(0, -1, false)).toBeUndefined();
    expect(wrapFocus(1, 0, false)).toBe(0);
    expect(wrapFocus(1, 0, true)).toBe(0);
  });
});
