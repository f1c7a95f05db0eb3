import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { Link } from '../components/Link.tsx';
import { vf, type Pipeline } from '../lib/client.ts';
import { navigate } from '../router.ts';
import { AlertBadge, useFiringCounts } from '../alerts/AlertBadge.tsx';
import type { FiringCounts } from '../alerts/alertsApi.ts';
import { ConfirmButton, Empty, fieldError, LoadState, Modal, restOf, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useAccess } from '../useAccess.ts';
import { NoEnvironment } from './NoEnvironment.tsx';

/** Pipelines of the current environment: search, create, import, delete. */
export function PipelinesScreen() {
  const { environment } = useWorkspace();
  const envId = environment?.id;
  const list = useLoad(envId ? (s) => vf.pipelines(envId, s) : undefined, [envId]);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<'create' | 'import' | undefined>();
  const access = useAccess({ environmentId: envId });
  const needsEditor = access.why('EDITOR');

  const firing = useFiringCounts(envId);
  if (!environment) return <NoEnvironment what="pipelines" />;
  const q = search.trim().toLowerCase();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Pipelines</h1>
          <p className="page-lead">
            Vector pipelines of <strong>{environment.name}</strong>.
          </p>
        </div>
        <div className="actions">
          <input
            className="input search"
            type="search"
            placeholder="Search pipelines"
            aria-label="Search pipelines"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="pipeline-search"
          />
          <button type="button" className="button button-secondary" onClick={() => setDialog('import')} disabled={!!needsEditor} title={needsEditor} data-testid="import-pipeline">
            Import…
          </button>
          <button type="button" className="button" onClick={() => setDialog('create')} disabled={!!needsEditor} title={needsEditor} data-testid="new-pipeline">
            New pipeline
          </button>
        </div>
      </div>
      <section className="card">
        <LoadState state={list} label="Loading pipelines…">
          {(items) => {
            const shown = items.filter((p) => !q || p.name.toLowerCase().includes(q) || p.description.toLowerCase().includes(q));
            if (items.length === 0)
              return (
                <Empty title="No pipelines yet" testId="pipelines-empty">
                  <p className="muted">Create one and build it on the canvas, or import a Vector YAML/TOML file.</p>
                </Empty>
              );
            if (shown.length === 0) return <Empty title={`No pipeline matches “${search}”`} />;
            return (
              <div className="table-wrap">
                <table className="table" data-testid="pipeline-list">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Components</th>
                      <th>Published</th>
                      <th>Deployment</th>
                      <th>Description</th>
                      <th>Updated</th>
                      <th aria-label="Actions" />
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((p) => (
                      <PipelineRow key={p.id} pipeline={p} onDeleted={list.reload} needsEditor={needsEditor} firing={firing} />
                    ))}
                  </tbody>
                </table>
              </div>
            );
          }}
        </LoadState>
      </section>
      {dialog === 'create' && <CreatePipelineDialog envId={environment.id} onClose={() => setDialog(undefined)} />}
      {dialog === 'import' && <ImportPipelineDialog envId={environment.id} onClose={() => setDialog(undefined)} />}
    </>
  );
}

