/**
 * Alerts of an environment (docs/alerts.md): the calls and answer shapes, and the pure logic of the alert screens
 * (rule form ↔ JSON per rule kind, channel form ↔ JSON per channel kind, alert filters, firing counts for badges).
 */
import { api, type ApiClient } from '../api.ts';

export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITIES: Severity[] = ['info', 'warning', 'critical'];

export type RuleKind =
  | 'node_metric'
  | 'pipeline_metric'
  | 'node_unreachable'
  | 'pipeline_failing'
  | 'certificate_expiring'
  | 'deployment_not_converged'
  | 'agent_update_failed'
  | 'secret_missing'
  | 'backup_failed'
  | 'throughput_drop'
  | 'log_match';
export const RULE_KINDS: { kind: RuleKind; label: string }[] = [
  { kind: 'node_metric', label: 'Node metric' },
  { kind: 'pipeline_metric', label: 'Pipeline metric' },
  { kind: 'node_unreachable', label: 'Node unreachable' },
  { kind: 'pipeline_failing', label: 'Pipeline failing' },
  { kind: 'certificate_expiring', label: 'Certificate expiring' },
  { kind: 'deployment_not_converged', label: 'Deployment not converged' },
  { kind: 'agent_update_failed', label: 'Agent update failed' },
  { kind: 'secret_missing', label: 'Secret or certificate missing' },
  { kind: 'backup_failed', label: 'Backup failed' },
  { kind: 'throughput_drop', label: 'Throughput drop' },
  { kind: 'log_match', label: 'Log line matches' },
];
export const NODE_METRICS = ['cpu_percent', 'memory_percent', 'disk_percent', 'load1', 'net_in_bytes_per_second', 'net_out_bytes_per_second'];
export const PIPELINE_METRICS = ['events_in_per_second', 'events_out_per_second', 'errors_per_second', 'error_rate_percent', 'discarded_per_second'];
export const THROUGHPUT_METRICS = ['events_in_per_second', 'events_out_per_second'];

/** The metrics a kind chooses from (none for the kinds without a metric). */
export function metricsOf(kind: RuleKind): string[] {
  if (kind === 'pipeline_metric') return PIPELINE_METRICS;
  if (kind === 'throughput_drop') return THROUGHPUT_METRICS;
  return NODE_METRICS;
}

export interface AlertRule {
  id: string;
  environmentId: string;
  name: string;
  severity: Severity;
  condition: { kind: RuleKind; [field: string]: unknown };
  forSeconds: number;
  cooldownSeconds: number;
  message?: string | null;
  channels: string[];
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
export type AlertState = 'PENDING' | 'FIRING' | 'RESOLVED';
export interface AlertSubject {
  nodeId: string | null;
  nodeName: string | null;
  pipelineId: string | null;
  pipelineName: string | null;
  component: string | null;
  item: string | null;
}
export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  state: AlertState;
  subject: AlertSubject;
  value: number | null;
  message: string;
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  silenced: boolean;
  changedAt: string;
}
export interface Transition {
  from: AlertState | null;
  to: AlertState;
  value: number | null;
  at: string;
  by: string | null;
}
export interface Silence {
  id: string;
  ruleId: string | null;
  nodeId: string | null;
  pipelineId?: string | null;
  selector: string | null;
  until: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}
