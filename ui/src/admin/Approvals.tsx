import { useEffect, useState } from 'react';
import type { Environment } from '../api.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { ComponentDiff } from '../editor/Versions.tsx';
import { vf } from '../lib/client.ts';
import { describeRequest, showValue, type ApprovalRequest } from '../lib/promotion.ts';
import { useSession } from '../session.tsx';
import { ConfirmButton, LoadState, Time, useAction, useLoad } from '../ui.tsx';

/**
 * An environment's approval setting and its pending requests (docs/promotion.md): admins switch "requires approval" and
 * approve or reject the requests other people made; everyone who sees the environment sees the list.
 */
export function EnvironmentApprovals({ environment, canManage, onChanged }: { environment: Environment; canManage: boolean; onChanged: () => void }) {
  const toggle = useAction();
  const [open, setOpen] = useState(false);
  // shown at once; set back when the server refuses
  const [on, setOn] = useState(!!environment.requiresApproval);
  useEffect(() => setOn(!!environment.requiresApproval), [environment.requiresApproval]);
  return (
    <div className="environment-approvals" data-testid="environment-approvals">
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          disabled={!canManage || toggle.busy}
          title={canManage ? undefined : 'Only an admin of the team changes this'}
          onChange={async (e) => {
            const checked = e.target.checked;
            setOn(checked);
            if (await toggle.run(() => vf.setRequiresApproval(environment.id, checked))) onChanged();
            else setOn(!checked);
          }}
          data-testid="requires-approval"
        />{' '}
        Requires approval (deploys and promotions wait for another admin)
      </label>
      {toggle.problem && <ProblemMessage problem={toggle.problem} />}
      <button type="button" className="link-button" onClick={() => setOpen(!open)} data-testid="show-approvals">
        {open ? 'Hide approvals' : 'Approvals…'}
      </button>
      {open && <PendingApprovals environmentId={environment.id} canDecide={canManage} />}
    </div>
  );
}

function PendingApprovals({ environmentId, canDecide }: { environmentId: string; canDecide: boolean }) {
  const [tick, setTick] = useState(0);
  const requests = useLoad((s) => vf.approvals(environmentId, 'pending', s), [environmentId, tick]);
  const { state } = useSession();
  const me = state.status === 'signed-in' ? `user:${state.session.user.email}` : undefined;
  return (
    <LoadState state={requests}>
      {(items) =>
        items.length === 0 ? (
          <p className="muted small" data-testid="approvals-empty">
            No request waits for approval.
          </p>
        ) : (
          <ul className="plain-list" data-testid="approval-list">
            {items.map((r) => (
              <ApprovalItem key={r.id} request={r} environmentId={environmentId} mine={r.requestedBy === me} canDecide={canDecide} onDecided={() => setTick((t) => t + 1)} />
            ))}
          </ul>
        )
      }
    </LoadState>
  );
}

function ApprovalItem({ request, environmentId, mine, canDecide, onDecided }: { request: ApprovalRequest; environmentId: string; mine: boolean; canDecide: boolean; onDecided: () => void }) {
  const decide = useAction();
  const [reason, setReason] = useState('');
  const why = mine ? 'You asked for this: another admin decides' : canDecide ? undefined : 'Only an admin of the team decides';
  return (
    <li className="approval" data-testid="approval">
      <p>
        <strong>{describeRequest(request)}</strong>
        <br />
        <span className="muted small">
          asked by {request.requestedBy.replace(/^user:/, '')}, <Time iso={request.requestedAt} />; expires <Time iso={request.expiresAt} />
        </span>
      </p>
      {request.note && <p className="small">Note: {request.note}</p>}
      {request.rolloutWaves && request.rolloutWaves.length > 0 && (
        <p className="small" data-testid="approval-waves">
          Staged rollout: {request.rolloutWaves.join(' → ')}
        </p>
      )}
      {request.values.length > 0 && (
        <ul className="small">
          {request.values.map((v) => (
            <li key={`${v.component}.${v.option}`}>
              <code>
                {v.component}.{v.option}
              </code>{' '}
              = {showValue(v.to)}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>What changes</summary>
        <ComponentDiff diff={{ from: request.baseVersion ?? 0, to: request.version, components: request.diff, yamlDiff: '' }} />
      </details>
      <div className="actions">
        <ConfirmButton
          label="Approve"
          className="button button-small"
          title="Approve this request?"
          message={<p>{request.kind === 'deploy' ? 'The deploy is carried out now.' : 'The promotion is carried out now.'}</p>}
          confirmLabel="Approve"
          disabled={!!why}
          tooltip={why}
          testId="approve"
          onConfirm={async () => {
            if (await decide.run(() => vf.approve(environmentId, request.id))) onDecided();
          }}
        />
        <input className="input input-inline" aria-label="Reason for rejecting" placeholder="Reason (optional)" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} disabled={!!why} />
        <button
          type="button"
          className="button button-small button-ghost-danger"
          disabled={!!why || decide.busy}
          title={why}
          data-testid="reject"
          onClick={async () => {
            if (await decide.run(() => vf.reject(environmentId, request.id, reason))) onDecided();
          }}
        >
          Reject
        </button>
      </div>
      {decide.problem && <ProblemMessage problem={decide.problem} />}
    </li>
  );
}
