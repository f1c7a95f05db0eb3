import { describe, expect, it } from 'vitest';
import { accessFor, needsRole, roleInTeam } from './access.ts';

describe('roleInTeam', () => {
  it('gives a platform admin ADMIN in every team, even one not listed', () => {
    expect(roleInTeam('t-unknown', { platformAdmin: true, roles: [] })).toBe('ADMIN');
  });
  it('reads the membership, the later list (GET /api/teams) winning over the session', () => {
    const session = [{ id: 't1', role: 'EDITOR' }];
    const teams = [{ id: 't1', role: 'VIEWER' }];
    expect(roleInTeam('t1', { platformAdmin: false, roles: [session] })).toBe('EDITOR');
    expect(roleInTeam('t1', { platformAdmin: false, roles: [session, teams] })).toBe('VIEWER');
  });
  it('falls back to the session while the team list carries no role', () => {
    expect(roleInTeam('t1', { platformAdmin: false, roles: [[{ id: 't1', role: 'EDITOR' }], [{ id: 't1' }]] })).toBe('EDITOR');
  });
  it('knows no role in another team or without a team', () => {
    expect(roleInTeam('t2', { platformAdmin: false, roles: [[{ id: 't1', role: 'ADMIN' }]] })).toBeUndefined();
    expect(roleInTeam(undefined, { platformAdmin: false, roles: [[{ id: 't1', role: 'ADMIN' }]] })).toBeUndefined();
  });
});

describe('accessFor', () => {
  it('lets a viewer view but not edit, and says which role is needed', () => {
    const viewer = accessFor('VIEWER', 'ops');
    expect(viewer.can('VIEWER')).toBe(true);
    expect(viewer.can('EDITOR')).toBe(false);
    expect(viewer.why('VIEWER')).toBeUndefined();
    expect(viewer.why('EDITOR')).toBe('Needs the Editor role in team ops (you are a Viewer).');
    expect(viewer.why('ADMIN')).toBe('Needs the Admin role in team ops (you are a Viewer).');
  });
  it('lets an editor edit but not administer, and an admin everything', () => {
    expect(accessFor('EDITOR').can('EDITOR')).toBe(true);
    expect(accessFor('EDITOR').can('ADMIN')).toBe(false);
    expect(accessFor('ADMIN').can('ADMIN')).toBe(true);
  });
  it('allows nothing while the role is unknown', () => {
    expect(accessFor(undefined).can('VIEWER')).toBe(false);
    expect(needsRole('EDITOR', undefined)).toBe('Needs the Editor role (you have no role there).');
    expect(needsRole('EDITOR', 'ADMIN', 'x')).toContain('you are an Admin');
  });
});
