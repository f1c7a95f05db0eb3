import { useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type RolloutDetail } from '../lib/client.ts';
import { describeWave, MAX_WAVES, PRESETS, type PlanForm, type WaveKind } from '../lib/rolloutPlan.ts';
import { StatusBadge, useAction, useLoad } from '../ui.tsx';

const KINDS: { kind: WaveKind; label: string }[] = [
  { kind: 'nodes', label: 'Nodes' },
  { kind: 'percent', label: 'Percent' },
  { kind: 'label', label: 'Label' },
  { kind: 'rest', label: 'The rest' },
];

/** The waves, gates and rollback of a staged deploy. */
export function StagedPlanEditor({ form, onChange, errors }: { form: PlanForm; onChange: (f: PlanForm) => void; errors: string[] }) {
  const setWave = (i: number, patch: Partial<PlanForm['waves'][number]>) => onChange({ ...form, waves: form.waves.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  return (
    <fieldset className="rollout-plan" data-testid="rollout-plan">
      <legend>Waves</legend>
      <div className="actions">
        <span className="muted small">Presets:</span>
        {PRESETS.map((p) => (
          <button key={p.name} type="button" className="button button-small button-secondary" onClick={() => onChange({ ...form, waves: p.waves.map((w) => ({ ...w })) })}>
            {p.name}
          </button>
        ))}
      </div>
      <ol className="rollout-waves">
        {form.waves.map((w, i) => (
          <li key={i} data-testid="rollout-wave">
            <select className="input input-inline" aria-label={`Wave ${i + 1} kind`} value={w.kind} onChange={(e) => setWave(i, { kind: e.target.value as WaveKind })}>
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            {w.kind !== 'rest' && (
              <input
                className="input input-inline"
                aria-label={`Wave ${i + 1} ${w.kind}`}
                value={w.value}
                placeholder={w.kind === 'label' ? 'canary=true' : w.kind === 'percent' ? '10' : '1'}
                onChange={(e) => setWave(i, { value: e.target.value })}
              />
            )}
            <label className="small">
              soak{' '}
              <input className="input input-inline input-short" aria-label={`Wave ${i + 1} soak seconds`} value={w.soakSeconds} onChange={(e) => setWave(i, { soakSeconds: e.target.value })} /> s
            </label>
            <span className="muted small">{describeWave(w)}</span>
            <button type="button" className="button button-small button-ghost-danger" aria-label={`Remove wave ${i + 1}`} onClick={() => onChange({ ...form, waves: form.waves.filter((_, j) => j !== i) })}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={form.waves.length >= MAX_WAVES}
        onClick={() => onChange({ ...form, waves: [...form.waves, { kind: 'percent', value: '50', soakSeconds: '300' }] })}
      >
        Add a wave
      </button>
      <div className="rollout-gates">
        <label className="small">
          Error rate margin (points){' '}
          <input className="input input-inline input-short" value={form.errorRateMarginPercent} onChange={(e) => onChange({ ...form, errorRateMarginPercent: e.target.value })} data-testid="gate-errors" />
        </label>
        <label className="small">
          Discarded margin (points){' '}
          <input className="input input-inline input-short" value={form.discardedMarginPercent} onChange={(e) => onChange({ ...form, discardedMarginPercent: e.target.value })} />
        </label>
        <label className="small">
          Events out at least (fraction of before){' '}
          <input className="input input-inline input-short" value={form.minEventsOutFraction} onChange={(e) => onChange({ ...form, minEventsOutFraction: e.target.value })} />
        </label>
        <label className="small">
          <input type="checkbox" checked={form.rollbackOnFailure} onChange={(e) => onChange({ ...form, rollbackOnFailure: e.target.checked })} data-testid="rollout-rollback" /> Roll back
          automatically when a gate fails (otherwise pause)
        </label>
      </div>
      <p className="field-hint">
        After each wave's soak the gate checks that every node of the wave runs the new version, none crashed, and the rates above hold against the previous version. Empty rate
        fields are not checked.
      </p>
      {errors.map((m) => (
        <p key={m} className="field-error">
          {m}
        </p>
      ))}
    </fieldset>
  );
}

const ACTIVE = new Set(['ROLLING', 'SOAKING', 'PAUSED']);

/** The latest rollout of a pipeline, if it has one: waves, nodes, gates, decisions, and the four buttons. */
export function LatestRollout({ pipelineId, canEdit, refreshKey, onChanged }: { pipelineId: string; canEdit: boolean; refreshKey?: unknown; /** After a control: what the deployment is may have changed. */ onChanged?: () => void }) {
  const list = useLoad((s) => vf.rollouts(pipelineId, s), [pipelineId, refreshKey]);
  const latest = list.data?.rollouts[0];
  if (!latest) return null;
  return (
    <RolloutView
      rolloutId={latest.id}
      canEdit={canEdit}
      onChanged={() => {
        list.reload();
        onChanged?.();
      }}
    />
  );
}

export function RolloutView({ rolloutId, canEdit, onChanged }: { rolloutId: string; canEdit: boolean; onChanged?: () => void }) {
  const detail = useLoad((s) => vf.rollout(rolloutId, s), [rolloutId]);
  const action = useAction();
  const active = !!detail.data && ACTIVE.has(detail.data.rollout.state);
  const state = detail.data?.rollout.state;
  useEffect(() => {
    if (!active) return;
    const t = setInterval(detail.reload, 3_000);
    return () => clearInterval(t);
  }, [active, detail.reload]);
  // the job moved it on (a rollback or a completion changes what is deployed): the panel around it reloads too
  const [seen, setSeen] = useState(state);
  useEffect(() => {
    if (state && seen && state !== seen) onChanged?.();
    setSeen(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  if (!detail.data) return detail.error ? <ProblemMessage problem={detail.error} /> : null;
  const d: RolloutDetail = detail.data;
  const r = d.rollout;
  const run = async (verb: 'pause' | 'resume' | 'abort' | 'skip') => {
    await action.run(() => vf.controlRollout(r.id, verb));
    detail.reload();
  };
  return (
    <section className="rollout" data-testid="rollout" data-state={r.state}>
      <h3 className="subhead">
        Rollout of v{r.targetVersion} <StatusBadge status={r.state} />
      </h3>
      <p className="small muted">
        {r.previousVersion ? `from v${r.previousVersion}` : 'first deploy'} · wave {Math.min(r.currentWave + 1, r.waveCount)} of {r.waveCount}
        {r.state === 'SOAKING' && r.soakEndsAt ? ` · soak ends ${new Date(r.soakEndsAt).toLocaleTimeString()}` : ''} · by {r.createdBy.replace(/^user:/, '')}
      </p>
      {active && canEdit && (
        <div className="actions">
          {r.state === 'PAUSED' ? (
            <button type="button" className="button button-small" disabled={action.busy} onClick={() => run('resume')} data-testid="rollout-resume">
              Resume
            </button>
          ) : (
            <button type="button" className="button button-small button-secondary" disabled={action.busy} onClick={() => run('pause')} data-testid="rollout-pause">
              Pause
            </button>
          )}
          <button type="button" className="button button-small button-secondary" disabled={action.busy} onClick={() => run('skip')} data-testid="rollout-skip">
            Skip to the end
          </button>
          <button type="button" className="button button-small button-ghost-danger" disabled={action.busy} onClick={() => run('abort')} data-testid="rollout-abort">
            Abort and roll back
          </button>
        </div>
      )}
      {action.problem && <ProblemMessage problem={action.problem} />}
      <p className="small">
        Gates: error rate ≤ before + {d.gates.errorRateMarginPercent ?? '—'} points, discarded ≤ before + {d.gates.discardedMarginPercent ?? '—'} points, events out ≥{' '}
        {d.gates.minEventsOutFraction ?? '—'} × before; {d.rollbackOnFailure ? 'rolls back' : 'pauses'} when one fails.
        {d.baseline &&
          ` Before: ${d.baseline.eventsInPerSec.toFixed(1)} in/s, ${d.baseline.eventsOutPerSec.toFixed(1)} out/s, ${d.baseline.errorPercent.toFixed(2)} % errors, ${d.baseline.discardedPercent.toFixed(2)} % discarded per node.`}
      </p>
      <ol className="rollout-wave-list">
        {d.waves.map((w) => (
          <li key={w.index} data-testid="rollout-wave-detail" className={w.index === r.currentWave && active ? 'current' : undefined}>
            <strong>{w.size.replace(':', ' ')}</strong> <span className="muted small">soak {w.soakSeconds}s · {w.nodes.length} node{w.nodes.length === 1 ? '' : 's'}</span>
            <ul className="match-list">
              {w.nodes.map((n) => (
                <li key={n.nodeId} data-admitted={n.admitted}>
                  <Link to={`/fleet/nodes/${n.nodeId}`}>{n.hostname}</Link> {n.status && <StatusBadge status={n.status} />}{' '}
                  <span className="small muted">
                    {n.reportedVersion ? `v${n.reportedVersion}` : '—'}
                    {n.admitted ? (n.runsNewVersion ? ' (new)' : ' → new') : ''}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <h4 className="subhead">Decisions</h4>
      <ol className="rollout-decisions" data-testid="rollout-decisions">
        {[...d.decisions].reverse().map((x, i) => (
          <li key={i}>
            <span className="small muted">{new Date(x.at).toLocaleTimeString()}</span> <strong>{x.kind.replace(/_/g, ' ').toLowerCase()}</strong>
            {x.wave !== undefined && x.wave !== null && <span className="small muted"> wave {x.wave + 1}</span>}: {x.reason}
            {x.figures && <div className="small muted">{x.figures}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
