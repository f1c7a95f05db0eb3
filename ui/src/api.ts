/**
 * Typed client for the VectorFlow server's JSON API.
 *
 * Every call either resolves with a typed value or rejects with an {@link ApiError}
 * that carries an RFC 9457 style {@link Problem} (the server answers errors as
 * `application/problem+json`). Network failures and malformed answers are turned
 * into the same shape, so the UI only has one kind of error to show.
 */

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
 * Reads an error answer into a {@link Problem}: problem+json (or any JSON object)
 * is used as is, a short plain-text body becomes the detail, anything else falls
 * back to the HTTP status line.
 */
export async function parseProblem(response: Response): Promise<Problem> {
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

export function isEnvironment(value: unknown): value is Environment {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.description === 'string' &&
    typeof value.createdAt === 'string' &&
    typeof value.updatedAt === 'string'
  );
}

export function isEnvironmentList(value: unknown): value is EnvironmentList {
  return isRecord(value) && Array.isArray(value.items) && value.items.every(isEnvironment);
}

// ---- The client ----

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Prefix for every path; "" (the default) means the page's own origin. */
  baseUrl?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: FetchFn;
}

export interface RequestOptions<T> {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Checks the shape of a successful answer. */
  validate: (value: unknown) => value is T;
  /**
   * Non-2xx statuses whose body is still a valid answer (e.g. 503 for /api/ready).
   * The body must pass `validate`, otherwise it is treated as an error.
   */
  acceptStatuses?: readonly number[];
}

export interface ApiClient {
  request<T>(path: string, options: RequestOptions<T>): Promise<T>;
  health(signal?: AbortSignal): Promise<Health>;
  readiness(signal?: AbortSignal): Promise<Readiness>;
  listEnvironments(signal?: AbortSignal): Promise<EnvironmentList>;
}

const JSON_TYPES = 'application/json, application/problem+json';

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch: FetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(path: string, opts: RequestOptions<T>): Promise<T> {
    const headers: Record<string, string> = { Accept: JSON_TYPES };
    const init: RequestInit = {
      method: opts.method ?? 'GET',
      headers,
      credentials: 'same-origin',
    };
    if (opts.signal) init.signal = opts.signal;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }

    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(networkProblem(error));
    }

    const accepted = response.ok || (opts.acceptStatuses ?? []).includes(response.status);
    if (!accepted) throw new ApiError(await parseProblem(response));

    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
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

  return {
    request,
    health: (signal) => request('/api/health', { validate: isHealth, signal }),
    readiness: (signal) =>
      request('/api/ready', { validate: isReadiness, acceptStatuses: [503], signal }),
    listEnvironments: (signal) =>
      request('/api/environments', { validate: isEnvironmentList, signal }),
  };
}

/** The client the app uses: same origin as the page. */
export const api: ApiClient = createApiClient();
