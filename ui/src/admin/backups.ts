/** The backup API (`/api/backups`, `/api/restore`) for the Backups screen: platform admins only. */
import { api, type ApiClient } from '../api.ts';

export interface Backup {
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | string;
  trigger: 'MANUAL' | 'SCHEDULED' | 'PRE_RESTORE' | string;
  startedAt: string;
  finishedAt?: string | null;
  durationMillis?: number | null;
  createdBy: string;
  target: string;
  telemetryIncluded: boolean;
  bytes: number;
  sha256?: string | null;
  rows: number;
  tableRows: Record<string, number>;
  error?: string | null;
  /** The file is in the storage (a failed run, or one retention deleted, has none). */
  available: boolean;
}

export interface RestoreProgress {
  source: string;
  phase: 'VERIFYING' | 'PRE_RESTORE_BACKUP' | 'RESTORING' | 'SUCCEEDED' | 'FAILED' | string;
  running: boolean;
  startedAt: string;
  finishedAt?: string | null;
  tablesDone: number;
  tablesTotal: number;
  rowsRestored: number;
  preRestoreBackup?: string | null;
  auditVerification?: string | null;
  error?: string | null;
}

export interface BackupOverview {
  items: Backup[];
  storage: string;
  schedule?: string | null;
  nextScheduled?: string | null;
  retention: string;
  telemetryInScheduled: boolean;
  restore?: RestoreProgress | null;
}

export interface BackupCheck {
  name: string;
  bytes: number;
  sha256: string;
  vectorflowVersion: string;
  schemaChangesets: number;
  buildSchemaChangesets: number;
  postgresVersion: string;
  createdAt: string;
  createdBy: string;
  telemetryIncluded: boolean;
  tableRows: Record<string, number>;
  rows: number;
  preRestoreBackupFirst: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const enc = encodeURIComponent;

/** The calls, bound to one client (the app's, or a test's). */
export function createBackupsApi(client: ApiClient = api) {
  const obj = <T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal) =>
    client.request<T>(path, { method, body, signal, validate: (v): v is T => isObject(v) });
  return {
    overview: (s?: AbortSignal) => obj<BackupOverview>('/api/backups', 'GET', undefined, s),
    start: (includeTelemetry: boolean) => obj<Backup>('/api/backups', 'POST', { includeTelemetry }),
    verify: (name: string) => obj<BackupCheck>(`/api/backups/${enc(name)}/verify`, 'POST', {}),
    restore: (name: string, confirm: string) => obj<RestoreProgress>(`/api/backups/${enc(name)}/restore`, 'POST', { confirm }),
    progress: async (s?: AbortSignal) => (await obj<{ restore?: RestoreProgress | null }>('/api/restore', 'GET', undefined, s)).restore ?? undefined,
    downloadUrl: (name: string) => `/api/backups/${enc(name)}/download`,
  };
}

export const backupsApi = createBackupsApi();

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** 1234 → "1.2 s", 65000 → "1 min 5 s". */
export function formatDuration(millis: number | null | undefined): string {
  if (millis === null || millis === undefined) return '—';
  if (millis < 1000) return `${millis} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(1)} s`;
  return `${Math.floor(millis / 60_000)} min ${Math.round((millis % 60_000) / 1000)} s`;
}

/** What a restore's phase means to a person. */
export function phaseLabel(phase: string): string {
  switch (phase) {
    case 'VERIFYING':
      return 'Verifying the backup';
    case 'PRE_RESTORE_BACKUP':
      return 'Backing up the current database first';
    case 'RESTORING':
      return 'Restoring tables';
    case 'SUCCEEDED':
      return 'Restored';
    case 'FAILED':
      return 'Failed — nothing was changed';
    default:
      return phase;
  }
}
