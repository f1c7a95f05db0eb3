import { describe, expect, it } from 'vitest';
import {
  ApiError,
  createApiClient,
  parseProblem,
  toApiError,
  toProblem,
  type FetchFn,
} from './api.ts';

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

/** A fetch that answers from a fixed map and records what it was asked. */
function fakeFetch(answers: Record<string, () => Response | Promise<Response>>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    const answer = answers[url];
    if (!answer) return jsonResponse(404, { status: 404, title: 'Not Found' }, 'application/problem+json');
    return answer();
  };
  return { fetch, calls };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the promise to reject');
}

describe('toProblem', () => {
  it('keeps the fields of a problem+json body', () => {
    const problem = toProblem(
      {
        status: 400,
        title: 'Bad Request',
        detail: 'The request has invalid fields',
        problems: [{ field: 'name', message: 'must not be blank' }],
      },
      400,
    );
    expect(problem).toEqual({
      status: 400,
      title: 'Bad Request',
      detail: 'The request has invalid fields',
      problems: [{ field: 'name', message: 'must not be blank' }],
    });
  });

  it('falls back to the HTTP status when fields are missing or of the wrong type', () => {
    expect(toProblem({ title: 42, detail: '', status: 'x' }, 502, 'Bad Gateway')).toEqual({
      status: 502,
      title: 'Bad Gateway',
    });
    expect(toProblem(null, 500)).toEqual({ status: 500, title: 'HTTP 500' });
    expect(toProblem(['not', 'an', 'object'], 418, '')).toEqual({ status: 418, title: 'HTTP 418' });
  });

  it('drops malformed field problems and omits an empty list', () => {
    expect(toProblem({ title: 'Bad Request', problems: [1, null, {}] }, 400).problems).toBeUndefined();
    expect(
      toProblem({ title: 'Bad Request', problems: [{ field: 'name' }, 'x'] }, 400).problems,
    ).toEqual([{ field: 'name', message: '' }]);
  });
});

