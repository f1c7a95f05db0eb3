import { useCallback, useState } from 'react';
import { api } from './api.ts';
import { useApi } from './useApi.ts';
import { ServerCard } from './components/ServerCard.tsx';
import { EnvironmentsCard } from './components/EnvironmentsCard.tsx';
import { Logo } from './components/Logo.tsx';

// Stable loader functions, so useApi only reloads when the refresh counter changes.
const loadHealth = (signal: AbortSignal) => api.health(signal);
const loadReadiness = (signal: AbortSignal) => api.readiness(signal);
const loadEnvironments = (signal: AbortSignal) => api.listEnvironments(signal);

export function App() {
  const [refreshCount, setRefreshCount] = useState(0);
  const health = useApi(loadHealth, refreshCount);
  const readiness = useApi(loadReadiness, refreshCount);
  const environments = useApi(loadEnvironments, refreshCount);
  const loading = health.loading || readiness.loading || environments.loading;
  const refresh = useCallback(() => setRefreshCount((n) => n + 1), []);

  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href="/" aria-label="VectorFlow home">
            <Logo />
            <span className="brand-name">VectorFlow</span>
          </a>
          <span className="brand-tagline">Management plane for Vector pipelines</span>
        </div>
      </header>

      <main className="content">
        <div className="page-head">
          <div>
            <h1>Overview</h1>
            <p className="page-lead">Server status and the environments it manages.</p>
          </div>
          <button
            type="button"
            className="button"
            onClick={refresh}
            disabled={loading}
            data-testid="refresh"
          >
            <span className={loading ? 'spin' : undefined} aria-hidden="true">
              ⟳
            </span>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>

        <div className="grid">
          <ServerCard health={health} readiness={readiness} />
          <EnvironmentsCard environments={environments} />
        </div>
      </main>
    </div>
  );
}
