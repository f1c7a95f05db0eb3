import { describe, expect, it } from 'vitest';
import { changedValues, scopesFrom, sourceText, type Setting, type SettingGroup } from './settings.ts';

const setting = (over: Partial<Setting>): Setting => ({
  key: 'fleet.pollIntervalMs',
  label: 'Poll interval',
  description: '',
  environmentVariable: 'VF_POLL_INTERVAL_MS',
  kind: 'integer',
  optional: false,
  secret: false,
  defaultValue: '15000',
  value: '15000',
  secretSet: false,
  source: 'DEFAULT',
  lockedByEnvironment: false,
  restartRequired: false,
  ...over,
});

describe('the values a save sends', () => {
  const groups: SettingGroup[] = [
    {
      name: 'FLEET',
      label: 'Fleet',
      settings: [
        setting({}),
        setting({ key: 'fleet.agentRateLimit', environmentVariable: 'VF_AGENT_RATE_LIMIT', value: '500', source: 'ENVIRONMENT', lockedByEnvironment: true }),
        setting({ key: 'backup.s3SecretKey', secret: true, value: '', secretSet: true, source: 'STORED' }),
        setting({ key: 'backup.schedule', value: '@daily', source: 'STORED' }),
      ],
    },
  ];

  it('are the changed ones, secrets only when typed, defaults as null, never what the environment sets', () => {
    expect(
      changedValues(groups, { 'fleet.pollIntervalMs': '5000', 'fleet.agentRateLimit': '1', 'backup.s3SecretKey': '' }, new Set(['backup.schedule'])),
    ).toEqual({ 'fleet.pollIntervalMs': '5000', 'backup.schedule': null });
    expect(changedValues(groups, { 'backup.s3SecretKey': 'new-key', 'fleet.pollIntervalMs': '15000' }, new Set())).toEqual({
      'backup.s3SecretKey': 'new-key',
    });
  });

  it('say where a value comes from', () => {
    expect(sourceText(groups[0]!.settings[1]!)).toContain('VF_AGENT_RATE_LIMIT');
    expect(sourceText(setting({ source: 'STORED', updatedBy: 'user:root@example.com' }))).toBe('Stored by root@example.com; default 15000.');
  });

  it('read scopes separated by spaces or commas', () => {
    expect(scopesFrom(' openid, email  profile ')).toEqual(['openid', 'email', 'profile']);
  });
});
