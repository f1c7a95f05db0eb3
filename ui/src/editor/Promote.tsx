import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type PromoteBody } from '../lib/client.ts';
import { blockers, isApprovalRequest, showValue, toValues, type ApprovalRequest, type MappingRow, type Promoted, type PromotionPreview } from '../lib/promotion.ts';
import { parseSelector } from '../lib/selector.ts';
import { Modal, useAction } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { ComponentDiff } from './Versions.tsx';

const EMPTY_ROW: MappingRow = { component: '', option: '', value: '' };

/**
 * Promote a published version into another environment: pick the target, map the values that must differ, preview
 * (blocking secret and certificate names, component diff, values) and confirm. See docs/promotion.md.
 */
export function PromoteDialog({ pipelineId, environmentId, version, onClose }: { pipelineId: string; environmentId: string; version: number; onClose: () => void }) {
  const workspace = useWorkspace();
  const targets = workspace.environments.filter((e) => e.id !== environmentId);
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  const [rows, setRows] = useState<MappingRow[]>([EMPTY_ROW]);
  const [deploy, setDeploy] = useState(false);
  const [selectorText, setSelectorText] = useState('');
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<PromotionPreview | undefined>();
  const [done, setDone] = useState<Promoted | ApprovalRequest | undefined>();
  const action = useAction();
  const mapped = toValues(rows);
  const selector = parseSelector(selectorText);
  const formErrors = [...mapped.errors, ...(deploy ? selector.errors : [])];

  const body = (): PromoteBody => ({
    targetEnvironmentId: target,
    values: mapped.values,
    ...(deploy ? { deploy: { selector: selector.labels } } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  const changed = (f: () => void) => {
    f();
    setPreview(undefined);
  };
  const setRow = (i: number, patch: Partial<MappingRow>) => changed(() => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))));

  if (done) {
    return (
      <Modal title={`Promote v${version}`} onClose={onClose} testId="promote-dialog">
        {isApprovalRequest(done) ? (
          <p data-testid="promote-result">
            Sent for approval: another admin of the target's team must approve it (request {done.id.slice(0, 8)}, expires{' '}
            {new Date(done.expiresAt).toLocaleDateString()}).
          </p>
        ) : (
          <p data-testid="promote-result">
            Promoted as v{done.version} of {done.created ? 'a new pipeline' : 'the pipeline'} in the target environment
            {done.deployedVersion ? ` and deployed` : ''}: “{done.message}”.
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  const blocked = preview ? blockers(preview) : [];
  return (
    <Modal title={`Promote v${version} to another environment`} onClose={onClose} wide testId="promote-dialog">
      {targets.length === 0 ? (
        <p className="muted">There is no other environment you can see. Create one in Admin first.</p>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (formErrors.length > 0) return;
            if (!preview) {
              const p = await action.run(() => vf.previewPromotion(pipelineId, version, body()));
              if (p) setPreview(p);
              return;
            }
            const result = await action.run(() => vf.promote(pipelineId, version, body()));
            if (result) setDone(result);
          }}
        >
          <div className="field">
            <label htmlFor="promote-target">Target environment</label>
            <select id="promote-target" className="input" value={target} onChange={(e) => changed(() => setTarget(e.target.value))} data-testid="promote-target">
              {targets.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.teamName ? `${e.teamName} / ` : ''}
                  {e.name}
                  {e.requiresApproval ? ' (requires approval)' : ''}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="plain-fieldset">
            <legend className="subhead">Values that differ in the target</legend>
            <p className="field-hint">Component key, option (names joined by “.”), and the target's value; true/false and numbers are typed, quote to keep text.</p>
            <table className="table table-compact" data-testid="promote-values">
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    <td>
                      <input className="input" aria-label={`Component of value ${i + 1}`} value={r.component} placeholder="out" onChange={(e) => setRow(i, { component: e.target.value })} data-testid="promote-value-component" />
                    </td>
                    <td>
                      <input className="input" aria-label={`Option of value ${i + 1}`} value={r.option} placeholder="uri" onChange={(e) => setRow(i, { option: e.target.value })} data-testid="promote-value-option" />
                    </td>
                    <td>
                      <input className="input" aria-label={`Value ${i + 1}`} value={r.value} placeholder="https://logs.prod.example.com" onChange={(e) => setRow(i, { value: e.target.value })} data-testid="promote-value-value" />
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => changed(() => setRows(rows.length === 1 ? [EMPTY_ROW] : rows.filter((_, j) => j !== i)))}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" className="link-button" onClick={() => changed(() => setRows([...rows, EMPTY_ROW]))} data-testid="promote-add-value">
              Add a value
            </button>
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={deploy} onChange={(e) => changed(() => setDeploy(e.target.checked))} data-testid="promote-deploy" /> Deploy it in the target right away
          </label>
          {deploy && (
            <div className="field">
              <label htmlFor="promote-selector">Node selector</label>
              <input id="promote-selector" className="input" value={selectorText} onChange={(e) => changed(() => setSelectorText(e.target.value))} placeholder="role=edge (empty: every node)" />
            </div>
          )}
          <div className="field">
            <label htmlFor="promote-note">Note</label>
            <input id="promote-note" className="input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="Added to “Promoted from … vN”" />
          </div>
          {formErrors.map((m) => (
            <p key={m} className="field-error">
              {m}
            </p>
          ))}
          {preview && (
            <section data-testid="promote-preview">
              <h3 className="subhead">
                {preview.targetPipelineId ? `Changes from ${preview.targetEnvironment} v${preview.targetVersion ?? 0}` : `A new pipeline ${preview.pipelineName} in ${preview.targetEnvironment}`}
              </h3>
              {blocked.length > 0 && (
                <div className="problem" role="alert" data-testid="promote-blocked">
                  <strong>Blocked:</strong> {preview.targetEnvironment} lacks{' '}
                  {blocked.map((b, i) => (
                    <span key={b}>
                      {i > 0 && ', '}
                      <code className="diff-removed">{b}</code>
                    </span>
                  ))}
                  . Create {blocked.length === 1 ? 'it' : 'them'} there (same names, the target's values), then preview again.
                </div>
              )}
              {preview.values.length > 0 && (
                <table className="table table-compact" data-testid="promote-mapped">
                  <thead>
                    <tr>
                      <th>Value</th>
                      <th>In v{preview.version}</th>
                      <th>In {preview.targetEnvironment}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.values.map((v) => (
                      <tr key={`${v.component}.${v.option}`}>
                        <td>
                          <code>
                            {v.component}.{v.option}
                          </code>
                        </td>
                        <td className="diff-old diff-value">{showValue(v.from)}</td>
                        <td className="diff-new diff-value">{showValue(v.to)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {preview.environmentVariables.length > 0 && (
                <p className="small">The target's nodes must set: {preview.environmentVariables.join(', ')}</p>
              )}
              <ComponentDiff diff={{ from: preview.targetVersion ?? 0, to: preview.version, components: preview.diff, yamlDiff: '' }} />
              {preview.requiresApproval && <p className="small muted">{preview.targetEnvironment} requires approval: promoting sends a request to its admins.</p>}
            </section>
          )}
          {action.problem && <ProblemMessage problem={action.problem} testId="promote-error" />}
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={action.busy || !target || formErrors.length > 0 || blocked.length > 0} data-testid="promote-confirm">
              {action.busy ? 'Working…' : !preview ? 'Preview' : preview.requiresApproval ? 'Send for approval' : `Promote v${version}`}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
