import { describe, expect, it } from 'vitest';
import type { ApiGraph, CatalogComponent } from '../lib/client.ts';
import {
  addComponent,
  autoLayout,
  connect,
  copySelection,
  freshKey,
  History,
  normalized,
  outputsOf,
  paste,
  placeInView,
  problemsFromFieldProblems,
  pruneEdges,
  removeComponents,
  renameComponent,
  NODE_HEIGHT,
  NODE_WIDTH,
} from './graph.ts';

const g = (): ApiGraph => ({
  components: [
    { key: 'in', kind: 'source', type: 'demo_logs', options: { format: 'json' }, position: { x: 0, y: 0 } },
    { key: 'split', kind: 'transform', type: 'route', options: { route: { errors: '.level == "error"', audit: '.audit == true' } } },
    { key: 'out', kind: 'sink', type: 'console', options: {} },
  ],
  edges: [
    { from: 'in', to: 'split' },
    { from: 'split', output: 'errors', to: 'out' },
  ],
  globalOptions: {},
});

describe('outputsOf', () => {
  it('gives route one output per route plus _unmatched and no default', () => {
    expect(outputsOf(g().components[1]!)).toEqual({ hasDefault: false, named: ['audit', 'errors', '_unmatched'] });
  });
  it('drops _unmatched when reroute_unmatched is false', () => {
    expect(outputsOf({ kind: 'transform', type: 'route', options: { route: { a: 'true' }, reroute_unmatched: false } }).named).toEqual(['a']);
  });
  it('gives remap a dropped output only when it reroutes dropped events', () => {
    expect(outputsOf({ kind: 'transform', type: 'remap', options: {} })).toEqual({ hasDefault: true, named: [] });
    expect(outputsOf({ kind: 'transform', type: 'remap', options: { reroute_dropped: true } })).toEqual({ hasDefault: true, named: ['dropped'] });
  });
  it('gives exclusive_route its route names', () => {
    expect(outputsOf({ kind: 'transform', type: 'exclusive_route', options: { routes: [{ name: 'a', condition: 'true' }, { name: 'b' }] } }).named).toEqual(['a', 'b', '_unmatched']);
  });
  it('gives opentelemetry per-type outputs and datadog_agent only with multiple_outputs', () => {
    expect(outputsOf({ kind: 'source', type: 'opentelemetry', options: {} })).toEqual({ hasDefault: false, named: ['logs', 'metrics', 'traces'] });
    expect(outputsOf({ kind: 'source', type: 'datadog_agent', options: {} }).hasDefault).toBe(true);
    expect(outputsOf({ kind: 'source', type: 'datadog_agent', options: { multiple_outputs: true } }).named).toHaveLength(3);
  });
  it('gives sinks no output', () => {
    expect(outputsOf({ kind: 'sink', type: 'console', options: {} })).toEqual({ hasDefault: false, named: [] });
  });
});

