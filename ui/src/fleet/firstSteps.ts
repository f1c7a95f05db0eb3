/** What a new installation offers its first users, decided from what exists (pure, for the overview). */

export type Start =
  /** A platform admin with no team yet: one form makes the team and its first environment. */
  | { kind: 'team-and-environment' }
  /** Teams exist: an environment for one the user may administer. */
  | { kind: 'environment'; teams: { id: string; name: string }[] }
  /** Nothing the user may create: someone has to add them to a team. */
  | { kind: 'ask-for-team' }
  /** The user has teams but administers none: its admins create environments. */
  | { kind: 'ask-team-admin' };

export interface StartInput {
  platformAdmin: boolean;
  /** Teams the user sees, with their role in each (platform admins act as admin of every team). */
  teams: { id: string; name: string; role?: string }[];
}

export function howToStart({ platformAdmin, teams }: StartInput): Start {
  if (teams.length === 0) return platformAdmin ? { kind: 'team-and-environment' } : { kind: 'ask-for-team' };
  const administered = teams.filter((t) => platformAdmin || t.role === 'ADMIN').map(({ id, name }) => ({ id, name }));
  return administered.length > 0 ? { kind: 'environment', teams: administered } : { kind: 'ask-team-admin' };
}

export interface NextStep {
  id: 'enroll' | 'pipeline' | 'deploy';
  title: string;
  text: string;
  link: string;
  linkText: string;
  done: boolean;
}

/** The steps after an environment exists, each done once the fleet shows it. */
export function nextSteps(fleet: { nodes: number; pipelines: number; deployed: number }): NextStep[] {
  return [
    {
      id: 'enroll',
      title: 'Enroll a node',
      text: 'Create an enrollment token and run the printed command on a host: its agent joins this environment and shows up here.',
      link: '/fleet/enrollment',
      linkText: 'Create an enrollment token',
      done: fleet.nodes > 0,
    },
    {
      id: 'pipeline',
      title: 'Build your first pipeline',
      text: 'Drag sources, transforms and sinks onto the canvas, or import an existing Vector file, and publish a version.',
      link: '/pipelines',
      linkText: 'Open pipelines',
      done: fleet.pipelines > 0,
    },
    {
      id: 'deploy',
      title: 'Deploy it',
      text: 'In the editor, Deploy sends a published version to the nodes whose labels match; their status and events appear here.',
      link: '/pipelines',
      linkText: 'Choose a pipeline to deploy',
      done: fleet.deployed > 0,
    },
  ];
}
