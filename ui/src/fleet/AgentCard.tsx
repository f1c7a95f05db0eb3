import { useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import type { FleetNode } from '../lib/client.ts';
import { Time, useAction, useLoad } from '../ui.tsx';
import { fleetApi, fleetTone, updateActions, type NodeAction } from './fleetApi.ts';
import { AGENT_VERSION_ORDER } from './versions.ts';
import './fleet.css';

/** A fleet status (node, pipeline run, action, an outdated agent) as a badge in the tone it deserves. */
export function FleetBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`badge badge-${fleetTone(status)}`} data-testid={testId}>
      {status}
    </span>
  );
}

/** The node's agent: its version, an update to a registered release with its progress and result, and its version history. */
export function AgentCard({ node, needsAdmin }: { node: FleetNode; /** Set when the user may not update the agent: why. */ needsAdmin?: string }) {
  const releases = useLoad((s) => fleetApi.releases(s), []);
  const actions = useLoad((s) => fleetApi.actions(node.id, s), [node.id]);
  const history = useLoad((s) => fleetApi.agentVersions(node.id, s), [node.id, node.agentVersion]);
  const updates = updateActions(actions.data ?? []);
  const pending = updates.some((a) => a.status === 'PENDING');
  useEffect(() => {
    const t = setInterval(actions.reload, pending ? 2_000 : 10_000);
    return () => clearInterval(t);
  }, [actions.reload, pending]);
  const offered = [...(releases.data ?? [])].sort((a, b) => AGENT_VERSION_ORDER(b.version, a.version));
  const [version, setVersion] = useState('');
  const chosen = version || offered[0]?.version || '';
  const action = useAction();

  return (
    <section className="card" data-testid="agent-card">
      <div className="card-head">
        <h2>Agent</h2>
        <span className="muted small">
          runs <strong data-testid="agent-version">{node.agentVersion || '—'}</strong>
        </span>
      </div>
      {node.updateError && <p className="field-error small">Last update failed: {node.updateError}</p>}
      {releases.data && offered.length === 0 ? (
        <p className="muted small">
          No agent release is registered yet: a platform admin registers one under <Link to="/fleet/agents">Agent updates</Link>.
        </p>
      ) : (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!chosen) return;
            if (await action.run(() => fleetApi.updateNode(node.id, chosen))) actions.reload();
          }}
        >
          <div className="field">
            <label htmlFor="agent-update-version">Release</label>
            <select id="agent-update-version" className="input" value={chosen} onChange={(e) => setVersion(e.target.value)} data-testid="agent-update-version">
              {offered.map((r) => (
                <option key={r.version} value={r.version}>
                  {r.version}
                  {r.version === node.agentVersion ? ' (running)' : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={action.busy || !chosen || !!needsAdmin} title={needsAdmin} data-testid="agent-update">
            {action.busy ? 'Sending…' : 'Update agent'}
          </button>
        </form>
      )}
      {action.problem && <ProblemMessage problem={action.problem} />}
      {updates.length > 0 && <UpdateList updates={updates} />}
      <h3 className="subhead">Version history</h3>
      {history.data && history.data.length > 0 ? (
        <ul className="plain-list small" data-testid="agent-history">
          {history.data.map((h, i) => (
            <li key={i}>
              <Time iso={h.at} />: <strong>{h.version || '(no version)'}</strong>{' '}
              <span className="muted">{h.previousVersion === undefined || h.previousVersion === null ? 'at enrollment' : `was ${h.previousVersion || '(no version)'}`}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{history.error ? 'The history could not be loaded.' : history.data ? 'Nothing recorded yet.' : 'Loading…'}</p>
      )}
    </section>
  );
}

function UpdateList({ updates }: { updates: NodeAction[] }) {
  return (
    <table className="table table-compact" data-testid="agent-updates">
      <thead>
        <tr>
          <th>Update to</th>
          <th>Requested</th>
          <th>State</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {updates.slice(0, 10).map((a) => (
          <tr key={a.id} data-testid="agent-update-row" data-status={a.status}>
            <td className="cell-name">{a.targetVersion}</td>
            <td className="small">
              <Time iso={a.createdAt} /> <span className="muted">by {a.createdBy}</span>
            </td>
            <td>
              <FleetBadge status={a.status} testId="action-status" />
            </td>
            <td className="small">{a.status === 'PENDING' ? <span className="muted">waiting for the agent…</span> : a.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