describe('parseProblem', () => {
  it('reads application/problem+json', async () => {
    const problem = await parseProblem(
      jsonResponse(
        404,
        { status: 404, title: 'Not Found', detail: 'Environment 3f1c does not exist' },
        'application/problem+json',
      ),
    );
    expect(problem).toEqual({ status: 404, title: 'Not Found', detail: 'Environment 3f1c does not exist' });
  });

  it('uses a short plain-text body as the detail', async () => {
    const response = new Response('upstream timed out\n', { status: 504, statusText: 'Gateway Timeout' });
    expect(await parseProblem(response)).toEqual({
      status: 504,
      title: 'Gateway Timeout',
      detail: 'upstream timed out',
    });
  });

  it('never shows an HTML error page as the detail', async () => {
    const response = new Response('<html><body><h1>502</h1></body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    });
    expect(await parseProblem(response)).toEqual({ status: 502, title: 'Bad Gateway' });
  });

  it('shortens a long text body', async () => {
    const problem = await parseProblem(new Response('x'.repeat(1000), { status: 500 }));
    expect(problem.detail).toHaveLength(300);
    expect(problem.detail?.endsWith('…')).toBe(true);
  });

  it('copes with an empty body', async () => {
    expect(await parseProblem(new Response(null, { status: 503 }))).toEqual({
      status: 503,
      title: 'HTTP 503',
    });
  });
});

describe('ApiError', () => {
  it('has a readable message and exposes the status', () => {
    const error = new ApiError({ status: 404, title: 'Not Found', detail: 'gone' });
    expect(error.message).toBe('Not Found: gone');
    expect(error.status).toBe(404);
  });

  it('toApiError wraps unknown errors as network problems', () => {
    const error = toApiError(new TypeError('Failed to fetch'));
    expect(error.problem.status).toBe(0);
    expect(error.problem.title).toBe('Network error');
    expect(error.problem.detail).toContain('Failed to fetch');
    const same = new ApiError({ status: 500, title: 'x' });
    expect(toApiError(same)).toBe(same);
  });
});

describe('createApiClient', () => {
  it('returns the health answer and asks for JSON', async () => {
    const { fetch, calls } = fakeFetch({
      '/api/health': () => jsonResponse(200, { status: 'UP', version: '0.1.0-SNAPSHOT' }),
    });
    const client = createApiClient({ fetch });
    expect(await client.health()).toEqual({ status: 'UP', version: '0.1.0-SNAPSHOT' });
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(headers.Accept).toContain('application/problem+json');
    expect(calls[0]?.init?.method).toBe('GET');
  });

  it('prefixes the base URL without doubling slashes', async () => {
    const { fetch, calls } = fakeFetch({
      'http://host:8080/api/health': () => jsonResponse(200, { status: 'UP', version: '1' }),
    });
    await createApiClient({ baseUrl: 'http://host:8080/', fetch }).health();
    expect(calls[0]?.url).toBe('http://host:8080/api/health');
  });

  it('treats a 503 readiness answer as a result, not an error', async () => {
    const body = { ready: false, checks: { database: 'DOWN: connection refused' } };
    const { fetch } = fakeFetch({ '/api/ready': () => jsonResponse(503, body) });
    expect(await createApiClient({ fetch }).readiness()).toEqual(body);
  });

  it('treats a 503 of another shape as an error', async () => {
    const { fetch } = fakeFetch({
      '/api/ready': () =>
        jsonResponse(503, { status: 503, title: 'Service Unavailable', detail: 'shutting down' }, 'application/problem+json'),
    });
    const error = await rejection(createApiClient({ fetch }).readiness());
    expect(error.problem).toEqual({ status: 503, title: 'Service Unavailable', detail: 'shutting down' });
  });

  it('rejects with the problem of an error answer', async () => {
    const { fetch } = fakeFetch({
      '/api/environments': () =>
        jsonResponse(
          500,
          { status: 500, title: 'Internal Server Error', detail: 'Database unavailable' },
          'application/problem+json',
        ),
    });
    const error = await rejection(createApiClient({ fetch }).listEnvironments());
    expect(error.problem.title).toBe('Internal Server Error');
    expect(error.problem.detail).toBe('Database unavailable');
  });

  it('lists environments, including empty descriptions', async () => {
    const items = [
      {
        id: '3f1c0000-0000-4000-8000-000000000001',
        name: 'production',
        description: '',
        createdAt: '2026-11-27T16:50:00.123Z',
        updatedAt: '2026-11-27T16:50:00.123Z',
      },
    ];
    const { fetch } = fakeFetch({ '/api/environments': () => jsonResponse(200, { items }) });
    expect(await createApiClient({ fetch }).listEnvironments()).toEqual({ items });
  });

  it('rejects an answer without the expected fields', async () => {
    const { fetch } = fakeFetch({
      '/api/environments': () => jsonResponse(200, { items: [{ id: 1, name: 'x' }] }),
    });
    const error = await rejection(createApiClient({ fetch }).listEnvironments());
    expect(error.problem.title).toBe('Invalid response');
    expect(error.problem.status).toBe(200);
  });

  it('rejects an answer that is not JSON', async () => {
    const { fetch } = fakeFetch({
      '/api/health': () => new Response('<!doctype html><html></html>', { status: 200 }),
    });
    const error = await rejection(createApiClient({ fetch }).health());
    expect(error.problem.title).toBe('Invalid response');
    expect(error.problem.detail).toContain('/api/health');
  });

  it('turns a network failure into a status-0 problem', async () => {
    const fetch: FetchFn = () => Promise.reject(new TypeError('fetch failed'));
    const error = await rejection(createApiClient({ fetch }).health());
    expect(error.problem.status).toBe(0);
    expect(error.problem.title).toBe('Network error');
  });

  it('lets an abort through unchanged', async () => {
    const fetch: FetchFn = () => Promise.reject(new DOMException('aborted', 'AbortError'));
    await expect(createApiClient({ fetch }).health()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends a JSON body with its content type', async () => {
    const { fetch, calls } = fakeFetch({
      '/api/environments': () => jsonResponse(201, { id: 'x' }),
    });
    const created = await createApiClient({ fetch }).request('/api/environments', {
      method: 'POST',
      body: { name: 'staging' },
      validate: (v: unknown): v is { id: string } => typeof v === 'object' && v !== null && 'id' in v,
    });
    expect(created).toEqual({ id: 'x' });
    expect(calls[0]?.init?.body).toBe('{"name":"staging"}');
    expect((calls[0]?.init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });
});
