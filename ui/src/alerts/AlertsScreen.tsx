import { useEffect, useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf } from '../lib/client.ts';
import { navigate } from '../router.ts';
import { NoEnvironment } from '../screens/NoEnvironment.tsx';
import { ConfirmButton, Empty, fieldError, LoadState, Modal, restOf, Tabs, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useAccess } from '../useAccess.ts';
import { useWorkspace } from '../workspace.tsx';
import {
  alertLink,
  alertsApi,
  filterAlerts,
  localInHours,
  silenceScope,
  STATE_FILTERS,
  SEVERITIES,
  subjectLabel,
  untilInstant,
  type Alert,
  type PageFilter,
  type StateFilter,
} from './alertsApi.ts';
import { AlertStateBadge, SeverityBadge } from './AlertBadge.tsx';
import { ChannelsPanel } from './ChannelsPanel.tsx';
import { RulesPanel } from './RulesPanel.tsx';

export type AlertsTab = 'alerts' | 'rules' | 'silences' | 'channels';
const TABS: { id: AlertsTab; label: string }[] = [
  { id: 'alerts', label: 'Alerts' },
  { id: 'rules', label: 'Rules' },
  { id: 'silences', label: 'Silences' },
  { id: 'channels', label: 'Channels' },
];
const REFRESH_MS = 10_000;

/** Alerts of the current environment: the list, the rules, the silences and the notification channels. */
export function AlertsScreen({ tab }: { tab: AlertsTab }) {
  const { environment, environments, selectEnvironment } = useWorkspace();
  // a notification's link names the environment and the alert: switch to that environment, then open the alert
  const [link] = useState(() => alertLink(window.location.search));
  useEffect(() => {
    if (link.environment && environment?.id !== link.environment && environments.some((e) => e.id === link.environment)) selectEnvironment(link.environment);
  }, [link.environment, environment?.id, environments, selectEnvironment]);
  if (!environment) return <NoEnvironment what="alerts" />;
  const envId = environment.id;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Alerts</h1>
          <p className="page-lead">
            Rules watch <strong>{environment.name}</strong> every 10 seconds; what fires is listed here and sent to the rule's channels.
          </p>
        </div>
      </div>
      <Tabs value={tab} onChange={(t) => navigate(t === 'alerts' ? '/alerts' : `/alerts/${t}`)} tabs={TABS} />
      {tab === 'alerts' && <AlertList key={envId} envId={envId} open={link.environment === envId ? link.alert : undefined} />}
      {tab === 'rules' && <RulesPanel key={envId} envId={envId} />}
      {tab === 'silences' && <SilenceList key={envId} envId={envId} />}
      {tab === 'channels' && <ChannelsPanel key={envId} envId={envId} />}
    </>
  );
}

