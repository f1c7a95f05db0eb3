/** The screens of a signed-in user, by path. */
export type AppRoute =
  | { name: 'overview' }
  | { name: 'pipelines' }
  | { name: 'editor'; id: string }
  | { name: 'fleet' }
  | { name: 'node'; id: string }
  | { name: 'enrollment' }
  | { name: 'agents' }
  | { name: 'secrets' }
  | { name: 'admin' }
  | { name: 'backups' }
  | { name: 'settings' }
  | { name: 'two-factor' }
  | { name: 'tokens' }
  | { name: 'audit' }
  | { name: 'alerts'; tab: 'alerts' | 'rules' | 'silences' | 'channels' }
  | { name: 'api-reference' }
  | { name: 'not-found' };

export function appRouteFor(pathname: string): AppRoute {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c] = parts;
  if (parts.length === 0) return { name: 'overview' };
  if (a === 'pipelines' && !b) return { name: 'pipelines' };
  if (a === 'pipelines' && b && !c) return { name: 'editor', id: b };
  if (a === 'fleet' && !b) return { name: 'fleet' };
  if (a === 'fleet' && b === 'enrollment' && !c) return { name: 'enrollment' };
  if (a === 'fleet' && b === 'agents' && !c) return { name: 'agents' };
  if (a === 'fleet' && b === 'nodes' && c) return { name: 'node', id: c };
  if (a === 'secrets' && !b) return { name: 'secrets' };
  if (a === 'admin' && !b) return { name: 'admin' };
  if (a === 'admin' && b === 'backups' && !c) return { name: 'backups' };
  if (a === 'admin' && b === 'settings' && !c) return { name: 'settings' };
  if (a === 'account' && b === 'two-factor' && !c) return { name: 'two-factor' };
  if (a === 'tokens' && !b) return { name: 'tokens' };
  if (a === 'audit' && !b) return { name: 'audit' };
  if (a === 'alerts' && !b) return { name: 'alerts', tab: 'alerts' };
  if (a === 'alerts' && (b === 'rules' || b === 'silences' || b === 'channels') && !c) return { name: 'alerts', tab: b };
  if (a === 'api-reference' && !b) return { name: 'api-reference' };
  return { name: 'not-found' };
}

/** `platformAdmin`: shown to platform admins only. */
export const NAV: { path: string; label: string; match: AppRoute['name'][]; platformAdmin?: boolean }[] = [
  { path: '/', label: 'Overview', match: ['overview'] },
  { path: '/pipelines', label: 'Pipelines', match: ['pipelines', 'editor'] },
  { path: '/fleet', label: 'Fleet', match: ['fleet', 'node', 'enrollment', 'agents'] },
  { path: '/alerts', label: 'Alerts', match: ['alerts'] },
  { path: '/secrets', label: 'Secrets', match: ['secrets'] },
  { path: '/tokens', label: 'API tokens', match: ['tokens'] },
  { path: '/admin', label: 'Users & teams', match: ['admin'] },
  { path: '/audit', label: 'Audit log', match: ['audit'] },
  { path: '/admin/backups', label: 'Backups', match: ['backups'], platformAdmin: true },
  { path: '/admin/settings', label: 'Settings', match: ['settings'], platformAdmin: true },
  { path: '/api-reference', label: 'API', match: ['api-reference'] },
];
