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
  problemsFromFieldProblems,
  pruneEdges,
  removeComponents,
  renameComponent,
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
