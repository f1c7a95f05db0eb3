import { useEffect, useState } from 'react';
import type { Problem } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type FleetNode, type NodeListQuery } from '../lib/client.ts';
import { NoEnvironment } from '../screens/NoEnvironment.tsx';
import { Empty, Loading, StatusBadge, Time, useLoad } from '../ui.tsx';
import { AlertBadge, useFiringCounts } from '../alerts/AlertBadge.tsx';
import type { FiringCounts } from '../alerts/alertsApi.ts';
import { useWorkspace } from '../workspace.tsx';

export function FleetProblem({ problem, reload }: { problem: Problem; reload: () => void }) {
  return (
    <div>
      <ProblemMessage problem={problem} />
      <button type="button" className="button button-secondary" onClick={reload}>
        Try again
      </button>
    </div>
  );
}

/** "vector 0.57.0 (x86_64-unknown-linux-gnu abc 2026-07-14)" → "0.57.0": what `vector --version` says, shortened. */
export function shortVersion(v: string | null | undefined): string {
  if (!v) return '—';
  return /\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?/.exec(v)?.[0] ?? v;
}

export function Labels({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="labels">
      {entries.map(([k, v]) => (
        <span key={k} className="label-chip">
          {k}={v}
        </span>
      ))}
    </span>
  );
}

/** Nodes on one page of the fleet list. */
export const FLEET_PAGE_SIZE = 50;

type SortKey = NonNullable<NodeListQuery['sort']>;
type Order = NonNullable<NodeListQuery['order']>;

/** Nodes of the current environment with status, labels, versions, last seen and pipelines, a page at a time from the server. */
export function FleetScreen() {
  const { environment } = useWorkspace();
  const [status, setStatus] = useState('');
  const [label, setLabel] = useState('');
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState({ status: '', label: '', search: '' });
  const [sort, setSort] = useState<{ key: SortKey; order: Order }>({ key: 'name', order: 'asc' });
  // the cursors of the pages shown so far: the last one is where the shown page starts (undefined: the first page)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => {
    const t = setTimeout(() => {
      setApplied({ status, label: label.trim(), search: search.trim() });
      setCursors([undefined]);
    }, 300);
    return () => clearTimeout(t);
  }, [status, label, search]);
  const envId = environment?.id;
  const cursor = cursors[cursors.length - 1];
  const nodes = useLoad(
    envId ? (s) => vf.nodes(envId, { ...applied, sort: sort.key, order: sort.order, limit: FLEET_PAGE_SIZE, cursor }, s) : undefined,
    [envId, applied.status, applied.label, applied.search, sort.key, sort.order, cursor],
  );
  useEffect(() => {
    const t = setInterval(nodes.reload, 5_000);
    return () => clearInterval(t);
  }, [nodes.reload]);
  const firing = useFiringCounts(envId);
  const sortBy = (key: SortKey) => {
    setSort((s) => ({ key, order: s.key === key && s.order === 'asc' ? 'desc' : 'asc' }));
    setCursors([undefined]);
  };
  if (!environment) return <NoEnvironment what="nodes" />;
  const page = nodes.data;
  const first = (cursors.length - 1) * FLEET_PAGE_SIZE;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Fleet</h1>
          <p className="page-lead">
            Agents enrolled in <strong>{environment.name}</strong>.
          </p>
        </div>
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={nodes.reload} data-testid="fleet-refresh">
            Refresh
          </button>
          <Link to="/fleet/agents" className="button button-secondary" testId="agents-link">
            Agent updates
          </Link>
          <Link to="/fleet/enrollment" className="button" testId="enroll-link">
            Enroll nodes…
          </Link>
        </div>
      </div>
      <section className="card">
        <div className="filters">
          <div className="field">
            <label htmlFor="fleet-status">Status</label>
            <select id="fleet-status" className="input" value={status} onChange={(e) => setStatus(e.target.value)} data-testid="fleet-status">
              <option value="">any</option>
              <option>HEALTHY</option>
              <option>DEGRADED</option>
              <option>UNREACHABLE</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="fleet-label">Label</label>
            <input id="fleet-label" className="input" placeholder="region=eu" value={label} onChange={(e) => setLabel(e.target.value)} data-testid="fleet-label" />
          </div>
          <div className="field">
            <label htmlFor="fleet-search">Search</label>
            <input id="fleet-search" className="input" type="search" placeholder="hostname" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="fleet-search" />
          </div>
        </div>
        {nodes.error && !page ? (
          <FleetProblem problem={nodes.error} reload={nodes.reload} />
        ) : !page ? (
          <Loading label="Loading nodes…" />
        ) : page.nodes.length === 0 && cursors.length === 1 ? (
          <Empty title={applied.status || applied.label || applied.search ? 'No node matches these filters' : 'No nodes yet'} testId="fleet-empty">
            <p className="muted">
              Create an enrollment token and run the agent on a host: <Link to="/fleet/enrollment">Enroll nodes</Link>.
            </p>
          </Empty>
        ) : (
          <>
            <NodeTable nodes={page.nodes} firing={firing} sort={sort} onSort={sortBy} />
            <div className="pager" data-testid="fleet-pager" aria-busy={nodes.loading}>
              <span className="muted" data-testid="fleet-range">
                {page.nodes.length === 0 ? 'No more nodes' : `${first + 1}–${first + page.nodes.length}`} of {page.total}{' '}
                {page.total === 1 ? 'node' : 'nodes'}
              </span>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={cursors.length === 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
                data-testid="fleet-previous"
              >
                Previous
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={!page.nextCursor}
                onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor])}
                data-testid="fleet-next"
              >
                Next
              </button>
            </div>
          </>
        )}
      </section>
    </>
  );
}

