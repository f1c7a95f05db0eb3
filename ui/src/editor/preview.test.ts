import { describe, expect, it } from 'vitest';
import type { FleetNode, Preview, PreviewSink } from '../lib/client.ts';
import { againstLabel, fieldRows, previewFinished, previewNodes, routeChanges, sinkCounts } from './preview.ts';

const sink = (over: Partial<PreviewSink> = {}): PreviewSink => ({
  sinkId: 'out',
  eventsBefore: 4,
  eventsAfter: 4,
  dropped: 0,
  appeared: 0,
  matched: 4,
  unchanged: false,
  fieldsAdded: [],
  fieldsRemoved: [],
  fieldsChanged: [],
  ...over,
});

const preview = (over: Partial<Preview> = {}): Preview => ({
  id: 'p1',
  pipelineId: 'x',
  nodeId: 'n',
  nodeName: 'web-1',
  againstVersion: 3,
  againstDeployed: true,
  sampleEvents: 2,
  requestedAt: '2026-01-01T00:00:00Z',
  requestedBy: 'a',
  state: 'DONE',
  reason: '',
  sinks: [sink()],
  routes: [],
  baselineLog: '',
  draftLog: '',
  ...over,
});

describe('preview', () => {
  it('offers only nodes whose agent reports in, by hostname', () => {
    const node = (hostname: string, status: string) => ({ hostname, status }) as unknown as FleetNode;
    expect(previewNodes([node('b', 'HEALTHY'), node('c', 'UNREACHABLE'), node('a', 'DEGRADED')]).map((n) => n.hostname)).toEqual(['a', 'b']);
  });

  it('is finished once done or failed', () => {
    expect(previewFinished(undefined)).toBe(false);
    expect(previewFinished(preview({ state: 'PENDING' }))).toBe(false);
    expect(previewFinished(preview({ state: 'FAILED' }))).toBe(true);
  });

  it('says counts before and after, drops and new events', () => {
    expect(sinkCounts(sink({ eventsAfter: 3, dropped: 1 }))).toBe('4 → 3 events, 1 dropped');
    expect(sinkCounts(sink({ eventsBefore: 0, eventsAfter: 1, appeared: 1 }))).toBe('0 → 1 event, 1 new');
    expect(sinkCounts(sink({ unchanged: true }))).toBe('4 → 4 events, unchanged');
  });

  it('lists added, removed and changed fields as rows with their examples', () => {
    const rows = fieldRows(sink({
      fieldsAdded: [{ path: '.env', events: 4, after: '"prod"' }],
      fieldsRemoved: [{ path: '.host', events: 2, before: '"h"' }],
      fieldsChanged: [{ path: '.level', events: 1, before: '"info"', after: '"INFO"' }],
    }));
    expect(rows).toEqual([
      { change: 'added', path: '.env', events: 4, before: '—', after: '"prod"' },
      { change: 'removed', path: '.host', events: 2, before: '"h"', after: '—' },
      { change: 'changed', path: '.level', events: 1, before: '"info"', after: '"INFO"' },
    ]);
  });

  it('names the events whose route changed, and only those', () => {
    const p = preview({ routes: [
      { sequence: 0, before: ['out'], after: ['out'] },
      { sequence: 1, before: ['out'], after: [] },
      { sequence: 2, before: ['a'], after: ['a', 'b'] },
    ] });
    expect(routeChanges(p)).toEqual(['#1: out → (none)', '#2: a → a, b']);
  });

  it('says what the draft was compared with', () => {
    expect(againstLabel(preview())).toBe('version 3 (deployed)');
    expect(againstLabel(preview({ againstDeployed: false, againstVersion: 1 }))).toBe('version 1');
  });
});