function PipelineRow({ pipeline: p, onDeleted, needsEditor, firing }: { pipeline: Pipeline; onDeleted: () => void; needsEditor?: string; firing?: FiringCounts }) {
  const versions = useLoad((s) => vf.versions(p.id, s), [p.id]);
  const deployment = useLoad((s) => vf.deployments(p.id, s), [p.id]);
  const latest = versions.data?.reduce((m, v) => Math.max(m, v.number), 0);
  const current = deployment.data?.current;
  const running = deployment.data?.nodes.filter((n) => n.status === 'RUNNING').length ?? 0;
  const failing = deployment.data?.nodes.filter((n) => n.error).length ?? 0;
  return (
    <tr data-testid="pipeline-row">
      <td className="cell-name">
        <Link to={`/pipelines/${p.id}`} testId="pipeline-link">
          {p.name}
        </Link>
        <AlertBadge count={firing?.byPipeline[p.id]} capped={firing?.capped} />
      </td>
      <td>{p.components}</td>
      <td data-testid="pipeline-published">{latest ? `v${latest}` : <span className="muted">draft only</span>}</td>
      <td>
        {current ? (
          <>
            <span className="badge badge-ok">v{current.version}</span> <span className="small">{running} running</span>
            {failing > 0 && <span className="badge badge-bad">{failing} failing</span>}
          </>
        ) : (
          <span className="muted">{deployment.data ? 'not deployed' : '—'}</span>
        )}
      </td>
      <td className="muted">{p.description}</td>
      <td>
        <Time iso={p.updatedAt} /> <span className="muted">by {p.updatedBy.replace(/^user:/, '')}</span>
      </td>
      <td className="cell-actions">
        <ConfirmButton
          label="Delete"
          className="button button-small button-ghost-danger"
          title={`Delete pipeline ${p.name}?`}
          message={<p>The pipeline, its draft and every published version are deleted. This cannot be undone.</p>}
          onConfirm={async () => {
            await vf.deletePipeline(p.id);
            onDeleted();
          }}
          testId="delete-pipeline"
          disabled={!!needsEditor}
          tooltip={needsEditor}
        />
      </td>
    </tr>
  );
}

function CreatePipelineDialog({ envId, onClose }: { envId: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const action = useAction();
  return (
    <Modal title="New pipeline" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const created = await action.run(() => vf.createPipeline(envId, name.trim(), description));
          if (created) navigate(`/pipelines/${created.id}`);
        }}
      >
        <TextField label="Name" value={name} onChange={setName} required error={fieldError(action.problem, 'name')} testId="pipeline-name" autoFocus />
        <TextField label="Description" value={description} onChange={setDescription} error={fieldError(action.problem, 'description')} />
        {restOf(action.problem, ['name', 'description']) && <ProblemMessage problem={restOf(action.problem, ['name', 'description'])!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="create-pipeline">
            Create and open
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ImportPipelineDialog({ envId, onClose }: { envId: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [config, setConfig] = useState('');
  const [format, setFormat] = useState('');
  const action = useAction();
  return (
    <Modal title="Import a Vector configuration" onClose={onClose} wide>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const result = await action.run(() => vf.importPipeline(envId, name.trim(), config, format || undefined));
          if (result) navigate(`/pipelines/${result.pipeline.id}`);
        }}
      >
        <TextField label="Name" value={name} onChange={setName} required error={fieldError(action.problem, 'name')} testId="import-name" autoFocus />
        <div className="field">
          <label htmlFor="import-file">File (YAML, TOML or JSON)</label>
          <input
            id="import-file"
            type="file"
            accept=".yaml,.yml,.toml,.json,text/plain"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setConfig(await file.text());
              if (!name) setName(file.name.replace(/\.(ya?ml|toml|json)$/i, '').replace(/[^A-Za-z0-9_ -]/g, '-'));
              const ext = /\.(ya?ml|toml|json)$/i.exec(file.name)?.[1]?.toLowerCase();
              setFormat(ext === 'yml' ? 'yaml' : (ext ?? ''));
            }}
          />
        </div>
        <TextField
          label="…or paste the configuration"
          value={config}
          onChange={setConfig}
          multiline
          required
          error={fieldError(action.problem, 'config')}
          testId="import-config"
          placeholder={'sources:\n  in:\n    type: demo_logs\n    format: json'}
        />
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" className="input" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="">detect</option>
            <option value="yaml">YAML</option>
            <option value="toml">TOML</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <p className="muted small">Literal passwords and keys in the file are moved into new secrets of this environment.</p>
        {restOf(action.problem, ['name', 'config']) && <ProblemMessage problem={restOf(action.problem, ['name', 'config'])!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="import-submit">
            Import
          </button>
        </div>
      </form>
    </Modal>
  );
}
