import { SubjectAlertBadge } from '../alerts/AlertBadge.tsx';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { ApiError, toApiError, type Problem } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type ApiGraph, type Catalog, type CatalogComponent, type GraphProblem, type Pipeline, type PipelineMetrics } from '../lib/client.ts';
import { LoadState, Tabs, useLoad } from '../ui.tsx';
import { ComponentNode, type ComponentFlowNode } from './ComponentNode.tsx';
import {
  addComponent,
  autoLayout,
  connect,
  copySelection,
  DEFAULT_OUTPUT,
  edgeId,
  History,
  normalized,
  paste,
  placeInView,
  problemsByComponent,
  problemsFromFieldProblems,
  pruneEdges,
  removeComponents,
  removeEdges,
  type Clip,
  type Rect,
} from './graph.ts';
import { DRAG_TYPE, Palette } from './Palette.tsx';
import { ComponentPanel, ProblemsList } from './ComponentPanel.tsx';
import { ExportDialog, PublishDialog, VersionsPanel } from './Versions.tsx';
import { DeployDialog, DeploymentPanel } from './Deploy.tsx';
import { PreviewPanel } from './Preview.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useAccess } from '../useAccess.ts';
import { ReadOnly } from './CodeEditor.tsx';

let catalogCache: Promise<Catalog> | undefined;
/** The catalog is large (1.8 MB) and the same for everyone: fetched once per page. */
export function loadCatalog(): Promise<Catalog> {
  catalogCache ??= vf.catalog().catch((e: unknown) => {
    catalogCache = undefined;
    throw e;
  });
  return catalogCache;
}

const nodeTypes = { component: ComponentNode };
const AUTOSAVE_MS = 700;

export function EditorScreen({ pipelineId }: { pipelineId: string }) {
  const pipeline = useLoad((s) => vf.pipeline(pipelineId, s), [pipelineId]);
  const catalog = useLoad(() => loadCatalog(), []);
  if (pipeline.error && !pipeline.data) return <LoadState state={pipeline}>{() => null}</LoadState>;
  if (catalog.error && !catalog.data) return <LoadState state={catalog}>{() => null}</LoadState>;
  if (!pipeline.data || !catalog.data) return <LoadState state={{ loading: true, reload: () => {} }} label="Loading the editor…">{() => null}</LoadState>;
  return (
    <ReactFlowProvider>
      <Editor pipeline={pipeline.data} catalog={catalog.data} />
    </ReactFlowProvider>
  );
}

type SaveState = 'saved' | 'saving' | 'pending' | 'refused' | 'failed';
type PanelTab = 'component' | 'problems' | 'versions' | 'deployment' | 'preview';

