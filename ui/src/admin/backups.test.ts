import { describe, expect, it } from 'vitest';
import { createBackupsApi, formatBytes, formatDuration, phaseLabel } from './backups.ts';
import type { ApiClient, RequestOptions } from '../api.ts';

describe('backups', () => {
  it('formats sizes and durations for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12 MB');
    expect(formatDuration(340)).toBe('340 ms');
    expect(formatDuration(1250)).toBe('1.3 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(undefined)).toBe('—');
    expect(phaseLabel('FAILED')).toContain('nothing was changed');
  });

  it('sends the typed confirmation and escapes the name in the path', async () => {
    const calls: { path: string; method?: string; body?: unknown }[] = [];
    const client = {
      request: <T,>(path: string, options: RequestOptions<T>) => {
        calls.push({ path, method: options.method, body: options.body });
        return Promise.resolve({ restore: null } as T);
      },
    } as unknown as ApiClient;
    const backups = createBackupsApi(client);
    await backups.restore('vectorflow-a b.vfbackup', 'vectorflow-a b.vfbackup');
    expect(await backups.progress()).toBeUndefined();
    expect(calls[0]).toEqual({ path: '/api/backups/vectorflow-a%20b.vfbackup/restore', method: 'POST', body: { confirm: 'vectorflow-a b.vfbackup' } });
    expect(backups.downloadUrl('x.vfbackup')).toBe('/api/backups/x.vfbackup/download');
  });
});
