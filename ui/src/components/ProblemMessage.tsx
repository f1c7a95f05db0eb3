import type { Problem } from '../api.ts';

interface Props {
  problem: Problem;
  testId?: string;
}

/** Shows an API error: its title, detail and any field problems. */
export function ProblemMessage({ problem, testId }: Props) {
  return (
    <div className="alert" role="alert" data-testid={testId}>
      <div className="alert-title">
        {problem.title}
        {problem.status > 0 && <span className="alert-status">HTTP {problem.status}</span>}
      </div>
      {problem.detail && <p className="alert-detail">{problem.detail}</p>}
      {problem.problems && problem.problems.length > 0 && (
        <ul className="alert-fields">
          {problem.problems.map((p, i) => (
            <li key={`${p.field}-${i}`}>
              {p.field && <code>{p.field}</code>} {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
