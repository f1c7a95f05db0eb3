import { describe, expect, it } from 'vitest';
import { formatAgo, formatDateTime, isCheckUp, neededEnvironment, readinessChecks, readinessSummary } from './format.ts';

/** ICU versions differ in using narrow or no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatDateTime', () => {
  it('formats an instant in the given locale and time zone', () => {
    expect(plain(formatDateTime('2026-11-27T16:50:00.123Z', { locale: 'en-US', timeZone: 'UTC' }))).toBe(
      'Nov 27, 2026, 4:50:00 PM',
    );
    expect(plain(formatDateTime('2026-11-27T16:50:00.123Z', { locale: 'de-DE', timeZone: 'Europe/Berlin' }))).toBe(
      '27.11.2026, 17:50:00',
    );
  });

  it('uses the runtime locale when none is given', () => {
    const iso = '2026-01-02T03:04:05Z';
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(
      new Date(iso),
    );
    expect(formatDateTime(iso)).toBe(expected);
  });

  it('returns text that is not a valid instant unchanged', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('')).toBe('');
  });
});

describe('readiness', () => {
  it('knows which checks are up', () => {
    expect(isCheckUp('UP')).toBe(true);
    expect(isCheckUp(' up ')).toBe(true);
    expect(isCheckUp('DOWN: connection refused')).toBe(false);
    expect(isCheckUp('UPGRADING')).toBe(false);
  });

  it('sorts checks by name', () => {
    expect(
      readinessChecks({ ready: false, checks: { vector: 'UP', database: 'DOWN: connection refused' } }),
    ).toEqual([
      { name: 'database', message: 'DOWN: connection refused', up: false },
      { name: 'vector', message: 'UP', up: true },
    ]);
  });

  it('summarises the failing checks', () => {
    expect(readinessSummary({ ready: true, checks: { database: 'UP' } })).toBeUndefined();
    expect(
      readinessSummary({
        ready: false,
        checks: { database: 'DOWN: connection refused', disk: 'DOWN: full', vector: 'UP' },
      }),
    ).toBe('database: DOWN: connection refused; disk: DOWN: full');
    expect(readinessSummary({ ready: false, checks: {} })).toBe('The server reports that it is not ready.');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-11-27T22:00:00Z');
  it('says how long ago, in the largest fitting unit', () => {
    expect(formatAgo('2026-11-27T21:59:58Z', now)).toBe('just now');
    expect(formatAgo('2026-11-27T21:59:18Z', now)).toBe('42 s ago');
    expect(formatAgo('2026-11-27T21:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2026-11-27T19:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-11-25T22:00:00Z', now)).toBe('2 d ago');
    expect(formatAgo('not a date', now)).toBe('not a date');
  });
});

describe('neededEnvironment', () => {
  it('says nothing when a version needs no variables', () => {
    expect(neededEnvironment(undefined)).toBeNull();
    expect(neededEnvironment([])).toBeNull();
  });
  it('names each variable once, sorted, and where the agent takes them from', () => {
    const note = neededEnvironment(['REGION', 'API_HOST', 'REGION']);
    expect(note).toContain('these environment variables on every node');
    expect(note).toContain('agent.env');
    expect(note).toMatch(/: API_HOST, REGION$/);
    expect(neededEnvironment(['X'])).toContain('the environment variable');
  });
});