function formatValue(v: number | null): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function AlertList({ envId, open }: { envId: string; open?: string }) {
  const [state, setState] = useState<StateFilter>('firing');
  const [filter, setFilter] = useState<PageFilter>({ severity: '', text: '' });
  const list = useLoad((s) => alertsApi.alerts(envId, { state, limit: 200 }, s), [envId, state]);
  const needsEditor = useAccess({ environmentId: envId }).why('EDITOR');
  const [silencing, setSilencing] = useState<Alert | undefined>();
  const [details, setDetails] = useState<Alert | undefined>();
  const ack = useAction();
  const { reload } = list;
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    alertsApi.alert(envId, open, controller.signal).then(setDetails, () => undefined);
    return () => controller.abort();
  }, [envId, open]);
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  return (
    <section className="card">
      <div className="filters">
        <div className="field">
          <label htmlFor="alert-state">State</label>
          <select id="alert-state" className="input" value={state} onChange={(e) => setState(e.target.value as StateFilter)} data-testid="alert-state-filter">
            {STATE_FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alert-severity">Severity</label>
          <select id="alert-severity" className="input" value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value as PageFilter['severity'] })} data-testid="alert-severity-filter">
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alert-search">Search</label>
          <input id="alert-search" className="input" type="search" placeholder="rule, node, pipeline, message" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} data-testid="alert-search" />
        </div>
        <button type="button" className="button button-secondary" onClick={reload} data-testid="alerts-refresh">
          Refresh
        </button>
      </div>
      {ack.problem && <ProblemMessage problem={ack.problem} />}
      <LoadState state={list} label="Loading alerts…">
        {(items) => {
          const shown = filterAlerts(items, filter);
          if (shown.length === 0)
            return (
              <Empty title={items.length === 0 ? `No ${state ? STATE_FILTERS.find((f) => f.id === state)?.label.toLowerCase() : ''} alerts` : 'No alert matches these filters'} testId="alerts-empty">
                <p className="muted">Rules are evaluated every 10 seconds; the list follows by itself.</p>
              </Empty>
            );
          return (
            <div className="table-wrap">
              <table className="table" data-testid="alert-list">
                <thead>
                  <tr>
                    <th>State</th>
                    <th>Severity</th>
                    <th>Rule</th>
                    <th>Subject</th>
                    <th>Value</th>
                    <th>Since</th>
                    <th aria-label="Actions" />
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr key={a.id} data-testid="alert-row">
                      <td>
                        <AlertStateBadge alert={a} />
                        {a.acknowledgedBy && <div className="muted small">by {a.acknowledgedBy.replace(/^user:/, '')}</div>}
                      </td>
                      <td>
                        <SeverityBadge severity={a.severity} />
                      </td>
                      <td className="cell-name">
                        {a.ruleName}
                        <div className="muted small">{a.message}</div>
                      </td>
                      <td>{subjectLabel(a.subject)}</td>
                      <td className="mono">{formatValue(a.value)}</td>
                      <td>
                        <Time iso={a.firedAt ?? a.since} ago />
                        {a.resolvedAt && (
                          <div className="muted small">
                            resolved <Time iso={a.resolvedAt} ago />
                          </div>
                        )}
                      </td>
                      <td className="cell-actions">
                        <button type="button" className="button button-small button-secondary" onClick={() => setDetails(a)} data-testid="alert-details">
                          History
                        </button>
                        {a.state === 'FIRING' && !a.acknowledgedAt && (
                          <button
                            type="button"
                            className="button button-small"
                            disabled={!!needsEditor || ack.busy}
                            title={needsEditor}
                            data-testid="alert-acknowledge"
                            onClick={async () => {
                              if (await ack.run(() => alertsApi.acknowledge(envId, a.id))) reload();
                            }}
                          >
                            Acknowledge
                          </button>
                        )}
                        {a.state !== 'RESOLVED' && (
                          <button type="button" className="button button-small button-secondary" disabled={!!needsEditor} title={needsEditor} onClick={() => setSilencing(a)} data-testid="alert-silence">
                            Silence…
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </LoadState>
      {silencing && (
        <SilenceAlertDialog
          envId={envId}
          alert={silencing}
          onClose={() => setSilencing(undefined)}
          onSaved={() => {
            setSilencing(undefined);
            reload();
          }}
        />
      )}
      {details && <AlertHistoryDialog envId={envId} alert={details} onClose={() => setDetails(undefined)} />}
    </section>
  );
}

function AlertHistoryDialog({ envId, alert, onClose }: { envId: string; alert: Alert; onClose: () => void }) {
  const detail = useLoad((s) => alertsApi.alert(envId, alert.id, s), [envId, alert.id]);
  return (
    <Modal title={`${alert.ruleName}: ${subjectLabel(alert.subject)}`} onClose={onClose} wide testId="alert-history">
      <p>{alert.message}</p>
      <LoadState state={detail}>
        {(d) => (
          <table className="table">
            <thead>
              <tr>
                <th>At</th>
                <th>Change</th>
                <th>Value</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {(d.transitions ?? []).map((t, i) => (
                <tr key={i}>
                  <td>
                    <Time iso={t.at} />
                  </td>
                  <td>
                    {t.from ?? 'new'} → {t.to}
                  </td>
                  <td className="mono">{formatValue(t.value)}</td>
                  <td>{t.by ? t.by.replace(/^user:/, '') : <span className="muted">evaluation</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
    </Modal>
  );
}

function SilenceAlertDialog({ envId, alert, onClose, onSaved }: { envId: string; alert: Alert; onClose: () => void; onSaved: () => void }) {
  const [until, setUntil] = useState(localInHours(2));
  const [reason, setReason] = useState('');
  const action = useAction();
  return (
    <Modal title={`Silence ${alert.ruleName}`} onClose={onClose} testId="silence-alert-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await action.run(() => alertsApi.silenceAlert(envId, alert.id, untilInstant(until), reason.trim()))) onSaved();
        }}
      >
        <p className="muted">
          {alert.subject.nodeId
            ? `Silences this rule on ${alert.subject.nodeName ?? 'this node'}`
            : 'Silences this rule everywhere (the alert is about no node)'}
          : its alerts are still evaluated and listed, but no notification goes out until then.
        </p>
        <TextField label="Until" type="datetime-local" value={until} onChange={setUntil} required error={fieldError(action.problem, 'until')} testId="silence-until" hint="At most 90 days ahead." />
        <TextField label="Reason" value={reason} onChange={setReason} error={fieldError(action.problem, 'reason')} testId="silence-reason" />
        {restOf(action.problem, ['until', 'reason']) && <ProblemMessage problem={restOf(action.problem, ['until', 'reason'])!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="silence-save">
            Silence
          </button>
        </div>
      </form>
    </Modal>
  );
}

function SilenceList({ envId }: { envId: string }) {
  const list = useLoad((s) => alertsApi.silences(envId, s), [envId]);
  const rules = useLoad((s) => alertsApi.rules(envId, s), [envId]);
  const nodes = useLoad((s) => vf.nodes(envId, { limit: 500 }, s), [envId]);
  const pipelines = useLoad((s) => vf.pipelines(envId, s), [envId]);
  const needsEditor = useAccess({ environmentId: envId }).why('EDITOR');
  const [creating, setCreating] = useState(false);
  const ruleName = (id: string) => rules.data?.find((r) => r.id === id)?.name;
  const nodeName = (id: string) => nodes.data?.nodes.find((n) => n.id === id)?.hostname;
  const pipelineName = (id: string) => pipelines.data?.find((p) => p.id === id)?.name;
  return (
    <section className="card">
      <div className="card-head">
        <h2>Silences</h2>
        <button type="button" className="button" onClick={() => setCreating(true)} disabled={!!needsEditor} title={needsEditor} data-testid="new-silence">
          New silence
        </button>
      </div>
      <LoadState state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="No silence in force" testId="silences-empty">
              <p className="muted">A silence keeps alerts quiet (still listed, not notified) until its end: by rule, by node, by pipeline, by node labels.</p>
            </Empty>
          ) : (
            <table className="table" data-testid="silence-list">
              <thead>
                <tr>
                  <th>Silences</th>
                  <th>Until</th>
                  <th>Reason</th>
                  <th>By</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} data-testid="silence-row">
                    <td>{silenceScope(s, ruleName, nodeName, pipelineName)}</td>
                    <td>
                      <Time iso={s.until} />
                    </td>
                    <td className="muted">{s.reason}</td>
                    <td>
                      {s.createdBy.replace(/^user:/, '')} <span className="muted small"><Time iso={s.createdAt} ago /></span>
                    </td>
                    <td className="cell-actions">
                      <ConfirmButton
                        label="End now"
                        className="button button-small button-ghost-danger"
                        title="End this silence now?"
                        message={<p>Notifications for the alerts it matches go out again from the next evaluation.</p>}
                        confirmLabel="End silence"
                        disabled={!!needsEditor}
                        tooltip={needsEditor}
                        testId="delete-silence"
                        onConfirm={async () => {
                          await alertsApi.deleteSilence(envId, s.id);
                          list.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {creating && (
        <SilenceDialog
          envId={envId}
          rules={(rules.data ?? []).map((r) => ({ id: r.id, name: r.name }))}
          nodes={(nodes.data?.nodes ?? []).map((n) => ({ id: n.id, name: n.hostname }))}
          pipelines={(pipelines.data ?? []).map((p) => ({ id: p.id, name: p.name }))}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

type Choice = { id: string; name: string };

function SilenceDialog({
  envId,
  rules,
  nodes,
  pipelines,
  onClose,
  onSaved,
}: {
  envId: string;
  rules: Choice[];
  nodes: Choice[];
  pipelines: Choice[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [f, setF] = useState({ ruleId: '', nodeId: '', pipelineId: '', selector: '', until: localInHours(2), reason: '' });
  const action = useAction();
  const shown = ['ruleId', 'nodeId', 'pipelineId', 'selector', 'until', 'reason'];
  const select = (key: 'ruleId' | 'nodeId' | 'pipelineId', label: string, choices: Choice[], testId: string) => (
    <div className={fieldError(action.problem, key) ? 'field field-invalid' : 'field'}>
      <label htmlFor={`silence-${key}`}>{label}</label>
      <select id={`silence-${key}`} className="input" value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} data-testid={testId}>
        <option value="">any</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {fieldError(action.problem, key) && <p className="field-error">{fieldError(action.problem, key)}</p>}
    </div>
  );
  return (
    <Modal title="New silence" onClose={onClose} testId="silence-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const body = { ruleId: f.ruleId || null, nodeId: f.nodeId || null, pipelineId: f.pipelineId || null, selector: f.selector.trim() || null, until: untilInstant(f.until), reason: f.reason.trim() };
          if (await action.run(() => alertsApi.createSilence(envId, body))) onSaved();
        }}
      >
        <p className="muted">Every matcher given must match an alert; none at all silences the whole environment.</p>
        {select('ruleId', 'Rule', rules, 'silence-rule')}
        {select('nodeId', 'Node', nodes, 'silence-node')}
        {select('pipelineId', 'Pipeline', pipelines, 'silence-pipeline')}
        <TextField label="Node labels" value={f.selector} onChange={(v) => setF({ ...f, selector: v })} placeholder="role=web,region=eu" error={fieldError(action.problem, 'selector')} />
        <TextField label="Until" type="datetime-local" value={f.until} onChange={(v) => setF({ ...f, until: v })} required error={fieldError(action.problem, 'until')} testId="silence-until" />
        <TextField label="Reason" value={f.reason} onChange={(v) => setF({ ...f, reason: v })} error={fieldError(action.problem, 'reason')} />
        {restOf(action.problem, shown) && <ProblemMessage problem={restOf(action.problem, shown)!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="silence-save">
            Create silence
          </button>
        </div>
      </form>
    </Modal>
  );
}

