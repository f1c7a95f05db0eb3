import { describe, expect, it } from 'vitest';
import { appRouteFor } from './routes.ts';

describe('appRouteFor', () => {
  it('maps paths to screens', () => {
    expect(appRouteFor('/')).toEqual({ name: 'overview' });
    expect(appRouteFor('/pipelines')).toEqual({ name: 'pipelines' });
    expect(appRouteFor('/pipelines/abc')).toEqual({ name: 'editor', id: 'abc' });
    expect(appRouteFor('/fleet/nodes/n1')).toEqual({ name: 'node', id: 'n1' });
    expect(appRouteFor('/fleet/enrollment')).toEqual({ name: 'enrollment' });
    expect(appRouteFor('/fleet/agents')).toEqual({ name: 'agents' });
    expect(appRouteFor('/audit/')).toEqual({ name: 'audit' });
    expect(appRouteFor('/admin/backups')).toEqual({ name: 'backups' });
    expect(appRouteFor('/admin/settings')).toEqual({ name: 'settings' });
    expect(appRouteFor('/account/two-factor')).toEqual({ name: 'two-factor' });
    expect(appRouteFor('/alerts')).toEqual({ name: 'alerts', tab: 'alerts' });
    expect(appRouteFor('/alerts/rules')).toEqual({ name: 'alerts', tab: 'rules' });
    expect(appRouteFor('/alerts/silences')).toEqual({ name: 'alerts', tab: 'silences' });
    expect(appRouteFor('/alerts/channels')).toEqual({ name: 'alerts', tab: 'channels' });
    expect(appRouteFor('/alerts/other')).toEqual({ name: 'not-found' });
    expect(appRouteFor('/api-reference')).toEqual({ name: 'api-reference' });
    expect(appRouteFor('/api-reference/x')).toEqual({ name: 'not-found' });
    expect(appRouteFor('/some/deep/link')).toEqual({ name: 'not-found' });
  });
});
