/**
 * Typed client for the VectorFlow server's JSON API.
 *
 * Every call either resolves with a typed value or rejects with an {@link ApiError}
 * that carries an RFC 9457 style {@link Problem} (the server answers errors as
 * `application/problem+json`). Network failures and malformed answers are turned
 * into the same shape, so the UI only has one kind of error to show.
 */
import { parseJson, stringifyJson } from './lib/bigJson.ts';

/** `GET /api/health` */
export interface Health {
  status: string;
  version: string;
}

/** `GET /api/ready` (200 when ready, 503 with the same shape when not). */
export interface Readiness {
  ready: boolean;
  /** Check name → "UP" or a message such as "DOWN: connection refused". */
  checks: Record<string, string>;
}

export interface Environment {
  id: string;
  name: string;
  description: string;
  /** ISO-8601 instant. */
  createdAt: string;
  /** ISO-8601 instant. */
  updatedAt: string;
  /** The team that owns the environment (absent only on servers without teams). */
  teamId?: string;
  teamName?: string;
  /** Deploys and promotions into it wait for another admin of the team. */
  requiresApproval?: boolean;
}

/** `GET /api/environments` */
export interface EnvironmentList {
  items: Environment[];
}

/** One field-level message of a validation error. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The body of every error answer (`application/problem+json`). */
export interface Problem {
  /** HTTP status; 0 when the server could not be reached at all. */
  status: number;
  title: string;
  detail?: string;
  /** Present only for validation errors. */
  problems?: FieldProblem[];
  /** From a `Retry-After` header (e.g. on 429), in seconds from when the answer arrived. */
  retryAfterSeconds?: number;
}

// ---- Sessions ----

export type TeamRole = 'VIEWER' | 'EDITOR' | 'ADMIN';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
  /** Set for a new account and after an admin reset: every other call answers 403 until the password is changed. */
  mustChangePassword: boolean;
  /** Why (servers before it was added send nothing): a new account chooses its first password, a reset one a new one. */
  passwordChangeReason?: PasswordChangeReason | null;
  /** False for an account that signs in only through an identity provider (no password, no TOTP of its own). */
  hasPassword?: boolean;
  /** A second factor is required of this account and it has none yet: only its enrolment may be used until it has. */
  twoFactorEnrollmentRequired?: boolean;
}

export type PasswordChangeReason = 'NEW_ACCOUNT' | 'RESET';

export interface TeamMembership {
  id: string;
  name: string;
  role: TeamRole;
}

/** `GET /api/session` when nobody is signed in. */
export interface SignedOutSession {
  authenticated: false;
  /** No user exists yet: the server logged a one-time `/setup?token=…` link. */
  setupRequired: boolean;
}

/** `GET /api/session` when signed in; also the answer of sign-in and setup. */
export interface SignedInSession {
  authenticated: true;
  user: SessionUser;
  teams: TeamMembership[];
  /** Sent back as `X-CSRF-Token` on every state-changing call. */
  csrfToken: string;
}

export type Session = SignedOutSession | SignedInSession;

/** `POST /api/session` when the password was right and the account has a second factor: the code goes with `challenge`. */
export interface SecondFactorChallenge {
  authenticated: false;
  secondFactorRequired: true;
  challenge: string;
}

export function isSecondFactorChallenge(value: unknown): value is SecondFactorChallenge {
  return isRecord(value) && value.secondFactorRequired === true && typeof value.challenge === 'string' && value.challenge.length > 0;
}

