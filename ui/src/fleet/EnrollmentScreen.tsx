import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type EnrollmentToken } from '../lib/client.ts';
import { parseSelector } from '../lib/selector.ts';
import { NoEnvironment } from '../screens/NoEnvironment.tsx';
import { ConfirmButton, Empty, fieldError, Loading, restOf, StatusBadge, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { FleetProblem, Labels } from './FleetScreen.tsx';
import { InstallCommand } from './InstallCommand.tsx';

/** Enrollment tokens: create (shown once with the install command), list, revoke. */
export function EnrollmentScreen() {
  const { environment } = useWorkspace();
  const envId = environment?.id;
  const tokens = useLoad(envId ? (s) => vf.enrollmentTokens(envId, s) : undefined, [envId]);
  const [name, setName] = useState('');
  const [hours, setHours] = useState('24');
  const [maxUses, setMaxUses] = useState('1');
  const [labels, setLabels] = useState('');
  const [created, setCreated] = useState<EnrollmentToken | undefined>();
  const action = useAction();
  if (!environment) return <NoEnvironment what="nodes" />;
  const parsedLabels = parseSelector(labels);
  const shown = ['name', 'expiresInHours', 'maxUses', 'labels'];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Enroll nodes</h1>
          <p className="page-lead">
            A token lets agents join <strong>{environment.name}</strong>. It is shown once.
          </p>
        </div>
      </div>
      <section className="card">
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (parsedLabels.errors.length) return;
            const t = await action.run(() =>
              vf.createEnrollmentToken(environment.id, {
                ...(name.trim() ? { name: name.trim() } : {}),
                expiresInHours: Number(hours),
                maxUses: Number(maxUses),
                ...(Object.keys(parsedLabels.labels).length ? { labels: parsedLabels.labels } : {}),
              }),
            );
            if (t) {
              setCreated(t);
              tokens.reload();
            }
          }}
        >
          <TextField label="Name" value={name} onChange={setName} error={fieldError(action.problem, 'name')} placeholder="edge hosts" testId="enroll-name" />
          <TextField label="Expires in (hours)" type="number" value={hours} onChange={setHours} error={fieldError(action.problem, 'expiresInHours')} />
          <TextField label="Max uses" type="number" value={maxUses} onChange={setMaxUses} error={fieldError(action.problem, 'maxUses')} />
          <TextField label="Labels for enrolled nodes" value={labels} onChange={setLabels} error={parsedLabels.errors[0] ?? fieldError(action.problem, 'labels')} placeholder="region=eu, role=edge" testId="enroll-labels" />
          <button type="submit" className="button" disabled={action.busy} data-testid="enroll-create">
            Create token
          </button>
        </form>
        {restOf(action.problem, shown) && <ProblemMessage problem={restOf(action.problem, shown)!} />}
        {created?.token && (
          <div className="once" role="status" data-testid="enroll-once">
            <p>
              <strong>Run this on each host</strong> (the token is not shown again):
            </p>
            <InstallCommand token={created.token} />
          </div>
        )}
      </section>
      <section className="card">
        <div className="card-head">
          <h2>Tokens</h2>
        </div>
        {tokens.error && !tokens.data ? (
          <FleetProblem problem={tokens.error} reload={tokens.reload} />
        ) : !tokens.data ? (
          <Loading />
        ) : tokens.data.length === 0 ? (
          <Empty title="No enrollment tokens" />
        ) : (
          <table className="table" data-testid="enroll-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Token</th>
                <th>State</th>
                <th>Uses</th>
                <th>Labels</th>
                <th>Expires</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id}>
                  <td className="cell-name">{t.name || <span className="muted">unnamed</span>}</td>
                  <td>
                    <code>{t.hint}…</code>
                  </td>
                  <td>
                    <StatusBadge status={t.state} />
                  </td>
                  <td>
                    {t.uses} / {t.maxUses}
                  </td>
                  <td>
                    <Labels labels={t.labels} />
                  </td>
                  <td>
                    <Time iso={t.expiresAt} />
                  </td>
                  <td className="cell-actions">
                    {t.state === 'ACTIVE' && (
                      <ConfirmButton
                        label="Revoke"
                        className="button button-small button-ghost-danger"
                        title="Revoke this token?"
                        message={<p>No new node can enroll with it; nodes already enrolled stay.</p>}
                        confirmLabel="Revoke"
                        onConfirm={async () => {
                          await vf.revokeEnrollmentToken(environment.id, t.id);
                          tokens.reload();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
