import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { ConfirmButton, CopyButton, Empty, fieldError, LoadState, Modal, restOf, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useAccess } from '../useAccess.ts';
import {
  alertsApi,
  CHANNEL_KINDS,
  channelFields,
  channelToForm,
  formToChannel,
  newSigningSecret,
  type Channel,
  type ChannelForm,
  type ChannelKind,
  type TestResult,
} from './alertsApi.ts';

const kindLabel = (kind: string) => CHANNEL_KINDS.find((k) => k.kind === kind)?.label ?? kind;

/** The notification channels of an environment: admins create, change, test and delete them; everyone sees the history. */
export function ChannelsPanel({ envId }: { envId: string }) {
  const list = useLoad((s) => alertsApi.channels(envId, s), [envId]);
  const needsAdmin = useAccess({ environmentId: envId }).why('ADMIN');
  const [editing, setEditing] = useState<Channel | 'new' | undefined>();
  const [history, setHistory] = useState<Channel | undefined>();
  const [results, setResults] = useState<Record<string, TestResult>>({});
  const test = useAction();
  return (
    <section className="card">
      <div className="card-head">
        <h2>Channels</h2>
        <button type="button" className="button" onClick={() => setEditing('new')} disabled={!!needsAdmin} title={needsAdmin} data-testid="new-channel">
          New channel
        </button>
      </div>
      {test.problem && <ProblemMessage problem={test.problem} />}
      <LoadState state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="No channels yet" testId="channels-empty">
              <p className="muted">A channel is where a rule's alerts are sent: a webhook, Slack, Teams, PagerDuty or e-mail.</p>
            </Empty>
          ) : (
            <table className="table" data-testid="channel-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Settings</th>
                  <th>Enabled</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const result = results[c.id];
                  return (
                    <tr key={c.id} data-testid="channel-row">
                      <td className="cell-name">{c.name}</td>
                      <td>{kindLabel(c.kind)}</td>
                      <td className="small">
                        {Object.entries(c.settings).flatMap(([k, v]) =>
                          typeof v === 'string'
                            ? [
                                <div key={k}>
                                  {k}: <code>{v}</code>
                                </div>,
                              ]
                            : Object.entries(v).map(([name, value]) => (
                                <div key={`${k}.${name}`}>
                                  header {name}: <code>{value}</code>
                                </div>
                              )),
                        )}
                        {c.secretsSet.length > 0 && <div className="muted">secrets set: {c.secretsSet.join(', ')}</div>}
                      </td>
                      <td>{c.enabled ? 'yes' : <span className="muted">no</span>}</td>
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="button button-small"
                          disabled={!!needsAdmin || test.busy}
                          title={needsAdmin}
                          data-testid="test-channel"
                          onClick={async () => {
                            const r = await test.run(() => alertsApi.testChannel(envId, c.id));
                            if (r) setResults((all) => ({ ...all, [c.id]: r }));
                          }}
                        >
                          Send test
                        </button>
                        <button type="button" className="button button-small button-secondary" onClick={() => setHistory(c)} data-testid="channel-history">
                          Deliveries
                        </button>
                        <button type="button" className="button button-small button-secondary" onClick={() => setEditing(c)} disabled={!!needsAdmin} title={needsAdmin} data-testid="edit-channel">
                          Edit
                        </button>
                        <ConfirmButton
                          label="Delete"
                          className="button button-small button-ghost-danger"
                          title={`Delete channel ${c.name}?`}
                          message={<p>Rules stop naming it; their alerts are still listed.</p>}
                          disabled={!!needsAdmin}
                          tooltip={needsAdmin}
                          testId="delete-channel"
                          onConfirm={async () => {
                            await alertsApi.deleteChannel(envId, c.id);
                            list.reload();
                          }}
                        />
                        {result && (
                          <p className="test-result" role="status" data-testid="test-result">
                            {result.delivered ? <span className="badge badge-ok">delivered</span> : <span className="badge badge-bad">not delivered</span>}{' '}
                            {result.statusCode !== null && `HTTP ${result.statusCode}, `}
                            {result.durationMillis} ms{result.error ? ` — ${result.error}` : ''}
                          </p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {editing && (
        <ChannelDialog
          envId={envId}
          channel={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
      {history && <DeliveriesDialog envId={envId} channel={history} onClose={() => setHistory(undefined)} />}
    </section>
  );
}

function ChannelDialog({ envId, channel, onClose, onSaved }: { envId: string; channel?: Channel; onClose: () => void; onSaved: () => void }) {
  const [form, setForm] = useState<ChannelForm>(channelToForm(channel));
  const [generated, setGenerated] = useState<string | undefined>();
  const action = useAction();
  const p = action.problem;
  const fields = channelFields(form.kind);
  const shown = ['name', 'kind', 'enabled', ...fields.map((f) => `${f.secret ? 'secrets' : 'settings'}.${f.key}`)];
  const setValue = (key: string) => (v: string) => setForm((f) => ({ ...f, values: { ...f.values, [key]: v } }));
  return (
    <Modal title={channel ? `Change ${channel.name}` : 'New channel'} onClose={onClose} wide testId="channel-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const body = formToChannel(form);
          if (await action.run(() => (channel ? alertsApi.updateChannel(envId, channel.id, body) : alertsApi.createChannel(envId, body)))) onSaved();
        }}
      >
        <TextField label="Name" value={form.name} onChange={(v) => setForm({ ...form, name: v })} required error={fieldError(p, 'name')} testId="channel-name" autoFocus />
        <div className={fieldError(p, 'kind') ? 'field field-invalid' : 'field'}>
          <label htmlFor="channel-kind">Kind</label>
          <select
            id="channel-kind"
            className="input"
            value={form.kind}
            disabled={!!channel}
            onChange={(e) => {
              setForm({ ...form, kind: e.target.value as ChannelKind, values: {} });
              setGenerated(undefined);
            }}
            data-testid="channel-kind"
          >
            {CHANNEL_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          {fieldError(p, 'kind') && <p className="field-error">{fieldError(p, 'kind')}</p>}
        </div>
        {fields.map((f) => {
          const isSet = channel?.secretsSet.includes(f.key);
          return (
            <div key={f.key}>
              <TextField
                label={f.secret ? `${f.label} (write-only)` : f.label}
                type={f.secret ? 'password' : 'text'}
                value={form.values[f.key] ?? ''}
                onChange={setValue(f.key)}
                placeholder={f.secret && isSet ? 'set — leave empty to keep' : f.placeholder}
                error={fieldError(p, `${f.secret ? 'secrets' : 'settings'}.${f.key}`)}
                hint={f.hint}
                testId={`channel-${f.key}`}
              />
              {f.key === 'signingSecret' && (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    data-testid="generate-signing-secret"
                    onClick={() => {
                      const secret = newSigningSecret();
                      setGenerated(secret);
                      setValue('signingSecret')(secret);
                    }}
                  >
                    Generate a signing secret
                  </button>
                </div>
              )}
              {f.key === 'signingSecret' && generated && form.values.signingSecret === generated && (
                <div className="once" role="status" data-testid="signing-secret-once">
                  <p>Give this secret to the receiver to check the signatures: it is shown only now and cannot be read back.</p>
                  <div className="once-value">
                    <code data-testid="signing-secret-value">{generated}</code>
                    <CopyButton text={generated} />
                  </div>
                </div>
              )}
            </div>
          );
        })}
        <label className="check">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} data-testid="channel-enabled" /> Enabled
        </label>
        {restOf(p, shown) && <ProblemMessage problem={restOf(p, shown)!} testId="channel-problems" />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="channel-save">
            {channel ? 'Save' : 'Create channel'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeliveriesDialog({ envId, channel, onClose }: { envId: string; channel: Channel; onClose: () => void }) {
  const deliveries = useLoad((s) => alertsApi.deliveries(envId, channel.id, s), [envId, channel.id]);
  return (
    <Modal title={`Deliveries of ${channel.name}`} onClose={onClose} wide testId="deliveries-dialog">
      <div className="form-actions">
        <button type="button" className="button button-small button-secondary" onClick={deliveries.reload} data-testid="deliveries-refresh">
          Refresh
        </button>
      </div>
      <LoadState state={deliveries}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="Nothing sent yet" testId="deliveries-empty" />
          ) : (
            <table className="table" data-testid="delivery-list">
              <thead>
                <tr>
                  <th>Created</th>
                  <th>What</th>
                  <th>Status</th>
                  <th>Attempts</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id} data-testid="delivery-row">
                    <td>
                      <Time iso={d.createdAt} />
                    </td>
                    <td>
                      {d.test ? 'test notification' : `${d.event} ${d.ruleName ?? ''}`}
                      {!d.test && <div className="muted small">{d.alerts} alert{d.alerts === 1 ? '' : 's'}</div>}
                    </td>
                    <td>
                      <span className={`badge badge-${d.status === 'DELIVERED' ? 'ok' : d.status === 'DEAD' ? 'bad' : 'warn'}`} data-testid="delivery-status">
                        {d.status}
                      </span>
                      {d.status === 'QUEUED' && d.nextAttemptAt && (
                        <div className="muted small">
                          next <Time iso={d.nextAttemptAt} ago />
                        </div>
                      )}
                    </td>
                    <td>
                      <ol className="attempts">
                        {d.attempts.map((a, i) => (
                          <li key={i} data-testid="delivery-attempt">
                            <Time iso={a.at} /> — {a.statusCode !== null ? `HTTP ${a.statusCode}` : 'no answer'}, {a.durationMillis} ms
                            {a.error && <span className="muted"> — {a.error}</span>}
                          </li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </Modal>
  );
}
