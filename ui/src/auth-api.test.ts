import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CSRF_HEADER,
  classifyAuthProblem,
  createApiClient,
  csrfHeaders,
  isEnvironmentList,
  isSession,
  isSignedInSession,
  isStateChanging,
  parseProblem,
  parseRetryAfter,
  type AuthProblemKind,
  type FetchFn,
} from './api.ts';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function problemResponse(status: number, title: string, detail?: string, headers: Record<string, string> = {}) {
  return jsonResponse(status, { status, title, detail }, { 'Content-Type': 'application/problem+json', ...headers });
}

type Answer = () => Response;

/** Answers by "METHOD path" and records the calls. */
function fakeFetch(answers: Record<string, Answer>) {
  const calls: { key: string; headers: Record<string, string>; init?: RequestInit }[] = [];
  const fetch: FetchFn = async (url, init) => {
    const key = `${init?.method ?? 'GET'} ${url}`;
    calls.push({ key, headers: (init?.headers ?? {}) as Record<string, string>, init });
    const answer = answers[key];
    return answer ? answer() : problemResponse(404, 'Not Found');
  };
  return { fetch, calls };
}

const signedIn = {
  authenticated: true,
  user: { id: 'u1', email: 'admin@example.com', name: 'Ada', platformAdmin: true, mustChangePassword: false },
  teams: [
    { id: 't1', name: 'Platform', role: 'ADMIN' },
    { id: 't2', name: 'Payments', role: 'VIEWER' },
  ],
  csrfToken: 'c0ffee',
};

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the promise to reject');
}

describe('CSRF header', () => {
  it('is needed for state-changing methods only', () => {
    for (const method of ['POST', 'put', 'PATCH', 'DELETE']) expect(isStateChanging(method)).toBe(true);
    for (const method of ['GET', 'head', 'OPTIONS']) expect(isStateChanging(method)).toBe(false);
  });

  it('is attached when a token is known and the method changes state', () => {
    expect(csrfHeaders('POST', 'abc')).toEqual({ 'X-CSRF-Token': 'abc' });
    expect(csrfHeaders('delete', 'abc')).toEqual({ 'X-CSRF-Token': 'abc' });
    expect(csrfHeaders('GET', 'abc')).toEqual({});
    expect(csrfHeaders('POST', undefined)).toEqual({});
    expect(csrfHeaders('POST', '')).toEqual({});
  });

  it('is sent by the client once set, and dropped again when cleared', async () => {
    const { fetch, calls } = fakeFetch({
      'DELETE /api/session': () => new Response(null, { status: 204 }),
      'GET /api/health': () => jsonResponse(200, { status: 'UP', version: '1' }),
      'POST /api/session/revoke-all': () => new Response(null, { status: 204 }),
    });
    const client = createApiClient({ fetch });
    client.setCsrfToken('tok-1');
    await client.health();
    await client.signOut();
    client.setCsrfToken(undefined);
    await client.signOutEverywhere();

    expect(calls.map((c) => c.key)).toEqual(['GET /api/health', 'DELETE /api/session', 'POST /api/session/revoke-all']);
    expect(calls[0]?.headers[CSRF_HEADER]).toBeUndefined();
    expect(calls[1]?.headers[CSRF_HEADER]).toBe('tok-1');
    expect(calls[2]?.headers[CSRF_HEADER]).toBeUndefined();
    for (const call of calls) expect(call.init?.credentials).toBe('same-origin');
  });
});