export type ChannelKind = 'webhook' | 'slack' | 'teams' | 'pagerduty' | 'email';
export interface Channel {
  id: string;
  environmentId: string;
  name: string;
  kind: ChannelKind;
  /** Settings by key; a webhook's extra HTTP headers are one object under `headers`. */
  settings: Record<string, string | Record<string, string>>;
  secretsSet: string[];
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
export interface TestResult {
  delivered: boolean;
  statusCode: number | null;
  durationMillis: number;
  error: string | null;
}
export interface Attempt {
  at: string;
  statusCode: number | null;
  durationMillis: number;
  error: string | null;
}
export interface Delivery {
  id: string;
  event: string;
  ruleName: string | null;
  alerts: number;
  test: boolean;
  status: 'QUEUED' | 'DELIVERED' | 'DEAD' | string;
  createdAt: string;
  nextAttemptAt: string | null;
  attempts: Attempt[];
}

/** What an unsaved rule would raise now (POST …/alert-rules/preview): at most 100 alerts, and how many in all. */
export interface PreviewedAlert {
  state: AlertState;
  subject: AlertSubject;
  value: number | null;
  message: string;
}
export interface RulePreview {
  items: PreviewedAlert[];
  total: number;
}

/** "2 would fire now, 1 pending", "Nothing would fire now". */
export function previewSummary(p: RulePreview): string {
  const firing = p.items.filter((a) => a.state === 'FIRING').length;
  const pending = p.items.filter((a) => a.state === 'PENDING').length;
  if (p.total === 0) return 'Nothing would fire now.';
  const parts = [firing > 0 ? `${firing} would fire now` : '', pending > 0 ? `${pending} pending (for the rule's for-duration)` : ''].filter(Boolean);
  return `${parts.join(', ')}${p.total > p.items.length ? ` (${p.items.length} of ${p.total} listed)` : ''}.`;
}

/** The fields a kind cannot do without (the pipeline only where it is not optional). */
const REQUIRED: string[] = ['threshold', 'days', 'minutes', 'percent', 'windowMinutes', 'pattern'];

/** Whether the form has every field its kind needs, so that a preview is worth asking (the server still judges the values). */
export function previewReady(form: RuleForm): boolean {
  return KIND_FIELDS[form.kind].every((field) => {
    if (field === 'pipeline') return ANY_PIPELINE_KINDS.includes(form.kind) || form.pipeline.trim() !== '';
    if (!REQUIRED.includes(field)) return true;
    return String(form[field as keyof RuleForm]).trim() !== '';
  });
}

/** The body a preview sends: the form's rule, named "preview" while the name is still empty (the name changes nothing). */
export function previewBody(form: RuleForm): RuleBody {
  const body = formToRule(form);
  return body.name === '' ? { ...body, name: 'preview' } : body;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const enc = encodeURIComponent;

export function createAlertsApi(client: ApiClient = api) {
  const obj = <T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal) =>
    client.request<T>(path, { method, body, signal, validate: (v): v is T => isObject(v) });
  const items = async <T>(path: string, signal?: AbortSignal) => (await obj<{ items?: T[] }>(path, 'GET', undefined, signal)).items ?? [];
  const del = (path: string) => client.send(path, { method: 'DELETE' });
  const env = (envId: string, rest: string) => `/api/environments/${enc(envId)}${rest}`;
  return {
    rules: (envId: string, s?: AbortSignal) => items<AlertRule>(env(envId, '/alert-rules'), s),
    createRule: (envId: string, body: RuleBody) => obj<AlertRule>(env(envId, '/alert-rules'), 'POST', body),
    replaceRule: (envId: string, id: string, body: RuleBody) => obj<AlertRule>(env(envId, `/alert-rules/${enc(id)}`), 'PUT', body),
    deleteRule: (envId: string, id: string) => del(env(envId, `/alert-rules/${enc(id)}`)),
    previewRule: (envId: string, body: RuleBody, s?: AbortSignal) => obj<RulePreview>(env(envId, '/alert-rules/preview'), 'POST', body, s),
    alerts: (envId: string, filter: AlertQuery, s?: AbortSignal) => items<Alert>(env(envId, `/alerts${alertQuery(filter)}`), s),
    alert: (envId: string, id: string, s?: AbortSignal) =>
      obj<Alert & { transitions: Transition[] }>(env(envId, `/alerts/${enc(id)}`), 'GET', undefined, s),
    acknowledge: (envId: string, id: string) => obj<Alert>(env(envId, `/alerts/${enc(id)}/acknowledge`), 'POST'),
    silenceAlert: (envId: string, id: string, until: string, reason: string) =>
      obj<Silence>(env(envId, `/alerts/${enc(id)}/silence`), 'POST', { until, reason }),
    silences: (envId: string, s?: AbortSignal) => items<Silence>(env(envId, '/silences'), s),
    createSilence: (envId: string, body: SilenceBody) => obj<Silence>(env(envId, '/silences'), 'POST', body),
    deleteSilence: (envId: string, id: string) => del(env(envId, `/silences/${enc(id)}`)),
    channels: (envId: string, s?: AbortSignal) => items<Channel>(env(envId, '/alert-channels'), s),
    createChannel: (envId: string, body: ChannelBody) => obj<Channel>(env(envId, '/alert-channels'), 'POST', body),
    updateChannel: (envId: string, id: string, body: ChannelBody) => obj<Channel>(env(envId, `/alert-channels/${enc(id)}`), 'PUT', body),
    deleteChannel: (envId: string, id: string) => del(env(envId, `/alert-channels/${enc(id)}`)),
    testChannel: (envId: string, id: string) => obj<TestResult>(env(envId, `/alert-channels/${enc(id)}/test`), 'POST'),
    deliveries: (envId: string, id: string, s?: AbortSignal) =>
      items<Delivery>(env(envId, `/alert-channels/${enc(id)}/deliveries?limit=50`), s),
  };
}

export const alertsApi = createAlertsApi();

// ---- Alert list: the filter the server applies (state, limit) and the one the page applies (severity, text) ----

/** The server's `state` filter: `firing` includes the acknowledged ones, `acknowledged` is only those; "" is every state. */
export type StateFilter = '' | 'pending' | 'firing' | 'acknowledged' | 'resolved';
export const STATE_FILTERS: { id: StateFilter; label: string }[] = [
  { id: 'firing', label: 'Firing' },
  { id: 'pending', label: 'Pending' },
  { id: 'acknowledged', label: 'Acknowledged' },
  { id: 'resolved', label: 'Resolved' },
  { id: '', label: 'All' },
];
export interface AlertQuery {
  state?: StateFilter;
  limit?: number;
}
/** The server answers at most 500 alerts at once. */
export const MAX_ALERTS = 500;

export function alertQuery(q: AlertQuery): string {
  const params = new URLSearchParams();
  if (q.state) params.set('state', q.state);
  if (q.limit !== undefined) params.set('limit', String(Math.min(MAX_ALERTS, Math.max(1, Math.trunc(q.limit)))));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Where a notification's link points: `/alerts?environment=<id>&alert=<id>` (ids as the server writes them). */
export function alertLink(search: string): { environment?: string; alert?: string } {
  const params = new URLSearchParams(search);
  const id = (name: string) => {
    const v = params.get(name)?.trim();
    return v && /^[0-9a-fA-F-]{36}$/.test(v) ? v : undefined;
  };
  const environment = id('environment');
  const alert = environment ? id('alert') : undefined;
  return { ...(environment ? { environment } : {}), ...(alert ? { alert } : {}) };
}

export interface PageFilter {
  severity: '' | Severity;
  /** Words matched (all of them, any case) against the rule, the subject and the message. */
  text: string;
}

/** What one alert is about, in a few words: "web-1 · checkout · to_s3", or the certificate's name. */
export function subjectLabel(s: AlertSubject): string {
  const parts = [s.nodeName, s.pipelineName, s.component, s.item].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length === 0 ? 'the environment' : parts.join(' · ');
}

export function filterAlerts(alerts: Alert[], f: PageFilter): Alert[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return alerts.filter((a) => {
    if (f.severity && a.severity !== f.severity) return false;
    const hay = `${a.ruleName} ${subjectLabel(a.subject)} ${a.message}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The state an alert is shown in: an acknowledged firing alert reads ACKNOWLEDGED. */
export function shownState(a: Alert): string {
  return a.state === 'FIRING' && a.acknowledgedAt ? 'ACKNOWLEDGED' : a.state;
}

/** Firing alerts counted per node and per pipeline (for the badges of the fleet and pipeline screens). */
export interface FiringCounts {
  byNode: Record<string, number>;
  byPipeline: Record<string, number>;
  /** The server answered as many as asked for: there may be more. */
  capped: boolean;
}
export function firingCounts(alerts: Alert[], limit = MAX_ALERTS): FiringCounts {
  const byNode: Record<string, number> = {};
  const byPipeline: Record<string, number> = {};
  for (const a of alerts) {
    if (a.state !== 'FIRING') continue;
    if (a.subject.nodeId) byNode[a.subject.nodeId] = (byNode[a.subject.nodeId] ?? 0) + 1;
    if (a.subject.pipelineId) byPipeline[a.subject.pipelineId] = (byPipeline[a.subject.pipelineId] ?? 0) + 1;
  }
  return { byNode, byPipeline, capped: alerts.length >= limit };
}

// ---- Rules: the form's values ↔ the JSON of docs/alerts.md ----

export interface RuleForm {
  name: string;
  severity: Severity;
  kind: RuleKind;
  metric: string;
  comparison: '>' | '<';
  threshold: string;
  hysteresis: string;
  selector: string;
  pipeline: string;
  component: string;
  perNode: boolean;
  days: string;
  minutes: string;
  percent: string;
  windowMinutes: string;
  pattern: string;
  regex: boolean;
  minCount: string;
  forSeconds: string;
  cooldownSeconds: string;
  message: string;
  channels: string[];
  enabled: boolean;
}
export interface RuleBody {
  name: string;
  severity: Severity;
  condition: Record<string, unknown>;
  forSeconds: number | string;
  cooldownSeconds: number | string;
  message?: string;
  channels: string[];
  enabled: boolean;
}

/** The fields each kind takes (besides `kind`), in the order the form shows them. */
export const KIND_FIELDS: Record<RuleKind, string[]> = {
  node_metric: ['metric', 'comparison', 'threshold', 'hysteresis', 'selector'],
  pipeline_metric: ['pipeline', 'component', 'metric', 'comparison', 'threshold', 'hysteresis', 'perNode'],
  node_unreachable: ['selector'],
  pipeline_failing: ['pipeline'],
  certificate_expiring: ['days'],
  deployment_not_converged: ['minutes', 'pipeline'],
  agent_update_failed: ['selector'],
  secret_missing: [],
  backup_failed: [],
  throughput_drop: ['pipeline', 'component', 'metric', 'percent', 'windowMinutes'],
  log_match: ['pattern', 'regex', 'pipeline', 'selector', 'minCount'],
};

/** The kinds whose pipeline is optional (empty: every pipeline of the environment). */
export const ANY_PIPELINE_KINDS: RuleKind[] = ['pipeline_failing', 'deployment_not_converged', 'log_match'];

/** Numbers a new rule of a kind starts with. */
const DEFAULTS: Partial<Record<RuleKind, Partial<RuleForm>>> = {
  certificate_expiring: { days: '14' },
  deployment_not_converged: { minutes: '15' },
  throughput_drop: { percent: '50', windowMinutes: '60' },
  log_match: { minCount: '1' },
};

export function emptyRuleForm(kind: RuleKind = 'node_metric'): RuleForm {
  return {
    name: '',
    severity: 'warning',
    kind,
    metric: metricsOf(kind)[0]!,
    comparison: '>',
    threshold: '',
    hysteresis: '',
    selector: '',
    pipeline: '',
    component: '',
    perNode: false,
    days: '',
    minutes: '',
    percent: '',
    windowMinutes: '',
    pattern: '',
    regex: false,
    minCount: '',
    forSeconds: '0',
    cooldownSeconds: '0',
    message: '',
    channels: [],
    enabled: true,
    ...DEFAULTS[kind],
  };
}

/** A changed kind keeps what both kinds share and resets the metric to one the new kind knows. */
export function withKind(form: RuleForm, kind: RuleKind): RuleForm {
  const metrics = metricsOf(kind);
  const next: RuleForm = { ...form, kind, metric: metrics.includes(form.metric) ? form.metric : metrics[0]! };
  for (const [key, value] of Object.entries(DEFAULTS[kind] ?? {})) {
    const k = key as 'days' | 'minutes' | 'percent' | 'windowMinutes' | 'minCount';
    if (next[k] === '') next[k] = value as string;
  }
  return next;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function ruleToForm(rule: AlertRule): RuleForm {
  const c = rule.condition;
  const base = emptyRuleForm(rule.condition.kind);
  return {
    ...base,
    name: rule.name,
    severity: rule.severity,
    metric: typeof c.metric === 'string' ? c.metric : base.metric,
    comparison: c.comparison === '<' ? '<' : '>',
    threshold: text(c.threshold),
    hysteresis: text(c.hysteresis),
    selector: text(c.selector),
    pipeline: text(c.pipeline),
    component: text(c.component),
    perNode: c.perNode === true,
    days: text(c.days) || base.days,
    minutes: text(c.minutes) || base.minutes,
    percent: text(c.percent) || base.percent,
    windowMinutes: text(c.windowMinutes) || base.windowMinutes,
    pattern: text(c.pattern),
    regex: c.regex === true,
    minCount: text(c.minCount) || base.minCount,
    forSeconds: String(rule.forSeconds ?? 0),
    cooldownSeconds: String(rule.cooldownSeconds ?? 0),
    message: rule.message ?? '',
    channels: [...(rule.channels ?? [])],
    enabled: rule.enabled,
  };
}

/**
 * A number typed in the form: the number when it reads as one, otherwise the text as typed, so the server names the
 * problem with the other problems of the rule (it answers them all at once). Empty is left out.
 */
export function numberOrText(value: string): number | string | undefined {
  const t = value.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export function formToRule(form: RuleForm): RuleBody {
  const condition: Record<string, unknown> = { kind: form.kind };
  for (const field of KIND_FIELDS[form.kind]) {
    switch (field) {
      case 'threshold':
      case 'hysteresis':
      case 'days':
      case 'minutes':
      case 'percent':
      case 'windowMinutes':
      case 'minCount': {
        const v = numberOrText(form[field]);
        if (v !== undefined) condition[field] = v;
        break;
      }
      case 'perNode':
        condition.perNode = form.perNode;
        break;
      case 'regex':
        condition.regex = form.regex;
        break;
      case 'pattern':
        if (form.pattern !== '') condition.pattern = form.pattern;
        break;
      case 'comparison':
        condition.comparison = form.comparison;
        break;
      default: {
        const v = (form[field as 'metric' | 'selector' | 'pipeline' | 'component'] ?? '').trim();
        if (v !== '') condition[field] = v;
      }
    }
  }
  const body: RuleBody = {
    name: form.name.trim(),
    severity: form.severity,
    condition,
    forSeconds: numberOrText(form.forSeconds) ?? 0,
    cooldownSeconds: numberOrText(form.cooldownSeconds) ?? 0,
    channels: form.channels,
    enabled: form.enabled,
  };
  if (form.message.trim() !== '') body.message = form.message;
  return body;
}

/** One line saying what a rule watches: "cpu_percent > 90 (role=web)", "certificates expiring within 14 days". */
export function describeCondition(c: AlertRule['condition'], pipelineName: (id: string) => string | undefined = () => undefined): string {
  const pipeline = typeof c.pipeline === 'string' && c.pipeline ? (pipelineName(c.pipeline) ?? c.pipeline) : undefined;
  const selector = typeof c.selector === 'string' && c.selector ? ` on ${c.selector}` : '';
  switch (c.kind) {
    case 'node_metric':
      return `${text(c.metric)} ${text(c.comparison)} ${text(c.threshold)}${selector}`;
    case 'pipeline_metric':
      return `${text(c.metric)} ${text(c.comparison)} ${text(c.threshold)} of ${pipeline ?? 'a pipeline'}${c.component ? ` / ${text(c.component)}` : ''}${c.perNode ? ' per node' : ''}`;
    case 'node_unreachable':
      return `node unreachable${selector}`;
    case 'pipeline_failing':
      return `${pipeline ?? 'any pipeline'} failing`;
    case 'certificate_expiring':
      return `certificates expiring within ${text(c.days)} days`;
    case 'deployment_not_converged':
      return `${pipeline ?? 'any deployment'} not converged ${text(c.minutes)} min after the deploy`;
    case 'agent_update_failed':
      return `agent update failed${selector}`;
    case 'secret_missing':
      return 'a deployed pipeline references a missing secret or certificate';
    case 'backup_failed':
      return 'the last backup failed';
    case 'throughput_drop':
      return `${text(c.metric)} of ${pipeline ?? 'a pipeline'}${c.component ? ` / ${text(c.component)}` : ''} below ${text(c.percent)} % of the last ${text(c.windowMinutes)} min`;
    case 'log_match':
      return `log lines ${c.regex ? 'matching /' + text(c.pattern) + '/' : 'containing "' + text(c.pattern) + '"'}${pipeline ? ` of ${pipeline}` : ''}${selector}${Number(c.minCount) > 1 ? ` (at least ${text(c.minCount)})` : ''}`;
    default:
      return String(c.kind);
  }
}

// ---- Channels: the form's values ↔ the JSON ----

export interface ChannelField {
  key: string;
  label: string;
  secret: boolean;
  hint?: string;
  placeholder?: string;
}
export const CHANNEL_KINDS: { kind: ChannelKind; label: string; fields: ChannelField[] }[] = [
  {
    kind: 'webhook',
    label: 'Webhook',
    fields: [
      { key: 'url', label: 'URL', secret: true, placeholder: 'https://example.com/hooks/vectorflow' },
      { key: 'signingSecret', label: 'Signing secret', secret: true, hint: 'whsec_ and the base64 of 24 to 64 bytes; requests are signed as Standard Webhooks.' },
    ],
  },
  { kind: 'slack', label: 'Slack', fields: [{ key: 'url', label: 'Incoming webhook URL', secret: true, placeholder: 'https://hooks.slack.com/services/…' }] },
  { kind: 'teams', label: 'Microsoft Teams', fields: [{ key: 'url', label: 'Incoming webhook or workflow URL', secret: true }] },
  {
    kind: 'pagerduty',
    label: 'PagerDuty',
    fields: [
      { key: 'eventsUrl', label: 'Events URL', secret: false, placeholder: 'https://events.pagerduty.com/v2/enqueue' },
      { key: 'routingKey', label: 'Routing key', secret: true },
    ],
  },
  {
    kind: 'email',
    label: 'E-mail',
    fields: [
      { key: 'host', label: 'SMTP host', secret: false },
      { key: 'port', label: 'Port', secret: false, placeholder: '587' },
      { key: 'startTls', label: 'STARTTLS (true/false)', secret: false, placeholder: 'true' },
      { key: 'username', label: 'User name', secret: false },
      { key: 'password', label: 'Password', secret: true },
      { key: 'from', label: 'From', secret: false },
      { key: 'to', label: 'To (comma-separated, at most 20)', secret: false },
    ],
  },
];

export function channelFields(kind: ChannelKind): ChannelField[] {
  return CHANNEL_KINDS.find((k) => k.kind === kind)?.fields ?? [];
}

export interface ChannelForm {
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  /** Settings and secrets by key; secrets start empty (never pre-filled) and an empty one keeps its stored value. */
  values: Record<string, string>;
  /** A webhook's extra headers as stored (set through the API; the form keeps them as they are). */
  headers?: Record<string, string>;
}
export interface ChannelBody {
  name: string;
  kind: ChannelKind;
  settings: Record<string, string | Record<string, string>>;
  secrets: Record<string, string>;
  enabled: boolean;
}

export function channelToForm(channel?: Channel): ChannelForm {
  if (!channel) return { name: '', kind: 'webhook', enabled: true, values: {} };
  const values: Record<string, string> = {};
  for (const f of channelFields(channel.kind)) {
    const v = channel.settings[f.key];
    if (!f.secret && typeof v === 'string') values[f.key] = v;
  }
  const headers = channel.settings.headers;
  return { name: channel.name, kind: channel.kind, enabled: channel.enabled, values, ...(typeof headers === 'object' ? { headers } : {}) };
}

/** Settings of the kind as typed (empty ones left out: the server's defaults apply); secrets only when typed. */
export function formToChannel(form: ChannelForm): ChannelBody {
  const settings: Record<string, string | Record<string, string>> = {};
  const secrets: Record<string, string> = {};
  for (const f of channelFields(form.kind)) {
    const v = (form.values[f.key] ?? '').trim();
    if (v === '') continue;
    (f.secret ? secrets : settings)[f.key] = v;
  }
  if (form.kind === 'webhook' && form.headers && Object.keys(form.headers).length > 0) settings.headers = form.headers;
  return { name: form.name.trim(), kind: form.kind, settings, secrets, enabled: form.enabled };
}

/** A new webhook signing secret: `whsec_` and the base64 of 32 random bytes. */
export function newSigningSecret(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary)}`;
}

// ---- Silences ----

export interface SilenceBody {
  ruleId: string | null;
  nodeId: string | null;
  pipelineId: string | null;
  selector: string | null;
  until: string;
  reason: string;
}

/** `until` from a `datetime-local` value (the browser's time zone), as the ISO instant the server takes. */
export function untilInstant(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/** A `datetime-local` value `hours` from `now`. */
export function localInHours(hours: number, now = new Date()): string {
  const d = new Date(now.getTime() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What a silence matches, in words. */
export function silenceScope(
  s: Silence,
  ruleName: (id: string) => string | undefined,
  nodeName: (id: string) => string | undefined,
  pipelineName: (id: string) => string | undefined = () => undefined,
): string {
  const parts: string[] = [];
  if (s.ruleId) parts.push(`rule ${ruleName(s.ruleId) ?? s.ruleId}`);
  if (s.nodeId) parts.push(`node ${nodeName(s.nodeId) ?? s.nodeId}`);
  if (s.pipelineId) parts.push(`pipeline ${pipelineName(s.pipelineId) ?? s.pipelineId}`);
  if (s.selector) parts.push(`nodes ${s.selector}`);
  return parts.length === 0 ? 'the whole environment' : parts.join(', ');
}