function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: SortKey; sort?: { key: SortKey; order: Order }; onSort?: (k: SortKey) => void }) {
  if (!onSort) return <th>{label}</th>;
  const active = sort?.key === sortKey;
  return (
    <th aria-sort={active ? (sort?.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link-button sort-button" onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`}>
        {label}
        {active ? (sort?.order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
}

export function NodeTable({
  nodes,
  firing,
  sort,
  onSort,
}: {
  nodes: FleetNode[];
  firing?: FiringCounts;
  sort?: { key: SortKey; order: Order };
  onSort?: (key: SortKey) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="node-list">
        <thead>
          <tr>
            <SortHeader label="Host" sortKey="name" sort={sort} onSort={onSort} />
            <SortHeader label="Status" sortKey="status" sort={sort} onSort={onSort} />
            <th>Labels</th>
            <SortHeader label="Versions" sortKey="agentVersion" sort={sort} onSort={onSort} />
            <SortHeader label="Last seen" sortKey="lastSeen" sort={sort} onSort={onSort} />
            <th>Pipelines</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.id} data-testid="node-row">
              <td className="cell-name">
                <Link to={`/fleet/nodes/${n.id}`}>{n.hostname}</Link>
                <AlertBadge count={firing?.byNode[n.id]} capped={firing?.capped} />
                <div className="muted small">{n.os}</div>
              </td>
              <td>
                <StatusBadge status={n.status} />
                {n.maintenance && <span className="tag">maintenance</span>}
                {n.tokenRevoked && <span className="tag">revoked</span>}
                {n.statusReason && n.status !== 'HEALTHY' && <div className="muted small">{n.statusReason}</div>}
              </td>
              <td>
                <Labels labels={n.labels} />
              </td>
              <td className="small">
                agent {shortVersion(n.agentVersion)}
                <br />
                <span title={n.vectorVersion}>vector {shortVersion(n.vectorVersion)}</span>
              </td>
              <td>
                <Time iso={n.lastHeartbeatAt} ago />
              </td>
              <td className="small">
                {n.pipelines.length === 0 && <span className="muted">none</span>}
                {n.pipelines.map((p) => (
                  <div key={p.pipelineId}>
                    <Link to={`/pipelines/${p.pipelineId}`}>{p.pipelineName}</Link> v{p.version} <StatusBadge status={p.status} />
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
