import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  api as defaultClient,
  toApiError,
  type ApiClient,
  isSecondFactorChallenge,
  type AuthProblemKind,
  type SignedInSession,
  type SetupRequest,
} from './api.ts';
import {
  NOTICES,
  csrfTokenOf,
  signedOut,
  stateFromSession,
  withPasswordChangeRequired,
  withoutNotice,
  type SessionState,
} from './sessionState.ts';

export interface SessionContextValue {
  state: SessionState;
  /** Asks the server again who is signed in. */
  reload(): Promise<void>;
  /**
   * Rejects with an ApiError (401 wrong credentials, 429 locked out, 403 local sign-in off) for the form to show; resolves
   * with a challenge when a second factor is asked for.
   */
  signIn(email: string, password: string): Promise<string | undefined>;
  /** The second step of a sign-in; rejects with an ApiError (401 wrong or used code, 429 locked out). */
  verifySecondFactor(challenge: string, code: string): Promise<void>;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
  /** Rejects with an ApiError (400 field problems, 401 wrong current password). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Creates the first platform admin and signs in; rejects with an ApiError (400, 404). */
  completeSetup(request: SetupRequest): Promise<void>;
  dismissNotice(): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

interface ProviderProps {
  children: ReactNode;
  /** Injected for tests; the app uses the same-origin client. */
  client?: ApiClient;
}

/**
 * Loads GET /api/session at start and keeps the session: the API client's CSRF
 * token follows it, and any 401 from another call returns the app to sign-in.
 */
export function SessionProvider({ children, client = defaultClient }: ProviderProps) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // The latest state, for callbacks that must not re-subscribe on every change.
  const current = useRef(state);

  // Every state change goes through here so the client's CSRF token never lags behind.
  const apply = useCallback(
    (next: SessionState | ((previous: SessionState) => SessionState)) => {
      const value = typeof next === 'function' ? next(current.current) : next;
      current.current = value;
      client.setCsrfToken(csrfTokenOf(value));
      setState(value);
    },
    [client],
  );

  const reload = useCallback(async () => {
    try {
      const session = await client.session();
      apply(stateFromSession(session));
    } catch (error) {
      const problem = toApiError(error).problem;
      // Only the first load has nothing better to show; later failures keep what is there.
      if (current.current.status === 'loading' || current.current.status === 'unavailable') {
        apply({ status: 'unavailable', problem });
      }
    }
  }, [client, apply]);

  // First load. StrictMode runs this twice in development; the aborted one is ignored.
  useEffect(() => {
    const controller = new AbortController();
    client.session(controller.signal).then(
      (session) => {
        if (!controller.signal.aborted) apply(stateFromSession(session));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) apply({ status: 'unavailable', problem: toApiError(error).problem });
      },
    );
    return () => controller.abort();
  }, [client, apply]);

  // What other calls learn about the session.
  useEffect(() => {
    const onAuthProblem = (kind: AuthProblemKind) => {
      const state = current.current;
      if (state.status !== 'signed-in') return;
      if (kind === 'unauthorized') apply(signedOut(NOTICES.sessionEnded));
      else if (kind === 'password-change-required') apply(withPasswordChangeRequired(state));
      else if (kind === 'two-factor-enrollment-required') void reload(); // the session says what is required now
      else if (kind === 'csrf-rejected') void reload(); // picks up the token the server expects now
    };
    client.setAuthProblemListener(onAuthProblem);
    return () => client.setAuthProblemListener(undefined);
  }, [client, apply, reload]);

  /** Applies a new session, then asks the server what else it requires of it (a second factor to enrol). */
  const signedInWith = useCallback(
    async (session: SignedInSession) => {
      apply(stateFromSession(session));
      await reload();
    },
    [apply, reload],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await client.signIn(email, password);
      if (isSecondFactorChallenge(answer)) return answer.challenge;
      await signedInWith(answer);
      return undefined;
    },
    [client, signedInWith],
  );

  const verifySecondFactor = useCallback(
    async (challenge: string, code: string) => {
      await signedInWith(await client.verifySecondFactor(challenge, code));
    },
    [client, signedInWith],
  );

  /** Runs a sign-out call; a 401 means the session had already ended, which is what was wanted. */
  const endSession = useCallback(
    async (call: () => Promise<void>, notice: string) => {
      try {
        await call();
      } catch (error) {
        if (toApiError(error).status !== 401) throw error;
      }
      apply(signedOut(notice));
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    let endSessionUrl: string | undefined;
    await endSession(async () => {
      endSessionUrl = await client.signOut();
    }, NOTICES.signedOut);
    // a session from an identity provider ends there too (it sends the browser back afterwards)
    if (endSessionUrl) window.location.assign(endSessionUrl);
  }, [client, endSession]);
  const signOutEverywhere = useCallback(
    () => endSession(() => client.signOutEverywhere(), NOTICES.signedOutEverywhere),
    [client, endSession],
  );

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      await client.changePassword(currentPassword, newPassword);
      // The server decides whether this session lives on; ask it (this also refreshes the CSRF token).
      try {
        const session = await client.session();
        apply(
          stateFromSession(session, session.authenticated ? NOTICES.passwordChanged : NOTICES.passwordChangedSignIn),
        );
      } catch {
        apply((previous) => {
          if (previous.status !== 'signed-in') return previous;
          const user = { ...previous.session.user, mustChangePassword: false };
          return { status: 'signed-in', session: { ...previous.session, user }, notice: NOTICES.passwordChanged };
        });
      }
    },
    [client, apply],
  );

  const completeSetup = useCallback(
    async (request: SetupRequest) => {
      const session = await client.completeSetup(request);
      apply(stateFromSession(session, NOTICES.setupComplete));
    },
    [client, apply],
  );

  const dismissNotice = useCallback(() => apply(withoutNotice), [apply]);

  const value = useMemo<SessionContextValue>(
    () => ({ state, reload, signIn, verifySecondFactor, signOut, signOutEverywhere, changePassword, completeSetup, dismissNotice }),
    [state, reload, signIn, verifySecondFactor, signOut, signOutEverywhere, changePassword, completeSetup, dismissNotice],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>.');
  return value;
}
