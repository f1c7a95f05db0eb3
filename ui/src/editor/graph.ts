/**
 * The pipeline graph as the editor holds it (the server's wire form) and the pure operations on
 * it: named outputs by Vector's rules, React Flow nodes/edges, keys, layout, copy/paste.
 */
import type { ApiComponent, ApiEdge, ApiGraph, CatalogComponent, GraphProblem } from '../lib/client.ts';

export const DEFAULT_OUTPUT = '__default';

export interface Outputs {
  hasDefault: boolean;
  named: string[];
}

/** The outputs a component offers (mirrors the server's NamedOutputs). */
export function outputsOf(c: Pick<ApiComponent, 'kind' | 'type' | 'options'>): Outputs {
  const o = c.options ?? {};
  if (c.kind === 'sink') return { hasDefault: false, named: [] };
  if (c.kind === 'transform' && c.type === 'route') {
    const routes = isRecord(o.route) ? Object.keys(o.route).sort() : [];
    return { hasDefault: false, named: o.reroute_unmatched === false ? routes : [...routes, '_unmatched'] };
  }
  if (c.kind === 'transform' && c.type === 'exclusive_route') {
    const routes = Array.isArray(o.routes)
      ? o.routes.filter(isRecord).map((r) => r.name).filter((n): n is string => typeof n === 'string' && n !== '')
      : [];
    return { hasDefault: false, named: [...routes, '_unmatched'] };
  }
  if (c.kind === 'transform' && c.type === 'remap') {
    return { hasDefault: true, named: o.reroute_dropped === true ? ['dropped'] : [] };
  }
  if (c.kind === 'source' && (c.type === 'opentelemetry' || (c.type === 'datadog_agent' && o.multiple_outputs === true))) {
    return { hasDefault: false, named: ['logs', 'metrics', 'traces'] };
  }
  return { hasDefault: true, named: [] };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function kindOf(c: CatalogComponent): ApiComponent['kind'] {
  return c.kind.toLowerCase() as ApiComponent['kind'];
}

/** A key not yet used in the graph, derived from the type ("remap", "remap_2", ...). */
export function freshKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_') || 'component';
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i++) if (!used.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

export function edgeId(e: ApiEdge): string {
  return `${e.from}:${e.output ?? ''}->${e.to}`;
}

/** Adds an edge unless it exists, connects a node to itself, or ends at a source. */
export function connect(graph: ApiGraph, from: string, output: string | undefined, to: string): ApiGraph {
  if (from === to) return graph;
  const target = graph.components.find((c) => c.key === to);
  if (!target || target.kind === 'source') return graph;
  const edge: ApiEdge = output && output !== DEFAULT_OUTPUT ? { from, output, to } : { from, to };
  if (graph.edges.some((e) => edgeId(e) === edgeId(edge))) return graph;
  return { ...graph, edges: [...graph.edges, edge] };
}

export function addComponent(graph: ApiGraph, catalogEntry: CatalogComponent, position: { x: number; y: number }): { graph: ApiGraph; key: string } {
  const key = freshKey(catalogEntry.type, graph.components.map((c) => c.key));
  const component: ApiComponent = { key, kind: kindOf(catalogEntry), type: catalogEntry.type, options: {}, position };
  return { graph: { ...graph, components: [...graph.components, component] }, key };
}

export function removeComponents(graph: ApiGraph, keys: Set<string>): ApiGraph {
  return {
    ...graph,
    components: graph.components.filter((c) => !keys.has(c.key)),
    edges: graph.edges.filter((e) => !keys.has(e.from) && !keys.has(e.to)),
  };
}

export function removeEdges(graph: ApiGraph, ids: Set<string>): ApiGraph {
  return { ...graph, edges: graph.edges.filter((e) => !ids.has(edgeId(e))) };
}

export function updateComponent(graph: ApiGraph, key: string, change: Partial<ApiComponent>): ApiGraph {
  return { ...graph, components: graph.components.map((c) => (c.key === key ? { ...c, ...change } : c)) };
}

/** Renames a component and the edges that touch it; refuses a taken or invalid key. */
export function renameComponent(graph: ApiGraph, from: string, to: string): ApiGraph | string {
  if (from === to) return graph;
  if (!/^[A-Za-z0-9_-]+$/.test(to)) return 'A key holds only letters, digits, _ and -';
  if (graph.components.some((c) => c.key === to)) return `'${to}' is already used`;
  return {
    ...graph,
    components: graph.components.map((c) => (c.key === from ? { ...c, key: to } : c)),
    edges: graph.edges.map((e) => ({ ...e, from: e.from === from ? to : e.from, to: e.to === from ? to : e.to })),
  };
}

/** Drops edges whose output no longer exists (e.g. a route removed). */
export function pruneEdges(graph: ApiGraph): ApiGraph {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const edges = graph.edges.filter((e) => {
    const from = byKey.get(e.from);
    if (!from || !byKey.has(e.to)) return false;
    const outs = outputsOf(from);
    return e.output ? outs.named.includes(e.output) : outs.hasDefault;
  });
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}

export interface Clip {
  components: ApiComponent[];
  edges: ApiEdge[];
}

export function copySelection(graph: ApiGraph, keys: Set<string>): Clip {
  return {
    components: graph.components.filter((c) => keys.has(c.key)),
    edges: graph.edges.filter((e) => keys.has(e.from) && keys.has(e.to)),
  };
}

/** Pastes copies with fresh keys, shifted by `offset`; returns the new keys. */
export function paste(graph: ApiGraph, clip: Clip, offset = 40): { graph: ApiGraph; keys: string[] } {
  const taken = new Set(graph.components.map((c) => c.key));
  const renamed = new Map<string, string>();
  const added: ApiComponent[] = [];
  for (const c of clip.components) {
    const key = freshKey(c.key, taken);
    taken.add(key);
    renamed.set(c.key, key);
    const p = c.position ?? { x: 0, y: 0 };
    added.push({ ...structuredClone(c), key, position: { x: p.x + offset, y: p.y + offset } });
  }
  const edges = clip.edges.map((e) => ({ ...e, from: renamed.get(e.from)!, to: renamed.get(e.to)! }));
  return { graph: { ...graph, components: [...graph.components, ...added], edges: [...graph.edges, ...edges] }, keys: [...renamed.values()] };
}

export const NODE_WIDTH = 220;
/** A node's height on the canvas with its badges (kind, key, type, one row of badges). */
export const NODE_HEIGHT = 76;
export const COLUMN_GAP = 300;
export const ROW_GAP = 110;

/**
 * Places components in columns by their connections: sources in the first column, each transform
 * in the column of its longest path from a source (at least the second), every sink in the last.
 * Within a column, components follow the mean row of their inputs (then their order in the draft),
 * so connections cross little; columns are centred on the tallest. The result depends only on the
 * components and edges, never on earlier positions: re-running it after edges change lays out anew.
 */
export function autoLayout(graph: ApiGraph): ApiGraph {
  const keys = new Set(graph.components.map((c) => c.key));
  const inputs = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!keys.has(e.from) || !keys.has(e.to) || e.from === e.to) continue;
    inputs.set(e.to, [...(inputs.get(e.to) ?? []), e.from]);
  }
  const kinds = new Map(graph.components.map((c) => [c.key, c.kind]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    if (kinds.get(key) === 'source') return 0;
    // A cycle (which Vector refuses) is cut where it closes.
    if (visiting.has(key)) return 0;
    visiting.add(key);
    const d = Math.max(1, ...(inputs.get(key) ?? []).filter((k) => kinds.get(k) !== 'sink').map((k) => depthOf(k) + 1));
    visiting.delete(key);
    depth.set(key, d);
    return d;
  };
  const inner = graph.components.filter((c) => c.kind !== 'sink').map((c) => depthOf(c.key));
  const sinkColumn = Math.max(1, ...inner.map((d) => d + 1));
  const columnOf = (c: ApiComponent) => (c.kind === 'sink' ? sinkColumn : depthOf(c.key));

  const columns = new Map<number, ApiComponent[]>();
  for (const c of graph.components) columns.set(columnOf(c), [...(columns.get(columnOf(c)) ?? []), c]);
  const rowOf = new Map<string, number>();
  const order = new Map(graph.components.map((c, i) => [c.key, i]));
  for (const column of [...columns.keys()].sort((a, b) => a - b)) {
    const members = columns.get(column)!;
    const mean = (c: ApiComponent) => {
      const rows = (inputs.get(c.key) ?? []).map((k) => rowOf.get(k)).filter((r): r is number => r !== undefined);
      return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    const sorted = [...members].sort((a, b) => mean(a) - mean(b) || order.get(a.key)! - order.get(b.key)!);
    sorted.forEach((c, row) => rowOf.set(c.key, row));
    columns.set(column, sorted);
  }
  const tallest = Math.max(0, ...[...columns.values()].map((m) => m.length));
  const components = graph.components.map((c) => {
    const column = columnOf(c);
    const offset = ((tallest - columns.get(column)!.length) * ROW_GAP) / 2;
    return { ...c, position: { x: column * COLUMN_GAP, y: offset + rowOf.get(c.key)! * ROW_GAP } };
  });
  return { ...graph, components };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a component added without a drop point goes: the first free place, row by row, inside the
 * part of the canvas the user sees (`view`, in canvas coordinates), so it never lands off screen
 * or behind the side panel. When the view is full, it goes in the middle of the view.
 */
export function placeInView(view: Rect, components: ApiComponent[], margin = 24): { x: number; y: number } {
  const taken = components.filter((c) => c.position).map((c) => c.position!);
  const overlaps = (x: number, y: number) =>
    taken.some((p) => x < p.x + NODE_WIDTH + margin && p.x < x + NODE_WIDTH + margin && y < p.y + NODE_HEIGHT + margin && p.y < y + NODE_HEIGHT + margin);
  for (let y = view.y + margin; y + NODE_HEIGHT <= view.y + view.height - margin; y += NODE_HEIGHT + margin) {
    for (let x = view.x + margin; x + NODE_WIDTH <= view.x + view.width - margin; x += NODE_WIDTH + margin) {
      if (!overlaps(x, y)) return { x: Math.round(x), y: Math.round(y) };
    }
  }
  // Full: the middle of the view, a little apart from the last one placed there.
  const spread = (taken.length % 5) * 16;
  return {
    x: Math.round(view.x + Math.max(0, (view.width - NODE_WIDTH) / 2 - 32) + spread),
    y: Math.round(view.y + Math.max(0, (view.height - NODE_HEIGHT) / 2 - 32) + spread),
  };
}

/** Problems grouped by component key ("" for the pipeline as a whole). */
export function problemsByComponent(problems: GraphProblem[]): Map<string, GraphProblem[]> {
  const map = new Map<string, GraphProblem[]>();
  for (const p of problems) {
    const key = p.component ?? '';
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}

/**
 * A refused save answers problem+json whose fields are "key.path" and messages "ERROR: ...":
 * read them back into graph problems.
 */
export function problemsFromFieldProblems(fields: { field: string; message: string }[], keys: string[]): GraphProblem[] {
  const known = [...keys].sort((a, b) => b.length - a.length);
  return fields.map(({ field, message }) => {
    const m = /^(ERROR|WARNING): (.*)$/s.exec(message);
    const severity = m?.[1] ?? 'ERROR';
    const text = m?.[2] ?? message;
    const key = known.find((k) => field === k || field.startsWith(`${k}.`));
    return {
      severity,
      component: key ?? null,
      path: key ? field.slice(key.length + 1) : field,
      message: text,
    };
  });
}

export function emptyGraph(): ApiGraph {
  return { components: [], edges: [], globalOptions: {} };
}

/** The graph as the server will store it: positions rounded, nothing undefined. */
export function normalized(graph: ApiGraph): ApiGraph {
  return {
    components: graph.components.map((c) => ({
      key: c.key,
      kind: c.kind,
      type: c.type,
      options: c.options ?? {},
      displayName: c.displayName ?? '',
      ...(c.position ? { position: { x: Math.round(c.position.x), y: Math.round(c.position.y) } } : {}),
      disabled: c.disabled ?? false,
    })),
    edges: graph.edges.map((e) => (e.output ? { from: e.from, output: e.output, to: e.to } : { from: e.from, to: e.to })),
    globalOptions: graph.globalOptions ?? {},
  };
}

/** Undo/redo over immutable graphs. */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  constructor(private limit = 100) {}
  push(previous: T): void {
    this.past.push(previous);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }
  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous !== undefined) this.future.push(current);
    return previous;
  }
  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next !== undefined) this.past.push(current);
    return next;
  }
  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
