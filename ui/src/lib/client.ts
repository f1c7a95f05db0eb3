/**
 * Every REST call the screens make, on top of the typed {@link ApiClient}: one function per
 * endpoint, answers checked loosely (an object or an array) so a changed field never crashes a page.
 */
import { api, ApiError, parseProblem, type ApiClient, type FetchFn } from '../api.ts';
import type { ApprovalRequest, PromotionPreview, Promoted, ValueMapping } from './promotion.ts';
import type { RolloutPlanBody } from './rolloutPlan.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

export interface Team {
  id: string;
  name: string;
  role?: string;
  createdAt?: string;
}
export interface Pipeline {
  id: string;
  environmentId: string;
  name: string;
  description: string;
  components: number;
  graph?: ApiGraph;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  valid?: boolean;
  problems?: GraphProblem[];
}
export interface ApiComponent {
  key: string;
  kind: 'source' | 'transform' | 'sink';
  type: string;
  options: Json;
  displayName?: string;
  position?: { x: number; y: number };
  disabled?: boolean;
}
export interface ApiEdge {
  from: string;
  output?: string;
  to: string;
}
export interface ApiGraph {
  components: ApiComponent[];
  edges: ApiEdge[];
  globalOptions: Json;
}
export interface GraphProblem {
  severity: 'ERROR' | 'WARNING' | string;
  component: string | null;
  path: string;
  message: string;
}
export interface Validation {
  valid: boolean;
  problems: GraphProblem[];
}
export interface Version {
  number: number;
  checksum: string;
  author: string;
  message: string;
  createdAt: string;
  restoredFrom: number | null;
  configYaml?: string;
  graph?: ApiGraph;
  checkedByVector?: boolean;
  warnings?: GraphProblem[];
}
export interface OptionChange {
  path: string;
  old: unknown;
  new: unknown;
  /** A unified line diff, when either value is a multi-line text (a VRL program). */
  lineDiff?: string;
}
/** The body of a promotion and its preview. */
export interface PromoteBody {
  targetEnvironmentId: string;
  values: ValueMapping[];
  deploy?: { selector: Record<string, string> };
  note?: string;
}
export interface VersionDiff {
  from: number;
  to: number;
  components: {
    added: { key: string; kind: string; type: string }[];
    removed: { key: string; kind: string; type: string }[];
    changed: { key: string; options: OptionChange[]; type?: { old: string; new: string } }[];
    edgesAdded: string[];
    edgesRemoved: string[];
    globalOptions: OptionChange[];
    empty: boolean;
  };
  yamlDiff: string;
}
export interface Secret {
  name: string;
  description: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  referencedBy: unknown[];
}
export interface Certificate {
  name: string;
  description?: string;
  subject?: string;
  notAfter?: string;
  expiresSoon?: boolean;
  [k: string]: unknown;
}
export interface User {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  createdAt: string;
}
export interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
}
export interface ApiToken {
  id: string;
  name: string;
  role?: string;
  createdAt: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  token?: string;
}
export interface AuditEntry {
  sequence: number;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  teamId: string;
  sourceAddress?: string;
  changes: Json;
}

