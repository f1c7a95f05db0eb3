/**
 * What the signed-in user may do in a team, so the screens can disable what the server would
 * refuse with a bare 403. The server stays the judge; this only mirrors its route rules.
 */
import type { TeamRole } from './api.ts';

const RANK: Record<TeamRole, number> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };
const NAMES: Record<TeamRole, string> = { VIEWER: 'Viewer', EDITOR: 'Editor', ADMIN: 'Admin' };

export function isTeamRole(value: unknown): value is TeamRole {
  return value === 'VIEWER' || value === 'EDITOR' || value === 'ADMIN';
}

/** What the UI knows about the caller: platform admins act as ADMIN of every team. */
export interface RoleSources {
  platformAdmin: boolean;
  /** Roles per team id, as GET /api/session and GET /api/teams answer them (the later answer wins). */
  roles: { id: string; role?: string | null }[][];
}

/** The caller's role in a team, or undefined when they have none (or the team is not known yet). */
export function roleInTeam(teamId: string | undefined, sources: RoleSources): TeamRole | undefined {
  if (sources.platformAdmin) return 'ADMIN';
  if (!teamId) return undefined;
  for (const list of [...sources.roles].reverse()) {
    const role = list.find((t) => t.id === teamId)?.role;
    if (isTeamRole(role)) return role;
  }
  return undefined;
}

/** The caller's permission in one team: `can` for the check, `why` for the tooltip of what is disabled. */
export interface Access {
  role: TeamRole | undefined;
  can(minimum: TeamRole): boolean;
  /** Undefined when allowed; otherwise the sentence a disabled control shows as its title. */
  why(minimum: TeamRole): string | undefined;
}

export function accessFor(role: TeamRole | undefined, teamName?: string): Access {
  const can = (minimum: TeamRole) => role !== undefined && RANK[role] >= RANK[minimum];
  return {
    role,
    can,
    why: (minimum) => (can(minimum) ? undefined : needsRole(minimum, role, teamName)),
  };
}

/** "Needs the Editor role in team ops (you are a Viewer)." */
export function needsRole(minimum: TeamRole, role: TeamRole | undefined, teamName?: string): string {
  const where = teamName ? ` in team ${teamName}` : '';
  const yours = role ? `you are ${role === 'ADMIN' ? 'an' : 'a'} ${NAMES[role]}` : 'you have no role there';
  return `Needs the ${NAMES[minimum]} role${where} (${yours}).`;
}
