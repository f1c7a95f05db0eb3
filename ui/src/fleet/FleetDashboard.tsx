import { useEffect, useState } from 'react';
import type { Environment } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { formatRate, LineChart, RangePicker } from '../lib/Chart.tsx';
import { LoadState, Time, useLoad } from '../ui.tsx';
import { Steps } from './FirstSteps.tsx';
import { nextSteps } from './firstSteps.ts';
import { FleetBadge } from './AgentCard.tsx';
import {
  attentionLabel,
  attentionLink,
  fleetApi,
  NODE_STATUSES,
  orderedCounts,
  RUN_STATUSES,
  type AttentionItem,
  type FleetOverview,
} from './fleetApi.ts';
import './fleet.css';

/** How often the dashboard asks again (live rates change with every heartbeat). */
const REFRESH_MS = 10_000;

/** The fleet of one environment at a glance: nodes and pipelines by status, events, agents, what needs attention. */
export function FleetDashboard({ environment }: { environment: Environment }) {
  const [range, setRange] = useState('1h');
  const overview = useLoad((s) => fleetApi.overview(environment.id, range, s), [environment.id, range]);
  useEffect(() => {
    const t = setInterval(overview.reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [overview.reload]);
  return (
    <section className="card" aria-labelledby="fleet-overview-heading" data-testid="fleet-overview">
      <div className="card-head">
        <h2 id="fleet-overview-heading">
          Fleet of <span data-testid="fleet-overview-environment">{environment.name}</span>
        </h2>
        <div className="actions">
          {overview.data && (
            <span className="muted small">
              updated <Time iso={overview.data.generatedAt} ago />
            </span>
          )}
          <RangePicker value={range} onChange={setRange} />
        </div>
      </div>
      <LoadState state={overview} label="Loading the fleet…">
        {(o) => (o.nodes.total === 0 ? <GettingStarted overview={o} /> : <Dashboard overview={o} />)}
      </LoadState>
    </section>
  );
}

function GettingStarted({ overview: o }: { overview: FleetOverview }) {
  return (
    <div data-testid="fleet-getting-started">
      <p className="muted">No node has joined this environment yet. Next steps:</p>
      <Steps steps={nextSteps({ nodes: o.nodes.total, pipelines: o.pipelines.defined, deployed: o.pipelines.deployed })} />
    </div>
  );
}

function Counts({ counts, order, always, testId }: { counts: Record<string, number>; order: string[]; always: string[]; testId: string }) {
  return (
    <ul className="status-counts" data-testid={testId}>
      {orderedCounts(counts, order, always).map(([status, n]) => (
        <li key={status} data-status={status} data-count={n}>
          <FleetBadge status={status} /> <strong>{n}</strong>
        </li>
      ))}
    </ul>
  );
}

function Dashboard({ overview: o }: { overview: FleetOverview }) {
  const steps = nextSteps({ nodes: o.nodes.total, pipelines: o.pipelines.defined, deployed: o.pipelines.deployed });
  const span = { from: Date.parse(o.from), to: Date.parse(o.to) };
  const points = (f: (p: FleetOverview['series'][number]) => number) => o.series.map((p) => ({ t: Date.parse(p.t), v: f(p) }));
  const runs = Object.values(o.pipelines.runsByStatus).reduce((a, b) => a + b, 0);
  return (
    <>
      <div className="tiles">
        <div className="tile" data-testid="tile-nodes">
          <p className="tile-title">Nodes</p>
          <p className="tile-value" data-testid="nodes-total">
            {o.nodes.total}
            {o.nodes.maintenance > 0 && <span className="tile-unit">{o.nodes.maintenance} in maintenance</span>}
          </p>
          <Counts counts={o.nodes.byStatus} order={NODE_STATUSES} always={NODE_STATUSES} testId="nodes-by-status" />
        </div>
        <div className="tile" data-testid="tile-pipelines">
          <p className="tile-title">Pipelines</p>
          <p className="tile-value">
            {o.pipelines.deployed}
            <span className="tile-unit">deployed of {o.pipelines.defined}</span>
          </p>
          <Counts counts={o.pipelines.runsByStatus} order={RUN_STATUSES} always={['RUNNING']} testId="runs-by-status" />
          <p className="small muted">
            {runs} run{runs === 1 ? '' : 's'} on nodes
          </p>
        </div>
        <div className="tile" data-testid="tile-events">
          <p className="tile-title">Events now</p>
          <p className="tile-value" data-testid="events-in">
            {formatRate(o.live.eventsInPerSec)}
            <span className="tile-unit">in/s</span>
          </p>
          <p className="small">
            <strong data-testid="events-out">{formatRate(o.live.eventsOutPerSec)}</strong> out/s ·{' '}
            <strong className={o.live.errorsPerSec > 0 ? 'field-error' : undefined} data-testid="errors-now">
              {formatRate(o.live.errorsPerSec)}
            </strong>{' '}
            errors/s
          </p>
          <p className="small muted">from {o.live.nodesReporting} node{o.live.nodesReporting === 1 ? '' : 's'} reporting</p>
        </div>
        <div className="tile" data-testid="tile-agents">
          <p className="tile-title">Agents</p>
          <p className="tile-value tile-value-text" title={o.agents.target}>
            {o.agents.target ?? '—'}
          </p>
          <p className="small muted">{o.agents.newestRelease && o.agents.target === o.agents.newestRelease ? 'the newest release' : 'what most nodes run'}</p>
          <p className="small" data-testid="stale-agents">
            {o.agents.staleNodes === 0 ? 'every node is up to date' : `${o.agents.staleNodes} node${o.agents.staleNodes === 1 ? '' : 's'} behind`} ·{' '}
            <Link to="/fleet/agents" testId="agent-updates-link">
              Agent updates
            </Link>
          </p>
        </div>
      </div>
      <div className="overview-charts">
        <LineChart
          span={span}
          title="Events per second"
          format={formatRate}
          series={[
            { label: 'in', color: '#2563eb', points: points((p) => p.eventsInPerSec) },
            { label: 'out', color: '#16a34a', points: points((p) => p.eventsOutPerSec) },
          ]}
          testId="overview-events-chart"
        />
        <LineChart
          span={span}
          title="Errors and discards per second"
          format={formatRate}
          series={[
            { label: 'errors', color: '#dc2626', points: points((p) => p.errorsPerSec) },
            { label: 'discarded', color: '#d97706', points: points((p) => p.discardedPerSec) },
          ]}
          testId="overview-errors-chart"
        />
      </div>
      <AttentionList attention={o.attention} />
      {steps.some((s) => !s.done) && (
        <>
          <h3 className="subhead">Next steps</h3>
          <Steps steps={steps} />
        </>
      )}
    </>
  );
}

function AttentionList({ attention }: { attention: FleetOverview['attention'] }) {
  return (
    <>
      <h3 className="subhead">
        Needs attention <span className="count" data-testid="attention-total">{attention.total}</span>
      </h3>
      {attention.items.length === 0 ? (
        <p className="muted small" data-testid="attention-none">
          Nothing: every node is reachable and healthy, no pipeline failed and every agent is up to date.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="attention-list">
            <thead>
              <tr>
                <th>What</th>
                <th>Node</th>
                <th>Pipeline</th>
                <th>Details</th>
                <th>Agent</th>
              </tr>
            </thead>
            <tbody>
              {attention.items.map((item, i) => (
                <AttentionRow key={`${item.kind}-${item.nodeId}-${item.pipelineId ?? ''}-${i}`} item={item} />
              ))}
            </tbody>
          </table>
          {attention.total > attention.items.length && (
            <p className="small muted" data-testid="attention-more">
              The {attention.items.length} most urgent of {attention.total}: the <Link to="/fleet">fleet list</Link> filters the rest by status.
            </p>
          )}
        </div>
      )}
    </>
  );
}

function AttentionRow({ item }: { item: AttentionItem }) {
  return (
    <tr data-testid="attention-item" data-kind={item.kind}>
      <td>
        <FleetBadge status={item.kind === 'AGENT_STALE' ? 'OUTDATED' : item.status} /> <span className="small">{attentionLabel(item.kind)}</span>
      </td>
      <td className="cell-name">
        <Link to={attentionLink(item)}>{item.hostname}</Link>
      </td>
      <td>{item.pipelineId ? <Link to={`/pipelines/${encodeURIComponent(item.pipelineId)}`}>{item.pipelineName || 'pipeline'}</Link> : <span className="muted">—</span>}</td>
      <td className="small attention-reason">{item.reason}</td>
      <td className="small">{item.agentVersion || '—'}</td>
    </tr>
  );
}