// ---- Fleet (adapter-http FleetResponses) ----
export type TokenState = 'ACTIVE' | 'USED_UP' | 'EXPIRED' | 'REVOKED';
export interface EnrollmentToken {
  id: string;
  name: string;
  token?: string;
  hint: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  labels: Record<string, string>;
  state: TokenState;
  createdAt: string;
}
export interface NodePipeline {
  pipelineId: string;
  pipelineName: string;
  version: number;
  checksum: string;
  status: string;
  uptimeSeconds: number | null;
  error: string | null;
  pid?: number | null;
  eventsIn?: number | null;
  eventsOut?: number | null;
  errorsTotal?: number | null;
  eventsInPerSec?: number | null;
  eventsOutPerSec?: number | null;
}
/** The latest host values a node reported (before they are rolled up per minute). */
export interface HostNow {
  at: string;
  cpuPercent: number | null;
  loadAvg1: number | null;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  fsUsedBytes: number | null;
  fsTotalBytes: number | null;
}
/** What the node list's page asks: filters, order, size, and where it starts (the nextCursor of the page before). */
export interface NodeListQuery {
  status?: string;
  label?: string;
  search?: string;
  sort?: 'name' | 'status' | 'lastSeen' | 'agentVersion';
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/** A field that differs between the deployed version's and the draft's output on one sink (first example values; absent: not there). */
export interface PreviewFieldChange {
  path: string;
  events: number;
  before?: string;
  after?: string;
}

/** What the draft changes on one sink, compared with the deployed (or chosen) version on the same sample events. */
export interface PreviewSink {
  sinkId: string;
  eventsBefore: number;
  eventsAfter: number;
  dropped: number;
  appeared: number;
  matched: number;
  unchanged: boolean;
  fieldsAdded: PreviewFieldChange[];
  fieldsRemoved: PreviewFieldChange[];
  fieldsChanged: PreviewFieldChange[];
}

/** A preview of the draft on real events (docs/preview.md). */
export interface Preview {
  id: string;
  pipelineId: string;
  nodeId: string;
  nodeName: string;
  againstVersion: number;
  againstDeployed: boolean;
  sampleEvents: number;
  requestedAt: string;
  requestedBy: string;
  state: 'PENDING' | 'DONE' | 'FAILED';
  reason: string;
  sinks: PreviewSink[];
  routes: { sequence: number; before: string[]; after: string[] }[];
  baselineLog: string;
  draftLog: string;
}

/** One page of nodes, how many match in all, and the cursor of the next page (absent on the last). */
export interface NodePage {
  nodes: FleetNode[];
  total: number;
  nextCursor?: string;
}

export interface FleetNode {
  id: string;
  environmentId: string;
  hostname: string;
  os: string;
  agentVersion: string;
  vectorVersion: string;
  deploymentMode: string;
  labels: Record<string, string>;
  agentLabels: Record<string, string>;
  userLabels: Record<string, string>;
  status: 'HEALTHY' | 'DEGRADED' | 'UNREACHABLE' | string;
  statusReason: string | null;
  enrolledAt: string;
  lastHeartbeatAt: string | null;
  maintenance: boolean;
  tokenRevoked: boolean;
  pipelines: NodePipeline[];
  transitions?: { from: string; to: string; reason: string; at: string }[];
  host?: HostNow | null;
  updateError?: string | null;
}
export interface HostPoint {
  t: string;
  cpuPercent: number | null;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  fsUsedBytes: number | null;
  fsTotalBytes: number | null;
  diskReadBytesPerSec: number | null;
  diskWrittenBytesPerSec: number | null;
  netRxBytesPerSec: number | null;
  netTxBytesPerSec: number | null;
  loadAvg1: number | null;
}
export interface LogLine {
  seq: number;
  pipelineId: string;
  at: string;
  line: string;
}
export interface SampleResult {
  componentKey: string;
  events: unknown[];
  schema: { path: string; type: string; sample: string | null }[];
  error: string | null;
}
export interface Samples {
  requestId: string;
  state: 'PENDING' | 'DONE';
  results: SampleResult[];
}
export interface Deployment {
  pipelineId: string;
  version: number;
  selector: Record<string, string>;
  deployedAt: string;
  deployedBy: string;
  matchedNodes: number;
  /** Environment variables the version needs on the nodes (Vector reads them with interpolation on). */
  environmentVariables?: string[];
  /** The staged rollout the deploy started. */
  rolloutId?: string;
}
export type RolloutState = 'ROLLING' | 'SOAKING' | 'PAUSED' | 'COMPLETED' | 'ROLLED_BACK' | 'ABORTED' | 'SUPERSEDED';
export interface RolloutSummary {
  id: string;
  pipelineId: string;
  targetVersion: number;
  selector: Record<string, string>;
  previousVersion?: number;
  state: RolloutState;
  currentWave: number;
  waveCount: number;
  waveStartedAt: string;
  soakEndsAt?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}
export interface RolloutDetail {
  rollout: RolloutSummary;
  pipelineName: string;
  gates: { errorRateMarginPercent?: number; discardedMarginPercent?: number; minEventsOutFraction?: number };
  rollbackOnFailure: boolean;
  convergeTimeoutSeconds: number;
  baseline?: { eventsInPerSec: number; eventsOutPerSec: number; errorPercent: number; discardedPercent: number };
  waves: {
    index: number;
    size: string;
    soakSeconds: number;
    nodes: { nodeId: string; hostname: string; admitted: boolean; reportedVersion?: number; status?: string; runsNewVersion: boolean }[];
  }[];
  decisions: { at: string; wave?: number; kind: string; reason: string; figures?: string }[];
}
export interface DeploymentStatus {
  current: { version: number; selector: Record<string, string>; deployedAt: string; deployedBy: string; environmentVariables?: string[] } | null;
  nodes: {
    nodeId: string;
    hostname: string;
    nodeStatus: string;
    desiredVersion: number | null;
    reportedVersion: number | null;
    status: string;
    uptimeSeconds: number | null;
    error: string | null;
    inSync: boolean;
    eventsInPerSec?: number | null;
    eventsOutPerSec?: number | null;
  }[];
}
export interface FlowPoint {
  t: string;
  eventsInPerSec: number;
  eventsOutPerSec: number;
  bytesInPerSec: number;
  bytesOutPerSec: number;
  errorsPerSec: number;
  discardedPerSec: number;
}
export interface PipelineMetrics {
  step: number;
  totals: FlowPoint[];
  components: Record<string, FlowPoint[]>;
  live: Record<string, { eventsInPerSec: number; eventsOutPerSec: number; errorsPerSec: number }>;
}

export interface Catalog {
  vectorVersion: string;
  components: CatalogComponent[];
  commonOptions: Record<string, CatalogOption[]>;
  globalOptions: CatalogOption[];
}
export interface CatalogComponent {
  kind: 'SOURCE' | 'TRANSFORM' | 'SINK';
  type: string;
  title: string;
  description: string;
  status: string;
  inputTypes: string[];
  outputTypes: string[];
  aliasOf: string | null;
  deprecated: boolean;
  options: CatalogOption[];
}
export type OptionType = 'STRING' | 'UINT' | 'INT' | 'FLOAT' | 'BOOL' | 'OBJECT' | 'ARRAY' | 'ASCII_CHAR' | 'CONDITION';
export interface CatalogOption {
  name: string;
  types: OptionType[];
  required: boolean;
  defaultValue?: unknown;
  enumValues: string[];
  aliases: string[];
  hidden: boolean;
  deprecated: boolean;
  sensitive: boolean;
  boolShorthand: boolean;
  relevantWhen: string | null;
  options: CatalogOption[];
  items: CatalogOption | null;
  templatable: boolean;
  /** Not sent by today's server; shown when present. */
  description?: string;
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The calls, bound to one client (the app's, or a test's with a mocked fetch). */
export function createVf(client: ApiClient = api, fetchText: FetchFn = (i, init) => globalThis.fetch(i, init)) {
  const obj = <T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal) =>
    client.request<T>(path, { method, body, signal, validate: (v): v is T => isObject(v) });
  const arr = <T>(path: string, signal?: AbortSignal) =>
    client.request<T[]>(path, { signal, validate: (v): v is T[] => isArray(v) });
  const items = async <T>(path: string, signal?: AbortSignal) =>
    (await obj<{ items: T[] }>(path, 'GET', undefined, signal)).items ?? [];
  const del = (path: string) => client.send(path, { method: 'DELETE' });

