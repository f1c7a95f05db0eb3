import { useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf } from '../lib/client.ts';
import { parseSelector } from '../lib/selector.ts';
import { NoEnvironment } from '../screens/NoEnvironment.tsx';
import { useSession } from '../session.tsx';
import { Empty, fieldError, LoadState, restOf, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { fleetApi, releaseProblems, type AgentRelease, type NewRelease } from './fleetApi.ts';
import { AGENT_VERSION_ORDER } from './versions.ts';
import './fleet.css';
import { useAccess } from '../useAccess.ts';

/** Agent releases (platform admins register them) and updates of the environment's nodes by label selector, with their progress. */
export function AgentsScreen() {
  const { environment } = useWorkspace();
  const { state } = useSession();
  const platformAdmin = state.status === 'signed-in' && state.session.user.platformAdmin;
  const releases = useLoad((s) => fleetApi.releases(s), []);
  const sorted = [...(releases.data ?? [])].sort((a, b) => AGENT_VERSION_ORDER(b.version, a.version));
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/fleet">Fleet</Link> /
          </p>
          <h1>Agent updates</h1>
          <p className="page-lead">
            Registered agent releases, and updates of the nodes a label selector matches. An agent checks a release's checksum and
            signature against the key it was installed with (VF_UPDATE_PUBLIC_KEY) before it swaps itself.
          </p>
        </div>
      </div>
      {environment ? <UpdateNodes envId={environment.id} envName={environment.name} releases={sorted} /> : <NoEnvironment what="nodes" />}
      <section className="card" data-testid="releases">
        <div className="card-head">
          <h2>Releases</h2>
          {releases.data && <span className="count">{releases.data.length}</span>}
        </div>
        <LoadState state={releases}>
          {() =>
            sorted.length === 0 ? (
              <Empty title="No release registered yet" testId="releases-empty">
                <p className="muted small">{platformAdmin ? 'Register the first one below.' : 'A platform admin registers them.'}</p>
              </Empty>
            ) : (
              <ReleaseTable releases={sorted} />
            )
          }
        </LoadState>
        {platformAdmin && <RegisterRelease onRegistered={releases.reload} />}
      </section>
    </>
  );
}

