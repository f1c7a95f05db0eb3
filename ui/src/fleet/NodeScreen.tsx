import { useEffect, useRef, useState } from 'react';
import { toApiError, type Problem } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { ChartEmptyNote, emptyChartNote, formatBytes, formatRate, LineChart, RangePicker, rangeSpan, rangeWindow, useLiveSince } from '../lib/Chart.tsx';
import { vf, type FleetNode, type HostNow, type HostPoint, type LogLine, type Samples } from '../lib/client.ts';
import { formatSelector, parseSelector } from '../lib/selector.ts';
import { navigate } from '../router.ts';
import { SubjectAlertBadge } from '../alerts/AlertBadge.tsx';
import { ConfirmButton, Empty, LoadState, StatusBadge, Time, useAction, useLoad } from '../ui.tsx';
import { FleetProblem, Labels, shortVersion } from './FleetScreen.tsx';
import { useAccess } from '../useAccess.ts';
import { InstallCommand } from './InstallCommand.tsx';
import { AgentCard } from './AgentCard.tsx';

/** One node: status, labels, maintenance, host charts, pipelines, live logs, samples; revoke or delete. */
export function NodeScreen({ nodeId }: { nodeId: string }) {
  const node = useLoad((s) => vf.node(nodeId, s), [nodeId]);
  useEffect(() => {
    const t = setInterval(node.reload, 5_000);
    return () => clearInterval(t);
  }, [node.reload]);
  if (node.error && !node.data) return <FleetProblem problem={node.error} reload={node.reload} />;
  return <LoadState state={node}>{(n) => <NodeView node={n} reload={node.reload} />}</LoadState>;
}