describe('graph edits', () => {
  it('connects a named output and refuses duplicates, self loops and edges into sources', () => {
    const once = connect(g(), 'split', 'audit', 'out');
    expect(once.edges).toContainEqual({ from: 'split', output: 'audit', to: 'out' });
    expect(connect(once, 'split', 'audit', 'out')).toBe(once);
    expect(connect(g(), 'split', undefined, 'split').edges).toHaveLength(2);
    expect(connect(g(), 'out', undefined, 'in').edges).toHaveLength(2);
  });
  it('writes the default handle as an edge without output', () => {
    const graph = connect({ ...g(), edges: [] }, 'in', '__default', 'split');
    expect(graph.edges).toEqual([{ from: 'in', to: 'split' }]);
  });
  it('adds components with fresh keys from their type', () => {
    const entry = { kind: 'TRANSFORM', type: 'remap' } as CatalogComponent;
    const first = addComponent(g(), entry, { x: 1, y: 2 });
    const second = addComponent(first.graph, entry, { x: 1, y: 2 });
    expect([first.key, second.key]).toEqual(['remap', 'remap_2']);
    expect(second.graph.components.at(-1)).toMatchObject({ kind: 'transform', type: 'remap', options: {}, position: { x: 1, y: 2 } });
  });
  it('removes a component with its edges', () => {
    const graph = removeComponents(g(), new Set(['split']));
    expect(graph.components.map((c) => c.key)).toEqual(['in', 'out']);
    expect(graph.edges).toEqual([]);
  });
  it('renames a component and its edges, refusing taken or invalid keys', () => {
    const renamed = renameComponent(g(), 'split', 'router');
    expect(typeof renamed).toBe('object');
    expect((renamed as ApiGraph).edges).toEqual([
      { from: 'in', to: 'router' },
      { from: 'router', output: 'errors', to: 'out' },
    ]);
    expect(renameComponent(g(), 'split', 'out')).toMatch(/already used/);
    expect(renameComponent(g(), 'split', 'a.b')).toMatch(/letters, digits/);
  });
  it('prunes edges from outputs that no longer exist', () => {
    const graph = g();
    graph.components[1] = { ...graph.components[1]!, options: { route: { audit: 'true' } } };
    expect(pruneEdges(graph).edges).toEqual([{ from: 'in', to: 'split' }]);
    const intact = g();
    expect(pruneEdges(intact)).toBe(intact);
  });
  it('pastes copies with fresh keys and the edges between them', () => {
    const clip = copySelection(g(), new Set(['in', 'split']));
    expect(clip.edges).toEqual([{ from: 'in', to: 'split' }]);
    const { graph, keys } = paste(g(), clip);
    expect(keys).toEqual(['in_2', 'split_2']);
    expect(graph.edges).toContainEqual({ from: 'in_2', to: 'split_2' });
    expect(graph.components.find((c) => c.key === 'in_2')?.position).toEqual({ x: 40, y: 40 });
  });
  it('lays out by depth from the sources', () => {
    const laid = autoLayout(g());
    expect(laid.components.map((c) => c.position?.x)).toEqual([0, 300, 600]);
  });
  it('freshKey cleans characters Vector does not accept', () => {
    expect(freshKey('a.b c', [])).toBe('a_b_c');
  });
  it('normalizes for the wire: rounded positions, defaults filled in', () => {
    const n = normalized({ components: [{ key: 'a', kind: 'source', type: 'x', options: {}, position: { x: 1.6, y: 2.2 } }], edges: [], globalOptions: {} });
    expect(n.components[0]).toEqual({ key: 'a', kind: 'source', type: 'x', options: {}, displayName: '', position: { x: 2, y: 2 }, disabled: false });
  });
});

describe('problemsFromFieldProblems', () => {
  it('reads "key.path" fields and "SEVERITY: message" texts of a refused save', () => {
    const problems = problemsFromFieldProblems(
      [
        { field: 'in.type', message: "ERROR: 'nope' is not a source type" },
        { field: 'in_2.inputs', message: 'WARNING: nothing consumes it' },
        { field: 'graph', message: 'a cycle' },
      ],
      ['in', 'in_2'],
    );
    expect(problems).toEqual([
      { severity: 'ERROR', component: 'in', path: 'type', message: "'nope' is not a source type" },
      { severity: 'WARNING', component: 'in_2', path: 'inputs', message: 'nothing consumes it' },
      { severity: 'ERROR', component: null, path: 'graph', message: 'a cycle' },
    ]);
  });
});

describe('History', () => {
  it('undoes and redoes, and a new edit clears redo', () => {
    const h = new History<number>();
    h.push(1);
    h.push(2);
    expect(h.undo(3)).toBe(2);
    expect(h.redo(2)).toBe(3);
    expect(h.undo(3)).toBe(2);
    h.push(2);
    expect(h.canRedo).toBe(false);
    expect(h.undo(5)).toBe(2);
    expect(h.undo(2)).toBe(1);
    expect(h.undo(1)).toBeUndefined();
  });
});

