import type { Health, Problem, Readiness } from '../api.ts';
import { readinessChecks, readinessSummary } from '../format.ts';
import type { ApiState } from '../useApi.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

interface Props {
  health: ApiState<Health>;
  readiness: ApiState<Readiness>;
}

/** Both calls failing the same way (e.g. server down) is shown once. */
function sameProblem(a: Problem, b: Problem): boolean {
  return a.status === b.status && a.title === b.title && a.detail === b.detail;
}

type BadgeState = 'ready' | 'not-ready' | 'unknown' | 'loading';

function badgeFor(readiness: ApiState<Readiness>): { state: BadgeState; label: string } {
  if (readiness.data) {
    return readiness.data.ready
      ? { state: 'ready', label: 'Ready' }
      : { state: 'not-ready', label: 'Not ready' };
  }
  if (readiness.error) return { state: 'unknown', label: 'Unknown' };
  return { state: 'loading', label: 'Checking…' };
}

export function ServerCard({ health, readiness }: Props) {
  const badge = badgeFor(readiness);
  const summary = readiness.data ? readinessSummary(readiness.data) : undefined;
  const checks = readiness.data ? readinessChecks(readiness.data) : [];

  let version = '…';
  if (health.data) version = health.data.version;
  else if (health.error) version = 'unavailable';

  return (
    <section className="card" aria-labelledby="server-heading">
      <div className="card-head">
        <h2 id="server-heading">Server</h2>
        <span
          className={`badge badge-${badge.state}`}
          data-testid="server-readiness"
          data-state={badge.state}
        >
          <span className="badge-dot" aria-hidden="true" />
          {badge.label}
        </span>
      </div>

      {(summary || readiness.error || health.error) && (
        <div className="notes">
          {summary && (
            <p className="readiness-message" data-testid="server-readiness-message">
              {summary}
            </p>
          )}
          {readiness.error && <ProblemMessage problem={readiness.error} testId="server-readiness-error" />}
          {health.error && !(readiness.error && sameProblem(health.error, readiness.error)) && (
            <ProblemMessage problem={health.error} testId="server-health-error" />
          )}
        </div>
      )}

      <dl className="facts">
        <div>
          <dt>Version</dt>
          <dd className="mono" data-testid="server-version">
            {version}
          </dd>
        </div>
        <div>
          <dt>Health</dt>
          <dd data-testid="server-health">{health.data ? health.data.status : health.error ? 'unavailable' : '…'}</dd>
        </div>
      </dl>

      {checks.length > 0 && (
        <>
          <h3 className="subhead">Readiness checks</h3>
          <ul className="checks">
            {checks.map((check) => (
              <li key={check.name} className={check.up ? 'check-up' : 'check-down'}>
                <span className="check-name">{check.name}</span>
                <span className="check-message">{check.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
