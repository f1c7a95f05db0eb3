/** The team and environment the user is working in, chosen in the top bar and remembered. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type Environment } from './api.ts';
import { vf, type Team } from './lib/client.ts';

interface Workspace {
  teams: Team[];
  environments: Environment[];
  team?: Team;
  environment?: Environment;
  loading: boolean;
  selectTeam(id: string): void;
  selectEnvironment(id: string): void;
  reload(): void;
}

const Ctx = createContext<Workspace | undefined>(undefined);
const TEAM_KEY = 'vectorflow.team';
const ENV_KEY = 'vectorflow.environment';

function stored(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}
function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [teams, setTeams] = useState<Team[]>([]);
  const [environments, setEnvironments] = useState<Environment[]>([]);
  const [teamId, setTeamId] = useState<string | undefined>(stored(TEAM_KEY));
  const [envId, setEnvId] = useState<string | undefined>(stored(ENV_KEY) || undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    Promise.all([vf.teams(controller.signal), api.listEnvironments(controller.signal)]).then(
      ([t, e]) => {
        setTeams(t);
        setEnvironments(e.items);
        setLoading(false);
      },
      () => !controller.signal.aborted && setLoading(false),
    );
    return () => controller.abort();
  }, [tick]);

  // A chosen environment decides the team (it may have been chosen right after its creation).
  const chosen = environments.find((e) => e.id === envId);
  const team = (chosen?.teamId ? teams.find((t) => t.id === chosen.teamId) : undefined) ?? teams.find((t) => t.id === teamId) ?? teams[0];
  const teamEnvs = environments.filter((e) => !team || !e.teamId || e.teamId === team.id);
  const environment = teamEnvs.find((e) => e.id === envId) ?? teamEnvs[0];

  const selectTeam = useCallback((id: string) => {
    setTeamId(id);
    store(TEAM_KEY, id);
    // The environment follows the team: its first one, until another is chosen.
    setEnvId(undefined);
    store(ENV_KEY, '');
  }, []);
  const selectEnvironment = useCallback((id: string) => {
    setEnvId(id);
    store(ENV_KEY, id);
  }, []);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  const value = useMemo(
    () => ({ teams, environments, team, environment, loading, selectTeam, selectEnvironment, reload }),
    [teams, environments, team, environment, loading, selectTeam, selectEnvironment, reload],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkspace(): Workspace {
  const w = useContext(Ctx);
  if (!w) throw new Error('useWorkspace outside WorkspaceProvider');
  return w;
}

/** The switcher in the top bar: team, then environment of that team. */
export function WorkspaceSwitcher() {
  const w = useWorkspace();
  if (w.loading && w.teams.length === 0) return null;
  const envs = w.environments.filter((e) => !w.team || !e.teamId || e.teamId === w.team.id);
  return (
    <div className="switcher">
      <label className="switcher-item">
        <span>Team</span>
        <select
          value={w.team?.id ?? ''}
          onChange={(e) => w.selectTeam(e.target.value)}
          data-testid="team-switcher"
          aria-label="Team"
          disabled={w.teams.length === 0}
        >
          {w.teams.length === 0 && <option value="">no team</option>}
          {w.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="switcher-item">
        <span>Environment</span>
        <select
          value={w.environment?.id ?? ''}
          onChange={(e) => w.selectEnvironment(e.target.value)}
          data-testid="env-switcher"
          aria-label="Environment"
          disabled={envs.length === 0}
        >
          {envs.length === 0 && <option value="">no environment</option>}
          {envs.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