describe('session answers', () => {
  it('accepts a signed-in session', () => {
    expect(isSignedInSession(signedIn)).toBe(true);
    expect(isSession(signedIn)).toBe(true);
  });

  it('accepts a signed-out session with or without pending setup', () => {
    expect(isSession({ authenticated: false, setupRequired: true })).toBe(true);
    expect(isSession({ authenticated: false, setupRequired: false })).toBe(true);
  });

  it.each([
    ['no setupRequired', { authenticated: false }],
    ['authenticated as a string', { ...signedIn, authenticated: 'true' }],
    ['no csrfToken', { ...signedIn, csrfToken: undefined }],
    ['an empty csrfToken', { ...signedIn, csrfToken: '' }],
    ['no user', { ...signedIn, user: undefined }],
    ['platformAdmin missing', { ...signedIn, user: { ...signedIn.user, platformAdmin: undefined } }],
    ['mustChangePassword as a string', { ...signedIn, user: { ...signedIn.user, mustChangePassword: 'no' } }],
    ['teams missing', { ...signedIn, teams: undefined }],
    ['an unknown role', { ...signedIn, teams: [{ id: 't', name: 'x', role: 'OWNER' }] }],
    ['a numeric user id', { ...signedIn, user: { ...signedIn.user, id: 7 } }],
  ])('rejects an answer with %s', (_label, body) => {
    expect(isSession(body)).toBe(false);
  });

  it('loads the session and turns an unexpected shape into an error', async () => {
    const { fetch } = fakeFetch({ 'GET /api/session': () => jsonResponse(200, signedIn) });
    expect(await createApiClient({ fetch }).session()).toEqual(signedIn);

    const bad = fakeFetch({ 'GET /api/session': () => jsonResponse(200, { authenticated: 'maybe' }) });
    const error = await rejection(createApiClient({ fetch: bad.fetch }).session());
    expect(error.problem.title).toBe('Invalid response');
  });

  it('environments may carry their team', () => {
    const env = { id: 'e', name: 'prod', description: '', createdAt: 'x', updatedAt: 'y' };
    expect(isEnvironmentList({ items: [{ ...env, teamId: 't1', teamName: 'Platform' }] })).toBe(true);
    expect(isEnvironmentList({ items: [env] })).toBe(true);
    expect(isEnvironmentList({ items: [{ ...env, teamName: 42 }] })).toBe(false);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    for (const value of [null, undefined, '', '1.5', '10s', '-5', 'soon', 'later 5', 'Fri, not a date']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });

  it('is kept on the problem of an error answer', async () => {
    const problem = await parseProblem(
      problemResponse(429, 'Too Many Requests', 'Too many failed sign-ins', { 'Retry-After': '290' }),
    );
    expect(problem).toEqual({
      status: 429,
      title: 'Too Many Requests',
      detail: 'Too many failed sign-ins',
      retryAfterSeconds: 290,
    });
  });
});

describe('classifyAuthProblem', () => {
  it('sorts the answers that concern the session', () => {
    expect(classifyAuthProblem({ status: 401, title: 'Unauthorized' })).toBe('unauthorized');
    expect(classifyAuthProblem({ status: 403, title: 'Password Change Required' })).toBe('password-change-required');
    expect(classifyAuthProblem({ status: 403, title: 'Forbidden', detail: 'CSRF token missing or wrong' })).toBe(
      'csrf-rejected',
    );
    expect(classifyAuthProblem({ status: 403, title: 'Forbidden', detail: 'Not a member of this team' })).toBeUndefined();
    expect(classifyAuthProblem({ status: 404, title: 'Not Found' })).toBeUndefined();
    expect(classifyAuthProblem({ status: 0, title: 'Network error' })).toBeUndefined();
  });
});

describe('the auth problem listener', () => {
  function clientWith(answers: Record<string, Answer>) {
    const { fetch } = fakeFetch(answers);
    const client = createApiClient({ fetch });
    const heard: AuthProblemKind[] = [];
    client.setAuthProblemListener((kind) => heard.push(kind));
    return { client, heard };
  }

  it('hears a 401 from an ordinary call', async () => {
    const { client, heard } = clientWith({ 'GET /api/environments': () => problemResponse(401, 'Unauthorized') });
    const error = await rejection(client.listEnvironments());
    expect(error.status).toBe(401);
    expect(heard).toEqual(['unauthorized']);
  });

  it('hears the forced password change and a CSRF refusal', async () => {
    const { client, heard } = clientWith({
      'GET /api/environments': () => problemResponse(403, 'Password Change Required'),
      'DELETE /api/session': () => problemResponse(403, 'Forbidden', 'CSRF token missing or wrong'),
    });
    await rejection(client.listEnvironments());
    await rejection(client.signOut());
    expect(heard).toEqual(['password-change-required', 'csrf-rejected']);
  });

  it('does not hear a wrong password at sign-in or at password change', async () => {
    const { client, heard } = clientWith({
      'POST /api/session': () => problemResponse(401, 'Unauthorized', 'Wrong email or password.'),
      'POST /api/me/password': () => problemResponse(401, 'Unauthorized', 'The current password is wrong.'),
    });
    expect((await rejection(client.signIn('a@b.c', 'nope'))).problem.detail).toBe('Wrong email or password.');
    expect((await rejection(client.changePassword('old', 'new password 1'))).status).toBe(401);
    expect(heard).toEqual([]);
  });

  it('is not told anything once removed', async () => {
    const { client, heard } = clientWith({ 'GET /api/environments': () => problemResponse(401, 'Unauthorized') });
    client.setAuthProblemListener(undefined);
    await rejection(client.listEnvironments());
    expect(heard).toEqual([]);
  });
});

describe('session calls', () => {
  it('signs in with a JSON body and returns the session', async () => {
    const { fetch, calls } = fakeFetch({ 'POST /api/session': () => jsonResponse(200, signedIn) });
    expect(await createApiClient({ fetch }).signIn('admin@example.com', 'pw')).toEqual(signedIn);
    expect(calls[0]?.init?.body).toBe('{"email":"admin@example.com","password":"pw"}');
    expect(calls[0]?.headers['Content-Type']).toBe('application/json');
  });

  it('reports a lockout with its Retry-After', async () => {
    const { fetch } = fakeFetch({
      'POST /api/session': () => problemResponse(429, 'Too Many Requests', undefined, { 'Retry-After': '600' }),
    });
    const error = await rejection(createApiClient({ fetch }).signIn('a@b.c', 'x'));
    expect(error.problem.retryAfterSeconds).toBe(600);
  });

  it('completes setup (201) and changes the password (204)', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /api/setup': () => jsonResponse(201, signedIn),
      'POST /api/me/password': () => new Response(null, { status: 204 }),
    });
    const client = createApiClient({ fetch });
    const setup = { token: 'abc', email: 'admin@example.com', name: 'Ada', password: 'twelve chars!' };
    expect(await client.completeSetup(setup)).toEqual(signedIn);
    client.setCsrfToken(signedIn.csrfToken);
    await expect(client.changePassword('old password', 'new password!')).resolves.toBeUndefined();
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual(setup);
    expect(calls[0]?.headers[CSRF_HEADER]).toBeUndefined();
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({
      currentPassword: 'old password',
      newPassword: 'new password!',
    });
    expect(calls[1]?.headers[CSRF_HEADER]).toBe('c0ffee');
  });

  it('passes on setup validation problems', async () => {
    const { fetch } = fakeFetch({
      'POST /api/setup': () =>
        jsonResponse(400, {
          status: 400,
          title: 'Bad Request',
          problems: [{ field: 'password', message: 'must be at least 12 characters' }],
        }),
    });
    const error = await rejection(
      createApiClient({ fetch }).completeSetup({ token: 't', email: 'e@x', name: 'n', password: 'p' }),
    );
    expect(error.problem.problems).toEqual([{ field: 'password', message: 'must be at least 12 characters' }]);
  });
});

