import { useEffect, useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { Link } from '../components/Link.tsx';
import { ChartEmptyNote, emptyChartNote, LineChart, RangePicker, formatBytes, formatRate, rangeSpan, rangeWindow, useLiveSince } from '../lib/Chart.tsx';
import { vf, type Deployment, type DeploymentStatus, type Pipeline } from '../lib/client.ts';
import { isApprovalRequest, type ApprovalRequest } from '../lib/promotion.ts';
import { formatSelector, parseSelector } from '../lib/selector.ts';
import { neededEnvironment } from '../format.ts';
import { ConfirmButton, Empty, LoadState, Modal, StatusBadge, useAction, useLoad, type Loaded } from '../ui.tsx';
import { YamlDiff } from './Versions.tsx';
import { CodeEditor } from './CodeEditor.tsx';
import { buildPlan, defaultPlanForm, type PlanForm } from '../lib/rolloutPlan.ts';
import { LatestRollout, StagedPlanEditor } from './Rollout.tsx';

function uptime(s: number | null): string {
  if (s === null || s === undefined) return '—';
  if (s < 90) return `${s}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

/** Deploy a published version to the nodes a selector matches, after seeing what changes. */
export function DeployDialog({ pipeline, current, onClose, onDeployed }: { pipeline: Pipeline; current: DeploymentStatus['current']; onClose: () => void; onDeployed: (d: Deployment) => void }) {
  const versions = useLoad((s) => vf.versions(pipeline.id, s), [pipeline.id]);
  const [version, setVersion] = useState<number | undefined>();
  const [selectorText, setSelectorText] = useState(formatSelector(current?.selector));
  const selector = parseSelector(selectorText);
  const [match, setMatch] = useState<{ count: number; nodes: { id: string; hostname: string }[] } | { error: string } | undefined>();
  const action = useAction();
  const [held, setHeld] = useState<ApprovalRequest | undefined>();
  const [staged, setStaged] = useState(false);
  const rollouts = useLoad((s) => vf.rollouts(pipeline.id, s), [pipeline.id]);
  const running = rollouts.data?.rollouts.find((r) => r.state === 'ROLLING' || r.state === 'SOAKING' || r.state === 'PAUSED');
  const [planForm, setPlanForm] = useState<PlanForm>(defaultPlanForm);
  const plan = staged ? buildPlan(planForm) : { errors: [] as string[] };
  const latest = versions.data?.reduce((m, v) => Math.max(m, v.number), 0);
  const chosen = version ?? latest;

  useEffect(() => {
    if (selector.errors.length > 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      vf.matchNodes(pipeline.environmentId, formatSelector(selector.labels), controller.signal).then(
        (m) => setMatch(m),
        (e: unknown) => !controller.signal.aborted && setMatch({ error: e instanceof Error ? e.message : String(e) }),
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectorText, pipeline.environmentId]);

  const comparison = useLoad(
    chosen
      ? async () => {
          if (current && current.version !== chosen) return { kind: 'diff' as const, text: (await vf.diff(pipeline.id, current.version, chosen)).yamlDiff };
          return { kind: 'yaml' as const, text: (await vf.version(pipeline.id, chosen)).configYaml ?? '' };
        }
      : undefined,
    [chosen, current?.version],
  );

  return (
    <Modal title={`Deploy ${pipeline.name}`} onClose={onClose} wide testId="deploy-dialog">
      {held ? (
        <div data-testid="deploy-held">
          <p>
            <strong>Sent for approval.</strong> This environment requires approval: v{held.version} is deployed when another admin of the team approves
            the request (it expires {new Date(held.expiresAt).toLocaleDateString()}).
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : (
      <LoadState state={versions}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="Nothing to deploy yet">
              <p className="muted">Publish the draft first; a deployment always runs a published version.</p>
            </Empty>
          ) : (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                if (selector.errors.length > 0 || plan.errors.length > 0) return;
                const d = await action.run(() => vf.deploy(pipeline.id, { version: chosen, selector: selector.labels, ...(staged && 'plan' in plan && plan.plan ? { rollout: plan.plan } : {}) }));
                // 202: the environment requires approval; nothing is deployed until another admin approves
                if (d && isApprovalRequest(d)) setHeld(d);
                else if (d) onDeployed(d);
              }}
            >
              <div className="deploy-grid">
                <div>
                  <div className="field">
                    <label htmlFor="deploy-version">Version</label>
                    <select id="deploy-version" className="input" value={chosen} onChange={(e) => setVersion(Number(e.target.value))} data-testid="deploy-version">
                      {[...items]
                        .sort((a, b) => b.number - a.number)
                        .map((v) => (
                          <option key={v.number} value={v.number}>
                            v{v.number}
                            {v.message ? ` — ${v.message.slice(0, 60)}` : ''}
                          </option>
                        ))}
                    </select>
                    <p className="field-hint">{current ? `Deployed now: v${current.version} (${formatSelector(current.selector) || 'all nodes'})` : 'Not deployed yet.'}</p>
                  </div>
                  <div className={selector.errors.length ? 'field field-invalid' : 'field'}>
                    <label htmlFor="deploy-selector">Node selector</label>
                    <input
                      id="deploy-selector"
                      className="input"
                      value={selectorText}
                      onChange={(e) => setSelectorText(e.target.value)}
                      placeholder="region=eu, role=edge (empty: every node of the environment)"
                      data-testid="deploy-selector"
                    />
                    {selector.errors.map((m) => (
                      <p key={m} className="field-error">
                        {m}
                      </p>
                    ))}
                  </div>
                  <div className="match" data-testid="deploy-match" aria-live="polite">
                    {!match ? (
                      <span className="muted">Counting matching nodes…</span>
                    ) : 'error' in match ? (
                      <span className="field-error">Could not count the matching nodes: {match.error}</span>
                    ) : (
                      <>
                        <strong>
                          {match.count} node{match.count === 1 ? '' : 's'} match
                        </strong>
                        <ul className="match-list">
                          {match.nodes.slice(0, 12).map((n) => (
                            <li key={n.id}>
                              <Link to={`/fleet/nodes/${n.id}`}>{n.hostname}</Link>
                            </li>
                          ))}
                          {match.nodes.length > 12 && <li className="muted">and {match.nodes.length - 12} more</li>}
                        </ul>
                      </>
                    )}
                  </div>
                </div>
                <div>
                  <h3 className="subhead">{current && current.version !== chosen ? `What changes from the deployed v${current.version}` : `Configuration of v${chosen}`}</h3>
                  <LoadState state={comparison}>
                    {(c) => (c.kind === 'diff' ? <YamlDiff text={c.text} /> : <CodeEditor language="yaml" value={c.text} readOnly ariaLabel="configuration" maxHeight={320} />)}
                  </LoadState>
                </div>
              </div>
              <div className="field" role="radiogroup" aria-label="How the nodes get it">
                <label className="small">
                  <input type="radio" name="deploy-mode" checked={!staged} onChange={() => setStaged(false)} data-testid="deploy-all-at-once" /> All at once
                </label>{' '}
                <label className="small">
                  <input type="radio" name="deploy-mode" checked={staged} onChange={() => setStaged(true)} data-testid="deploy-staged" /> Staged, in waves with health gates
                </label>
              </div>
              {running && (
                <p className="field-hint" data-testid="deploy-supersedes">
                  A staged rollout of v{running.targetVersion} is {running.state.toLowerCase()}: this deploy supersedes it.
                </p>
              )}
              {staged && <StagedPlanEditor form={planForm} onChange={setPlanForm} errors={plan.errors} />}
              {action.problem && <ProblemMessage problem={action.problem} testId="deploy-error" />}
              <div className="form-actions">
                <button type="button" className="button button-secondary" onClick={onClose}>
                  Cancel
                </button>
                <button type="submit" className="button" disabled={action.busy || selector.errors.length > 0 || plan.errors.length > 0} data-testid="deploy-confirm">
                  {action.busy ? 'Deploying…' : `${staged ? 'Start staged rollout of' : 'Deploy'} v${chosen}${match && 'count' in match ? ` to ${match.count} node${match.count === 1 ? '' : 's'}` : ''}`}
                </button>
              </div>
            </form>
          )
        }
      </LoadState>
      )}
    </Modal>
  );
}

/** Where the pipeline runs: per-node status, and its metrics. */
export function DeploymentPanel({ pipelineId, state, onDeploy, needsEditor }: { pipelineId: string; state: Loaded<DeploymentStatus>; onDeploy: () => void; /** Set when the user may not deploy: why. */ needsEditor?: string }) {
  useEffect(() => {
    const t = setInterval(state.reload, 10_000);
    return () => clearInterval(t);
  }, [state.reload]);
  if (state.error && !state.data) {
    return (
      <div>
        <ProblemMessage problem={state.error} />
      </div>
    );
  }
  return (
    <LoadState state={state}>
      {(d) => (
        <div data-testid="deployment-panel">
          {d.current ? (
            <>
              <p>
                <strong>v{d.current.version}</strong> deployed to <code>{formatSelector(d.current.selector) || 'every node'}</code>
                <br />
                <span className="muted small">
                  by {d.current.deployedBy.replace(/^user:/, '')}, {new Date(d.current.deployedAt).toLocaleString()}
                </span>
              </p>
              {neededEnvironment(d.current.environmentVariables) && (
                <p className="small" data-testid="deployment-env-vars">
                  {neededEnvironment(d.current.environmentVariables)}
                </p>
              )}
              <div className="actions">
                <button type="button" className="button button-small" onClick={onDeploy} disabled={!!needsEditor} title={needsEditor} data-testid="deploy-another">
                  Deploy another version…
                </button>
                <ConfirmButton
                  label="Undeploy"
                  className="button button-small button-ghost-danger"
                  title="Undeploy this pipeline?"
                  message={<p>Every node stops running it.</p>}
                  confirmLabel="Undeploy"
                  disabled={!!needsEditor}
                  tooltip={needsEditor}
                  testId="undeploy"
                  onConfirm={async () => {
                    await vf.undeploy(pipelineId);
                    state.reload();
                  }}
                />
              </div>
            </>
          ) : (
            <Empty title="Not deployed">
              <button type="button" className="button button-small" onClick={onDeploy} disabled={!!needsEditor} title={needsEditor}>
                Deploy…
              </button>
            </Empty>
          )}
          <LatestRollout pipelineId={pipelineId} canEdit={!needsEditor} refreshKey={d.current?.deployedAt} onChanged={state.reload} />
          {d.nodes.length > 0 && (
            // Three columns that wrap inside the side panel: nothing is cut off or needs scrolling.
            <div className="deployment-nodes-wrap" data-testid="deployment-nodes-wrap">
              <table className="table table-compact deployment-nodes" data-testid="deployment-nodes">
                <colgroup>
                  <col className="col-node" />
                  <col className="col-status" />
                  <col className="col-rate" />
                </colgroup>
                <thead>
                  <tr>
                    <th>Node</th>
                    <th>Status</th>
                    <th>Events/s</th>
                  </tr>
                </thead>
                <tbody>
                  {d.nodes.map((n) => (
                    <tr key={n.nodeId} data-testid="deployment-node" data-status={n.status} data-version={n.reportedVersion ?? ''} data-in-sync={n.inSync}>
                      <td>
                        <Link to={`/fleet/nodes/${n.nodeId}`}>{n.hostname}</Link>
                        <div className="muted small">up {uptime(n.uptimeSeconds)}</div>
                      </td>
                      <td>
                        <StatusBadge status={n.status} />
                        <div className="small">
                          {n.reportedVersion ? `v${n.reportedVersion}` : '—'}
                          {!n.inSync && <span className="tag">→ v{n.desiredVersion}</span>}
                        </div>
                        {n.error && <div className="field-error small">{n.error}</div>}
                      </td>
                      <td className="small">
                        {n.eventsInPerSec === null || n.eventsInPerSec === undefined ? '—' : `${formatRate(n.eventsInPerSec)} → ${formatRate(n.eventsOutPerSec ?? 0)}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.current && <PipelineMetricsView pipelineId={pipelineId} />}
        </div>
      )}
    </LoadState>
  );
}

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2'] as const;