export interface SetupRequest {
  token: string;
  email: string;
  name: string;
  password: string;
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

const MAX_DETAIL_LENGTH = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Title used when an error answer does not bring one. */
export function defaultTitle(status: number, statusText?: string): string {
  if (status === 0) return 'Network error';
  const text = nonEmptyString(statusText);
  return text ? text : `HTTP ${status}`;
}

/**
 * Turns any parsed error body into a {@link Problem}. Missing or mistyped fields
 * are filled in from the HTTP status, so the result is always displayable.
 */
export function toProblem(body: unknown, status: number, statusText?: string): Problem {
  const problem: Problem = { status, title: defaultTitle(status, statusText) };
  if (!isRecord(body)) return problem;

  if (typeof body.status === 'number' && Number.isInteger(body.status)) {
    problem.status = body.status;
  }
  const title = nonEmptyString(body.title);
  if (title) problem.title = title;
  const detail = nonEmptyString(body.detail);
  if (detail) problem.detail = detail;
  if (Array.isArray(body.problems)) {
    const problems = body.problems
      .filter(isRecord)
      .map((p) => ({
        field: typeof p.field === 'string' ? p.field : '',
        message: typeof p.message === 'string' ? p.message : '',
      }))
      .filter((p) => p.field !== '' || p.message !== '');
    if (problems.length > 0) problem.problems = problems;
  }
  return problem;
}

/** Whether the text looks like an HTML page (e.g. a proxy's error page), which is never worth showing raw. */
function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_LENGTH ? `${oneLine.slice(0, MAX_DETAIL_LENGTH - 1)}…` : oneLine;
}

/**
 * Reads a `Retry-After` header value: delay-seconds ("120") or an HTTP date.
 * Returns whole seconds from `now` (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // HTTP dates start with the day name ("Fri, 27 Nov 2026 12:05:00 GMT"); Date.parse alone accepts far too much.
  if (!/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Reads an error answer into a {@link Problem}: problem+json (or any JSON object)
 * is used as is, a short plain-text body becomes the detail, anything else falls
 * back to the HTTP status line. A `Retry-After` header is kept as `retryAfterSeconds`.
 */
export async function parseProblem(response: Response): Promise<Problem> {
  const problem = await parseProblemBody(response);
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (retryAfter !== undefined) problem.retryAfterSeconds = retryAfter;
  return problem;
}

async function parseProblemBody(response: Response): Promise<Problem> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // Body unreadable (aborted connection): the status line is all there is.
  }
  if (text.trim() !== '') {
    try {
      const body: unknown = JSON.parse(text);
      if (isRecord(body)) return toProblem(body, response.status, response.statusText);
    } catch {
      // Not JSON; handled below.
    }
    const problem = toProblem(undefined, response.status, response.statusText);
    if (!looksLikeHtml(text)) problem.detail = shorten(text);
    return problem;
  }
  return toProblem(undefined, response.status, response.statusText);
}

/** Problem for a request that never got an HTTP answer. */
export function networkProblem(cause: unknown): Problem {
  const reason = cause instanceof Error && cause.message ? cause.message : String(cause);
  return {
    status: 0,
    title: 'Network error',
    detail: `The VectorFlow server could not be reached (${reason}).`,
  };
}

/** Wraps anything thrown into an {@link ApiError}, for callers that catch `unknown`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(networkProblem(error));
}

// ---- Response validators: they keep a wrong answer from crashing the page. ----

export function isHealth(value: unknown): value is Health {
  return isRecord(value) && typeof value.status === 'string' && typeof value.version === 'string';
}

export function isReadiness(value: unknown): value is Readiness {
  return (
    isRecord(value) &&
    typeof value.ready === 'boolean' &&
    isRecord(value.checks) &&
    Object.values(value.checks).every((v) => typeof v === 'string')
  );
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

export function isEnvironment(value: unknown): value is Environment {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.description === 'string' &&
    typeof value.createdAt === 'string' &&
    typeof value.updatedAt === 'string' &&
    optionalString(value.teamId) &&
    optionalString(value.teamName)
  );
}

export function isEnvironmentList(value: unknown): value is EnvironmentList {
  return isRecord(value) && Array.isArray(value.items) && value.items.every(isEnvironment);
}

export const TEAM_ROLES: readonly TeamRole[] = ['VIEWER', 'EDITOR', 'ADMIN'];

function isSessionUser(value: unknown): value is SessionUser {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.email === 'string' &&
    typeof value.name === 'string' &&
    typeof value.platformAdmin === 'boolean' &&
    typeof value.mustChangePassword === 'boolean'
  );
}

function isTeamMembership(value: unknown): value is TeamMembership {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    (TEAM_ROLES as readonly unknown[]).includes(value.role)
  );
}

export function isSignedInSession(value: unknown): value is SignedInSession {
  return (
    isRecord(value) &&
    value.authenticated === true &&
    isSessionUser(value.user) &&
    Array.isArray(value.teams) &&
    value.teams.every(isTeamMembership) &&
    nonEmptyString(value.csrfToken) !== undefined
  );
}

export function isSignedOutSession(value: unknown): value is SignedOutSession {
  return isRecord(value) && value.authenticated === false && typeof value.setupRequired === 'boolean';
}

export function isSession(value: unknown): value is Session {
  return isSignedInSession(value) || isSignedOutSession(value);
}

// ---- Authentication problems every call can run into ----

/** The title of the 403 the server answers while the user must change their password. */
export const PASSWORD_CHANGE_REQUIRED_TITLE = 'Password Change Required';