describe('second factors and identity providers', () => {
  it('answers the challenge of a sign-in that needs a second factor, then the session for the code', async () => {
    const signedIn = {
      authenticated: true,
      user: { id: 'u', email: 'a@b.c', name: 'A', platformAdmin: false, mustChangePassword: false },
      teams: [],
      csrfToken: 'c',
    };
    const { fetch, calls } = fakeFetch({
      'POST /api/session': () => jsonResponse(200, { authenticated: false, secondFactorRequired: true, challenge: 'ch-1' }),
      'POST /api/session/second-factor': () => jsonResponse(200, signedIn),
    });
    const client = createApiClient({ fetch });
    expect(await client.signIn('a@b.c', 'pw')).toEqual({ authenticated: false, secondFactorRequired: true, challenge: 'ch-1' });
    expect(await client.verifySecondFactor('ch-1', '123456')).toEqual(signedIn);
    expect(calls.map((c) => c.key)).toEqual(['POST /api/session', 'POST /api/session/second-factor']);
  });

  it("answers the provider's end-session address on sign-out, and nothing after a plain one", async () => {
    const withProvider = fakeFetch({ 'DELETE /api/session': () => jsonResponse(200, { endSessionUrl: 'https://idp.example.com/logout?x=1' }) });
    expect(await createApiClient({ fetch: withProvider.fetch }).signOut()).toBe('https://idp.example.com/logout?x=1');
    const plain = fakeFetch({ 'DELETE /api/session': () => new Response(null, { status: 204 }) });
    expect(await createApiClient({ fetch: plain.fetch }).signOut()).toBeUndefined();
  });

  it('hears that a second factor must be enrolled first', () => {
    expect(classifyAuthProblem({ status: 403, title: 'Two-Factor Enrollment Required' })).toBe('two-factor-enrollment-required');
  });
});
