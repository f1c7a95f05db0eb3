import { useMemo } from 'react';
import { accessFor, roleInTeam, type Access } from './access.ts';
import { useSession } from './session.tsx';
import { useWorkspace } from './workspace.tsx';

/**
 * The signed-in user's access in the team that owns an environment (or in a team given by id):
 * the roles come from GET /api/session and GET /api/teams; platform admins act as ADMIN everywhere.
 */
export function useAccess(where: { environmentId?: string; teamId?: string }): Access {
  const { state } = useSession();
  const workspace = useWorkspace();
  const session = state.status === 'signed-in' ? state.session : undefined;
  const teamId = where.teamId ?? workspace.environments.find((e) => e.id === where.environmentId)?.teamId;
  const role = roleInTeam(teamId, { platformAdmin: session?.user.platformAdmin ?? false, roles: [session?.teams ?? [], workspace.teams] });
  const teamName = (workspace.teams.find((t) => t.id === teamId) ?? session?.teams.find((t) => t.id === teamId))?.name;
  return useMemo(() => accessFor(role, teamName), [role, teamName]);
}