/** The title of the 403 the server answers while a required second factor is not enrolled yet. */
export const TWO_FACTOR_ENROLLMENT_REQUIRED_TITLE = 'Two-Factor Enrollment Required';

export type AuthProblemKind = 'unauthorized' | 'password-change-required' | 'two-factor-enrollment-required' | 'csrf-rejected';

/**
 * What an error answer says about the session: 401 means signed out (or never
 * signed in), the 403 "Password Change Required" means only the password form
 * may be used, a 403 naming CSRF means the token sent is not (or no longer) right.
 */
export function classifyAuthProblem(problem: Problem): AuthProblemKind | undefined {
  if (problem.status === 401) return 'unauthorized';
  if (problem.status !== 403) return undefined;
  if (problem.title.trim().toLowerCase() === PASSWORD_CHANGE_REQUIRED_TITLE.toLowerCase()) {
    return 'password-change-required';
  }
  if (problem.title.trim().toLowerCase() === TWO_FACTOR_ENROLLMENT_REQUIRED_TITLE.toLowerCase()) {
    return 'two-factor-enrollment-required';
  }
  if (/\bcsrf\b/i.test(`${problem.title} ${problem.detail ?? ''}`)) return 'csrf-rejected';
  return undefined;
}

export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Whether a request with this method changes state, so must carry the CSRF token. */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The CSRF header to add to a request: none for safe methods or while no token is known. */
export function csrfHeaders(method: string, token: string | undefined): Record<string, string> {
  return token && isStateChanging(method) ? { [CSRF_HEADER]: token } : {};
}

// ---- The client ----

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** Told about every error answer that concerns the session (see {@link classifyAuthProblem}). */
export type AuthProblemListener = (kind: AuthProblemKind, problem: Problem) => void;

export interface ApiClientOptions {
  /** Prefix for every path; "" (the default) means the page's own origin. */
  baseUrl?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: FetchFn;
}

interface BaseRequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Error statuses that are this call's own answer rather than news about the
   * session, so the auth listener is not told (e.g. 401 for a wrong password).
   */
  ownStatuses?: readonly number[];
}

export interface RequestOptions<T> extends BaseRequestOptions {
  /** Checks the shape of a successful answer. */
  validate: (value: unknown) => value is T;
  /**
   * Non-2xx statuses whose body is still a valid answer (e.g. 503 for /api/ready).
   * The body must pass `validate`, otherwise it is treated as an error.
   */
  acceptStatuses?: readonly number[];
}

export type SendOptions = BaseRequestOptions;

export interface ApiClient {
  /** A call answered with JSON. */
  request<T>(path: string, options: RequestOptions<T>): Promise<T>;
  /** A call answered with 2xx and no body worth reading (e.g. 204). */
  send(path: string, options?: SendOptions): Promise<void>;
  /** The token sent as `X-CSRF-Token` on state-changing calls; undefined sends none. */
  setCsrfToken(token: string | undefined): void;
  /** Who is told about 401s and the auth-related 403s; undefined for nobody. */
  setAuthProblemListener(listener: AuthProblemListener | undefined): void;

  health(signal?: AbortSignal): Promise<Health>;
  readiness(signal?: AbortSignal): Promise<Readiness>;
  listEnvironments(signal?: AbortSignal): Promise<EnvironmentList>;

  session(signal?: AbortSignal): Promise<Session>;
  /** Signed in, or the password was right and a second factor is asked for. */
  signIn(email: string, password: string): Promise<SignedInSession | SecondFactorChallenge>;
  /** The second step: a code of the app (or a recovery code) for the challenge of {@link signIn}. */
  verifySecondFactor(challenge: string, code: string): Promise<SignedInSession>;
  /** Ends the session; answers the identity provider's end-session address when the session came from one. */
  signOut(): Promise<string | undefined>;
  signOutEverywhere(): Promise<void>;
  completeSetup(request: SetupRequest): Promise<SignedInSession>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

const JSON_TYPES = 'application/json, application/problem+json';

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch: FetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let csrfToken: string | undefined;
  let authListener: AuthProblemListener | undefined;

