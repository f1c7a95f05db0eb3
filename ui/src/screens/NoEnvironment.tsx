import { Link } from '../components/Link.tsx';
import { useWorkspace } from '../workspace.tsx';
import { Loading } from '../ui.tsx';

/** Shown by environment-scoped screens while no environment exists or is chosen. */
export function NoEnvironment({ what }: { what: string }) {
  const w = useWorkspace();
  if (w.loading) return <Loading />;
  return (
    <div className="empty" data-testid="no-environment">
      <p className="empty-title">No environment yet</p>
      <p className="muted">
        {what.charAt(0).toUpperCase() + what.slice(1)} belong to an environment. {w.teams.length === 0 ? 'First create a team under ' : 'Create one on the '}
        {w.teams.length === 0 ? <Link to="/admin">Users &amp; teams</Link> : <Link to="/">Overview</Link>}.
      </p>
    </div>
  );
}
