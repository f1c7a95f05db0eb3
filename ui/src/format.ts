import type { Readiness } from './api.ts';

export interface DateTimeOptions {
  /** BCP 47 locale; undefined means the browser's. */
  locale?: string | string[];
  /** IANA time zone; undefined means the browser's. */
  timeZone?: string;
}

/**
 * Formats an ISO-8601 instant as a date and time in the browser's locale and
 * time zone (overridable for tests). A value that is not a valid instant is
 * returned unchanged, so nothing is hidden from the user.
 */
/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago": how long before `now` an instant was. */
export function formatAgo(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 5) return 'just now';
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function formatDateTime(iso: string, options: DateTimeOptions = {}): string {
  const date = new Date(iso);
  if (iso.trim() === '' || Number.isNaN(date.getTime())) return iso;
  const format = new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  return format.format(date);
}

export interface CheckResult {
  name: string;
  up: boolean;
  /** The server's text, e.g. "UP" or "DOWN: connection refused". */
  message: string;
}

/** A check is up when its text is exactly "UP" (case-insensitive, surrounding spaces ignored). */
export function isCheckUp(message: string): boolean {
  return message.trim().toUpperCase() === 'UP';
}

/** The readiness checks sorted by name, each flagged up or not. */
export function readinessChecks(readiness: Readiness): CheckResult[] {
  return Object.entries(readiness.checks)
    .map(([name, message]) => ({ name, message, up: isCheckUp(message) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One line explaining why the server is not ready, naming every failing check
 * ("database: DOWN: connection refused"); undefined when it is ready.
 */
export function readinessSummary(readiness: Readiness): string | undefined {
  if (readiness.ready) return undefined;
  const failing = readinessChecks(readiness).filter((c) => !c.up);
  if (failing.length === 0) return 'The server reports that it is not ready.';
  return failing.map((c) => `${c.name}: ${c.message}`).join('; ');
}

/**
 * What a deployed version needs in the environment of the nodes' agents, as one sentence; null when it needs nothing.
 * Vector reads `${VAR}` only when run with interpolation on, which the agent does for such configs.
 */
export function neededEnvironment(variables: readonly string[] | undefined): string | null {
  const names = [...new Set(variables ?? [])].sort();
  if (names.length === 0) return null;
  return `Needs ${names.length === 1 ? 'the environment variable' : 'these environment variables'} on every node (in the agent's environment, e.g. /etc/vectorflow-agent/agent.env): ${names.join(', ')}`;
}
