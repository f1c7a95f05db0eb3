/** Firing-alert counts per node and per pipeline, for the badges of the fleet and pipeline screens. */
import { useEffect } from 'react';
import { Link } from '../components/Link.tsx';
import { useLoad } from '../ui.tsx';
import { alertsApi, firingCounts, MAX_ALERTS, shownState, type Alert, type FiringCounts } from './alertsApi.ts';
import './alerts.css';

const REFRESH_MS = 15_000;

/** The firing alerts of an environment (acknowledged or not, at most 500), counted; reloaded every 15 s. */
export function useFiringCounts(envId: string | undefined): FiringCounts | undefined {
  const load = useLoad(
    envId ? async (s) => firingCounts(await alertsApi.alerts(envId, { state: 'firing', limit: MAX_ALERTS }, s)) : undefined,
    [envId],
  );
  const { reload } = load;
  useEffect(() => {
    if (!envId) return;
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [envId, reload]);
  return load.data;
}

/** "2 firing", linking to the alert list; nothing when none fires. */
export function AlertBadge({ count, capped, testId = 'alert-badge' }: { count: number | undefined; capped?: boolean; testId?: string }) {
  if (!count) return null;
  const text = `${count}${capped ? '+' : ''} firing`;
  return (
    <Link to="/alerts" className="badge badge-bad alert-badge" testId={testId}>
      <span title={`${text} alert${count === 1 ? '' : 's'}`}>{text}</span>
    </Link>
  );
}

function severityTone(severity: string): string {
  return severity === 'critical' ? 'bad' : severity === 'warning' ? 'warn' : 'neutral';
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge badge-${severityTone(severity)}`}>{severity}</span>;
}

/** The state of an alert as a badge: firing is bad, pending and acknowledged need a look, resolved is fine. */
export function AlertStateBadge({ alert }: { alert: Alert }) {
  const state = shownState(alert);
  const tone = state === 'FIRING' ? 'bad' : state === 'RESOLVED' ? 'ok' : 'warn';
  return (
    <>
      <span className={`badge badge-${tone}`} data-testid="alert-state">
        {state}
      </span>
      {alert.silenced && <span className="tag">silenced</span>}
    </>
  );
}

/** The firing-alert badge of one node or one pipeline (its own load, for a page about one of them). */
export function SubjectAlertBadge({ envId, nodeId, pipelineId }: { envId: string | undefined; nodeId?: string; pipelineId?: string }) {
  const counts = useFiringCounts(envId);
  const count = nodeId ? counts?.byNode[nodeId] : pipelineId ? counts?.byPipeline[pipelineId] : undefined;
  return <AlertBadge count={count} capped={counts?.capped} />;
}