function Editor({ pipeline, catalog }: { pipeline: Pipeline; catalog: Catalog }) {
  const flow = useReactFlow();
  const [graph, setGraphState] = useState<ApiGraph>(() => normalized(pipeline.graph ?? { components: [], edges: [], globalOptions: {} }));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  const [problems, setProblems] = useState<GraphProblem[]>(pipeline.problems ?? []);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [saveProblem, setSaveProblem] = useState<Problem | undefined>();
  const [tab, setTab] = useState<PanelTab>('problems');
  const [dialog, setDialog] = useState<'export' | 'publish' | 'deploy' | undefined>();
  const [versionsTick, setVersionsTick] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [live, setLive] = useState<PipelineMetrics['live']>({});
  const history = useRef(new History<ApiGraph>());
  const clip = useRef<Clip | undefined>(undefined);
  const lastSaved = useRef(JSON.stringify(normalized(graph)));
  const graphRef = useRef(graph);
  graphRef.current = graph;

  const byType = useMemo(() => {
    const map = new Map<string, CatalogComponent>();
    for (const c of catalog.components) map.set(`${c.kind.toLowerCase()}:${c.type}`, c);
    return map;
  }, [catalog]);
  const secrets = useLoad((s) => vf.secrets(pipeline.environmentId, s), [pipeline.environmentId]);
  const deployment = useLoad((s) => vf.deployments(pipeline.id, s), [pipeline.id]);

  /** Every edit goes through here: one history entry, edges to vanished outputs dropped. */
  // Viewers see the draft but cannot change it (the server would refuse every save).
  const workspace = useWorkspace();
  const access = useAccess({ environmentId: pipeline.environmentId });
  const readOnly = !access.can('EDITOR');
  const needsEditor = access.why('EDITOR');
  // Opening a pipeline by its address switches the top bar to its environment.
  const { environment: currentEnvironment, selectEnvironment } = workspace;
  const envKnown = workspace.environments.some((e) => e.id === pipeline.environmentId);
  useEffect(() => {
    if (envKnown && currentEnvironment?.id !== pipeline.environmentId) selectEnvironment(pipeline.environmentId);
  }, [envKnown, currentEnvironment?.id, pipeline.environmentId, selectEnvironment]);
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;

  const change = useCallback((next: ApiGraph | ((g: ApiGraph) => ApiGraph), record = true) => {
    if (readOnlyRef.current) return;
    const previous = graphRef.current;
    const value = pruneEdges(typeof next === 'function' ? next(previous) : next);
    if (value === previous) return;
    if (record) history.current.push(previous);
    graphRef.current = value;
    setGraphState(value);
  }, []);

  // Draft autosave, which also answers the draft's problems (live validation).
  useEffect(() => {
    const body = normalized(graph);
    const text = JSON.stringify(body);
    if (text === lastSaved.current) return;
    setSaveState('pending');
    const timer = setTimeout(async () => {
      setSaveState('saving');
      try {
        const saved = await vf.saveGraph(pipeline.id, body);
        lastSaved.current = text;
        setProblems(saved.problems ?? []);
        setSaveProblem(undefined);
        setSaveState(JSON.stringify(normalized(graphRef.current)) === text ? 'saved' : 'pending');
      } catch (e) {
        const problem = toApiError(e).problem;
        if (problem.status === 400 && problem.problems) {
          setProblems(problemsFromFieldProblems(problem.problems, body.components.map((c) => c.key)));
          setSaveState('refused');
          setSaveProblem(undefined);
        } else {
          setSaveState('failed');
          setSaveProblem(problem);
        }
      }
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [graph, pipeline.id]);

  // The stored draft's problems, shown from the start (a GET of the pipeline does not carry them).
  useEffect(() => {
    let stop = false;
    vf.validate(pipeline.id).then(
      (v) => !stop && setProblems((current) => (JSON.stringify(normalized(graphRef.current)) === lastSaved.current ? v.problems : current)),
      () => undefined,
    );
    return () => {
      stop = true;
    };
  }, [pipeline.id]);

  // Warn before leaving with unsaved edits.
  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (JSON.stringify(normalized(graphRef.current)) !== lastSaved.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);

  // Live events/s on the nodes while the pipeline is deployed.
  const deployed = deployment.data?.current;
  useEffect(() => {
    if (!deployed) return;
    let stop = false;
    const poll = async () => {
      try {
        const to = new Date();
        const from = new Date(to.getTime() - 5 * 60_000);
        const m = await vf.pipelineMetrics(pipeline.id, from.toISOString(), to.toISOString(), 60);
        if (!stop) setLive(m.live ?? {});
      } catch {
        // No metrics yet: the nodes just show none.
      }
    };
    void poll();
    const timer = setInterval(poll, 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [deployed, pipeline.id]);

  const grouped = useMemo(() => problemsByComponent(problems), [problems]);

  const nodes: ComponentFlowNode[] = useMemo(
    () =>
      graph.components.map((c, i) => ({
        id: c.key,
        type: 'component',
        position: c.position ?? { x: (i % 4) * 280, y: Math.floor(i / 4) * 120 },
        selected: selected.has(c.key),
        data: {
          component: c,
          title: byType.get(`${c.kind}:${c.type}`)?.title ?? c.type,
          problems: grouped.get(c.key) ?? [],
          live: live[c.key],
        },
      })),
    [graph.components, selected, byType, grouped, live],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((e) => ({
        id: edgeId(e),
        source: e.from,
        sourceHandle: e.output ?? DEFAULT_OUTPUT,
        target: e.to,
        targetHandle: 'in',
        selected: selectedEdges.has(edgeId(e)),
        label: e.output,
        className: e.output ? 'edge-named' : undefined,
      })),
    [graph.edges, selectedEdges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ComponentFlowNode>[]) => {
      let sel: Set<string> | undefined;
      const moves = new Map<string, { x: number; y: number }>();
      const removed = new Set<string>();
      for (const ch of changes) {
        if (ch.type === 'select') {
          sel ??= new Set(selected);
          if (ch.selected) sel.add(ch.id);
          else sel.delete(ch.id);
        } else if (ch.type === 'position' && ch.position) {
          moves.set(ch.id, ch.position);
        } else if (ch.type === 'remove') {
          removed.add(ch.id);
        }
      }
      if (sel) {
        setSelected(sel);
        if (sel.size === 1) setTab('component');
      }
      if (moves.size > 0) {
        change((g) => ({ ...g, components: g.components.map((c) => (moves.has(c.key) ? { ...c, position: moves.get(c.key) } : c)) }), false);
      }
      if (removed.size > 0) {
        change((g) => removeComponents(g, removed));
        setSelected(new Set());
      }
    },
    [selected, change],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let sel: Set<string> | undefined;
      const removed = new Set<string>();
      for (const ch of changes) {
        if (ch.type === 'select') {
          sel ??= new Set(selectedEdges);
          if (ch.selected) sel.add(ch.id);
          else sel.delete(ch.id);
        } else if (ch.type === 'remove') removed.add(ch.id);
      }
      if (sel) setSelectedEdges(sel);
      if (removed.size > 0) change((g) => removeEdges(g, removed));
    },
    [selectedEdges, change],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target) return;
      change((g) => connect(g, c.source, c.sourceHandle ?? undefined, c.target));
    },
    [change],
  );

  /** The part of the canvas the user sees, in canvas coordinates (the side panels are not part of it). */
  const canvasRef = useRef<HTMLDivElement>(null);
  const visibleRect = useCallback((): Rect | undefined => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return undefined;
    const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
  }, [flow]);

  const add = useCallback(
    (entry: CatalogComponent, position?: { x: number; y: number }) => {
      const g = graphRef.current;
      const view = visibleRect();
      // A drop goes where the user let go; a click picks a free place in view.
      const at = position ?? (view ? placeInView(view, g.components) : { x: 40, y: 40 });
      const { graph: next, key } = addComponent(g, entry, at);
      change(next);
      setSelected(new Set([key]));
      setTab('component');
    },
    [change, visibleRect],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const data = e.dataTransfer.getData(DRAG_TYPE);
      if (!data) return;
      const [kind, type] = data.split(':');
      const entry = catalog.components.find((c) => c.kind === kind && c.type === type);
      if (!entry) return;
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      add(entry, { x: p.x - 100, y: p.y - 30 });
    },
    [catalog, flow, add],
  );

  const undo = useCallback(() => {
    const previous = history.current.undo(graphRef.current);
    if (previous) {
      graphRef.current = previous;
      setGraphState(previous);
    }
  }, []);
  const redo = useCallback(() => {
    const next = history.current.redo(graphRef.current);
    if (next) {
      graphRef.current = next;
      setGraphState(next);
    }
  }, []);
  const layout = useCallback(() => {
    change((g) => autoLayout(g));
    setTimeout(() => void flow.fitView({ padding: 0.2 }), 50);
  }, [change, flow]);

  // Keyboard: undo/redo, copy/paste; not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.closest('input, textarea, select, .cm-editor, dialog') || t.isContentEditable)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        redo();
      } else if (k === 'c' && selected.size > 0) {
        clip.current = copySelection(graphRef.current, selected);
      } else if (k === 'v' && clip.current) {
        e.preventDefault();
        const { graph: next, keys } = paste(graphRef.current, clip.current);
        change(next);
        setSelected(new Set(keys));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undo, redo, selected, change]);

  const selectedKey = selected.size === 1 ? [...selected][0] : undefined;
  const selectedComponent = graph.components.find((c) => c.key === selectedKey);
  const errorCount = problems.filter((p) => p.severity === 'ERROR').length;

  return (
    <div className="editor" data-testid="editor">
      <div className="editor-bar">
        <div className="editor-title">
          <Link to="/pipelines" className="muted">
            Pipelines
          </Link>
          <span className="muted"> / </span>
          <h1>{pipeline.name}</h1>
          <SaveBadge state={saveState} />
          <SubjectAlertBadge envId={pipeline.environmentId} pipelineId={pipeline.id} />
          {deployed && (
            <span className="badge badge-ok" data-testid="deployed-badge">
              deployed v{deployed.version}
            </span>
          )}
        </div>
        <div className="editor-tools" role="toolbar" aria-label="Editor">
          <button type="button" className="button button-secondary button-small" onClick={undo} disabled={!history.current.canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
            Undo
          </button>
          <button type="button" className="button button-secondary button-small" onClick={redo} disabled={!history.current.canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
            Redo
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={selected.size === 0}
            onClick={() => {
              clip.current = copySelection(graphRef.current, selected);
              setNotice(`Copied ${selected.size} component${selected.size > 1 ? 's' : ''}; paste with Ctrl+V or the Paste button.`);
            }}
            title="Copy (Ctrl+C)"
          >
            Copy
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={readOnly}
            title={needsEditor ?? 'Paste (Ctrl+V)'}
            onClick={() => {
              if (!clip.current) return;
              const { graph: next, keys } = paste(graphRef.current, clip.current);
              change(next);
              setSelected(new Set(keys));
            }}
          >
            Paste
          </button>
          <button type="button" className="button button-secondary button-small" onClick={layout} disabled={readOnly} title={needsEditor ?? 'Place the components by their connections: sources left, sinks right'} data-testid="auto-layout">
            Auto-layout
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => setDialog('export')} data-testid="export">
            Export
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => setDialog('deploy')} disabled={readOnly} title={needsEditor} data-testid="deploy">
            Deploy…
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => setDialog('publish')}
            disabled={readOnly || saveState !== 'saved' || errorCount > 0}
            title={needsEditor ?? (errorCount > 0 ? 'Fix the errors first' : saveState !== 'saved' ? 'Saving the draft…' : 'Publish a new version')}
            data-testid="publish"
          >
            Publish…
          </button>
        </div>
      </div>
      {notice && (
        <div className="editor-notice" role="status" data-testid="editor-notice">
          {notice}
          <button type="button" className="link-button" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      {readOnly && (
        <div className="editor-notice" role="status" data-testid="read-only">
          The pipeline is shown read-only: {needsEditor}
        </div>
      )}
      {saveProblem && <ProblemMessage problem={saveProblem} testId="save-error" />}
      <div className="editor-body">
        {readOnly ? <div className="palette" /> : <Palette components={catalog.components} onAdd={(c) => add(c)} />}
        <div className="canvas" ref={canvasRef} onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop} data-testid="canvas">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            onNodeDragStart={() => history.current.push(graphRef.current)}
            deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
            fitView
            fitViewOptions={{ padding: 0.3, maxZoom: 1 }}
            minZoom={0.2}
          >
            <Background gap={16} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable className="minimap" />
          </ReactFlow>
          {graph.components.length === 0 && (
            <div className="canvas-empty" data-testid="canvas-empty">
              Drag a source from the left onto the canvas (or click it), then a transform and a sink; connect them from the right-hand dot of one to the left-hand dot of the next.
            </div>
          )}
        </div>
        <aside className="side-panel" aria-label="Details">
          <Tabs<PanelTab>
            value={tab}
            onChange={setTab}
            tabs={[
              { id: 'component', label: selectedComponent ? selectedComponent.key : 'Component' },
              { id: 'problems', label: `Problems${problems.length ? ` (${problems.length})` : ''}` },
              { id: 'versions', label: 'Versions' },
              { id: 'deployment', label: 'Deploy' },
              { id: 'preview', label: 'Preview' },
            ]}
          />
          <div className="side-body">
            {tab === 'component' &&
              (selectedComponent ? (
                <ReadOnly.Provider value={readOnly}>
                <fieldset className="plain-fieldset" disabled={readOnly} title={needsEditor} data-testid="component-fieldset">
                <ComponentPanel
                  key={selectedComponent.key}
                  component={selectedComponent}
                  entry={byType.get(`${selectedComponent.kind}:${selectedComponent.type}`)}
                  graph={graph}
                  change={change}
                  onRenamed={(k) => setSelected(new Set([k]))}
                  problems={grouped.get(selectedComponent.key) ?? []}
                  secrets={secrets.data ?? []}
                  onDelete={() => {
                    change((g) => removeComponents(g, new Set([selectedComponent.key])));
                    setSelected(new Set());
                  }}
                />
                </fieldset>
                </ReadOnly.Provider>
              ) : (
                <p className="muted">Select one component on the canvas to edit its options.</p>
              ))}
            {tab === 'problems' && (
              <ProblemsList
                problems={problems}
                saveState={saveState}
                onSelect={(key) => {
                  setSelected(new Set([key]));
                  setTab('component');
                  const node = graph.components.find((c) => c.key === key);
                  if (node?.position) void flow.setCenter(node.position.x + 100, node.position.y + 40, { zoom: 1, duration: 300 });
                }}
              />
            )}
            {tab === 'versions' && (
              <VersionsPanel
                environmentId={pipeline.environmentId}
                pipelineId={pipeline.id}
                needsEditor={needsEditor}
                tick={versionsTick}
                onDraftReplaced={(p) => {
                  const g = normalized(p.graph ?? graph);
                  lastSaved.current = JSON.stringify(g);
                  change(g);
                  setProblems(p.problems ?? []);
                  setVersionsTick((t) => t + 1);
                }}
                onPublished={() => setVersionsTick((t) => t + 1)}
              />
            )}
            {tab === 'preview' && <PreviewPanel pipelineId={pipeline.id} environmentId={pipeline.environmentId} needsEditor={needsEditor} />}
            {tab === 'deployment' && <DeploymentPanel pipelineId={pipeline.id} state={deployment} onDeploy={() => setDialog('deploy')} needsEditor={needsEditor} />}
          </div>
        </aside>
      </div>
      {dialog === 'export' && <ExportDialog pipelineId={pipeline.id} name={pipeline.name} onClose={() => setDialog(undefined)} />}
      {dialog === 'publish' && (
        <PublishDialog
          pipelineId={pipeline.id}
          onClose={() => setDialog(undefined)}
          onPublished={(v) => {
            setDialog(undefined);
            setVersionsTick((t) => t + 1);
            setTab('versions');
            setNotice(
              `Published version ${v.number}.` +
                (v.checkedByVector === false ? ' Vector itself did not check it (no vector binary on the server).' : ' Vector checked it.'),
            );
          }}
        />
      )}
      {dialog === 'deploy' && (
        <DeployDialog
          pipeline={pipeline}
          current={deployment.data?.current ?? null}
          onClose={() => setDialog(undefined)}
          onDeployed={(d) => {
            setDialog(undefined);
            deployment.reload();
            setTab('deployment');
            setNotice(
              d.rolloutId
                ? `Started a staged rollout of version ${d.version} to ${d.matchedNodes} node${d.matchedNodes === 1 ? '' : 's'}: the Deploy tab follows its waves.`
                : `Deployed version ${d.version} to ${d.matchedNodes} node${d.matchedNodes === 1 ? '' : 's'}.`,
            );
          }}
        />
      )}
    </div>
  );
}

function SaveBadge({ state }: { state: SaveState }) {
  const text = {
    saved: 'Draft saved',
    saving: 'Saving…',
    pending: 'Unsaved changes',
    refused: 'Not saved: the graph is broken (see Problems)',
    failed: 'Not saved',
  }[state];
  return (
    <span className={`save-badge save-${state}`} data-testid="save-state" data-state={state} role="status">
      {text}
    </span>
  );
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}
