import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api.ts';
import { createVf } from './client.ts';

interface Call {
  url: string;
  method: string;
  body?: unknown;
  csrf?: string;
}

/** A client whose fetch answers from `reply` and records every call. */
function fake(reply: (call: Call) => { status: number; body?: unknown; text?: string }) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = {
      url,
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      csrf: headers['X-CSRF-Token'],
    };
    calls.push(call);
    const r = reply(call);
    const type = r.status >= 400 ? 'application/problem+json' : 'application/json';
    const text = r.text ?? (r.body === undefined ? '' : JSON.stringify(r.body));
    return new Response(r.status === 204 ? null : text, { status: r.status, headers: { 'Content-Type': type } });
  };
  const client = createApiClient({ fetch });
  client.setCsrfToken('csrf-1');
  return { vf: createVf(client, fetch), calls };
}

describe('fleet contract calls', () => {
  it('creates an enrollment token with defaults left to the server and the CSRF header', async () => {
    const { vf, calls } = fake(() => ({ status: 201, body: { id: 't1', token: 'vf_enroll_x', state: 'ACTIVE' } }));
    const t = await vf.createEnrollmentToken('env-1', { name: 'edge', expiresInHours: 24, maxUses: 3, labels: { region: 'eu' } });
    expect(t.token).toBe('vf_enroll_x');
    expect(calls[0]).toEqual({
      url: '/api/environments/env-1/enrollment-tokens',
      method: 'POST',
      body: { name: 'edge', expiresInHours: 24, maxUses: 3, labels: { region: 'eu' } },
      csrf: 'csrf-1',
    });
  });

  it('lists nodes with only the filters given', async () => {
    const { vf, calls } = fake(() => ({ status: 200, body: { nodes: [], total: 0 } }));
    await vf.nodes('env-1', { status: 'HEALTHY', label: 'region=eu', search: '' });
    expect(calls[0]?.url).toBe('/api/environments/env-1/nodes?status=HEALTHY&label=region%3Deu');
  });

  it('asks for a page of nodes in an order from a cursor', async () => {
    const { vf, calls } = fake(() => ({ status: 200, body: { nodes: [], total: 120, nextCursor: 'abc' } }));
    const page = await vf.nodes('env-1', { sort: 'lastSeen', order: 'desc', limit: 50, cursor: 'xyz' });
    expect(calls[0]?.url).toBe('/api/environments/env-1/nodes?sort=lastSeen&order=desc&limit=50&cursor=xyz');
    expect(page.total).toBe(120);
    expect(page.nextCursor).toBe('abc');
  });

  it('counts the nodes a selector matches', async () => {
    const { vf, calls } = fake(() => ({ status: 200, body: { count: 1, nodes: [{ id: 'n1', hostname: 'h1' }] } }));
    const m = await vf.matchNodes('env-1', 'region=eu,role=edge');
    expect(m.count).toBe(1);
    expect(calls[0]?.url).toBe('/api/environments/env-1/nodes/match?selector=region%3Deu%2Crole%3Dedge');
  });

  it('previews and promotes a version, switches approvals on, and decides requests', async () => {
    const { vf, calls } = fake(() => ({ status: 200, body: { items: [] } }));
    const body = { targetEnvironmentId: 'prod', values: [{ component: 'out', option: 'uri', value: 'https://prod' }] };
    await vf.previewPromotion('p', 3, body);
    await vf.promote('p', 3, body);
    await vf.setRequiresApproval('prod', true);
    await vf.approvals('prod', 'pending');
    await vf.approve('prod', 'r1');
    await vf.reject('prod', 'r2', 'freeze');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/pipelines/p/versions/3/promote/preview',
      'POST /api/pipelines/p/versions/3/promote',
      'PATCH /api/environments/prod',
      'GET /api/environments/prod/approvals?state=pending',
      'POST /api/environments/prod/approvals/r1/approve',
      'POST /api/environments/prod/approvals/r2/reject',
    ]);
    expect(calls[0]?.body).toEqual(body);
    expect(calls[2]?.body).toEqual({ requiresApproval: true });
    expect(calls[5]?.body).toEqual({ reason: 'freeze' });
  });

  it('deploys a version with a selector and undeploys', async () => {
    const { vf, calls } = fake((c) => (c.method === 'DELETE' ? { status: 204 } : { status: 201, body: { pipelineId: 'p', version: 2, matchedNodes: 3 } }));
    const d = await vf.deploy('p', { version: 2, selector: { region: 'eu' } });
    expect('matchedNodes' in d && d.matchedNodes).toBe(3);
    await vf.undeploy('p');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/pipelines/p/deployments', 'DELETE /api/pipelines/p/deployments']);
    expect(calls[0]?.body).toEqual({ version: 2, selector: { region: 'eu' } });
  });

  it('asks node metrics and logs with the range and cursor', async () => {
    const { vf, calls } = fake((c) => (c.url.includes('/logs') ? { status: 200, body: [{ seq: 5, line: 'x' }] } : { status: 200, body: { step: 60, points: [] } }));
    await vf.nodeMetrics('n1', '2026-11-27T20:00:00Z', '2026-11-27T21:00:00Z', 60);
    const lines = await vf.nodeLogs('n1', { pipelineId: 'p', after: 4, limit: 200 });
    expect(lines[0]?.seq).toBe(5);
    expect(calls[0]?.url).toBe('/api/nodes/n1/metrics?from=2026-11-27T20%3A00%3A00Z&to=2026-11-27T21%3A00%3A00Z&step=60');
    expect(calls[1]?.url).toBe('/api/nodes/n1/logs?pipelineId=p&after=4&limit=200');
  });

  it('requests samples and reads them back', async () => {
    const { vf, calls } = fake((c) => (c.method === 'POST' ? { status: 202, body: { requestId: 'r1' } } : { status: 200, body: { requestId: 'r1', state: 'DONE', results: [] } }));
    const { requestId } = await vf.requestSamples('n1', 'p', ['a', 'b']);
    const s = await vf.samples('n1', requestId);
    expect(s.state).toBe('DONE');
    expect(calls[0]?.body).toEqual({ pipelineId: 'p', componentKeys: ['a', 'b'], limit: 5 });
    expect(calls[1]?.url).toBe('/api/nodes/n1/samples/r1');
  });

  it('sets labels and maintenance, revokes and re-enrolls a node', async () => {
    const { vf, calls } = fake((c) => (c.method === 'DELETE' ? { status: 204 } : { status: c.url.endsWith('re-enroll') ? 201 : 200, body: { id: 'n1', token: 't' } }));
    await vf.setNodeLabels('n1', { a: 'b' });
    await vf.setMaintenance('n1', true);
    await vf.revokeNodeToken('n1');
    await vf.reEnroll('n1');
    await vf.restartPipeline('n1', 'p');
    expect(calls.map((c) => `${c.method} ${c.url} ${JSON.stringify(c.body ?? null)}`)).toEqual([
      'PUT /api/nodes/n1/labels {"labels":{"a":"b"}}',
      'PUT /api/nodes/n1/maintenance {"enabled":true}',
      'DELETE /api/nodes/n1/token null',
      'POST /api/nodes/n1/re-enroll null',
      'POST /api/nodes/n1/pipelines/p/restart null',
    ]);
  });

  it('turns a problem+json answer into an ApiError with field problems', async () => {
    const { vf } = fake(() => ({ status: 400, body: { status: 400, title: 'Validation Failed', problems: [{ field: 'maxUses', message: 'must be at least 1' }] } }));
    await expect(vf.createEnrollmentToken('e', { maxUses: 0 })).rejects.toMatchObject({
      problem: { status: 400, problems: [{ field: 'maxUses', message: 'must be at least 1' }] },
    });
  });
});

describe('pipeline calls', () => {
  it('reads the rendered configuration as text', async () => {
    const { vf, calls } = fake(() => ({ status: 200, text: 'sources: {}\n' }));
    expect(await vf.config('p', 'toml')).toBe('sources: {}\n');
    expect(calls[0]?.url).toBe('/api/pipelines/p/config?format=toml');
  });
  it('saves the graph with PUT and returns the problems', async () => {
    const { vf, calls } = fake(() => ({ status: 200, body: { id: 'p', valid: false, problems: [{ severity: 'ERROR', component: 'a', path: 'x', message: 'm' }] } }));
    const saved = await vf.saveGraph('p', { components: [], edges: [], globalOptions: {} });
    expect(saved.problems).toHaveLength(1);
    expect(calls[0]?.method).toBe('PUT');
  });
});
