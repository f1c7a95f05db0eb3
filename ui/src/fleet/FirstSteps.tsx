import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { Link } from '../components/Link.tsx';
import { vf } from '../lib/client.ts';
import { useSession } from '../session.tsx';
import { fieldError, restOf, TextField, useAction } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { howToStart, nextSteps, type NextStep } from './firstSteps.ts';
import './fleet.css';

/** What an environment is, in one line, wherever the first one is made. */
export const ENVIRONMENT_IS =
  'An environment is a set of nodes (hosts running the VectorFlow agent) and the pipelines deployed to them, such as staging or production; a team owns it: its members see it and its admins manage it.';

/**
 * The overview of an installation without environments: explains what an environment is and creates the first one
 * (with its team when there is none yet) right here, then points at the next steps.
 */
export function FirstSteps({ onCreated }: { onCreated: () => void }) {
  const { state } = useSession();
  const workspace = useWorkspace();
  const platformAdmin = state.status === 'signed-in' && state.session.user.platformAdmin;
  const start = howToStart({ platformAdmin, teams: workspace.teams });
  const [teamName, setTeamName] = useState('');
  const [envName, setEnvName] = useState('');
  const [teamId, setTeamId] = useState('');
  const team = useAction();
  const env = useAction();

  const create = async () => {
    let owner = start.kind === 'environment' ? teamId || start.teams[0]?.id : undefined;
    if (start.kind === 'team-and-environment') {
      const made = await team.run(() => vf.createTeam(teamName.trim()));
      if (!made) return;
      owner = made.id;
    }
    if (!owner) return;
    const ownerId = owner;
    const made = await env.run(() => vf.createEnvironment(ownerId, envName.trim(), ''));
    // the team exists either way: the workspace learns about it (and picks the new environment)
    workspace.reload();
    if (made) {
      workspace.selectEnvironment(made.id);
      onCreated();
    }
  };

  return (
    <section className="card first-steps" aria-labelledby="first-steps-heading" data-testid="first-steps">
      <div className="card-head">
        <h2 id="first-steps-heading">Set up your first environment</h2>
      </div>
      <p data-testid="environment-explained">{ENVIRONMENT_IS}</p>
      {start.kind === 'ask-for-team' && (
        <p className="muted" data-testid="ask-for-team">
          You are not in a team yet. Ask a platform admin to add you to one (Users &amp; teams); its environments will then show here.
        </p>
      )}
      {start.kind === 'ask-team-admin' && (
        <p className="muted" data-testid="ask-team-admin">
          Your teams have no environment yet, and only a team admin can create one. Ask an admin of {workspace.teams.map((t) => t.name).join(', ')}.
        </p>
      )}
      {(start.kind === 'team-and-environment' || start.kind === 'environment') && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          {start.kind === 'team-and-environment' ? (
            <TextField
              label="Team"
              value={teamName}
              onChange={setTeamName}
              error={fieldError(team.problem, 'name')}
              placeholder="platform"
              hint="Who owns it"
              required
              testId="first-team-name"
            />
          ) : (
            <div className="field">
              <label htmlFor="first-team">Team</label>
              <select id="first-team" className="input" value={teamId || start.teams[0]?.id} onChange={(e) => setTeamId(e.target.value)} data-testid="first-team">
                {start.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <TextField
            label="Environment"
            value={envName}
            onChange={setEnvName}
            error={fieldError(env.problem, 'name')}
            placeholder="production"
            hint="For example staging or production"
            required
            testId="first-environment-name"
          />
          <button
            type="submit"
            className="button"
            disabled={team.busy || env.busy || !envName.trim() || (start.kind === 'team-and-environment' && !teamName.trim())}
            data-testid="first-create"
          >
            {start.kind === 'team-and-environment' ? 'Create team and environment' : 'Create environment'}
          </button>
        </form>
      )}
      {restOf(team.problem, ['name']) && <ProblemMessage problem={restOf(team.problem, ['name'])!} />}
      {restOf(env.problem, ['name']) && <ProblemMessage problem={restOf(env.problem, ['name'])!} />}
      <h3 className="subhead">Then</h3>
      <Steps steps={nextSteps({ nodes: 0, pipelines: 0, deployed: 0 })} links={false} />
    </section>
  );
}

/** The numbered next steps; done ones are ticked. */
export function Steps({ steps, links = true }: { steps: NextStep[]; links?: boolean }) {
  return (
    <ol className="steps" data-testid="next-steps">
      {steps.map((s) => (
        <li key={s.id} className={s.done ? 'step-done' : undefined} data-testid={`step-${s.id}`} data-done={s.done ? 'true' : 'false'}>
          <strong>{s.title}</strong>
          <p className="small muted">{s.text}</p>
          {links && !s.done && (
            <p className="small">
              <Link to={s.link} testId={`step-${s.id}-link`}>
                {s.linkText} →
              </Link>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