describe('autoLayout', () => {
  const component = (key: string, kind: 'source' | 'transform' | 'sink') => ({ key, kind, type: 'x', options: {}, position: { x: 999, y: 999 } });
  const columns = (graph: ApiGraph) => Object.fromEntries(graph.components.map((c) => [c.key, c.position!.x / 300]));
  const rows = (graph: ApiGraph) => Object.fromEntries(graph.components.map((c) => [c.key, c.position!.y]));

  it('puts sources left, every sink in the last column and transforms by their longest path from a source', () => {
    const graph: ApiGraph = {
      // listed in an order unlike the flow, as a draft grows
      components: [component('out', 'sink'), component('late', 'transform'), component('b', 'transform'), component('quick', 'sink'), component('a', 'transform'), component('in', 'source'), component('loose', 'transform')],
      edges: [
        { from: 'in', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'in', to: 'late' },
        { from: 'b', to: 'late' },
        { from: 'late', to: 'out' },
        { from: 'in', to: 'quick' },
      ],
      globalOptions: {},
    };
    expect(columns(autoLayout(graph))).toEqual({ in: 0, a: 1, b: 2, late: 3, out: 4, quick: 4, loose: 1 });
  });

  it('orders each column by the rows of the inputs, so connections do not cross', () => {
    const graph: ApiGraph = {
      components: [component('s1', 'source'), component('s2', 'source'), component('t2', 'transform'), component('t1', 'transform')],
      edges: [
        { from: 's1', to: 't1' },
        { from: 's2', to: 't2' },
      ],
      globalOptions: {},
    };
    const y = rows(autoLayout(graph));
    expect(y.t1).toBe(y.s1);
    expect(y.t2).toBe(y.s2);
    expect(y.s1).toBeLessThan(y.s2!);
  });

  it('lays out anew after edges change, and the same graph always the same way', () => {
    const first = autoLayout(g());
    const rewired = autoLayout({ ...first, edges: [{ from: 'in', to: 'out' }] });
    expect(columns(rewired)).toEqual({ in: 0, split: 1, out: 2 });
    const chained = autoLayout({ ...rewired, components: [...rewired.components, component('more', 'transform')], edges: [...g().edges, { from: 'split', output: 'errors', to: 'more' }] });
    expect(columns(chained)).toMatchObject({ in: 0, split: 1, more: 2, out: 3 });
    expect(autoLayout(chained)).toEqual(chained);
  });

  it('ends on a cycle (which Vector refuses) instead of looping', () => {
    const graph: ApiGraph = {
      components: [component('in', 'source'), component('a', 'transform'), component('b', 'transform')],
      edges: [
        { from: 'in', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
      globalOptions: {},
    };
    const laid = columns(autoLayout(graph));
    expect(laid.in).toBe(0);
    expect(laid.a).toBeGreaterThanOrEqual(1);
    expect(laid.b).toBeGreaterThanOrEqual(1);
  });
});

describe('placeInView', () => {
  const view = { x: -100, y: 50, width: 600, height: 400 };
  const inside = (p: { x: number; y: number }) =>
    p.x >= view.x && p.y >= view.y && p.x + NODE_WIDTH <= view.x + view.width && p.y + NODE_HEIGHT <= view.y + view.height;

  it('puts new components inside the visible part of the canvas, each in a free place', () => {
    let graph: ApiGraph = { components: [], edges: [], globalOptions: {} };
    const placed: { x: number; y: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const at = placeInView(view, graph.components);
      placed.push(at);
      graph = { ...graph, components: [...graph.components, { key: `c${i}`, kind: 'source', type: 'x', options: {}, position: at }] };
    }
    expect(placed.every(inside)).toBe(true);
    const distinct = new Set(placed.map((p) => `${p.x},${p.y}`));
    expect(distinct.size).toBe(6);
  });
  it('skips places taken by components already in view', () => {
    const taken = [{ key: 'a', kind: 'source' as const, type: 'x', options: {}, position: { x: view.x + 24, y: view.y + 24 } }];
    const at = placeInView(view, taken);
    expect(at).not.toEqual({ x: view.x + 24, y: view.y + 24 });
    expect(inside(at)).toBe(true);
  });
  it('stays in view when the view is full or small', () => {
    const full = Array.from({ length: 40 }, (_, i) => ({ key: `n${i}`, kind: 'sink' as const, type: 'x', options: {}, position: { x: view.x + (i % 8) * 80, y: view.y + Math.floor(i / 8) * 80 } }));
    expect(inside(placeInView(view, full))).toBe(true);
  });
});