  /** Sends the request; resolves with the response when accepted, rejects with an ApiError otherwise. */
  async function exchange(path: string, opts: BaseRequestOptions, acceptStatuses: readonly number[]) {
    const method = (opts.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { Accept: JSON_TYPES, ...csrfHeaders(method, csrfToken) };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (opts.signal) init.signal = opts.signal;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = stringifyJson(opts.body);
    }

    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(networkProblem(error));
    }

    if (response.ok || acceptStatuses.includes(response.status)) return response;
    const problem = await parseProblem(response);
    if (!(opts.ownStatuses ?? []).includes(response.status)) {
      const kind = classifyAuthProblem(problem);
      if (kind && authListener) authListener(kind, problem);
    }
    throw new ApiError(problem);
  }

  async function request<T>(path: string, opts: RequestOptions<T>): Promise<T> {
    const response = await exchange(path, opts, opts.acceptStatuses ?? []);

    const text = await response.text();
    let body: unknown;
    try {
      body = parseJson(text);
    } catch {
      if (!response.ok) throw new ApiError(toProblem(undefined, response.status, response.statusText));
      throw new ApiError({
        status: response.status,
        title: 'Invalid response',
        detail: `The server's answer to ${path} is not JSON.`,
      });
    }
    if (!opts.validate(body)) {
      // An accepted error status with a body of another shape is a real error (e.g. a proxy's 503).
      if (!response.ok) throw new ApiError(toProblem(body, response.status, response.statusText));
      throw new ApiError({
        status: response.status,
        title: 'Invalid response',
        detail: `The server's answer to ${path} does not have the expected fields.`,
      });
    }
    return body;
  }

  async function send(path: string, opts: SendOptions = {}): Promise<void> {
    const response = await exchange(path, opts, []);
    try {
      await response.body?.cancel();
    } catch {
      // Nothing to read; a body that cannot be discarded does not matter.
    }
  }

  return {
    request,
    send,
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    setAuthProblemListener: (listener) => {
      authListener = listener;
    },
    health: (signal) => request('/api/health', { validate: isHealth, signal }),
    readiness: (signal) =>
      request('/api/ready', { validate: isReadiness, acceptStatuses: [503], signal }),
    listEnvironments: (signal) =>
      request('/api/environments', { validate: isEnvironmentList, signal }),

    session: (signal) => request('/api/session', { validate: isSession, signal }),
    signIn: (email, password) =>
      request('/api/session', {
        method: 'POST',
        body: { email, password },
        validate: (v): v is SignedInSession | SecondFactorChallenge => isSignedInSession(v) || isSecondFactorChallenge(v),
        // 401 = wrong email or password, 429 = locked out, 403 = local sign-in turned off: answers to this form, not session news.
        ownStatuses: [401, 403, 429],
      }),
    verifySecondFactor: (challenge, code) =>
      request('/api/session/second-factor', {
        method: 'POST',
        body: { challenge, code },
        validate: isSignedInSession,
        ownStatuses: [401, 429],
      }),
    signOut: async () => {
      const response = await exchange('/api/session', { method: 'DELETE' }, []);
      const text = await response.text();
      if (!text) return undefined;
      try {
        const body: unknown = parseJson(text);
        return isRecord(body) && typeof body.endSessionUrl === 'string' ? body.endSessionUrl : undefined;
      } catch {
        return undefined;
      }
    },
    signOutEverywhere: () => send('/api/session/revoke-all', { method: 'POST' }),
    completeSetup: (setup) =>
      request('/api/setup', {
        method: 'POST',
        body: setup,
        validate: isSignedInSession,
      }),
    changePassword: (currentPassword, newPassword) =>
      send('/api/me/password', {
        method: 'POST',
        body: { currentPassword, newPassword },
        // 401 here means the current password is wrong, not that the session ended.
        ownStatuses: [401],
      }),
  };
}

/** The client the app uses: same origin as the page. */
export const api: ApiClient = createApiClient();
