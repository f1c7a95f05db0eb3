import { useEffect, useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf } from '../lib/client.ts';
import { ConfirmButton, Empty, fieldError, LoadState, Modal, restOf, TextField, useAction, useLoad } from '../ui.tsx';
import { useAccess } from '../useAccess.ts';
import {
  alertsApi,
  describeCondition,
  emptyRuleForm,
  formToRule,
  ANY_PIPELINE_KINDS,
  KIND_FIELDS,
  MAX_ALERTS,
  metricsOf,
  previewBody,
  previewReady,
  previewSummary,
  RULE_KINDS,
  ruleToForm,
  SEVERITIES,
  subjectLabel,
  withKind,
  type AlertRule,
  type Channel,
  type RuleForm,
} from './alertsApi.ts';
import { AlertStateBadge, SeverityBadge } from './AlertBadge.tsx';

/** The rules of an environment: editors create, change, switch on and off and delete them; viewers read them. */
export function RulesPanel({ envId }: { envId: string }) {
  const list = useLoad((s) => alertsApi.rules(envId, s), [envId]);
  const pipelines = useLoad((s) => vf.pipelines(envId, s), [envId]);
  const channels = useLoad((s) => alertsApi.channels(envId, s), [envId]);
  const needsEditor = useAccess({ environmentId: envId }).why('EDITOR');
  const [editing, setEditing] = useState<AlertRule | 'new' | undefined>();
  const toggle = useAction();
  const pipelineName = (id: string) => pipelines.data?.find((p) => p.id === id)?.name;
  const channelName = (id: string) => channels.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <section className="card">
      <div className="card-head">
        <h2>Rules</h2>
        <button type="button" className="button" onClick={() => setEditing('new')} disabled={!!needsEditor} title={needsEditor} data-testid="new-rule">
          New rule
        </button>
      </div>
      {toggle.problem && <ProblemMessage problem={toggle.problem} />}
      <LoadState state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="No rules yet" testId="rules-empty">
              <p className="muted">A rule watches node or pipeline metrics, unreachable nodes, failing pipelines, expiring certificates, deployments that do not converge, failed agent updates, missing secrets, failed backups, drops of throughput or log lines.</p>
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="rule-list">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Condition</th>
                    <th>Severity</th>
                    <th>For</th>
                    <th>Channels</th>
                    <th>Enabled</th>
                    <th aria-label="Actions" />
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} data-testid="rule-row">
                      <td className="cell-name">{r.name}</td>
                      <td className="small">{describeCondition(r.condition, pipelineName)}</td>
                      <td>
                        <SeverityBadge severity={r.severity} />
                      </td>
                      <td>{r.forSeconds ? `${r.forSeconds} s` : <span className="muted">at once</span>}</td>
                      <td className="small">{r.channels.length === 0 ? <span className="muted">listed only</span> : r.channels.map(channelName).join(', ')}</td>
                      <td>
                        <label className="check" title={needsEditor}>
                          <input
                            type="checkbox"
                            checked={r.enabled}
                            disabled={!!needsEditor || toggle.busy}
                            data-testid="rule-enabled"
                            aria-label={`${r.name} enabled`}
                            onChange={async (e) => {
                              const body = { ...formToRule(ruleToForm(r)), enabled: e.target.checked };
                              if (await toggle.run(() => alertsApi.replaceRule(envId, r.id, body))) list.reload();
                            }}
                          />
                          {r.enabled ? 'on' : 'off'}
                        </label>
                      </td>
                      <td className="cell-actions">
                        <button type="button" className="button button-small button-secondary" onClick={() => setEditing(r)} data-testid="edit-rule" title={needsEditor ? 'Read the rule (changing it needs the Editor role)' : undefined}>
                          {needsEditor ? 'View' : 'Edit'}
                        </button>
                        <ConfirmButton
                          label="Delete"
                          className="button button-small button-ghost-danger"
                          title={`Delete rule ${r.name}?`}
                          message={<p>Its alerts are deleted with it.</p>}
                          disabled={!!needsEditor}
                          tooltip={needsEditor}
                          testId="delete-rule"
                          onConfirm={async () => {
                            await alertsApi.deleteRule(envId, r.id);
                            list.reload();
                          }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </LoadState>
      {editing && (
        <RuleDialog
          envId={envId}
          rule={editing === 'new' ? undefined : editing}
          readOnly={!!needsEditor}
          pipelines={(pipelines.data ?? []).map((p) => ({ id: p.id, name: p.name }))}
          channels={channels.data ?? []}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

/** Server field names as the form shows them (`condition.metric` next to the metric, …). */
function conditionFields(form: RuleForm): string[] {
  return ['name', 'severity', 'condition.kind', 'forSeconds', 'cooldownSeconds', 'message', 'channels', ...KIND_FIELDS[form.kind].map((f) => `condition.${f}`)];
}

function RuleDialog({
  envId,
  rule,
  readOnly,
  pipelines,
  channels,
  onClose,
  onSaved,
}: {
  envId: string;
  rule?: AlertRule;
  readOnly: boolean;
  pipelines: { id: string; name: string }[];
  channels: Channel[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form, setForm] = useState<RuleForm>(rule ? ruleToForm(rule) : emptyRuleForm());
  const set = <K extends keyof RuleForm>(key: K) => (value: RuleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const action = useAction();
  const p = action.problem;
  const fields = KIND_FIELDS[form.kind];
  const selectField = (key: 'severity' | 'metric' | 'comparison' | 'pipeline', label: string, options: { value: string; label: string }[], error = fieldError(p, key === 'severity' ? key : `condition.${key}`)) => (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={`rule-${key}`}>{label}</label>
      <select id={`rule-${key}`} className="input" value={form[key]} onChange={(e) => set(key)(e.target.value as never)} data-testid={`rule-${key}`} disabled={readOnly}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" data-testid={`rule-${key}-error`}>
          {error}
        </p>
      )}
    </div>
  );
  return (
    <Modal title={rule ? (readOnly ? rule.name : `Change ${rule.name}`) : 'New alert rule'} onClose={onClose} wide testId="rule-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const body = formToRule(form);
          if (await action.run(() => (rule ? alertsApi.replaceRule(envId, rule.id, body) : alertsApi.createRule(envId, body)))) onSaved();
        }}
      >
        <fieldset disabled={readOnly} className="plain-fieldset">
          <TextField label="Name" value={form.name} onChange={set('name')} required error={fieldError(p, 'name')} testId="rule-name" autoFocus />
          <div className={fieldError(p, 'condition.kind') ? 'field field-invalid' : 'field'}>
            <label htmlFor="rule-kind">Kind</label>
            <select id="rule-kind" className="input" value={form.kind} onChange={(e) => setForm((f) => withKind(f, e.target.value as RuleForm['kind']))} data-testid="rule-kind">
              {RULE_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            {fieldError(p, 'condition.kind') && <p className="field-error">{fieldError(p, 'condition.kind')}</p>}
          </div>
          {selectField('severity', 'Severity', SEVERITIES.map((s) => ({ value: s, label: s })))}
          {fields.includes('pipeline') &&
            selectField('pipeline', 'Pipeline', [
              ...(ANY_PIPELINE_KINDS.includes(form.kind) ? [{ value: '', label: 'every pipeline of the environment' }] : [{ value: '', label: 'choose a pipeline' }]),
              ...pipelines.map((x) => ({ value: x.id, label: x.name })),
            ])}
          {fields.includes('component') && (
            <TextField label="Component (optional)" value={form.component} onChange={set('component')} placeholder="to_s3" error={fieldError(p, 'condition.component')} testId="rule-component" hint="A component key of the pipeline; empty watches the whole pipeline." />
          )}
          {fields.includes('metric') &&
            selectField('metric', 'Metric', metricsOf(form.kind).map((m) => ({ value: m, label: m })))}
          {fields.includes('comparison') && selectField('comparison', 'Fires when the value is', [{ value: '>', label: '> above the threshold' }, { value: '<', label: '< below the threshold' }])}
          {fields.includes('threshold') && <TextField label="Threshold" value={form.threshold} onChange={set('threshold')} required error={fieldError(p, 'condition.threshold')} testId="rule-threshold" />}
          {fields.includes('hysteresis') && (
            <TextField label="Hysteresis" value={form.hysteresis} onChange={set('hysteresis')} placeholder="0" error={fieldError(p, 'condition.hysteresis')} testId="rule-hysteresis" hint="Resolves only once the value is back past the threshold by this much." />
          )}
          {fields.includes('perNode') && (
            <label className="check">
              <input type="checkbox" checked={form.perNode} onChange={(e) => set('perNode')(e.target.checked)} data-testid="rule-per-node" /> One alert per node (otherwise summed over the pipeline's nodes)
            </label>
          )}
          {fields.includes('selector') && (
            <TextField label="Nodes (labels)" value={form.selector} onChange={set('selector')} placeholder="role=web,region=eu" error={fieldError(p, 'condition.selector')} testId="rule-selector" hint="Empty watches every node." />
          )}
          {fields.includes('days') && <TextField label="Days before expiry" value={form.days} onChange={set('days')} required error={fieldError(p, 'condition.days')} testId="rule-days" hint="1 to 365." />}
          {fields.includes('minutes') && (
            <TextField label="Minutes after the deploy" value={form.minutes} onChange={set('minutes')} required error={fieldError(p, 'condition.minutes')} testId="rule-minutes" hint="1 to 1440: fires when the deployment's nodes do not all run its version by then." />
          )}
          {fields.includes('percent') && (
            <TextField label="Below this percent of before" value={form.percent} onChange={set('percent')} required error={fieldError(p, 'condition.percent')} testId="rule-percent" hint="1 to 100: fires when the rate now is below this share of the average over the window before." />
          )}
          {fields.includes('windowMinutes') && (
            <TextField label="Window (minutes)" value={form.windowMinutes} onChange={set('windowMinutes')} required error={fieldError(p, 'condition.windowMinutes')} testId="rule-window" hint="5 to 1440 minutes of stored history to average; no history, no alert." />
          )}
          {fields.includes('pattern') && (
            <TextField label="Pattern" value={form.pattern} onChange={set('pattern')} required error={fieldError(p, 'condition.pattern')} testId="rule-pattern" placeholder="timeout" hint="A keyword (any case), or a regular expression; at most 200 characters." />
          )}
          {fields.includes('regex') && (
            <label className="check">
              <input type="checkbox" checked={form.regex} onChange={(e) => set('regex')(e.target.checked)} data-testid="rule-regex" /> The pattern is a regular expression (a group repeated inside a repeat, such as (a+)+, is refused)
            </label>
          )}
          {fields.includes('minCount') && (
            <TextField label="Lines per round" value={form.minCount} onChange={set('minCount')} error={fieldError(p, 'condition.minCount')} testId="rule-min-count" hint="1 to 1000 matching lines on a node within one evaluation (every 10 s)." />
          )}
          <TextField label="For (seconds)" value={form.forSeconds} onChange={set('forSeconds')} error={fieldError(p, 'forSeconds')} testId="rule-for" hint="How long the condition must hold before the alert fires (0 to 86400)." />
          <TextField label="Cooldown (seconds)" value={form.cooldownSeconds} onChange={set('cooldownSeconds')} error={fieldError(p, 'cooldownSeconds')} testId="rule-cooldown" hint="After it resolved, how long before it may fire again (0 to 604800)." />
          <TextField
            label="Message (optional)"
            value={form.message}
            onChange={set('message')}
            multiline
            error={fieldError(p, 'message')}
            testId="rule-message"
            hint="Placeholders: {{rule}} {{severity}} {{node}} {{pipeline}} {{component}} {{metric}} {{value}} {{threshold}} {{detail}} (the matched log line, the error, the missing secret)."
          />
          {!readOnly && <RulePreviewPanel envId={envId} form={form} />}
          <div className={fieldError(p, 'channels') ? 'field field-invalid' : 'field'}>
            <span className="field-label">Notify</span>
            {channels.length === 0 && <p className="muted small">No channel in this environment: alerts are only listed.</p>}
            {channels.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={form.channels.includes(c.id)}
                  onChange={(e) => set('channels')(e.target.checked ? [...form.channels, c.id] : form.channels.filter((id) => id !== c.id))}
                  data-testid="rule-channel"
                />
                {c.name} <span className="muted small">{c.kind}</span>
              </label>
            ))}
            {fieldError(p, 'channels') && <p className="field-error">{fieldError(p, 'channels')}</p>}
          </div>
          <label className="check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled')(e.target.checked)} data-testid="rule-enabled-input" /> Enabled
          </label>
        </fieldset>
        {restOf(p, conditionFields(form)) && <ProblemMessage problem={restOf(p, conditionFields(form))!} testId="rule-problems" />}
        {rule && <RuleAlertsNow envId={envId} ruleId={rule.id} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {readOnly ? 'Close' : 'Cancel'}
          </button>
          {!readOnly && (
            <button type="submit" className="button" disabled={action.busy} data-testid="rule-save">
              {rule ? 'Save' : 'Create rule'}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}

/**
 * What this rule has raised now (the API has no dry run of a rule that is not saved yet, so the preview is the saved
 * rule's current alerts, pending and firing).
 */
function RuleAlertsNow({ envId, ruleId }: { envId: string; ruleId: string }) {
  const alerts = useLoad(
    async (s) => {
      const [pending, firing] = await Promise.all([
        alertsApi.alerts(envId, { state: 'pending', limit: MAX_ALERTS }, s),
        alertsApi.alerts(envId, { state: 'firing', limit: MAX_ALERTS }, s),
      ]);
      return [...firing, ...pending].filter((a) => a.ruleId === ruleId);
    },
    [envId, ruleId],
  );
  return (
    <div className="field" data-testid="rule-preview">
      <span className="field-label">Raised by this rule now (as last saved)</span>
      <LoadState state={alerts}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted small">Nothing fires or is pending for this rule.</p>
          ) : (
            <ul className="plain-list">
              {items.map((a) => (
                <li key={a.id} data-testid="rule-preview-item">
                  <AlertStateBadge alert={a} /> {subjectLabel(a.subject)} <span className="muted small">{a.message}</span>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </div>
  );
}

/** What the rule as typed would raise now, asked of the server a moment after the form stops changing. */
function RulePreviewPanel({ envId, form }: { envId: string; form: RuleForm }) {
  const body = previewReady(form) ? JSON.stringify(previewBody(form)) : '';
  const [asked, setAsked] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(body), 600);
    return () => clearTimeout(timer);
  }, [body]);
  const preview = useLoad(asked === '' ? undefined : (s) => alertsApi.previewRule(envId, JSON.parse(asked), s), [envId, asked]);
  return (
    <div className="field" data-testid="rule-preview">
      <span className="field-label">Preview</span>
      {asked === '' && <p className="muted small">Fill in the rule to see what it would raise now.</p>}
      {preview.loading && <p className="muted small">Checking what the rule would raise now…</p>}
      {!preview.loading && preview.error && (
        <p className="muted small" data-testid="rule-preview-problem">
          No preview until the rule is valid ({preview.error.problems?.map((x) => `${x.field} ${x.message}`).join('; ') ?? preview.error.detail ?? preview.error.title}).
        </p>
      )}
      {!preview.loading && preview.data && (
        <>
          <p className="small" data-testid="rule-preview-summary">
            {previewSummary(preview.data)}
          </p>
          {preview.data.items.length > 0 && (
            <ul className="small plain-list">
              {preview.data.items.slice(0, 10).map((a, i) => (
                <li key={i}>
                  <span className={`badge badge-${a.state === 'FIRING' ? 'bad' : 'warn'}`}>{a.state}</span> {subjectLabel(a.subject)}
                  {a.value !== null ? ` · ${a.value}` : ''} — {a.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
