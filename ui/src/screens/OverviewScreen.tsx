import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { EnvironmentsCard } from '../components/EnvironmentsCard.tsx';
import { Notice } from '../components/Notice.tsx';
import { ServerCard } from '../components/ServerCard.tsx';
import { useApi } from '../useApi.ts';
import { useWorkspace } from '../workspace.tsx';
import { FirstSteps } from '../fleet/FirstSteps.tsx';
import { FleetDashboard } from '../fleet/FleetDashboard.tsx';

// Stable loader functions, so useApi only reloads when the refresh counter changes.
const loadHealth = (signal: AbortSignal) => api.health(signal);
const loadReadiness = (signal: AbortSignal) => api.readiness(signal);
const loadEnvironments = (signal: AbortSignal) => api.listEnvironments(signal);

interface Props {
  notice?: string;
  onDismissNotice?: () => void;
}

/** Server status and the environments of the user's teams. Only mounted when signed in. */
export function OverviewScreen({ notice, onDismissNotice }: Props) {
  const [refreshCount, setRefreshCount] = useState(0);
  const health = useApi(loadHealth, refreshCount);
  const readiness = useApi(loadReadiness, refreshCount);
  const environments = useApi(loadEnvironments, refreshCount);
  const loading = health.loading || readiness.loading || environments.loading;
  const refresh = useCallback(() => setRefreshCount((n) => n + 1), []);
  const workspace = useWorkspace();

  return (
    <>
      {notice && <Notice message={notice} onDismiss={onDismissNotice} />}
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="page-lead">Your fleet, the server's status and the environments of your teams.</p>
        </div>
        <button type="button" className="button" onClick={refresh} disabled={loading} data-testid="refresh">
          <span className={loading ? 'spin' : undefined} aria-hidden="true">
            ⟳
          </span>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      <div className="grid">
        {environments.data?.items.length === 0 && !environments.error ? (
          <FirstSteps onCreated={refresh} />
        ) : (
          workspace.environment && <FleetDashboard key={workspace.environment.id} environment={workspace.environment} />
        )}
        <ServerCard health={health} readiness={readiness} />
        {environments.data?.items.length !== 0 && <EnvironmentsCard environments={environments} />}
      </div>
    </>
  );
}
