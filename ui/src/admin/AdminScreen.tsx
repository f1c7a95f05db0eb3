import { useState } from 'react';
import { EnvironmentApprovals } from './Approvals.tsx';
import type { SignedInSession } from '../api.ts';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type Team, type User } from '../lib/client.ts';
import { ConfirmButton, Empty, fieldError, LoadState, Modal, restOf, Tabs, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { ssoApi } from '../sso.ts';

const ROLES = ['VIEWER', 'EDITOR', 'ADMIN'];

/** Users (platform admins), teams with their members and environments. */
export function AdminScreen({ session }: { session: SignedInSession }) {
  const admin = session.user.platformAdmin;
  const [tab, setTab] = useState<'teams' | 'users'>('teams');
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users &amp; teams</h1>
          <p className="page-lead">Teams own environments; members have a role per team (viewer, editor, admin).</p>
        </div>
      </div>
      {admin && <Tabs value={tab} onChange={setTab} tabs={[{ id: 'teams', label: 'Teams' }, { id: 'users', label: 'Users' }]} />}
      {tab === 'users' && admin ? <Users self={session.user.id} /> : <Teams admin={admin} />}
    </>
  );
}

function Users({ self }: { self: string }) {
  const list = useLoad((s) => vf.users(s), []);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | undefined>();
  return (
    <section className="card">
      <div className="card-head">
        <h2>Users</h2>
        <button type="button" className="button" onClick={() => setCreating(true)} data-testid="new-user">
          New user
        </button>
      </div>
      <LoadState state={list}>
        {(users) => (
          <table className="table" data-testid="user-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>E-mail</th>
                <th>Status</th>
                <th>Created</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="cell-name">
                    {u.name} {u.platformAdmin && <span className="tag">platform admin</span>}
                  </td>
                  <td>{u.email}</td>
                  <td>
                    {u.locked ? <span className="badge badge-bad">locked</span> : u.mustChangePassword ? <span className="badge badge-warn">must change password</span> : <span className="badge badge-ok">active</span>}
                  </td>
                  <td>
                    <Time iso={u.createdAt} />
                  </td>
                  <td className="cell-actions">
                    {u.id !== self && (
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        onClick={async () => {
                          await vf.updateUser(u.id, { platformAdmin: !u.platformAdmin }).catch(() => undefined);
                          list.reload();
                        }}
                      >
                        {u.platformAdmin ? 'Revoke admin' : 'Make admin'}
                      </button>
                    )}
                    <button type="button" className="button button-small button-secondary" onClick={() => setResetting(u)}>
                      Reset password
                    </button>
                    <ConfirmButton
                      label="Reset 2FA"
                      className="button button-small button-secondary"
                      title={`Remove the second factor of ${u.email}?`}
                      message={<p>For a lost phone: they sign in with their password alone, and enrol again if their team or the platform requires it.</p>}
                      confirmLabel="Remove second factor"
                      testId={`reset-2fa-${u.email}`}
                      onConfirm={() => ssoApi.resetTwoFactor(u.id)}
                    />
                    {u.id !== self && (
                      <ConfirmButton
                        label="Delete"
                        className="button button-small button-ghost-danger"
                        title={`Delete ${u.email}?`}
                        message={<p>The account, its sessions and its API tokens are removed.</p>}
                        onConfirm={async () => {
                          await vf.deleteUser(u.id);
                          list.reload();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
      {creating && (
        <UserDialog
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
      {resetting && <ResetDialog user={resetting} onClose={() => setResetting(undefined)} />}
    </section>
  );
}

function UserDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const [f, setF] = useState({ email: '', name: '', password: '', platformAdmin: false });
  const action = useAction();
  const shown = ['email', 'name', 'password'];
  return (
    <Modal title="New user" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await action.run(() => vf.createUser({ ...f, email: f.email.trim() }))) onSaved();
        }}
      >
        <TextField label="E-mail" type="email" value={f.email} onChange={(v) => setF({ ...f, email: v })} required error={fieldError(action.problem, 'email')} autoFocus testId="user-email" />
        <TextField label="Name" value={f.name} onChange={(v) => setF({ ...f, name: v })} required error={fieldError(action.problem, 'name')} testId="user-name" />
        <TextField
          label="Temporary password"
          type="password"
          value={f.password}
          onChange={(v) => setF({ ...f, password: v })}
          required
          error={fieldError(action.problem, 'password')}
          hint="At least 12 characters; they choose their own at first sign-in."
          testId="user-password"
        />
        <label className="check">
          <input type="checkbox" checked={f.platformAdmin} onChange={(e) => setF({ ...f, platformAdmin: e.target.checked })} /> Platform admin
        </label>
        {restOf(action.problem, shown) && <ProblemMessage problem={restOf(action.problem, shown)!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="user-save">
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ResetDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const action = useAction();
  const [done, setDone] = useState(false);
  return (
    <Modal title={`Reset the password of ${user.email}`} onClose={onClose}>
      {done ? (
        <>
          <p>Done: their sessions ended and they must choose a new password at the next sign-in.</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            await action.run(async () => {
              await vf.resetPassword(user.id, password);
              setDone(true);
            });
          }}
        >
          <TextField label="Temporary password" type="password" value={password} onChange={setPassword} required error={fieldError(action.problem, 'temporaryPassword')} autoFocus />
          {restOf(action.problem, ['temporaryPassword']) && <ProblemMessage problem={restOf(action.problem, ['temporaryPassword'])!} />}
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-danger" disabled={action.busy}>
              Reset password
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function Teams({ admin }: { admin: boolean }) {
  const workspace = useWorkspace();
  const list = useLoad((s) => vf.teams(s), []);
  const [name, setName] = useState('');
  const action = useAction();
  return (
    <>
      {admin && (
        <section className="card">
          <form
            className="inline-form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await action.run(() => vf.createTeam(name.trim()))) {
                setName('');
                list.reload();
                workspace.reload();
              }
            }}
          >
            <TextField label="New team" value={name} onChange={setName} error={fieldError(action.problem, 'name')} testId="team-name" placeholder="platform" />
            <button type="submit" className="button" disabled={action.busy || !name.trim()} data-testid="create-team">
              Create team
            </button>
          </form>
          {restOf(action.problem, ['name']) && <ProblemMessage problem={restOf(action.problem, ['name'])!} />}
        </section>
      )}
      <LoadState state={list}>
        {(teams) =>
          teams.length === 0 ? (
            <Empty title="No team yet" testId="teams-empty">
              <p className="muted">{admin ? 'Create the first team above.' : 'Ask a platform admin to add you to a team.'}</p>
            </Empty>
          ) : (
            <>
              {teams.map((t) => (
                <TeamCard
                  key={t.id}
                  team={t}
                  admin={admin}
                  onChanged={() => {
                    list.reload();
                    workspace.reload();
                  }}
                />
              ))}
            </>
          )
        }
      </LoadState>
    </>
  );
}

/** Whether the team's members must use a second factor (team admins change it). */
function TeamTwoFactor({ teamId, canManage }: { teamId: string; canManage: boolean }) {
  const required = useLoad((s) => ssoApi.teamRequirement(teamId, s), [teamId]);
  const change = useAction();
  if (required.data === undefined) return null;
  return (
    <div className="small">
      <label className="check">
        <input
          type="checkbox"
          checked={required.data}
          disabled={!canManage || change.busy}
          data-testid="team-require-2fa"
          onChange={async (e) => {
            if (await change.run(() => ssoApi.setTeamRequirement(teamId, e.target.checked))) required.reload();
          }}
        />{' '}
        Members must use two-factor authentication (local accounts; API tokens are not affected)
      </label>
      {change.problem && <ProblemMessage problem={change.problem} />}
    </div>
  );
}

function TeamCard({ team, admin, onChanged }: { team: Team; admin: boolean; onChanged: () => void }) {
  const canManage = admin || team.role === 'ADMIN';
  const members = useLoad((s) => vf.members(team.id, s), [team.id]);
  const workspace = useWorkspace();
  const envs = workspace.environments.filter((e) => e.teamId === team.id);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('VIEWER');
  const add = useAction();
  const [envName, setEnvName] = useState('');
  const env = useAction();
  return (
    <section className="card" data-testid="team-card">
      <div className="card-head">
        <h2>
          {team.name} {team.role && <span className="tag">you: {team.role.toLowerCase()}</span>}
        </h2>
        {admin && (
          <ConfirmButton
            label="Delete team"
            className="button button-small button-ghost-danger"
            title={`Delete team ${team.name}?`}
            message={<p>Refused while the team still has environments.</p>}
            onConfirm={async () => {
              await vf.deleteTeam(team.id);
              onChanged();
            }}
          />
        )}
      </div>
      <TeamTwoFactor teamId={team.id} canManage={canManage} />
      <div className="two-col">
        <div>
          <h3 className="subhead">Members</h3>
          <LoadState state={members}>
            {(items) => (
              <table className="table table-compact" data-testid="member-list">
                <tbody>
                  {items.length === 0 && (
                    <tr>
                      <td className="muted">No members yet.</td>
                    </tr>
                  )}
                  {items.map((m) => (
                    <tr key={m.userId}>
                      <td>
                        {m.name || m.email} <span className="muted small">{m.name ? m.email : ''}</span>
                      </td>
                      <td>
                        {canManage ? (
                          <select
                            className="input input-inline"
                            value={m.role}
                            aria-label={`Role of ${m.email}`}
                            onChange={async (e) => {
                              await vf.putMember(team.id, m.email, e.target.value).catch(() => undefined);
                              members.reload();
                            }}
                          >
                            {ROLES.map((r) => (
                              <option key={r}>{r}</option>
                            ))}
                          </select>
                        ) : (
                          m.role
                        )}
                      </td>
                      <td className="cell-actions">
                        {canManage && (
                          <ConfirmButton
                            label="Remove"
                            className="button button-small button-ghost-danger"
                            title={`Remove ${m.email} from ${team.name}?`}
                            message={<p>They lose access to the team's environments.</p>}
                            confirmLabel="Remove"
                            onConfirm={async () => {
                              await vf.removeMember(team.id, m.userId);
                              members.reload();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </LoadState>
          {canManage && (
            <form
              className="inline-form"
              onSubmit={async (e) => {
                e.preventDefault();
                if (await add.run(() => vf.putMember(team.id, email.trim(), role))) {
                  setEmail('');
                  members.reload();
                }
              }}
            >
              <TextField label="Add member (e-mail)" type="email" value={email} onChange={setEmail} error={fieldError(add.problem, 'email')} testId="member-email" />
              <select className="input input-inline" value={role} onChange={(e) => setRole(e.target.value)} aria-label="Role">
                {ROLES.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
              <button type="submit" className="button button-small" disabled={add.busy || !email.trim()}>
                Add
              </button>
            </form>
          )}
          {restOf(add.problem, ['email']) && <ProblemMessage problem={restOf(add.problem, ['email'])!} />}
        </div>
        <div>
          <h3 className="subhead">Environments</h3>
          <ul className="plain-list" data-testid="team-environments">
            {envs.length === 0 && <li className="muted">No environment yet.</li>}
            {envs.map((e) => (
              <li key={e.id} data-testid="team-environment">
                <strong>{e.name}</strong> <span className="muted small">{e.description}</span>
                {canManage && (
                  <ConfirmButton
                    label="Delete"
                    className="link-button link-danger"
                    title={`Delete environment ${e.name}?`}
                    message={<p>Refused while it still holds pipelines or secrets.</p>}
                    onConfirm={async () => {
                      await vf.deleteEnvironment(e.id);
                      workspace.reload();
                    }}
                  />
                )}
                <EnvironmentApprovals environment={e} canManage={canManage} onChanged={workspace.reload} />
              </li>
            ))}
          </ul>
          {canManage && (
            <form
              className="inline-form"
              onSubmit={async (e) => {
                e.preventDefault();
                const created = await env.run(() => vf.createEnvironment(team.id, envName.trim(), ''));
                if (created) {
                  setEnvName('');
                  workspace.reload();
                  workspace.selectEnvironment(created.id);
                }
              }}
            >
              <TextField label="New environment" value={envName} onChange={setEnvName} error={fieldError(env.problem, 'name')} testId="environment-name-input" placeholder="production" />
              <button type="submit" className="button button-small" disabled={env.busy || !envName.trim()} data-testid="create-environment">
                Create
              </button>
            </form>
          )}
          {restOf(env.problem, ['name']) && <ProblemMessage problem={restOf(env.problem, ['name'])!} />}
        </div>
      </div>
    </section>
  );
}