/** Events, bytes, errors and discarded per second over a chosen range, aggregated and per component. */
export function PipelineMetricsView({ pipelineId }: { pipelineId: string }) {
  const [range, setRange] = useState('1h');
  const [component, setComponent] = useState('');
  const metrics = useLoad((s) => {
    const w = rangeWindow(range);
    return vf.pipelineMetrics(pipelineId, w.from, w.to, w.step, s);
  }, [pipelineId, range]);
  useEffect(() => {
    const t = setInterval(metrics.reload, 30_000);
    return () => clearInterval(t);
  }, [metrics.reload]);
  // The canvas shows live rates before the first per-minute point is stored: say when it comes.
  const liveSince = useLiveSince(Object.keys(metrics.data?.live ?? {}).length > 0, metrics.reload);
  return (
    <section className="metrics" data-testid="pipeline-metrics">
      <div className="actions">
        <h3 className="subhead">Metrics</h3>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <LoadState state={metrics}>
        {(m) => {
          const points = component ? (m.components[component] ?? []) : m.totals;
          const t = (p: { t: string }) => Date.parse(p.t);
          const span = rangeSpan(range);
          return (
            <ChartEmptyNote.Provider value={emptyChartNote(liveSince)}>
              <select className="input input-inline" value={component} onChange={(e) => setComponent(e.target.value)} aria-label="Component">
                <option value="">All components (sum over nodes)</option>
                {Object.keys(m.components).map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <LineChart span={span}
                title="Events/s"
                format={formatRate}
                series={[
                  { label: 'in', color: COLORS[0], points: points.map((p) => ({ t: t(p), v: p.eventsInPerSec })) },
                  { label: 'out', color: COLORS[1], points: points.map((p) => ({ t: t(p), v: p.eventsOutPerSec })) },
                ]}
              />
              <LineChart span={span}
                title="Bytes/s"
                format={formatBytes}
                series={[
                  { label: 'in', color: COLORS[0], points: points.map((p) => ({ t: t(p), v: p.bytesInPerSec })) },
                  { label: 'out', color: COLORS[1], points: points.map((p) => ({ t: t(p), v: p.bytesOutPerSec })) },
                ]}
              />
              <LineChart span={span}
                title="Errors and discarded /s"
                format={formatRate}
                series={[
                  { label: 'errors', color: COLORS[2], points: points.map((p) => ({ t: t(p), v: p.errorsPerSec })) },
                  { label: 'discarded', color: COLORS[3], points: points.map((p) => ({ t: t(p), v: p.discardedPerSec })) },
                ]}
              />
            </ChartEmptyNote.Provider>
          );
        }}
      </LoadState>
    </section>
  );
}
