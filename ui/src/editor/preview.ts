import type { FleetNode, Preview, PreviewFieldChange, PreviewSink } from '../lib/client.ts';

/** The nodes a preview can run on: those whose agent reports in (not UNREACHABLE), by hostname. */
export function previewNodes(nodes: FleetNode[]): FleetNode[] {
  return nodes.filter((n) => n.status !== 'UNREACHABLE').sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/** True once the node answered (or the server gave up waiting). */
export function previewFinished(p: Preview | undefined): boolean {
  return p !== undefined && p.state !== 'PENDING';
}

/** One line of a sink's counts: "4 → 3 events, 1 dropped". */
export function sinkCounts(s: PreviewSink): string {
  const parts = [`${s.eventsBefore} → ${s.eventsAfter} event${s.eventsAfter === 1 ? '' : 's'}`];
  if (s.dropped > 0) parts.push(`${s.dropped} dropped`);
  if (s.appeared > 0) parts.push(`${s.appeared} new`);
  if (s.unchanged) parts.push('unchanged');
  return parts.join(', ');
}

/** The rows of a sink's diff table: what happened to each field, in how many events, with its first example. */
export interface FieldRow {
  change: 'added' | 'removed' | 'changed';
  path: string;
  events: number;
  before: string;
  after: string;
}

export function fieldRows(s: PreviewSink): FieldRow[] {
  const row = (change: FieldRow['change']) => (c: PreviewFieldChange): FieldRow => ({
    change,
    path: c.path,
    events: c.events,
    before: c.before ?? '—',
    after: c.after ?? '—',
  });
  return [...s.fieldsAdded.map(row('added')), ...s.fieldsRemoved.map(row('removed')), ...s.fieldsChanged.map(row('changed'))];
}

/** Sample events whose sinks differ between before and after, with a sentence each ("#2: out → (none)"). */
export function routeChanges(p: Preview): string[] {
  const list = (sinks: string[]) => (sinks.length ? sinks.join(', ') : '(none)');
  return p.routes
    .filter((r) => list(r.before) !== list(r.after))
    .map((r) => `#${r.sequence}: ${list(r.before)} → ${list(r.after)}`);
}

/** What the preview compared the draft with, in words. */
export function againstLabel(p: Preview): string {
  return `version ${p.againstVersion}${p.againstDeployed ? ' (deployed)' : ''}`;
}