function NodeView({ node: n, reload }: { node: FleetNode; reload: () => void }) {
  const action = useAction();
  const [reEnroll, setReEnroll] = useState<{ token: string; expiresAt: string } | undefined>();
  const access = useAccess({ environmentId: n.environmentId });
  const needsAdmin = access.why('ADMIN');
  const needsEditor = access.why('EDITOR');
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/fleet">Fleet</Link> /
          </p>
          <h1 data-testid="node-hostname">{n.hostname}</h1>
          <SubjectAlertBadge envId={n.environmentId} nodeId={n.id} />
          <p className="page-lead">
            <StatusBadge status={n.status} /> {n.statusReason && n.status !== 'HEALTHY' && <span className="muted">{n.statusReason}</span>} {n.maintenance && <span className="tag">maintenance</span>}
            {n.tokenRevoked && <span className="tag">token revoked</span>}
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={action.busy || !!needsAdmin}
            title={needsAdmin}
            onClick={async () => {
              if (await action.run(() => vf.setMaintenance(n.id, !n.maintenance))) reload();
            }}
            data-testid="maintenance-toggle"
          >
            {n.maintenance ? 'End maintenance' : 'Start maintenance'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={!!needsAdmin}
            title={needsAdmin}
            data-testid="re-enroll"
            onClick={async () => {
              const r = await action.run(() => vf.reEnroll(n.id));
              if (r) setReEnroll(r);
            }}
          >
            Re-enroll…
          </button>
          <ConfirmButton
            label="Revoke token"
            className="button button-ghost-danger"
            title={`Revoke the token of ${n.hostname}?`}
            message={<p>The agent is refused (401) from now on and stops receiving configuration. Re-enroll to let it back.</p>}
            confirmLabel="Revoke"
            disabled={!!needsAdmin}
            tooltip={needsAdmin}
            testId="revoke-node-token"
            onConfirm={async () => {
              await vf.revokeNodeToken(n.id);
              reload();
            }}
          />
          <ConfirmButton
            label="Delete node"
            className="button button-ghost-danger"
            title={`Delete ${n.hostname}?`}
            message={<p>The node and its history are removed. A running agent must enroll again.</p>}
            onConfirm={async () => {
              await vf.deleteNode(n.id);
              navigate('/fleet');
            }}
            testId="delete-node"
            disabled={!!needsAdmin}
            tooltip={needsAdmin}
          />
        </div>
      </div>
      {action.problem && <ProblemMessage problem={action.problem} />}
      {reEnroll && (
        <div className="once" role="status">
          <p>
            <strong>Run on {n.hostname}</strong> before <Time iso={reEnroll.expiresAt} /> (shown once):
          </p>
          <InstallCommand token={reEnroll.token} />
        </div>
      )}
      <div className="grid grid-2">
        <section className="card">
          <h2>Host</h2>
          <dl className="facts">
            <div>
              <dt>OS</dt>
              <dd>{n.os}</dd>
            </div>
            <div>
              <dt>Agent</dt>
              <dd>{n.agentVersion}</dd>
            </div>
            <div>
              <dt>Vector</dt>
              <dd title={n.vectorVersion}>{shortVersion(n.vectorVersion)}</dd>
            </div>
            <div>
              <dt>Mode</dt>
              <dd>{n.deploymentMode}</dd>
            </div>
            <div>
              <dt>Enrolled</dt>
              <dd>
                <Time iso={n.enrolledAt} />
              </dd>
            </div>
            <div>
              <dt>Last seen</dt>
              <dd>
                <Time iso={n.lastHeartbeatAt} ago />
              </dd>
            </div>
          </dl>
          {n.host && <HostNowFacts host={n.host} />}
          {n.transitions && n.transitions.length > 0 && (
            <>
              <h3 className="subhead">Status changes</h3>
              <ul className="plain-list small">
                {n.transitions.slice(0, 8).map((t, i) => (
                  <li key={i}>
                    <Time iso={t.at} />: {t.from} → <strong>{t.to}</strong> <span className="muted">{t.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <LabelsCard node={n} onSaved={reload} needsAdmin={needsAdmin} />
      </div>
      <AgentCard node={n} needsAdmin={needsAdmin} />
      <HostCharts nodeId={n.id} live={!!n.host} />
      <section className="card">
        <h2>Pipelines</h2>
        {n.pipelines.length === 0 ? (
          <Empty title="No pipeline runs here" />
        ) : (
          <table className="table" data-testid="node-pipelines">
            <thead>
              <tr>
                <th>Pipeline</th>
                <th>Version</th>
                <th>Status</th>
                <th>Uptime</th>
                <th>Events in / out</th>
                <th>Error</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {n.pipelines.map((p) => (
                <tr key={p.pipelineId}>
                  <td className="cell-name">
                    <Link to={`/pipelines/${p.pipelineId}`}>{p.pipelineName}</Link>
                  </td>
                  <td>
                    v{p.version} <code className="muted small">{p.checksum?.slice(0, 8)}</code>
                  </td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>{p.uptimeSeconds === null || p.uptimeSeconds === undefined ? '—' : p.uptimeSeconds < 90 ? `${p.uptimeSeconds} s` : `${Math.round(p.uptimeSeconds / 60)} min`}</td>
                  <td className="small">
                    <span data-testid="pipeline-events-in">{count(p.eventsIn)}</span> / {count(p.eventsOut)}
                    {p.eventsInPerSec !== null && p.eventsInPerSec !== undefined && (
                      <div className="muted">
                        {formatRate(p.eventsInPerSec)} → {formatRate(p.eventsOutPerSec ?? 0)} ev/s
                      </div>
                    )}
                  </td>
                  <td className="field-error small">{p.error}</td>
                  <td className="cell-actions">
                    <ConfirmButton
                      label="Restart"
                      className="button button-small button-secondary"
                      title={`Restart ${p.pipelineName} on ${n.hostname}?`}
                      message={<p>Vector restarts this pipeline; events in flight may be delayed.</p>}
                      confirmLabel="Restart"
                      onConfirm={() => vf.restartPipeline(n.id, p.pipelineId)}
                      disabled={!!needsEditor}
                      tooltip={needsEditor}
                      testId="restart-pipeline"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="grid grid-2">
        <LiveLogs node={n} />
        <SamplesCard node={n} needsEditor={needsEditor} />
      </div>
    </>
  );
}

function LabelsCard({ node, onSaved, needsAdmin }: { node: FleetNode; onSaved: () => void; needsAdmin?: string }) {
  const [text, setText] = useState(formatSelector(node.userLabels).replace(/,/g, '\n'));
  const parsed = parseSelector(text);
  const action = useAction();
  return (
    <section className="card">
      <h2>Labels</h2>
      <p className="small">
        Effective: <Labels labels={node.labels} />
      </p>
      <p className="small muted">
        From the agent: <Labels labels={node.agentLabels} />
      </p>
      <div className={parsed.errors.length ? 'field field-invalid' : 'field'}>
        <label htmlFor="user-labels">Set here (one key=value per line; they win over the agent's)</label>
        <textarea id="user-labels" className="input textarea textarea-small" value={text} onChange={(e) => setText(e.target.value)} disabled={!!needsAdmin} title={needsAdmin} data-testid="user-labels" />
        {parsed.errors.map((m) => (
          <p className="field-error" key={m}>
            {m}
          </p>
        ))}
      </div>
      {action.problem && <ProblemMessage problem={action.problem} />}
      <button
        type="button"
        className="button"
        disabled={action.busy || parsed.errors.length > 0 || !!needsAdmin}
        title={needsAdmin}
        onClick={async () => {
          if (await action.run(() => vf.setNodeLabels(node.id, parsed.labels))) onSaved();
        }}
        data-testid="save-labels"
      >
        Save labels
      </button>
    </section>
  );
}

const percent = (v: number) => `${v.toFixed(0)}%`;
const count = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US'));

/** The latest values the agent reported, before they make a chart point (rolled up per minute). */
function HostNowFacts({ host }: { host: HostNow }) {
  const share = (used: number | null, total: number | null) =>
    used === null || total === null || total === 0 ? '—' : `${percent((100 * used) / total)} of ${formatBytes(total)}`;
  return (
    <dl className="facts facts-more" data-testid="host-now">
      <div>
        <dt>CPU now</dt>
        <dd>{host.cpuPercent === null ? '—' : percent(host.cpuPercent)}</dd>
      </div>
      <div>
        <dt>Memory</dt>
        <dd>{share(host.memoryUsedBytes, host.memoryTotalBytes)}</dd>
      </div>
      <div>
        <dt>Disk</dt>
        <dd>{share(host.fsUsedBytes, host.fsTotalBytes)}</dd>
      </div>
      <div>
        <dt>Load</dt>
        <dd>{host.loadAvg1 === null ? '—' : host.loadAvg1.toFixed(2)}</dd>
      </div>
    </dl>
  );
}

function HostCharts({ nodeId, live }: { nodeId: string; live: boolean }) {
  const [range, setRange] = useState('1h');
  const metrics = useLoad((s) => {
    const w = rangeWindow(range);
    return vf.nodeMetrics(nodeId, w.from, w.to, w.step, s);
  }, [nodeId, range]);
  useEffect(() => {
    const t = setInterval(metrics.reload, 30_000);
    return () => clearInterval(t);
  }, [metrics.reload]);
  const series = (points: HostPoint[], label: string, color: string, f: (p: HostPoint) => number | null) => ({
    label,
    color,
    points: points.map((p) => ({ t: Date.parse(p.t), v: f(p) })),
  });
  const span = rangeSpan(range);
  const liveSince = useLiveSince(live, metrics.reload);
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (100 * a) / b);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Host metrics</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <LoadState state={metrics}>
        {(m) => (
          <ChartEmptyNote.Provider value={emptyChartNote(liveSince)}>
          <div className="chart-grid">
            <LineChart span={span} title="CPU" format={percent} series={[series(m.points, 'cpu', '#2563eb', (p) => p.cpuPercent)]} testId="chart-cpu" />
            <LineChart span={span} title="Memory used" format={percent} series={[series(m.points, 'memory', '#7c3aed', (p) => ratio(p.memoryUsedBytes, p.memoryTotalBytes))]} testId="chart-memory" />
            <LineChart span={span} title="Disk used" format={percent} series={[series(m.points, 'filesystem', '#d97706', (p) => ratio(p.fsUsedBytes, p.fsTotalBytes))]} />
            <LineChart span={span}
              title="Disk I/O"
              format={(v) => `${formatBytes(v)}/s`}
              series={[series(m.points, 'read', '#0891b2', (p) => p.diskReadBytesPerSec), series(m.points, 'written', '#dc2626', (p) => p.diskWrittenBytesPerSec)]}
            />
            <LineChart span={span}
              title="Network"
              format={(v) => `${formatBytes(v)}/s`}
              series={[series(m.points, 'received', '#16a34a', (p) => p.netRxBytesPerSec), series(m.points, 'sent', '#2563eb', (p) => p.netTxBytesPerSec)]}
            />
            <LineChart span={span} title="Load (1 min)" format={formatRate} series={[series(m.points, 'load', '#374151', (p) => p.loadAvg1)]} />
          </div>
          </ChartEmptyNote.Provider>
        )}
      </LoadState>
    </section>
  );
}

const MAX_LINES = 1000;

function LiveLogs({ node }: { node: FleetNode }) {
  const [pipelineId, setPipelineId] = useState('');
  const [lines, setLines] = useState<LogLine[]>([]);
  const [paused, setPaused] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const after = useRef<number | undefined>(undefined);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    setLines([]);
    after.current = undefined;
  }, [pipelineId]);
  useEffect(() => {
    if (paused) return;
    let stop = false;
    const poll = async () => {
      try {
        const next = await vf.nodeLogs(node.id, { pipelineId: pipelineId || undefined, after: after.current, limit: 200 });
        if (stop) return;
        setProblem(undefined);
        if (next.length > 0) {
          after.current = next[next.length - 1]?.seq;
          setLines((l) => [...l, ...next].slice(-MAX_LINES));
          setTimeout(() => box.current?.scrollTo({ top: box.current.scrollHeight }), 0);
        }
      } catch (e) {
        if (!stop) setProblem(toApiError(e).problem);
      }
    };
    void poll();
    const t = setInterval(poll, 2000);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [node.id, pipelineId, paused]);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Live logs</h2>
        <div className="actions">
          <select className="input input-inline" value={pipelineId} onChange={(e) => setPipelineId(e.target.value)} aria-label="Pipeline">
            <option value="">all pipelines</option>
            {node.pipelines.map((p) => (
              <option key={p.pipelineId} value={p.pipelineId}>
                {p.pipelineName}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small button-secondary" onClick={() => setPaused(!paused)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      </div>
      {problem && <ProblemMessage problem={problem} />}
      <pre className="logs" ref={box} data-testid="node-logs" tabIndex={0}>
        {lines.length === 0 ? <span className="muted">Waiting for log lines…</span> : lines.map((l) => `${l.at.slice(11, 19)} ${l.line}\n`).join('')}
      </pre>
    </section>
  );
}

function SamplesCard({ node, needsEditor }: { node: FleetNode; needsEditor?: string }) {
  const [pipelineId, setPipelineId] = useState(node.pipelines[0]?.pipelineId ?? '');
  const [keys, setKeys] = useState('');
  const [samples, setSamples] = useState<Samples | undefined>();
  const action = useAction();
  const pipeline = useLoad(pipelineId ? (s) => vf.pipeline(pipelineId, s) : undefined, [pipelineId]);
  const componentKeys = pipeline.data?.graph?.components.map((c) => c.key) ?? [];
  return (
    <section className="card">
      <h2>Event samples</h2>
      {node.pipelines.length === 0 ? (
        <p className="muted">No pipeline runs on this node.</p>
      ) : (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            setSamples(undefined);
            await action.run(async () => {
              const chosen = keys ? [keys] : componentKeys;
              const { requestId } = await vf.requestSamples(node.id, pipelineId, chosen, 5);
              for (let i = 0; i < 30; i++) {
                const s = await vf.samples(node.id, requestId);
                setSamples(s);
                if (s.state === 'DONE') return;
                await new Promise((r) => setTimeout(r, 1000));
              }
            });
          }}
        >
          <select className="input input-inline" value={pipelineId} onChange={(e) => setPipelineId(e.target.value)} aria-label="Pipeline">
            {node.pipelines.map((p) => (
              <option key={p.pipelineId} value={p.pipelineId}>
                {p.pipelineName}
              </option>
            ))}
          </select>
          <select className="input input-inline" value={keys} onChange={(e) => setKeys(e.target.value)} aria-label="Component" data-testid="sample-component">
            <option value="">every component</option>
            {componentKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
          <button type="submit" className="button button-small" disabled={action.busy || !!needsEditor} title={needsEditor} data-testid="sample-take">
            {action.busy ? 'Sampling…' : 'Take samples'}
          </button>
        </form>
      )}
      {action.problem && <ProblemMessage problem={action.problem} />}
      {samples?.results.map((r) => (
        <div key={r.componentKey} className="sample" data-testid="sample-result">
          <h3 className="subhead">{r.componentKey}</h3>
          {r.error && <p className="field-error">{r.error}</p>}
          {r.schema.length > 0 && (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Type</th>
                  <th>Example</th>
                </tr>
              </thead>
              <tbody>
                {r.schema.map((f) => (
                  <tr key={f.path}>
                    <td>
                      <code>{f.path}</code>
                    </td>
                    <td>{f.type}</td>
                    <td className="small mono">{f.sample ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.events.length > 0 && <pre className="changes">{r.events.map((ev) => JSON.stringify(ev)).join('\n')}</pre>}
        </div>
      ))}
      {samples?.state === 'PENDING' && <p className="muted">Waiting for the agent…</p>}
    </section>
  );
}
