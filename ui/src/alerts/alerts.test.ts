import { describe, expect, it } from 'vitest';
import {
  alertQuery,
  channelToForm,
  describeCondition,
  previewBody,
  previewReady,
  previewSummary,
  emptyRuleForm,
  filterAlerts,
  firingCounts,
  formToChannel,
  alertLink,
  formToRule,
  newSigningSecret,
  ruleToForm,
  shownState,
  silenceScope,
  subjectLabel,
  withKind,
  type Alert,
  type AlertRule,
  type Channel,
} from './alertsApi.ts';

function rule(condition: AlertRule['condition'], extra: Partial<AlertRule> = {}): AlertRule {
  return {
    id: 'r1', environmentId: 'e1', name: 'rule', severity: 'critical', condition, forSeconds: 300, cooldownSeconds: 600,
    message: '{{node}} hot', channels: ['c1'], enabled: true, createdBy: 'ann', createdAt: '', updatedAt: '', ...extra,
  };
}

function alert(extra: Omit<Partial<Alert>, 'subject'> & { subject?: Partial<Alert['subject']> } = {}): Alert {
  const { subject, ...rest } = extra;
  return {
    id: 'a', ruleId: 'r1', ruleName: 'CPU high', severity: 'warning', state: 'FIRING', value: 93,
    subject: { nodeId: null, nodeName: null, pipelineId: null, pipelineName: null, component: null, item: null, ...subject },
    message: 'hot', since: '', firedAt: null, resolvedAt: null, acknowledgedBy: null, acknowledgedAt: null, silenced: false, changedAt: '', ...rest,
  };
}

describe('rule form ↔ JSON', () => {
  it('a node metric rule round-trips with its numbers as numbers', () => {
    const r = rule({ kind: 'node_metric', metric: 'cpu_percent', comparison: '>', threshold: 90, hysteresis: 5, selector: 'role=web' });
    expect(formToRule(ruleToForm(r))).toEqual({
      name: 'rule', severity: 'critical', forSeconds: 300, cooldownSeconds: 600, message: '{{node}} hot', channels: ['c1'], enabled: true,
      condition: { kind: 'node_metric', metric: 'cpu_percent', comparison: '>', threshold: 90, hysteresis: 5, selector: 'role=web' },
    });
  });

  it('a pipeline metric rule keeps pipeline, component and perNode, and leaves out an empty component and hysteresis', () => {
    const form = { ...emptyRuleForm('pipeline_metric'), name: ' p ', pipeline: 'p1', metric: 'events_out_per_second', comparison: '<' as const, threshold: '1', perNode: true };
    expect(formToRule(form).condition).toEqual({ kind: 'pipeline_metric', pipeline: 'p1', metric: 'events_out_per_second', comparison: '<', threshold: 1, perNode: true });
    expect(formToRule(form).name).toBe('p');
    const back = ruleToForm(rule({ kind: 'pipeline_metric', pipeline: 'p1', component: 'to_s3', metric: 'errors_per_second', comparison: '>', threshold: 2, perNode: false }));
    expect(formToRule(back).condition).toEqual({ kind: 'pipeline_metric', pipeline: 'p1', component: 'to_s3', metric: 'errors_per_second', comparison: '>', threshold: 2, perNode: false });
  });

  it('state rules send only their own fields', () => {
    const f = { ...emptyRuleForm('node_metric'), threshold: '90', selector: 'role=db', pipeline: 'p1', days: '3' };
    expect(formToRule({ ...f, kind: 'node_unreachable' }).condition).toEqual({ kind: 'node_unreachable', selector: 'role=db' });
    expect(formToRule({ ...f, kind: 'pipeline_failing' }).condition).toEqual({ kind: 'pipeline_failing', pipeline: 'p1' });
    expect(formToRule({ ...f, kind: 'pipeline_failing', pipeline: '' }).condition).toEqual({ kind: 'pipeline_failing' });
    expect(formToRule({ ...f, kind: 'certificate_expiring' }).condition).toEqual({ kind: 'certificate_expiring', days: 3 });
  });

  it('text that is not a number goes to the server as typed, so it names the problem with the others', () => {
    const body = formToRule({ ...emptyRuleForm(), name: 'x', threshold: 'ninety', forSeconds: '-5', cooldownSeconds: '' });
    expect(body.condition.threshold).toBe('ninety');
    expect(body.forSeconds).toBe(-5);
    expect(body.cooldownSeconds).toBe(0);
    expect(body.message).toBeUndefined();
  });

  it('a new certificate rule starts at 14 days; a changed kind gets a metric of its own', () => {
    expect(formToRule({ ...emptyRuleForm('certificate_expiring'), name: 'c' }).condition).toEqual({ kind: 'certificate_expiring', days: 14 });
    expect(withKind(emptyRuleForm('node_metric'), 'pipeline_metric').metric).toBe('events_in_per_second');
    expect(withKind({ ...emptyRuleForm('node_metric'), metric: 'disk_percent' }, 'node_metric').metric).toBe('disk_percent');
  });
});

