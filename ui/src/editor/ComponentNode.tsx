import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ApiComponent, GraphProblem } from '../lib/client.ts';
import { DEFAULT_OUTPUT, outputsOf } from './graph.ts';

export interface ComponentNodeData extends Record<string, unknown> {
  component: ApiComponent;
  title: string;
  problems: GraphProblem[];
  live?: { eventsInPerSec: number; eventsOutPerSec: number; errorsPerSec: number };
}

export type ComponentFlowNode = Node<ComponentNodeData, 'component'>;

function rate(n: number): string {
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}

/** One pipeline component on the canvas: input on the left, one handle per output on the right. */
export const ComponentNode = memo(function ComponentNode({ data, selected }: NodeProps<ComponentFlowNode>) {
  const c = data.component;
  const outs = outputsOf(c);
  const errors = data.problems.filter((p) => p.severity === 'ERROR').length;
  const warnings = data.problems.length - errors;
  const handles = [...(outs.hasDefault ? [DEFAULT_OUTPUT] : []), ...outs.named];
  return (
    <div
      className={`cnode cnode-${c.kind} ${selected ? 'cnode-selected' : ''} ${errors ? 'cnode-error' : ''} ${c.disabled ? 'cnode-disabled' : ''}`}
      data-testid="canvas-node"
      data-key={c.key}
      title={data.problems.map((p) => `${p.severity}: ${p.path ? p.path + ': ' : ''}${p.message}`).join('\n') || undefined}
    >
      {c.kind !== 'source' && <Handle type="target" position={Position.Left} id="in" className="handle handle-in" />}
      <div className="cnode-kind">{c.kind}</div>
      <div className="cnode-key">{c.displayName || c.key}</div>
      <div className="cnode-type">{data.title}</div>
      <div className="cnode-badges">
        {errors > 0 && (
          <span className="nbadge nbadge-error" data-testid="node-errors">
            {errors} error{errors > 1 ? 's' : ''}
          </span>
        )}
        {warnings > 0 && <span className="nbadge nbadge-warn">{warnings} warning{warnings > 1 ? 's' : ''}</span>}
        {data.live && (
          <span className="nbadge nbadge-live" data-testid="node-live" title="events per second (in → out)">
            {rate(data.live.eventsInPerSec)} → {rate(data.live.eventsOutPerSec)} ev/s
          </span>
        )}
      </div>
      {handles.map((h, i) => (
        <div key={h} className="cnode-out" style={{ top: `${((i + 1) * 100) / (handles.length + 1)}%` }}>
          {h !== DEFAULT_OUTPUT && <span className="cnode-out-label">{h}</span>}
          <Handle type="source" position={Position.Right} id={h} className={h === DEFAULT_OUTPUT ? 'handle handle-out' : 'handle handle-out handle-named'} data-testid={`handle-${c.key}-${h}`} />
        </div>
      ))}
    </div>
  );
});
