import type { EnvironmentList } from '../api.ts';
import { formatDateTime } from '../format.ts';
import type { ApiState } from '../useApi.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

interface Props {
  environments: ApiState<EnvironmentList>;
}

export function EnvironmentsCard({ environments }: Props) {
  const { data, error, loading } = environments;
  const items = data?.items ?? [];

  let body;
  if (error) {
    body = <ProblemMessage problem={error} testId="environments-error" />;
  } else if (!data) {
    body = <p className="muted">{loading ? 'Loading environments…' : ''}</p>;
  } else if (items.length === 0) {
    body = (
      <div className="empty" data-testid="environments-empty">
        <p className="empty-title">No environments yet</p>
        <p className="muted">
          Environments group the Vector agents of one fleet, such as staging or production. The environments
          of your teams will be listed here.
        </p>
      </div>
    );
  } else {
    body = (
      <div className="table-wrap">
        <table className="table" data-testid="environment-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Team</th>
              <th scope="col">Description</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((env) => (
              <tr key={env.id} data-testid="environment-row" data-environment-id={env.id}>
                <td className="cell-name" data-testid="environment-name">
                  {env.name}
                </td>
                <td className={env.teamName ? undefined : 'muted'} data-testid="environment-team">
                  {env.teamName || '—'}
                </td>
                <td className={env.description ? undefined : 'muted'}>{env.description || '—'}</td>
                <td>
                  <time dateTime={env.createdAt} title={env.createdAt}>
                    {formatDateTime(env.createdAt)}
                  </time>
                </td>
                <td>
                  <time dateTime={env.updatedAt} title={env.updatedAt}>
                    {formatDateTime(env.updatedAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="card card-wide" aria-labelledby="environments-heading">
      <div className="card-head">
        <h2 id="environments-heading">Environments</h2>
        {data && !error && <span className="count">{items.length}</span>}
      </div>
      {body}
    </section>
  );
}