function ReleaseTable({ releases }: { releases: AgentRelease[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="release-list">
        <thead>
          <tr>
            <th>Version</th>
            <th>Download</th>
            <th>Checksum</th>
            <th>Registered</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((r) => (
            <tr key={r.version} data-testid="release-row">
              <td className="cell-name">{r.version}</td>
              <td className="small mono attention-reason">{r.downloadUrl}</td>
              <td className="small">
                <code title={r.checksum}>{r.checksum.slice(0, 19)}…</code>
              </td>
              <td className="small">
                <Time iso={r.createdAt} /> <span className="muted">by {r.createdBy}</span>
              </td>
              <td className="small">{r.notes || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY_RELEASE: NewRelease = { version: '', downloadUrl: '', checksum: '', signature: '', notes: '' };

function RegisterRelease({ onRegistered }: { onRegistered: () => void }) {
  const [release, setRelease] = useState<NewRelease>(EMPTY_RELEASE);
  const [touched, setTouched] = useState(false);
  const action = useAction();
  const local = releaseProblems(release);
  const problem = (field: keyof NewRelease) => (touched ? local[field] : undefined) ?? fieldError(action.problem, field);
  const set = (field: keyof NewRelease) => (value: string) => setRelease({ ...release, [field]: value });
  const fields: (keyof NewRelease)[] = ['version', 'downloadUrl', 'checksum', 'signature', 'notes'];
  return (
    <form
      className="form register-release"
      onSubmit={async (e) => {
        e.preventDefault();
        setTouched(true);
        if (Object.keys(local).length > 0) return;
        const body = Object.fromEntries(Object.entries(release).map(([k, v]) => [k, String(v ?? '').trim()])) as unknown as NewRelease;
        if (await action.run(() => fleetApi.registerRelease(body))) {
          setRelease(EMPTY_RELEASE);
          setTouched(false);
          onRegistered();
        }
      }}
      data-testid="register-release"
    >
      <h3 className="subhead">Register a release</h3>
      <div className="install-inputs">
        <TextField label="Version" value={release.version} onChange={set('version')} error={problem('version')} placeholder="1.4.0" required testId="release-version" />
        <TextField label="Download URL (https)" value={release.downloadUrl} onChange={set('downloadUrl')} error={problem('downloadUrl')} placeholder="https://downloads.example.com/vectorflow-agent-1.4.0.jar" required testId="release-url" />
        <TextField label="Checksum" value={release.checksum} onChange={set('checksum')} error={problem('checksum')} placeholder="sha256:…" hint="sha256sum vectorflow-agent.jar" required testId="release-checksum" />
        <TextField label="Signature (ed25519, base64)" value={release.signature} onChange={set('signature')} error={problem('signature')} hint="Over the jar, with the key agents trust" required testId="release-signature" />
      </div>
      <TextField label="Notes" value={release.notes ?? ''} onChange={set('notes')} error={problem('notes')} placeholder="What changed" testId="release-notes" />
      {restOf(action.problem, fields) && <ProblemMessage problem={restOf(action.problem, fields)!} />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={action.busy} data-testid="release-register">
          {action.busy ? 'Registering…' : 'Register release'}
        </button>
      </div>
    </form>
  );
}

function UpdateNodes({ envId, envName, releases }: { envId: string; envName: string; releases: AgentRelease[] }) {
  const [version, setVersion] = useState('');
  const [selector, setSelector] = useState('');
  const [sent, setSent] = useState<{ version: string; nodes: number } | undefined>();
  const chosen = version || releases[0]?.version || '';
  const parsed = parseSelector(selector);
  const selectorText = Object.entries(parsed.labels).map(([k, v]) => `${k}=${v}`).join(',');
  const match = useLoad(parsed.errors.length === 0 ? (s) => vf.matchNodes(envId, selectorText, s) : undefined, [envId, selectorText]);
  const progress = useLoad((s) => fleetApi.overview(envId, '15m', s), [envId]);
  const pending = (progress.data?.updates ?? []).some((u) => u.pending > 0);
  useEffect(() => {
    const t = setInterval(progress.reload, pending ? 3_000 : 15_000);
    return () => clearInterval(t);
  }, [progress.reload, pending]);
  const action = useAction();
  const needsAdmin = useAccess({ environmentId: envId }).why('ADMIN');
  return (
    <section className="card" data-testid="update-nodes">
      <div className="card-head">
        <h2>Update the agents of {envName}</h2>
      </div>
      {releases.length === 0 ? (
        <p className="muted small">Updates need a registered release (below).</p>
      ) : (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (parsed.errors.length || !chosen) return;
            const r = await action.run(() => fleetApi.updateNodes(envId, chosen, parsed.labels));
            if (r) {
              setSent({ version: chosen, nodes: r.nodes });
              progress.reload();
            }
          }}
        >
          <div className="field">
            <label htmlFor="update-version">Release</label>
            <select id="update-version" className="input" value={chosen} onChange={(e) => setVersion(e.target.value)} data-testid="update-version">
              {releases.map((r) => (
                <option key={r.version} value={r.version}>
                  {r.version}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="Nodes with labels"
            value={selector}
            onChange={setSelector}
            error={parsed.errors[0] ?? fieldError(action.problem, 'selector')}
            placeholder="every node, or ring=canary"
            testId="update-selector"
          />
          <button type="submit" className="button" disabled={action.busy || parsed.errors.length > 0 || !chosen || !!needsAdmin} title={needsAdmin} data-testid="update-nodes-submit">
            Update matching nodes
          </button>
          <span className="small muted" data-testid="update-match">
            {match.data ? `${match.data.count} node${match.data.count === 1 ? '' : 's'} match${match.data.count === 1 ? 'es' : ''}; those already on ${chosen} are left alone` : ''}
          </span>
        </form>
      )}
      {action.problem && !fieldError(action.problem, 'selector') && <ProblemMessage problem={action.problem} />}
      {sent && (
        <p className="notes small" role="status" data-testid="update-sent">
          Update to {sent.version} sent to {sent.nodes} node{sent.nodes === 1 ? '' : 's'}; each agent picks it up with its next heartbeat.
        </p>
      )}
      <h3 className="subhead">Progress</h3>
      {progress.data && progress.data.updates.length > 0 ? (
        <table className="table table-compact" data-testid="update-progress">
          <thead>
            <tr>
              <th>Update to</th>
              <th>Pending</th>
              <th>Succeeded</th>
              <th>Failed</th>
              <th>Last requested</th>
            </tr>
          </thead>
          <tbody>
            {progress.data.updates.map((u) => (
              <tr key={u.version} data-testid="update-progress-row" data-version={u.version}>
                <td className="cell-name">{u.version}</td>
                <td data-testid="update-pending">{u.pending}</td>
                <td>{u.succeeded}</td>
                <td className={u.failed > 0 ? 'field-error' : undefined}>{u.failed}</td>
                <td className="small">
                  <Time iso={u.lastRequestedAt} ago />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No update was requested lately. A failed update shows its reason on the node's page.</p>
      )}
      {progress.data && progress.data.agents.versions.length > 0 && (
        <p className="small" data-testid="agent-versions">
          Running now:{' '}
          {progress.data.agents.versions.map((v, i) => (
            <span key={v.version}>
              {i > 0 && ', '}
              <strong>{v.version || '(no version)'}</strong> on {v.nodes} node{v.nodes === 1 ? '' : 's'}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