  return {
    // teams, environments
    teams: (s?: AbortSignal) => items<Team>('/api/teams', s),
    createTeam: (name: string) => obj<Team>('/api/teams', 'POST', { name }),
    renameTeam: (id: string, name: string) => obj<Team>(`/api/teams/${enc(id)}`, 'PATCH', { name }),
    deleteTeam: (id: string) => del(`/api/teams/${enc(id)}`),
    createEnvironment: (teamId: string, name: string, description: string) =>
      obj<{ id: string }>(`/api/teams/${enc(teamId)}/environments`, 'POST', { name, description }),
    deleteEnvironment: (id: string) => del(`/api/environments/${enc(id)}`),
    members: (teamId: string, s?: AbortSignal) => items<Member>(`/api/teams/${enc(teamId)}/members`, s),
    putMember: (teamId: string, email: string, role: string) =>
      obj<Member>(`/api/teams/${enc(teamId)}/members`, 'PUT', { email, role }),
    removeMember: (teamId: string, userId: string) => del(`/api/teams/${enc(teamId)}/members/${enc(userId)}`),
    // users
    users: (s?: AbortSignal) => items<User>('/api/users', s),
    createUser: (u: { email: string; name: string; password: string; platformAdmin: boolean }) =>
      obj<User>('/api/users', 'POST', u),
    updateUser: (id: string, u: { name?: string; platformAdmin?: boolean }) => obj<User>(`/api/users/${enc(id)}`, 'PATCH', u),
    deleteUser: (id: string) => del(`/api/users/${enc(id)}`),
    resetPassword: (id: string, temporaryPassword: string) =>
      client.send(`/api/users/${enc(id)}/password-reset`, { method: 'POST', body: { temporaryPassword } }),
    // tokens
    myTokens: (s?: AbortSignal) => items<ApiToken>('/api/me/tokens', s),
    createMyToken: (t: { name: string; role?: string; expiresAt?: string }) => obj<ApiToken>('/api/me/tokens', 'POST', t),
    revokeMyToken: (id: string) => del(`/api/me/tokens/${enc(id)}`),
    teamTokens: (teamId: string, s?: AbortSignal) => items<ApiToken>(`/api/teams/${enc(teamId)}/tokens`, s),
    createTeamToken: (teamId: string, t: { name: string; role: string; expiresAt?: string }) =>
      obj<ApiToken>(`/api/teams/${enc(teamId)}/tokens`, 'POST', t),
    revokeTeamToken: (teamId: string, id: string) => del(`/api/teams/${enc(teamId)}/tokens/${enc(id)}`),
    // secrets, certificates
    secrets: (envId: string, s?: AbortSignal) => items<Secret>(`/api/environments/${enc(envId)}/secrets`, s),
    createSecret: (envId: string, name: string, value: string, description: string) =>
      obj<Secret>(`/api/environments/${enc(envId)}/secrets`, 'POST', { name, value, description }),
    updateSecret: (envId: string, name: string, body: { value?: string; description?: string }) =>
      obj<Secret>(`/api/environments/${enc(envId)}/secrets/${enc(name)}`, 'PATCH', body),
    deleteSecret: (envId: string, name: string) => del(`/api/environments/${enc(envId)}/secrets/${enc(name)}`),
    certificates: (envId: string, s?: AbortSignal) => items<Certificate>(`/api/environments/${enc(envId)}/certificates`, s),
    uploadCertificate: (envId: string, c: { name: string; certificate: string; privateKey?: string; caBundle?: string; description?: string }) =>
      obj<Certificate>(`/api/environments/${enc(envId)}/certificates`, 'POST', c),
    deleteCertificate: (envId: string, name: string) => del(`/api/environments/${enc(envId)}/certificates/${enc(name)}`),
    // catalog, pipelines
    catalog: (s?: AbortSignal) => obj<Catalog>('/api/catalog', 'GET', undefined, s),
    pipelines: (envId: string, s?: AbortSignal) => items<Pipeline>(`/api/environments/${enc(envId)}/pipelines`, s),
    createPipeline: (envId: string, name: string, description: string) =>
      obj<Pipeline>(`/api/environments/${enc(envId)}/pipelines`, 'POST', { name, description }),
    importPipeline: (envId: string, name: string, config: string, format?: string) =>
      obj<{ pipeline: Pipeline; problems: GraphProblem[]; movedSecrets: { component: string; option: string; secret: string }[] }>(
        `/api/environments/${enc(envId)}/pipelines/import`, 'POST', { name, config, format }),
    pipeline: (id: string, s?: AbortSignal) => obj<Pipeline>(`/api/pipelines/${enc(id)}`, 'GET', undefined, s),
    updatePipeline: (id: string, body: { name?: string; description?: string }) => obj<Pipeline>(`/api/pipelines/${enc(id)}`, 'PATCH', body),
    deletePipeline: (id: string) => del(`/api/pipelines/${enc(id)}`),
    saveGraph: (id: string, graph: ApiGraph) => obj<Pipeline & Validation>(`/api/pipelines/${enc(id)}/graph`, 'PUT', graph),
    validate: (id: string) => obj<Validation>(`/api/pipelines/${enc(id)}/validate`, 'POST'),
    config: async (id: string, format: 'yaml' | 'toml' | 'json') => {
      const response = await fetchText(`/api/pipelines/${enc(id)}/config${query({ format })}`, { credentials: 'same-origin' });
      if (!response.ok) throw new ApiError(await parseProblem(response));
      return response.text();
    },
    publish: (id: string, message: string) => obj<Version>(`/api/pipelines/${enc(id)}/versions`, 'POST', { message }),
    versions: (id: string, s?: AbortSignal) => items<Version>(`/api/pipelines/${enc(id)}/versions`, s),
    version: (id: string, n: number) => obj<Version>(`/api/pipelines/${enc(id)}/versions/${n}`),
    rollback: (id: string, n: number, message: string) =>
      obj<Version>(`/api/pipelines/${enc(id)}/versions/${n}/rollback`, 'POST', { message }),
    resetDraft: (id: string, n: number) => obj<Pipeline>(`/api/pipelines/${enc(id)}/draft/reset${query({ version: n })}`, 'POST'),
    diff: (id: string, from: number, to: number) => obj<VersionDiff>(`/api/pipelines/${enc(id)}/diff${query({ from, to })}`),
    // audit
    audit: (f: Record<string, string | undefined>, s?: AbortSignal) => items<AuditEntry>(`/api/audit${query(f)}`, s),
    auditExportUrl: (f: Record<string, string | undefined>, format: 'csv' | 'json') => `/api/audit/export${query({ ...f, format })}`,
    // fleet
    enrollmentTokens: (envId: string, s?: AbortSignal) => arr<EnrollmentToken>(`/api/environments/${enc(envId)}/enrollment-tokens`, s),
    createEnrollmentToken: (envId: string, body: { name?: string; expiresInHours?: number; maxUses?: number; labels?: Record<string, string> }) =>
      obj<EnrollmentToken>(`/api/environments/${enc(envId)}/enrollment-tokens`, 'POST', body),
    revokeEnrollmentToken: (envId: string, id: string) => del(`/api/environments/${enc(envId)}/enrollment-tokens/${enc(id)}`),
    nodes: (envId: string, f: NodeListQuery, s?: AbortSignal) =>
      obj<NodePage>(`/api/environments/${enc(envId)}/nodes${query({ ...f })}`, 'GET', undefined, s),
    matchNodes: (envId: string, selector: string, s?: AbortSignal) =>
      obj<{ count: number; nodes: { id: string; hostname: string }[] }>(
        `/api/environments/${enc(envId)}/nodes/match${query({ selector })}`, 'GET', undefined, s),
    node: (id: string, s?: AbortSignal) => obj<FleetNode>(`/api/nodes/${enc(id)}`, 'GET', undefined, s),
    deleteNode: (id: string) => del(`/api/nodes/${enc(id)}`),
    revokeNodeToken: (id: string) => del(`/api/nodes/${enc(id)}/token`),
    reEnroll: (id: string) => obj<{ token: string; expiresAt: string }>(`/api/nodes/${enc(id)}/re-enroll`, 'POST'),
    setNodeLabels: (id: string, labels: Record<string, string>) => obj<FleetNode>(`/api/nodes/${enc(id)}/labels`, 'PUT', { labels }),
    setMaintenance: (id: string, enabled: boolean) => obj<FleetNode>(`/api/nodes/${enc(id)}/maintenance`, 'PUT', { enabled }),
    restartPipeline: (id: string, pipelineId: string) =>
      client.send(`/api/nodes/${enc(id)}/pipelines/${enc(pipelineId)}/restart`, { method: 'POST' }),
    nodeMetrics: (id: string, from: string, to: string, step: number, s?: AbortSignal) =>
      obj<{ step: number; points: HostPoint[] }>(`/api/nodes/${enc(id)}/metrics${query({ from, to, step })}`, 'GET', undefined, s),
    nodeLogs: (id: string, f: { pipelineId?: string; after?: number; limit?: number }, s?: AbortSignal) =>
      arr<LogLine>(`/api/nodes/${enc(id)}/logs${query(f)}`, s),
    requestSamples: (id: string, pipelineId: string, componentKeys: string[], limit = 5) =>
      obj<{ requestId: string }>(`/api/nodes/${enc(id)}/samples`, 'POST', { pipelineId, componentKeys, limit }),
    samples: (id: string, requestId: string) => obj<Samples>(`/api/nodes/${enc(id)}/samples/${enc(requestId)}`),
    startPreview: (pipelineId: string, nodeId: string, against: 'deployed' | number) =>
      obj<{ previewId: string }>(`/api/pipelines/${enc(pipelineId)}/previews`, 'POST', { nodeId, against }),
    preview: (pipelineId: string, previewId: string, s?: AbortSignal) =>
      obj<Preview>(`/api/pipelines/${enc(pipelineId)}/previews/${enc(previewId)}`, 'GET', undefined, s),
    /** A deployment, or (202) an approval request when the environment requires approval. */
    deploy: (pipelineId: string, body: { version?: number; selector?: Record<string, string>; rollout?: RolloutPlanBody }) =>
      obj<Deployment | ApprovalRequest>(`/api/pipelines/${enc(pipelineId)}/deployments`, 'POST', body),
    // promotion and approvals (docs/promotion.md)
    previewPromotion: (pipelineId: string, version: number, body: PromoteBody) =>
      obj<PromotionPreview>(`/api/pipelines/${enc(pipelineId)}/versions/${version}/promote/preview`, 'POST', body),
    promote: (pipelineId: string, version: number, body: PromoteBody) =>
      obj<Promoted | ApprovalRequest>(`/api/pipelines/${enc(pipelineId)}/versions/${version}/promote`, 'POST', body),
    setRequiresApproval: (environmentId: string, requiresApproval: boolean) =>
      obj<{ id: string; requiresApproval: boolean }>(`/api/environments/${enc(environmentId)}`, 'PATCH', { requiresApproval }),
    approvals: (environmentId: string, state: string, s?: AbortSignal) =>
      items<ApprovalRequest>(`/api/environments/${enc(environmentId)}/approvals${query({ state })}`, s),
    approve: (environmentId: string, id: string) =>
      obj<ApprovalRequest>(`/api/environments/${enc(environmentId)}/approvals/${enc(id)}/approve`, 'POST', {}),
    reject: (environmentId: string, id: string, reason: string) =>
      obj<ApprovalRequest>(`/api/environments/${enc(environmentId)}/approvals/${enc(id)}/reject`, 'POST', { reason }),
    rollouts: (pipelineId: string, s?: AbortSignal) =>
      obj<{ rollouts: RolloutSummary[] }>(`/api/pipelines/${enc(pipelineId)}/rollouts`, 'GET', undefined, s),
    rollout: (id: string, s?: AbortSignal) => obj<RolloutDetail>(`/api/rollouts/${enc(id)}`, 'GET', undefined, s),
    controlRollout: (id: string, action: 'pause' | 'resume' | 'abort' | 'skip') => obj<RolloutSummary>(`/api/rollouts/${enc(id)}/${action}`, 'POST', {}),
    undeploy: (pipelineId: string) => del(`/api/pipelines/${enc(pipelineId)}/deployments`),
    deployments: (pipelineId: string, s?: AbortSignal) =>
      obj<DeploymentStatus>(`/api/pipelines/${enc(pipelineId)}/deployments`, 'GET', undefined, s),
    pipelineMetrics: (pipelineId: string, from: string, to: string, step: number, s?: AbortSignal) =>
      obj<PipelineMetrics>(`/api/pipelines/${enc(pipelineId)}/metrics${query({ from, to, step })}`, 'GET', undefined, s),
  };
}

export type Vf = ReturnType<typeof createVf>;
export const vf: Vf = createVf();
