import { useState } from 'react';
import type { ApiComponent, ApiGraph, CatalogComponent, GraphProblem, Secret } from '../lib/client.ts';
import { ConfirmButton } from '../ui.tsx';
import { connect, DEFAULT_OUTPUT, edgeId, outputsOf, removeEdges, renameComponent, updateComponent } from './graph.ts';
import { OptionsForm } from './OptionsForm.tsx';

/** The side panel of one component: key, name, outputs, its problems and the generated options form. */
export function ComponentPanel({
  component,
  entry,
  graph,
  change,
  onRenamed,
  problems,
  secrets,
  onDelete,
}: {
  component: ApiComponent;
  entry: CatalogComponent | undefined;
  graph: ApiGraph;
  change: (g: ApiGraph | ((g: ApiGraph) => ApiGraph)) => void;
  onRenamed: (key: string) => void;
  problems: GraphProblem[];
  secrets: Secret[];
  onDelete: () => void;
}) {
  const [key, setKey] = useState(component.key);
  const [keyError, setKeyError] = useState<string | undefined>();
  const outs = outputsOf(component);
  const general = problems.filter((p) => !p.path || !entry?.options.some((o) => p.path === o.name || p.path.startsWith(`${o.name}.`) || p.path.startsWith(`${o.name}[`)));
  return (
    <div className="component-panel" data-testid="component-panel">
      <div className="panel-head">
        <div>
          <div className={`kind-chip kind-${component.kind}`}>{component.kind}</div>
          <strong>{entry?.title ?? component.type}</strong> <code className="muted">{component.type}</code>
        </div>
        <ConfirmButton
          label="Remove"
          className="button button-small button-ghost-danger"
          title={`Remove ${component.key}?`}
          message={<p>The component and its connections leave the draft. Undo brings them back.</p>}
          confirmLabel="Remove"
          onConfirm={async () => onDelete()}
        />
      </div>
      {entry?.description && <p className="muted small">{entry.description}</p>}
      <div className={keyError ? 'field field-invalid' : 'field'}>
        <label htmlFor="component-key">
          Key<span className="required-mark"> *</span>
        </label>
        <input
          id="component-key"
          className="input"
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setKeyError(undefined);
          }}
          onBlur={() => {
            const result = renameComponent(graph, component.key, key.trim());
            if (typeof result === 'string') setKeyError(result);
            else if (key.trim() !== component.key) {
              change(result);
              onRenamed(key.trim());
            }
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          data-testid="component-key"
        />
        {keyError ? <p className="field-error">{keyError}</p> : <p className="field-hint">The component id in the Vector configuration.</p>}
      </div>
      <div className="field">
        <label htmlFor="component-name">Display name</label>
        <input
          id="component-name"
          className="input"
          value={component.displayName ?? ''}
          onChange={(e) => change((g) => updateComponent(g, component.key, { displayName: e.target.value }))}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={!!component.disabled} onChange={(e) => change((g) => updateComponent(g, component.key, { disabled: e.target.checked }))} /> Disabled (left out of the configuration)
      </label>
      <Connections component={component} graph={graph} change={change} outputs={[...(outs.hasDefault ? [DEFAULT_OUTPUT] : []), ...outs.named]} />
      {general.length > 0 && (
        <ul className="problem-list">
          {general.map((p, i) => (
            <li key={i} className={`problem problem-${p.severity.toLowerCase()}`}>
              {p.path && <code>{p.path}</code>} {p.message}
            </li>
          ))}
        </ul>
      )}
      <h3 className="subhead">Options</h3>
      {entry ? (
        <OptionsForm
          componentType={component.type}
          options={entry.options}
          values={component.options}
          onChange={(values) => change((g) => updateComponent(g, component.key, { options: values }))}
          secrets={secrets}
          problems={problems}
        />
      ) : (
        <p className="muted">This type is not in the catalog; its options are kept as imported.</p>
      )}
    </div>
  );
}

/** Every problem of the draft, each linking to its component. */
export function ProblemsList({ problems, saveState, onSelect }: { problems: GraphProblem[]; saveState: string; onSelect: (key: string) => void }) {
  if (problems.length === 0)
    return (
      <p className="ok-text" data-testid="no-problems">
        {saveState === 'saved' ? '✓ No problems: this draft can be published.' : 'Checking…'}
      </p>
    );
  return (
    <ul className="problem-list" data-testid="problem-list">
      {problems.map((p, i) => (
        <li key={i} className={`problem problem-${p.severity.toLowerCase()}`} data-testid="problem">
          <span className="problem-sev">{p.severity === 'ERROR' ? 'Error' : 'Warning'}</span>
          {p.component ? (
            <button type="button" className="link-button" onClick={() => onSelect(p.component!)}>
              {p.component}
            </button>
          ) : (
            <span className="muted">pipeline</span>
          )}
          {p.path && <code>{p.path}</code>} <span>{p.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** The component's outgoing connections per output, editable without a mouse. */
function Connections({ component, graph, change, outputs }: { component: ApiComponent; graph: ApiGraph; change: (g: ApiGraph | ((g: ApiGraph) => ApiGraph)) => void; outputs: string[] }) {
  if (outputs.length === 0) return null;
  const targets = graph.components.filter((c) => c.kind !== 'source' && c.key !== component.key);
  return (
    <div className="connections" data-testid="connections">
      <h3 className="subhead">Outputs</h3>
      {outputs.map((out) => {
        const edges = graph.edges.filter((e) => e.from === component.key && (e.output ?? DEFAULT_OUTPUT) === out);
        const free = targets.filter((t) => !edges.some((e) => e.to === t.key));
        return (
          <div key={out} className="connection-row">
            <code className="output-chip">{out === DEFAULT_OUTPUT ? 'default' : out}</code> →
            {edges.map((e) => (
              <span key={e.to} className="connection">
                {e.to}
                <button type="button" className="icon-button" aria-label={`Disconnect ${e.to}`} onClick={() => change((g) => removeEdges(g, new Set([edgeId(e)])))}>
                  ✕
                </button>
              </span>
            ))}
            {free.length > 0 && (
              <select
                className="input input-inline"
                value=""
                aria-label={`Connect output ${out === DEFAULT_OUTPUT ? 'default' : out} to`}
                onChange={(e) => e.target.value && change((g) => connect(g, component.key, out, e.target.value))}
              >
                <option value="">connect to…</option>
                {free.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.key}
                  </option>
                ))}
              </select>
            )}
          </div>
        );
      })}
    </div>
  );
}
