/** Promotion and approvals: the shapes the server answers and the logic of the promote form (kept pure for tests). */
import type { VersionDiff } from './client.ts';

/** One environment-specific value as the promote form edits it. */
export interface MappingRow {
  component: string;
  option: string;
  value: string;
}

/** One value as the API takes it. */
export interface ValueMapping {
  component: string;
  option: string;
  value: string | number | boolean;
}

export interface PromotionPreview {
  sourceEnvironmentId: string;
  sourceEnvironment: string;
  version: number;
  targetEnvironmentId: string;
  targetEnvironment: string;
  pipelineName: string;
  targetPipelineId?: string;
  targetVersion?: number;
  blocked: boolean;
  missingSecrets: string[];
  missingCertificates: string[];
  diff: VersionDiff['components'];
  values: { component: string; option: string; from: unknown; to: unknown }[];
  environmentVariables: string[];
  requiresApproval: boolean;
}

export interface Promoted {
  state: 'PROMOTED';
  pipelineId: string;
  environmentId: string;
  created: boolean;
  version: number;
  message: string;
  deployedVersion?: number;
}

export interface ApprovalRequest {
  id: string;
  environmentId: string;
  kind: 'deploy' | 'promote';
  state: 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
  pipelineId: string;
  pipelineName: string;
  version: number;
  selector?: Record<string, string>;
  targetEnvironmentId?: string;
  baseVersion?: number;
  values: { component: string; option: string; to: unknown }[];
  /** What the requester added to the version message (promotions). */
  note?: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  diff: VersionDiff['components'];
  /** A held staged deploy: each wave as the server words it (e.g. "nodes:1 soak 60 s"); absent: all at once. */
  rolloutWaves?: string[];
}

/** The server answers 202 with an approval request when the environment requires approval (instead of doing it). */
export function isApprovalRequest(value: unknown): value is ApprovalRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).id === 'string' &&
    ((value as Record<string, unknown>).kind === 'deploy' || (value as Record<string, unknown>).kind === 'promote') &&
    typeof (value as Record<string, unknown>).state === 'string' &&
    typeof (value as Record<string, unknown>).requestedBy === 'string'
  );
}

const KEY = /^[A-Za-z0-9_-]{1,64}$/;
/** The server's cap on mappings per promotion. */
export const MAX_MAPPINGS = 100;

/**
 * The form's rows as the API's values: blank rows are left out; "true"/"false" become flags and plain numbers become
 * numbers (quote a value, "\"5000\"", to keep it text). Every problem is named with its row (1-based).
 */
export function toValues(rows: MappingRow[]): { values: ValueMapping[]; errors: string[] } {
  const values: ValueMapping[] = [];
  const errors: string[] = [];
  rows.forEach((row, i) => {
    const component = row.component.trim();
    const option = row.option.trim();
    if (!component && !option && !row.value.trim()) return;
    if (!KEY.test(component)) errors.push(`Row ${i + 1}: the component key must be 1-64 letters, digits, '_' or '-'.`);
    if (!option || option.split('.').some((part) => part === '')) errors.push(`Row ${i + 1}: the option must be option names joined by '.' (e.g. auth.user).`);
    values.push({ component, option, value: typedValue(row.value) });
  });
  if (values.length > MAX_MAPPINGS) errors.push(`At most ${MAX_MAPPINGS} values per promotion (there are ${values.length}).`);
  return { values, errors };
}

/** "true"/"false" → flag, a plain number → number, "\"text\"" → the text inside the quotes, anything else as it is. */
export function typedValue(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?$/.test(t)) return Number(t);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  return text;
}

/** What blocks a promotion, as the names a user must create in the target (SECRET[...] and CERT[...]). */
export function blockers(preview: Pick<PromotionPreview, 'missingSecrets' | 'missingCertificates'>): string[] {
  return [...preview.missingSecrets.map((s) => `SECRET[${s}]`), ...preview.missingCertificates.map((c) => `CERT[${c}]`)];
}

/** A value of a mapping or an option as one line of text. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The sentence the UI shows for a request: what it holds. */
export function describeRequest(r: ApprovalRequest): string {
  if (r.kind === 'deploy') {
    const selector = Object.entries(r.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
    return `Deploy ${r.pipelineName} v${r.version}${r.baseVersion ? ` (now v${r.baseVersion})` : ''} to ${selector || 'every node'}`;
  }
  const values = r.values.length ? ` with ${r.values.length} value${r.values.length === 1 ? '' : 's'} mapped` : '';
  return `Promote ${r.pipelineName} v${r.version}${values}${r.selector ? ' and deploy it' : ''}`;
}
