import { useEffect, useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type Preview } from '../lib/client.ts';
import { LoadState, useAction, useLoad } from '../ui.tsx';
import { againstLabel, fieldRows, previewFinished, previewNodes, routeChanges, sinkCounts } from './preview.ts';

/**
 * "Preview on real events": runs the saved draft and the deployed (or a chosen) version side by side on recent sample
 * events, in a real Vector on a node the editor picks, and shows per sink what changes.
 */
export function PreviewPanel({ pipelineId, environmentId, needsEditor }: { pipelineId: string; environmentId: string; needsEditor?: string }) {
  const nodes = useLoad((s) => vf.nodes(environmentId, { limit: 200 }, s).then((p) => previewNodes(p.nodes)), [environmentId]);
  const versions = useLoad((s) => vf.versions(pipelineId, s), [pipelineId]);
  const [nodeId, setNodeId] = useState('');
  const [against, setAgainst] = useState('deployed');
  const [previewId, setPreviewId] = useState<string | undefined>();
  const [preview, setPreview] = useState<Preview | undefined>();
  const action = useAction();

  useEffect(() => {
    if (!previewId || previewFinished(preview)) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      vf.preview(pipelineId, previewId, controller.signal).then(
        (p) => !controller.signal.aborted && setPreview(p),
        () => undefined,
      );
    }, 1500);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [pipelineId, previewId, preview]);

  const run = async () => {
    const started = await action.run(() => vf.startPreview(pipelineId, nodeId, against === 'deployed' ? 'deployed' : Number(against)));
    if (started) {
      setPreview(undefined);
      setPreviewId(started.previewId);
    }
  };

  return (
    <div data-testid="preview-panel">
      <p className="muted small">
        Runs the saved draft and another version on recent sample events of the sources, in a real Vector on the node you pick, and
        shows per sink what changes. Take a sample of the sources on a node first (node page).
      </p>
      <LoadState state={nodes}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No node of this environment reports in.</p>
          ) : (
            <div>
              <div className="field">
                <label htmlFor="preview-node">Node</label>
                <select id="preview-node" className="input" value={nodeId} onChange={(e) => setNodeId(e.target.value)} data-testid="preview-node">
                  <option value="">Choose a node…</option>
                  {list.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.hostname} ({n.status})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="preview-against">Compare with</label>
                <select id="preview-against" className="input" value={against} onChange={(e) => setAgainst(e.target.value)} data-testid="preview-against">
                  <option value="deployed">the deployed version</option>
                  {(versions.data ?? []).map((v) => (
                    <option key={v.number} value={String(v.number)}>
                      v{v.number}
                    </option>
                  ))}
                </select>
              </div>
              <div className="actions">
                <button type="button" className="button" disabled={!nodeId || action.busy || !!needsEditor} title={needsEditor}
                  onClick={() => void run()} data-testid="preview-run">
                  Preview on real events
                </button>
              </div>
            </div>
          )
        }
      </LoadState>
      {action.problem && <ProblemMessage problem={action.problem} />}
      {previewId && !previewFinished(preview) && (
        <p className="muted loading" role="status" data-testid="preview-pending">
          Waiting for the node to run both versions…
        </p>
      )}
      {preview && previewFinished(preview) && <PreviewResult preview={preview} />}
    </div>
  );
}

function PreviewResult({ preview }: { preview: Preview }) {
  if (preview.state === 'FAILED') {
    return (
      <div data-testid="preview-result" className="notice" role="alert">
        <p>
          <strong>The preview failed:</strong> {preview.reason}
        </p>
        {preview.draftLog && <pre className="small">{preview.draftLog}</pre>}
      </div>
    );
  }
  const routes = routeChanges(preview);
  return (
    <div data-testid="preview-result">
      <p className="small">
        {preview.sampleEvents} sample event{preview.sampleEvents === 1 ? '' : 's'} on {preview.nodeName}: the draft against {againstLabel(preview)}.
        {preview.reason && <span className="muted"> {preview.reason}</span>}
      </p>
      {preview.sinks.map((s) => {
        const rows = fieldRows(s);
        return (
          <section key={s.sinkId} data-testid={`preview-sink-${s.sinkId}`}>
            <h4>
              <code>{s.sinkId}</code> <span className="muted small">{sinkCounts(s)}</span>
            </h4>
            {rows.length > 0 && (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th>Field</th>
                    <th>Change</th>
                    <th>Events</th>
                    <th>Before</th>
                    <th>After</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${r.change}:${r.path}`}>
                      <td><code>{r.path}</code></td>
                      <td>{r.change}</td>
                      <td>{r.events}</td>
                      <td><code>{r.before}</code></td>
                      <td><code>{r.after}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      <p className="small" data-testid="preview-routes">
        {routes.length === 0 ? 'Every event reaches the same sinks as before.' : `Routes that change: ${routes.join('; ')}`}
      </p>
      <p className="muted small">The transforms ran in the node's own Vector; the server only compares what it wrote.</p>
    </div>
  );
}
