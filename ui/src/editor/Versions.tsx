import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { diffStats, optionDiffView, parseUnifiedDiff, type DiffLine } from '../lib/diff.ts';
import { vf, type Pipeline, type Version, type VersionDiff } from '../lib/client.ts';
import { ConfirmButton, CopyButton, Empty, LoadState, Modal, Tabs, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { CodeEditor } from './CodeEditor.tsx';
import { PromoteDialog } from './Promote.tsx';

export function ExportDialog({ pipelineId, name, onClose }: { pipelineId: string; name: string; onClose: () => void }) {
  const [format, setFormat] = useState<'yaml' | 'toml'>('yaml');
  const text = useLoad(() => vf.config(pipelineId, format), [pipelineId, format]);
  return (
    <Modal title="Export the draft" onClose={onClose} wide testId="export-dialog">
      <Tabs value={format} onChange={setFormat} tabs={[{ id: 'yaml', label: 'YAML' }, { id: 'toml', label: 'TOML' }]} />
      <LoadState state={text}>
        {(t) => (
          <>
            <CodeEditor language={format} value={t} readOnly ariaLabel={`${format} configuration`} testId="export-text" maxHeight={480} />
            <div className="form-actions">
              <CopyButton text={t} />
              <a className="button" href={`data:text/plain;charset=utf-8,${encodeURIComponent(t)}`} download={`${name}.${format}`}>
                Download {name}.{format}
              </a>
            </div>
          </>
        )}
      </LoadState>
    </Modal>
  );
}

export function PublishDialog({ pipelineId, onClose, onPublished }: { pipelineId: string; onClose: () => void; onPublished: (v: Version) => void }) {
  const [message, setMessage] = useState('');
  const action = useAction();
  return (
    <Modal title="Publish a new version" onClose={onClose} testId="publish-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const v = await action.run(() => vf.publish(pipelineId, message));
          if (v) onPublished(v);
        }}
      >
        <p className="muted">The draft becomes an immutable version; deploy it from the Deploy dialog.</p>
        <TextField label="Message" value={message} onChange={setMessage} multiline testId="publish-message" placeholder="What changed and why" autoFocus />
        {action.problem && <ProblemMessage problem={action.problem} testId="publish-error" />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="publish-confirm">
            {action.busy ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Published versions, newest first: diff, load into the draft, roll back, promote to another environment. */
export function VersionsPanel({ pipelineId, environmentId, tick, onDraftReplaced, onPublished, needsEditor }: { pipelineId: string; /** The pipeline's environment (promotion picks another one). */ environmentId?: string; tick: number; onDraftReplaced: (p: Pipeline) => void; onPublished: () => void; /** Set when the user may not change the pipeline: why. */ needsEditor?: string }) {
  const versions = useLoad((s) => vf.versions(pipelineId, s), [pipelineId, tick]);
  const [diff, setDiff] = useState<{ from: number; to: number } | undefined>();
  const [promote, setPromote] = useState<number | undefined>();
  return (
    <LoadState state={versions}>
      {(items) => {
        if (items.length === 0)
          return (
            <Empty title="No version yet" testId="versions-empty">
              <p className="muted">Publish the draft to create version 1.</p>
            </Empty>
          );
        const sorted = [...items].sort((a, b) => b.number - a.number);
        const latest = sorted[0]?.number ?? 0;
        return (
          <>
            <ol className="version-list" data-testid="version-list">
              {sorted.map((v) => (
                <li key={v.number} className="version" data-testid="version">
                  <div className="version-head">
                    <strong>v{v.number}</strong>
                    {v.number === latest && <span className="badge badge-ok">latest</span>}
                    {v.restoredFrom && <span className="tag">rollback of v{v.restoredFrom}</span>}
                    <span className="muted small">
                      <Time iso={v.createdAt} /> · {v.author.replace(/^user:/, '')}
                    </span>
                  </div>
                  {v.message && <p className="version-message">{v.message}</p>}
                  <div className="version-actions">
                    {v.number > 1 && (
                      <button type="button" className="link-button" onClick={() => setDiff({ from: v.number - 1, to: v.number })} data-testid="version-diff">
                        Changes from v{v.number - 1}
                      </button>
                    )}
                    {v.number !== latest && (
                      <button type="button" className="link-button" onClick={() => setDiff({ from: v.number, to: latest })}>
                        Compare with v{latest}
                      </button>
                    )}
                    <ConfirmButton
                      label="Load into draft"
                      className="link-button"
                      title={`Replace the draft with v${v.number}?`}
                      message={<p>Unpublished changes in the draft are lost.</p>}
                      confirmLabel="Replace draft"
                      disabled={!!needsEditor}
                      tooltip={needsEditor}
                      testId="load-into-draft"
                      onConfirm={async () => onDraftReplaced(await vf.resetDraft(pipelineId, v.number))}
                    />
                    {environmentId && (
                      <button type="button" className="link-button" onClick={() => setPromote(v.number)} data-testid="version-promote">
                        Promote…
                      </button>
                    )}
                    {v.number !== latest && (
                      <ConfirmButton
                        label="Roll back"
                        className="link-button"
                        title={`Roll back to v${v.number}?`}
                        message={<p>Publishes version {latest + 1} with the content of v{v.number}. Deployed nodes follow when you deploy it.</p>}
                        confirmLabel={`Roll back to v${v.number}`}
                        testId="rollback"
                        disabled={!!needsEditor}
                        tooltip={needsEditor}
                        onConfirm={async () => {
                          await vf.rollback(pipelineId, v.number, `Rollback to v${v.number}`);
                          onPublished();
                        }}
                      />
                    )}
                  </div>
                </li>
              ))}
            </ol>
            {diff && <DiffDialog pipelineId={pipelineId} from={diff.from} to={diff.to} onClose={() => setDiff(undefined)} />}
            {promote && environmentId && <PromoteDialog pipelineId={pipelineId} environmentId={environmentId} version={promote} onClose={() => setPromote(undefined)} />}
          </>
        );
      }}
    </LoadState>
  );
}

export function DiffDialog({ pipelineId, from, to, onClose }: { pipelineId: string; from: number; to: number; onClose: () => void }) {
  const diff = useLoad(() => vf.diff(pipelineId, from, to), [pipelineId, from, to]);
  const [view, setView] = useState<'components' | 'yaml'>('components');
  return (
    <Modal title={`Changes from v${from} to v${to}`} onClose={onClose} wide testId="diff-dialog">
      <Tabs value={view} onChange={setView} tabs={[{ id: 'components', label: 'Components' }, { id: 'yaml', label: 'YAML' }]} />
      <LoadState state={diff}>{(d) => (view === 'components' ? <ComponentDiff diff={d} /> : <YamlDiff text={d.yamlDiff} />)}</LoadState>
    </Modal>
  );
}

export function ComponentDiff({ diff }: { diff: VersionDiff }) {
  const c = diff.components;
  if (c.empty) return <p className="muted">No differences.</p>;
  return (
    <div className="component-diff" data-testid="component-diff">
      {c.added.map((a) => (
        <p key={`a-${a.key}`} className="diff-added">
          + added {a.kind} <code>{a.key}</code> ({a.type})
        </p>
      ))}
      {c.removed.map((a) => (
        <p key={`r-${a.key}`} className="diff-removed">
          − removed {a.kind} <code>{a.key}</code> ({a.type})
        </p>
      ))}
      {c.changed.map((ch) => (
        <div key={`c-${ch.key}`} className="diff-changed">
          <p>
            ~ changed <code>{ch.key}</code>
            {ch.type && (
              <>
                : type {ch.type.old} → {ch.type.new}
              </>
            )}
          </p>
          {ch.options.length > 0 && (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>Option</th>
                  <th>Before</th>
                  <th>After</th>
                </tr>
              </thead>
              <tbody>
                {ch.options.map((o) => {
                  const view = optionDiffView(o);
                  return (
                    <tr key={o.path}>
                      <td>
                        <code>{o.path}</code>
                      </td>
                      {view.kind === 'lines' ? (
                        <td colSpan={2}>
                          <DiffLines lines={view.lines} testId="option-line-diff" />
                        </td>
                      ) : (
                        <>
                          <td className="diff-old diff-value">{view.old}</td>
                          <td className="diff-new diff-value">{view.new}</td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      ))}
      {c.edgesAdded.map((e) => (
        <p key={`ea-${e}`} className="diff-added">
          + connection {e}
        </p>
      ))}
      {c.edgesRemoved.map((e) => (
        <p key={`er-${e}`} className="diff-removed">
          − connection {e}
        </p>
      ))}
    </div>
  );
}

export function YamlDiff({ text }: { text: string }) {
  const lines = parseUnifiedDiff(text);
  if (lines.length === 0) return <p className="muted">No differences.</p>;
  const stats = diffStats(lines);
  return (
    <>
      <p className="small muted">
        <span className="diff-new">+{stats.added}</span> <span className="diff-old">−{stats.removed}</span> lines
      </p>
      <DiffLines lines={lines} testId="yaml-diff" />
    </>
  );
}

/** Numbered, coloured lines of a unified diff. */
function DiffLines({ lines, testId }: { lines: DiffLine[]; testId: string }) {
  return (
    <pre className="yaml-diff" data-testid={testId}>
      {lines.map((l, i) => (
        <div key={i} className={`dl dl-${l.kind}`}>
          <span className="dl-no">{l.oldNo ?? ''}</span>
          <span className="dl-no">{l.newNo ?? ''}</span>
          <span className="dl-sign">{l.kind === 'add' ? '+' : l.kind === 'remove' ? '−' : ' '}</span>
          <span className="dl-text">{l.text}</span>
        </div>
      ))}
    </pre>
  );
}