describe('the rule kinds on deployments, updates, secrets, backups, throughput and logs', () => {
  it('each sends only its own fields, numbers as numbers, with its starting values', () => {
    const f = { ...emptyRuleForm('node_metric'), name: 'r', selector: 'role=web', pipeline: 'p1', component: 'out' };
    expect(formToRule(withKind(f, 'deployment_not_converged')).condition).toEqual({ kind: 'deployment_not_converged', minutes: 15, pipeline: 'p1' });
    expect(formToRule(withKind(f, 'agent_update_failed')).condition).toEqual({ kind: 'agent_update_failed', selector: 'role=web' });
    expect(formToRule(withKind(f, 'secret_missing')).condition).toEqual({ kind: 'secret_missing' });
    expect(formToRule(withKind(f, 'backup_failed')).condition).toEqual({ kind: 'backup_failed' });
    expect(formToRule(withKind(f, 'throughput_drop')).condition).toEqual({
      kind: 'throughput_drop', pipeline: 'p1', component: 'out', metric: 'events_in_per_second', percent: 50, windowMinutes: 60,
    });
    expect(formToRule({ ...withKind(f, 'log_match'), pattern: 'timeout after \\d+ms', regex: true, pipeline: '', minCount: '3' }).condition).toEqual({
      kind: 'log_match', pattern: 'timeout after \\d+ms', regex: true, selector: 'role=web', minCount: 3,
    });
  });

  it('a throughput rule chooses only events in or out; a stored rule comes back to the same body', () => {
    expect(withKind({ ...emptyRuleForm('pipeline_metric'), metric: 'errors_per_second' }, 'throughput_drop').metric).toBe('events_in_per_second');
    const stored = { kind: 'throughput_drop' as const, pipeline: 'p1', component: null, metric: 'events_out_per_second', percent: 20, windowMinutes: 30 };
    const r: AlertRule = rule(stored);
    expect(formToRule(ruleToForm(r)).condition).toEqual({ kind: 'throughput_drop', pipeline: 'p1', metric: 'events_out_per_second', percent: 20, windowMinutes: 30 });
    expect(describeCondition(stored, () => 'checkout')).toBe('events_out_per_second of checkout below 20 % of the last 30 min');
    expect(describeCondition({ kind: 'log_match', pattern: 'oops', regex: false, minCount: 2 })).toBe('log lines containing "oops" (at least 2)');
  });
});

describe('rule preview', () => {
  const item = (state: 'FIRING' | 'PENDING') => ({ state, subject: alert().subject, value: 1, message: 'm' });

  it('says how many would fire and how many wait for the for-duration, and when the list is cut', () => {
    expect(previewSummary({ items: [], total: 0 })).toBe('Nothing would fire now.');
    expect(previewSummary({ items: [item('FIRING'), item('FIRING')], total: 2 })).toBe('2 would fire now.');
    expect(previewSummary({ items: [item('PENDING')], total: 3 })).toBe("1 pending (for the rule's for-duration) (1 of 3 listed).");
  });

  it('is asked only once the kind has what it needs', () => {
    expect(previewReady(emptyRuleForm('node_metric'))).toBe(false);
    expect(previewReady({ ...emptyRuleForm('node_metric'), threshold: '90' })).toBe(true);
    expect(previewReady(emptyRuleForm('throughput_drop'))).toBe(false);
    expect(previewReady({ ...emptyRuleForm('throughput_drop'), pipeline: 'p1' })).toBe(true);
    expect(previewReady(emptyRuleForm('log_match'))).toBe(false);
    expect(previewReady(emptyRuleForm('deployment_not_converged'))).toBe(true);
    expect(previewReady({ ...emptyRuleForm('certificate_expiring'), days: ' ' })).toBe(false);
  });

  it('previews a rule without a name yet under the name preview', () => {
    expect(previewBody({ ...emptyRuleForm('backup_failed') }).name).toBe('preview');
    expect(previewBody({ ...emptyRuleForm('backup_failed'), name: ' b ' }).name).toBe('b');
  });
});

