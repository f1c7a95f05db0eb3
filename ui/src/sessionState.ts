/**
 * The app's view of the session, and the pure transitions between its states.
 * The React side lives in session.tsx.
 */
import type { Problem, Session, SignedInSession } from './api.ts';

export type SessionState =
  /** GET /api/session has not answered yet. */
  | { status: 'loading' }
  /** GET /api/session failed (server down, proxy error): nothing else can be shown. */
  | { status: 'unavailable'; problem: Problem }
  | { status: 'signed-out'; setupRequired: boolean; notice?: string }
  | { status: 'signed-in'; session: SignedInSession; notice?: string };

export const NOTICES = {
  sessionEnded: 'Your session has ended. Sign in again to continue.',
  signedOut: 'You have signed out.',
  signedOutEverywhere: 'You have been signed out on every device.',
  passwordChanged: 'Your password has been changed.',
  passwordChangedSignIn: 'Your password has been changed. Sign in with the new password.',
  setupComplete: 'VectorFlow is set up and you are signed in as its first platform administrator.',
} as const;

/** The state for an answer of GET /api/session, POST /api/session or POST /api/setup. */
export function stateFromSession(session: Session, notice?: string): SessionState {
  if (session.authenticated) {
    return notice ? { status: 'signed-in', session, notice } : { status: 'signed-in', session };
  }
  return notice
    ? { status: 'signed-out', setupRequired: session.setupRequired, notice }
    : { status: 'signed-out', setupRequired: session.setupRequired };
}

/** Signed out because of something the user did or a 401; a user existed, so no setup is pending. */
export function signedOut(notice?: string): SessionState {
  return notice ? { status: 'signed-out', setupRequired: false, notice } : { status: 'signed-out', setupRequired: false };
}

/** The token the API client must send, if any. */
export function csrfTokenOf(state: SessionState): string | undefined {
  return state.status === 'signed-in' ? state.session.csrfToken : undefined;
}

/** The signed-in state with the user flagged as having to change their password (after a 403 saying so). */
export function withPasswordChangeRequired(state: SessionState): SessionState {
  if (state.status !== 'signed-in' || state.session.user.mustChangePassword) return state;
  const session: SignedInSession = {
    ...state.session,
    user: { ...state.session.user, mustChangePassword: true },
  };
  return { status: 'signed-in', session };
}

/** The state without its notice (once the user dismissed it). */
export function withoutNotice(state: SessionState): SessionState {
  if ((state.status === 'signed-in' || state.status === 'signed-out') && state.notice !== undefined) {
    const { notice: _dropped, ...rest } = state;
    return rest;
  }
  return state;
}
