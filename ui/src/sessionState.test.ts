import { describe, expect, it } from 'vitest';
import type { SignedInSession } from './api.ts';
import {
  NOTICES,
  csrfTokenOf,
  signedOut,
  stateFromSession,
  withPasswordChangeRequired,
  withoutNotice,
} from './sessionState.ts';

const session: SignedInSession = {
  authenticated: true,
  user: { id: 'u1', email: 'a@example.com', name: 'A', platformAdmin: false, mustChangePassword: false },
  teams: [],
  csrfToken: 'tok',
};

describe('session state', () => {
  it('follows the server answer', () => {
    expect(stateFromSession(session)).toEqual({ status: 'signed-in', session });
    expect(stateFromSession({ authenticated: false, setupRequired: true })).toEqual({
      status: 'signed-out',
      setupRequired: true,
    });
    expect(stateFromSession({ authenticated: false, setupRequired: false }, NOTICES.passwordChangedSignIn)).toEqual({
      status: 'signed-out',
      setupRequired: false,
      notice: NOTICES.passwordChangedSignIn,
    });
  });

  it('gives the CSRF token only while signed in', () => {
    expect(csrfTokenOf(stateFromSession(session))).toBe('tok');
    expect(csrfTokenOf(signedOut())).toBeUndefined();
    expect(csrfTokenOf({ status: 'loading' })).toBeUndefined();
  });

  it('flags a forced password change without touching other states', () => {
    const flagged = withPasswordChangeRequired(stateFromSession(session, 'hello'));
    expect(flagged).toEqual({
      status: 'signed-in',
      session: { ...session, user: { ...session.user, mustChangePassword: true } },
    });
    expect(withPasswordChangeRequired(flagged)).toBe(flagged);
    const out = signedOut(NOTICES.sessionEnded);
    expect(withPasswordChangeRequired(out)).toBe(out);
  });

  it('drops a notice', () => {
    expect(withoutNotice(signedOut(NOTICES.signedOut))).toEqual({ status: 'signed-out', setupRequired: false });
    const plain = stateFromSession(session);
    expect(withoutNotice(plain)).toBe(plain);
  });
});