describe('channel form ↔ JSON', () => {
  const channel: Channel = {
    id: 'c', environmentId: 'e', name: 'mail', kind: 'email', settings: { host: 'smtp.example.com', port: '587', to: 'a@x.com' },
    secretsSet: ['password'], enabled: true, createdBy: '', createdAt: '', updatedAt: '',
  };

  it('an edited channel shows its settings, never a secret, and sends only the secrets typed again', () => {
    const form = channelToForm(channel);
    expect(form.values).toEqual({ host: 'smtp.example.com', port: '587', to: 'a@x.com' });
    expect(formToChannel(form)).toEqual({ name: 'mail', kind: 'email', enabled: true, settings: { host: 'smtp.example.com', port: '587', to: 'a@x.com' }, secrets: {} });
    expect(formToChannel({ ...form, values: { ...form.values, password: ' pw ' } }).secrets).toEqual({ password: 'pw' });
  });

  it('a notification link names the environment and the alert; anything else in the query is ignored', () => {
    const env = '0193a0b4-5c1e-7d2a-9f00-1c2d3e4f5a6b';
    const alert = '0193a0b5-0000-7000-8000-000000000001';
    expect(alertLink(`?environment=${env}&alert=${alert}`)).toEqual({ environment: env, alert });
    expect(alertLink(`?environment=${env}`)).toEqual({ environment: env });
    expect(alertLink(`?alert=${alert}`)).toEqual({});
    expect(alertLink('?environment=../../x&alert=<script>')).toEqual({});
    expect(alertLink('')).toEqual({});
  });

  it('an edited webhook keeps the headers set through the API', () => {
    const hook: Channel = { ...channel, name: 'hook', kind: 'webhook', settings: { headers: { 'X-Team': 'platform' } }, secretsSet: ['url', 'signingSecret'] };
    const form = channelToForm(hook);
    expect(form.values).toEqual({});
    expect(formToChannel(form)).toEqual({ name: 'hook', kind: 'webhook', enabled: true, settings: { headers: { 'X-Team': 'platform' } }, secrets: {} });
  });

  it('keys of another kind are not sent', () => {
    const body = formToChannel({ name: 'hook', kind: 'webhook', enabled: false, values: { url: 'http://127.0.0.1:9/x', host: 'smtp', signingSecret: '' } });
    expect(body).toEqual({ name: 'hook', kind: 'webhook', enabled: false, settings: {}, secrets: { url: 'http://127.0.0.1:9/x' } });
    expect(formToChannel({ name: 'pd', kind: 'pagerduty', enabled: true, values: { eventsUrl: 'https://pd', routingKey: 'R1' } }))
      .toMatchObject({ settings: { eventsUrl: 'https://pd' }, secrets: { routingKey: 'R1' } });
  });

  it('a signing secret is whsec_ and the base64 of 32 bytes', () => {
    const secret = newSigningSecret((b) => b.fill(255));
    expect(secret).toBe(`whsec_${btoa(String.fromCharCode(...new Array(32).fill(255)))}`);
    expect(atob(newSigningSecret().slice(6))).toHaveLength(32);
  });
});

describe('alert filters and counts', () => {
  it('the server query carries the state and a limit kept within 1 to 500', () => {
    expect(alertQuery({})).toBe('');
    expect(alertQuery({ state: 'acknowledged', limit: 100 })).toBe('?state=acknowledged&limit=100');
    expect(alertQuery({ state: '', limit: 9999 })).toBe('?limit=500');
    expect(alertQuery({ limit: 0 })).toBe('?limit=1');
  });

  it('the page filter matches severity and every word in rule, subject and message', () => {
    const list = [
      alert({ id: '1', severity: 'critical', subject: { nodeName: 'web-1' } }),
      alert({ id: '2', ruleName: 'certs', message: 'edge expires in 3 days', subject: { item: 'edge' } }),
      alert({ id: '3', severity: 'critical', ruleName: 'disk', subject: { nodeName: 'db-1' } }),
    ];
    expect(filterAlerts(list, { severity: 'critical', text: '' }).map((a) => a.id)).toEqual(['1', '3']);
    expect(filterAlerts(list, { severity: '', text: 'EDGE 3' }).map((a) => a.id)).toEqual(['2']);
    expect(filterAlerts(list, { severity: 'critical', text: 'web' }).map((a) => a.id)).toEqual(['1']);
  });

  it('firing alerts are counted per node and per pipeline; pending and resolved ones are not', () => {
    const counts = firingCounts([
      alert({ subject: { nodeId: 'n1', pipelineId: 'p1' } }),
      alert({ subject: { nodeId: 'n1' } }),
      alert({ subject: { pipelineId: 'p1' }, acknowledgedAt: 'x' }),
      alert({ state: 'PENDING', subject: { nodeId: 'n2' } }),
      alert({ state: 'RESOLVED', subject: { nodeId: 'n2' } }),
    ], 10);
    expect(counts).toEqual({ byNode: { n1: 2 }, byPipeline: { p1: 2 }, capped: false });
    expect(firingCounts([alert()], 1).capped).toBe(true);
  });

  it('subjects and states read as words', () => {
    expect(subjectLabel(alert({ subject: { nodeName: 'web-1', pipelineName: 'checkout', component: 'to_s3' } }).subject)).toBe('web-1 · checkout · to_s3');
    expect(subjectLabel(alert().subject)).toBe('the environment');
    expect(shownState(alert({ acknowledgedAt: '2026-01-01T00:00:00Z' }))).toBe('ACKNOWLEDGED');
    expect(shownState(alert({ state: 'RESOLVED', acknowledgedAt: 'x' }))).toBe('RESOLVED');
  });

  it('a silence says what it matches', () => {
    const base = { id: 's', ruleId: null, nodeId: null, selector: null, until: '', reason: '', createdBy: '', createdAt: '' };
    expect(silenceScope(base, () => undefined, () => undefined)).toBe('the whole environment');
    expect(silenceScope({ ...base, ruleId: 'r', nodeId: 'n', selector: 'role=web' }, () => 'certs', () => undefined)).toBe('rule certs, node n, nodes role=web');
    expect(silenceScope({ ...base, pipelineId: 'p1' }, () => undefined, () => undefined, () => 'checkout')).toBe('pipeline checkout');
  });
});
