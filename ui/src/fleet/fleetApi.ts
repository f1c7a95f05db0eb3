/**
 * The fleet dashboard, agent releases, agent updates and version history: the calls and answer shapes
 * (adapter-http FleetOverviewController and FleetController), bound to the app's client or a test's.
 */
import { statusTone } from '../ui.tsx';
import { api, type ApiClient } from '../api.ts';

export interface StatusCounts {
  [status: string]: number;
}
export interface FleetFlowPoint {
  t: string;
  eventsInPerSec: number;
  eventsOutPerSec: number;
  errorsPerSec: number;
  discardedPerSec: number;
}
export type AttentionKind = 'NODE_UNREACHABLE' | 'PIPELINE_FAILED' | 'PIPELINE_CRASH_LOOP' | 'NODE_DEGRADED' | 'AGENT_STALE';
export interface AttentionItem {
  kind: AttentionKind;
  nodeId: string;
  hostname: string;
  pipelineId?: string;
  pipelineName?: string;
  status: string;
  reason: string;
  agentVersion: string;
}
export interface UpdateTally {
  version: string;
  pending: number;
  succeeded: number;
  failed: number;
  lastRequestedAt: string;
}
/** `GET /api/environments/{id}/fleet/overview?range=` */
export interface FleetOverview {
  generatedAt: string;
  range: string;
  from: string;
  to: string;
  step: number;
  nodes: { total: number; byStatus: StatusCounts; maintenance: number };
  pipelines: { defined: number; deployed: number; runsByStatus: StatusCounts };
  live: { eventsInPerSec: number; eventsOutPerSec: number; errorsPerSec: number; discardedPerSec: number; nodesReporting: number };
  series: FleetFlowPoint[];
  agents: { versions: { version: string; nodes: number }[]; newestRelease?: string; majority?: string; target?: string; staleNodes: number };
  updates: UpdateTally[];
  attention: { total: number; limit: number; items: AttentionItem[] };
}
export interface AgentRelease {
  version: string;
  downloadUrl: string;
  checksum: string;
  signature: string;
  notes: string;
  createdAt: string;
  createdBy: string;
}
export interface NewRelease {
  version: string;
  downloadUrl: string;
  checksum: string;
  signature: string;
  notes?: string;
}
export type ActionStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';
export interface NodeAction {
  id: string;
  type: string;
  pipelineId?: string;
  targetVersion?: string;
  requestId?: string;
  createdAt: string;
  createdBy: string;
  status: ActionStatus | string;
  settledAt?: string;
  message?: string;
}
export interface AgentVersionChange {
  version: string;
  previousVersion?: string;
  at: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const enc = encodeURIComponent;

export function createFleetApi(client: ApiClient = api) {
  const obj = <T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal) =>
    client.request<T>(path, { method, body, signal, validate: (v): v is T => isObject(v) });
  const arr = <T>(path: string, signal?: AbortSignal) => client.request<T[]>(path, { signal, validate: (v): v is T[] => Array.isArray(v) });
  return {
    overview: (envId: string, range: string, s?: AbortSignal) =>
      obj<FleetOverview>(`/api/environments/${enc(envId)}/fleet/overview?range=${enc(range)}`, 'GET', undefined, s),
    agentVersions: (nodeId: string, s?: AbortSignal) => arr<AgentVersionChange>(`/api/nodes/${enc(nodeId)}/agent-versions`, s),
    actions: (nodeId: string, s?: AbortSignal) => arr<NodeAction>(`/api/nodes/${enc(nodeId)}/actions`, s),
    releases: (s?: AbortSignal) => arr<AgentRelease>('/api/agent-releases', s),
    registerRelease: (release: NewRelease) => obj<AgentRelease>('/api/agent-releases', 'POST', release),
    updateNode: (nodeId: string, version: string) => obj<{ actionId: string }>(`/api/nodes/${enc(nodeId)}/update`, 'POST', { version }),
    updateNodes: (envId: string, version: string, selector: Record<string, string>) =>
      obj<{ nodes: number }>(`/api/environments/${enc(envId)}/nodes/update`, 'POST', { version, selector }),
  };
}

export const fleetApi = createFleetApi();

/** The update actions of a node, newest first (the agent settles them: PENDING until then). */
export function updateActions(actions: NodeAction[]): NodeAction[] {
  return actions.filter((a) => a.type === 'update');
}

/** Counts in the order people read a fleet's health: the known statuses first, then any other with nodes or runs. */
export function orderedCounts(counts: StatusCounts, order: string[], alwaysShown: string[] = order): [string, number][] {
  const known = order.filter((s) => alwaysShown.includes(s) || (counts[s] ?? 0) > 0).map((s): [string, number] => [s, counts[s] ?? 0]);
  const other = Object.entries(counts).filter(([s, n]) => !order.includes(s) && n > 0);
  return [...known, ...other];
}

export const NODE_STATUSES = ['HEALTHY', 'DEGRADED', 'UNREACHABLE'];
export const RUN_STATUSES = ['RUNNING', 'STARTING', 'PENDING', 'CRASHED', 'CRASH_LOOP', 'FAILED', 'STOPPED', 'UNKNOWN'];

/** A fleet status's tone: the one every screen uses. */
export const fleetTone = statusTone;

/** What an attention item is, in a few words. */
export function attentionLabel(kind: AttentionKind | string): string {
  switch (kind) {
    case 'NODE_UNREACHABLE':
      return 'Node unreachable';
    case 'PIPELINE_FAILED':
      return 'Pipeline failed';
    case 'PIPELINE_CRASH_LOOP':
      return 'Pipeline crash loop';
    case 'NODE_DEGRADED':
      return 'Node degraded';
    case 'AGENT_STALE':
      return 'Agent out of date';
    default:
      return kind;
  }
}

/** Where an attention item leads: the node page (for a pipeline too: its status, error and logs are there). */
export function attentionLink(item: AttentionItem): string {
  return `/fleet/nodes/${encodeURIComponent(item.nodeId)}`;
}

/** A release as the form takes it; the problems the server would refuse it for, found before sending. */
export function releaseProblems(r: NewRelease): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,49}$/.test(r.version.trim())) problems.version = 'Letters, digits, ".", "+", "_", "-" (at most 50)';
  const url = r.downloadUrl.trim();
  if (!/^https:\/\/\S+$/.test(url) && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/\S*$/.test(url))
    problems.downloadUrl = 'An https URL (plain http only to this machine)';
  if (!/^sha256:[0-9a-f]{64}$/.test(r.checksum.trim())) problems.checksum = 'sha256: and 64 lower-case hex digits';
  const sig = r.signature.trim();
  if (!/^[A-Za-z0-9+/]{86}==$/.test(sig)) problems.signature = 'The base64 of a 64-byte ed25519 signature (88 characters)';
  return problems;
}
