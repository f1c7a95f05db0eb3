import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api.ts';
import { howToStart, nextSteps } from './firstSteps.ts';
import { attentionLabel, createFleetApi, fleetTone, NODE_STATUSES, orderedCounts, releaseProblems, RUN_STATUSES, updateActions } from './fleetApi.ts';
import { AGENT_VERSION_ORDER } from './versions.ts';

/** The fleet calls on a client whose fetch records each call and answers `body`. */
function fake(body: unknown, status = 200) {
  const calls: { url: string; method: string; body?: unknown }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
  };
  return { fleet: createFleetApi(createApiClient({ fetch })), calls };
}

describe('how a new installation starts', () => {
  it('offers a platform admin without teams one form for a team and its first environment', () => {
    expect(howToStart({ platformAdmin: true, teams: [] })).toEqual({ kind: 'team-and-environment' });
  });
  it('offers an environment for the teams the user administers', () => {
    const teams = [
      { id: 't1', name: 'ops', role: 'ADMIN' },
      { id: 't2', name: 'dev', role: 'VIEWER' },
    ];
    expect(howToStart({ platformAdmin: false, teams })).toEqual({ kind: 'environment', teams: [{ id: 't1', name: 'ops' }] });
    expect(howToStart({ platformAdmin: true, teams })).toEqual({ kind: 'environment', teams: [{ id: 't1', name: 'ops' }, { id: 't2', name: 'dev' }] });
  });
  it('tells everyone else whom to ask', () => {
    expect(howToStart({ platformAdmin: false, teams: [] })).toEqual({ kind: 'ask-for-team' });
    expect(howToStart({ platformAdmin: false, teams: [{ id: 't', name: 'dev', role: 'EDITOR' }] })).toEqual({ kind: 'ask-team-admin' });
  });
  it('ticks the next steps off as the fleet shows them done', () => {
    expect(nextSteps({ nodes: 0, pipelines: 0, deployed: 0 }).map((s) => s.done)).toEqual([false, false, false]);
    const steps = nextSteps({ nodes: 2, pipelines: 1, deployed: 0 });
    expect(steps.map((s) => [s.id, s.done])).toEqual([
      ['enroll', true],
      ['pipeline', true],
      ['deploy', false],
    ]);
    expect(steps[0]?.link).toBe('/fleet/enrollment');
  });
});

describe('the fleet dashboard', () => {
  it('asks for the overview of the chosen range', async () => {
    const { fleet, calls } = fake({ nodes: { total: 0 } });
    await fleet.overview('env 1', '6h');
    expect(calls[0]).toEqual({ url: '/api/environments/env%201/fleet/overview?range=6h', method: 'GET', body: undefined });
  });
  it('shows every node status, the running count, and other statuses only when something has them', () => {
    expect(orderedCounts({ HEALTHY: 3, UNREACHABLE: 1 }, NODE_STATUSES)).toEqual([
      ['HEALTHY', 3],
      ['DEGRADED', 0],
      ['UNREACHABLE', 1],
    ]);
    expect(orderedCounts({ RUNNING: 0, FAILED: 2, CRASH_LOOP: 0, WEIRD: 1 }, RUN_STATUSES, ['RUNNING'])).toEqual([
      ['RUNNING', 0],
      ['FAILED', 2],
      ['WEIRD', 1],
    ]);
  });
  it('shows crash loops and failures as bad, an outdated agent as a warning', () => {
    expect(['RUNNING', 'CRASHED', 'CRASH_LOOP', 'FAILED', 'OUTDATED', 'SUCCEEDED', 'STOPPED'].map(fleetTone)).toEqual([
      'ok',
      'warn',
      'bad',
      'bad',
      'warn',
      'ok',
      'neutral',
    ]);
  });
  it('names what needs attention', () => {
    expect(attentionLabel('PIPELINE_CRASH_LOOP')).toBe('Pipeline crash loop');
    expect(attentionLabel('AGENT_STALE')).toBe('Agent out of date');
    expect(attentionLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});

describe('agent updates', () => {
  it('sends an update of one node and of the nodes a selector matches', async () => {
    const { fleet, calls } = fake({ actionId: 'a1', nodes: 3 }, 202);
    await fleet.updateNode('n1', '2.0.0');
    await fleet.updateNodes('e1', '2.0.0', { ring: 'canary' });
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/nodes/n1/update', { version: '2.0.0' }],
      ['POST', '/api/environments/e1/nodes/update', { version: '2.0.0', selector: { ring: 'canary' } }],
    ]);
  });
  it('keeps only update actions for the progress list', () => {
    const actions = [
      { id: '1', type: 'restart', createdAt: '', createdBy: '', status: 'SUCCEEDED' },
      { id: '2', type: 'update', targetVersion: '2.0.0', createdAt: '', createdBy: '', status: 'PENDING' },
    ];
    expect(updateActions(actions).map((a) => a.id)).toEqual(['2']);
  });
  it('finds what the server would refuse in a release before sending it', () => {
    const good = { version: '1.4.0', downloadUrl: 'https://dl.example.com/a.jar', checksum: `sha256:${'a'.repeat(64)}`, signature: `${'A'.repeat(86)}==` };
    expect(releaseProblems(good)).toEqual({});
    expect(releaseProblems({ ...good, downloadUrl: 'http://127.0.0.1:8000/a.jar' })).toEqual({});
    expect(Object.keys(releaseProblems({ version: 'bad version', downloadUrl: 'http://dl.example.com/a.jar', checksum: 'md5:x', signature: 'x' }))).toEqual([
      'version',
      'downloadUrl',
      'checksum',
      'signature',
    ]);
  });
  it('sorts agent versions as the server does', () => {
    const versions = ['1.10.0', '1.9.2', 'unknown', '1.2.0', '1.2.0-SNAPSHOT', 'v2.0.0', '1.2.0-rc1', '0.9'];
    expect([...versions].sort(AGENT_VERSION_ORDER)).toEqual(['unknown', '0.9', '1.2.0-SNAPSHOT', '1.2.0-rc1', '1.2.0', '1.9.2', '1.10.0', 'v2.0.0']);
    expect(AGENT_VERSION_ORDER('1.2', '1.2.0+b7')).toBe(0);
  });
});
