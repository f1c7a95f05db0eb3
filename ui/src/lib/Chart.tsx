/** A small SVG line chart (no library): time on x, one or more series on y. */
import { createContext, useContext, useEffect, useRef } from 'react';

export interface Series {
  label: string;
  color: string;
  points: { t: number; v: number | null }[];
}

export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

/** `span` (epoch ms) is the chosen time range, so one minute of data sits at the right end rather than filling the chart. */
/** What the empty charts inside it say instead of "No data in this range." (see {@link emptyChartNote}). */
export const ChartEmptyNote = createContext<string | undefined>(undefined);

/** `emptyNote` replaces the bare "No data in this range." (e.g. when the first point is due, see {@link emptyChartNote}). */
export function LineChart({ title, series, format = (v) => v.toFixed(1), height = 140, testId, span, emptyNote }: { title: string; series: Series[]; format?: (v: number) => string; height?: number; testId?: string; span?: { from: number; to: number }; emptyNote?: string }) {
  const contextNote = useContext(ChartEmptyNote);
  const width = 520;
  const pad = { l: 56, r: 8, t: 8, b: 22 };
  const all = series.flatMap((s) => s.points);
  const values = all.map((p) => p.v).filter((v): v is number => v !== null && Number.isFinite(v));
  const times = all.map((p) => p.t);
  if (values.length === 0)
    return (
      <figure className="chart" data-testid={testId}>
        <figcaption>{title}</figcaption>
        <p className="muted small chart-empty" data-testid="chart-empty">
          {emptyNote ?? contextNote ?? 'No data in this range.'}
        </p>
      </figure>
    );
  const t0 = Math.min(...times, span?.from ?? Infinity);
  const t1 = Math.max(...times, span?.to ?? -Infinity, t0 + 1);
  const max = niceMax(Math.max(...values));
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - v / max) * (height - pad.t - pad.b);
  const path = (s: Series) => {
    let d = '';
    let pen = false;
    for (const p of s.points) {
      if (p.v === null || !Number.isFinite(p.v)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  /** Points with no neighbour to draw a line to (the first minute of data, gaps) show as dots. */
  const isolated = (s: Series) =>
    s.points.filter((p, i) => {
      const ok = (q: { v: number | null } | undefined) => q !== undefined && q.v !== null && Number.isFinite(q.v);
      return ok(p) && !ok(s.points[i - 1]) && !ok(s.points[i + 1]);
    }) as { t: number; v: number }[];
  const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title}
        <span className="chart-legend">
          {series.map((s) => (
            <span key={s.label}>
              <i style={{ background: s.color }} /> {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={pad.l} x2={width - pad.r} y1={y(max * f)} y2={y(max * f)} className="chart-grid" />
            <text x={pad.l - 6} y={y(max * f) + 4} textAnchor="end" className="chart-axis">
              {format(max * f)}
            </text>
          </g>
        ))}
        <text x={pad.l} y={height - 6} className="chart-axis">
          {time(t0)}
        </text>
        <text x={width - pad.r} y={height - 6} textAnchor="end" className="chart-axis">
          {time(t1)}
        </text>
        {series.map((s) => (
          <g key={s.label}>
            <path d={path(s)} fill="none" stroke={s.color} strokeWidth={1.8} />
            {isolated(s).map((p) => (
              <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r={2.5} fill={s.color} />
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

export function formatRate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}

export const RANGES = [
  { id: '15m', label: 'Last 15 minutes', minutes: 15, step: 60 },
  { id: '1h', label: 'Last hour', minutes: 60, step: 60 },
  { id: '6h', label: 'Last 6 hours', minutes: 360, step: 300 },
  { id: '24h', label: 'Last 24 hours', minutes: 1440, step: 900 },
  { id: '7d', label: 'Last 7 days', minutes: 10080, step: 3600 },
] as const;

/** The chosen range in epoch ms, for LineChart's `span`. */
export function rangeSpan(id: string, now = Date.now()): { from: number; to: number } {
  const r = RANGES.find((x) => x.id === id) ?? RANGES[1];
  return { from: now - r.minutes * 60_000, to: now };
}

export function rangeWindow(id: string, now = Date.now()): { from: string; to: string; step: number } {
  const r = RANGES.find((x) => x.id === id) ?? RANGES[1];
  return { from: new Date(now - r.minutes * 60_000).toISOString(), to: new Date(now).toISOString(), step: r.step };
}

export function RangePicker({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <select className="input input-inline" value={value} onChange={(e) => onChange(e.target.value)} aria-label="Time range" data-testid="range">
      {RANGES.map((r) => (
        <option key={r.id} value={r.id}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

/**
 * When the first per-minute point of data flowing since `since` (epoch ms) is stored: the server
 * writes a minute's rollup once the minute after it has ended (and flushes every few seconds).
 */
export function firstPointDue(since: number): number {
  return (Math.floor(since / 60_000) + 2) * 60_000;
}

/** What an empty chart says while live values already arrive (`liveSince` set): when its first point comes. */
export function emptyChartNote(liveSince: number | undefined, now: number = Date.now()): string | undefined {
  if (liveSince === undefined) return undefined;
  const due = firstPointDue(liveSince);
  if (now > due + 30_000) return 'No point stored yet; the first per-minute point is due any moment (rollups are written once a minute).';
  const at = new Date(due).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Live values are arriving. The first per-minute point arrives at ${at} (rollups are written once a minute).`;
}

/**
 * The time `live` first became true on this page (live values arrive but the charts may have no
 * point yet); calls `reload` once the first point is due, so the chart shows it without waiting.
 */
export function useLiveSince(live: boolean, reload: () => void): number | undefined {
  const since = useRef<number | undefined>(undefined);
  if (live && since.current === undefined) since.current = Date.now();
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const value = since.current;
  useEffect(() => {
    if (value === undefined) return;
    const wait = firstPointDue(value) + 10_000 - Date.now();
    if (wait <= 0) return;
    const timer = setTimeout(() => reloadRef.current(), wait);
    return () => clearTimeout(timer);
  }, [value]);
  return value;
}
