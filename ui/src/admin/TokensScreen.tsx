import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type ApiToken } from '../lib/client.ts';
import { ConfirmButton, CopyButton, Empty, fieldError, LoadState, restOf, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useAccess } from '../useAccess.ts';

/** Personal API tokens and those of the current team; a token is shown once, at creation. */
export function TokensScreen() {
  const { team } = useWorkspace();
  const teamAccess = useAccess({ teamId: team?.id });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>API tokens</h1>
          <p className="page-lead">
            For scripts and CI: send <code>Authorization: Bearer vf_api_…</code>. A token is shown once, when it is created.
          </p>
        </div>
      </div>
      <TokenSection
        title="Your personal tokens"
        load={(s) => vf.myTokens(s)}
        create={(name, role, expiresAt) => vf.createMyToken({ name, ...(role ? { role } : {}), ...(expiresAt ? { expiresAt } : {}) })}
        revoke={(id) => vf.revokeMyToken(id)}
        deps={['me']}
        testId="my-tokens"
      />
      {team && teamAccess.can('ADMIN') && (
        <TokenSection
          title={`Tokens of team ${team.name}`}
          load={(s) => vf.teamTokens(team.id, s)}
          create={(name, role, expiresAt) => vf.createTeamToken(team.id, { name, role: role || 'VIEWER', ...(expiresAt ? { expiresAt } : {}) })}
          revoke={(id) => vf.revokeTeamToken(team.id, id)}
          deps={[team.id]}
          testId="team-tokens"
        />
      )}
    </>
  );
}

function TokenSection({
  title,
  load,
  create,
  revoke,
  deps,
  testId,
}: {
  title: string;
  load: (s: AbortSignal) => Promise<ApiToken[]>;
  create: (name: string, role: string, expiresAt: string) => Promise<ApiToken>;
  revoke: (id: string) => Promise<void>;
  deps: unknown[];
  testId: string;
}) {
  const list = useLoad(load, deps);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<ApiToken | undefined>();
  const action = useAction();
  return (
    <section className="card" data-testid={testId}>
      <div className="card-head">
        <h2>{title}</h2>
      </div>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : '';
          const t = await action.run(() => create(name.trim(), role, expiresAt));
          if (t) {
            setCreated(t);
            setName('');
            list.reload();
          }
        }}
      >
        <TextField label="Name" value={name} onChange={setName} error={fieldError(action.problem, 'name')} placeholder="ci-deploy" testId={`${testId}-name`} />
        <div className="field">
          <label htmlFor={`${testId}-role`}>Role</label>
          <select id={`${testId}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{testId === 'my-tokens' ? 'same as mine' : 'VIEWER'}</option>
            <option>VIEWER</option>
            <option>EDITOR</option>
            <option>ADMIN</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${testId}-days`}>Expires in</label>
          <select id={`${testId}-days`} className="input" value={days} onChange={(e) => setDays(e.target.value)}>
            <option value="7">7 days</option>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
            <option value="">never</option>
          </select>
        </div>
        <button type="submit" className="button" disabled={action.busy || !name.trim()} data-testid={`${testId}-create`}>
          Create token
        </button>
      </form>
      {restOf(action.problem, ['name']) && <ProblemMessage problem={restOf(action.problem, ['name'])!} />}
      {created?.token && (
        <div className="once" role="status" data-testid="token-once">
          <p>
            <strong>Copy the token now</strong>: it will not be shown again.
          </p>
          <div className="once-value">
            <code data-testid="token-value">{created.token}</code>
            <CopyButton text={created.token} />
          </div>
        </div>
      )}
      <LoadState state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="No tokens" />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Created</th>
                  <th>Expires</th>
                  <th>Last used</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <tr key={t.id}>
                    <td className="cell-name">
                      {t.name} {t.revokedAt && <span className="badge badge-bad">revoked</span>}
                    </td>
                    <td>{t.role}</td>
                    <td>
                      <Time iso={t.createdAt} />
                    </td>
                    <td>{t.expiresAt ? <Time iso={t.expiresAt} /> : <span className="muted">never</span>}</td>
                    <td>
                      <Time iso={t.lastUsedAt} />
                    </td>
                    <td className="cell-actions">
                      {!t.revokedAt && (
                      <ConfirmButton
                        label="Revoke"
                        className="button button-small button-ghost-danger"
                        title={`Revoke ${t.name}?`}
                        message={<p>Calls with this token are refused from now on.</p>}
                        confirmLabel="Revoke"
                        onConfirm={async () => {
                          await revoke(t.id);
                          list.reload();
                        }}
                      />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </section>
  );
}
