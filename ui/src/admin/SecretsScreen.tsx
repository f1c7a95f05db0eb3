import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { vf, type Secret } from '../lib/client.ts';
import { NoEnvironment } from '../screens/NoEnvironment.tsx';
import { ConfirmButton, Empty, fieldError, LoadState, Modal, restOf, Tabs, TextField, Time, useAction, useLoad } from '../ui.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useAccess } from '../useAccess.ts';

/** Secrets and certificates of the current environment; values can be written, never read. */
export function SecretsScreen() {
  const { environment } = useWorkspace();
  const [tab, setTab] = useState<'secrets' | 'certificates'>('secrets');
  if (!environment) return <NoEnvironment what="secrets" />;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Secrets</h1>
          <p className="page-lead">
            Secrets and certificates of <strong>{environment.name}</strong>. Values are sealed on the server and never shown again; pipelines refer to them as <code>SECRET[name]</code>.
          </p>
        </div>
      </div>
      <Tabs value={tab} onChange={setTab} tabs={[{ id: 'secrets', label: 'Secrets' }, { id: 'certificates', label: 'Certificates' }]} />
      {tab === 'secrets' ? <Secrets envId={environment.id} /> : <Certificates envId={environment.id} />}
    </>
  );
}

function Secrets({ envId }: { envId: string }) {
  const list = useLoad((s) => vf.secrets(envId, s), [envId]);
  const needsEditor = useAccess({ environmentId: envId }).why('EDITOR');
  const [editing, setEditing] = useState<Secret | 'new' | undefined>();
  return (
    <section className="card">
      <div className="card-head">
        <h2>Secrets</h2>
        <button type="button" className="button" onClick={() => setEditing('new')} disabled={!!needsEditor} title={needsEditor} data-testid="new-secret">
          New secret
        </button>
      </div>
      <LoadState state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="No secrets yet" testId="secrets-empty">
              <p className="muted">Passwords, API keys and tokens used by pipelines belong here.</p>
            </Empty>
          ) : (
            <table className="table" data-testid="secret-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Description</th>
                  <th>Used by</th>
                  <th>Updated</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.name} data-testid="secret-row">
                    <td className="cell-name">
                      <code>{s.name}</code>
                    </td>
                    <td className="muted">{s.description}</td>
                    <td>{s.referencedBy.length === 0 ? <span className="muted">—</span> : s.referencedBy.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(', ')}</td>
                    <td>
                      <Time iso={s.updatedAt} /> <span className="muted">by {s.updatedBy.replace(/^user:/, '')}</span>
                    </td>
                    <td className="cell-actions">
                      <button type="button" className="button button-small button-secondary" onClick={() => setEditing(s)} disabled={!!needsEditor} title={needsEditor} data-testid="change-secret">
                        Change value
                      </button>
                      <ConfirmButton
                        label="Delete"
                        className="button button-small button-ghost-danger"
                        title={`Delete secret ${s.name}?`}
                        message={<p>Pipelines that refer to it fail to publish until it exists again.</p>}
                        disabled={!!needsEditor}
                        tooltip={needsEditor}
                        testId="delete-secret"
                        onConfirm={async () => {
                          await vf.deleteSecret(envId, s.name);
                          list.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {editing && (
        <SecretDialog
          envId={envId}
          secret={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function SecretDialog({ envId, secret, onClose, onSaved }: { envId: string; secret?: Secret; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(secret?.name ?? '');
  const [value, setValue] = useState('');
  const [description, setDescription] = useState(secret?.description ?? '');
  const action = useAction();
  const shown = ['name', 'value', 'description'];
  return (
    <Modal title={secret ? `Change ${secret.name}` : 'New secret'} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await action.run(() =>
            secret ? vf.updateSecret(envId, secret.name, { ...(value ? { value } : {}), description }) : vf.createSecret(envId, name.trim(), value, description),
          );
          if (ok) onSaved();
        }}
      >
        {!secret && <TextField label="Name" value={name} onChange={setName} required error={fieldError(action.problem, 'name')} testId="secret-name" autoFocus hint="Letters, digits, _ . -" />}
        <TextField
          label={secret ? 'New value (leave empty to keep)' : 'Value'}
          type="password"
          value={value}
          onChange={setValue}
          required={!secret}
          error={fieldError(action.problem, 'value')}
          testId="secret-value"
          hint="Write-only: it cannot be read back."
        />
        <TextField label="Description" value={description} onChange={setDescription} error={fieldError(action.problem, 'description')} />
        {restOf(action.problem, shown) && <ProblemMessage problem={restOf(action.problem, shown)!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy} data-testid="secret-save">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}

function Certificates({ envId }: { envId: string }) {
  const list = useLoad((s) => vf.certificates(envId, s), [envId]);
  const needsEditor = useAccess({ environmentId: envId }).why('EDITOR');
  const [adding, setAdding] = useState(false);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Certificates</h2>
        <button type="button" className="button" onClick={() => setAdding(true)} disabled={!!needsEditor} title={needsEditor} data-testid="new-certificate">
          Upload certificate
        </button>
      </div>
      <LoadState state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="No certificates yet">
              <p className="muted">TLS certificates (PEM) with their private key and CA bundle, for sources and sinks that speak TLS.</p>
            </Empty>
          ) : (
            <table className="table" data-testid="certificate-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Subject</th>
                  <th>Expires</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.name}>
                    <td className="cell-name">
                      <code>{c.name}</code>
                      {c.description && <div className="muted small">{c.description}</div>}
                    </td>
                    <td className="small">{String(c.subject ?? '')}</td>
                    <td>
                      <Time iso={(c.notAfter as string | undefined) ?? (c.expiresAt as string | undefined)} />
                      {c.expiresSoon && <span className="badge badge-warn">expires soon</span>}
                    </td>
                    <td className="cell-actions">
                      <ConfirmButton
                        label="Delete"
                        className="button button-small button-ghost-danger"
                        title={`Delete certificate ${c.name}?`}
                        message={<p>Pipelines that use it fail to publish until it exists again.</p>}
                        disabled={!!needsEditor}
                        tooltip={needsEditor}
                        testId="delete-certificate"
                        onConfirm={async () => {
                          await vf.deleteCertificate(envId, c.name);
                          list.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {adding && (
        <CertificateDialog
          envId={envId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function CertificateDialog({ envId, onClose, onSaved }: { envId: string; onClose: () => void; onSaved: () => void }) {
  const [f, setF] = useState({ name: '', certificate: '', privateKey: '', caBundle: '', description: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const action = useAction();
  const shown = Object.keys(f);
  return (
    <Modal title="Upload a certificate" onClose={onClose} wide>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await action.run(() =>
            vf.uploadCertificate(envId, {
              name: f.name.trim(),
              certificate: f.certificate,
              ...(f.privateKey ? { privateKey: f.privateKey } : {}),
              ...(f.caBundle ? { caBundle: f.caBundle } : {}),
              description: f.description,
            }),
          );
          if (ok) onSaved();
        }}
      >
        <TextField label="Name" value={f.name} onChange={set('name')} required error={fieldError(action.problem, 'name')} autoFocus />
        <TextField label="Certificate (PEM)" value={f.certificate} onChange={set('certificate')} multiline required error={fieldError(action.problem, 'certificate')} placeholder="-----BEGIN CERTIFICATE-----" />
        <TextField label="Private key (PEM, write-only)" value={f.privateKey} onChange={set('privateKey')} multiline error={fieldError(action.problem, 'privateKey')} placeholder="-----BEGIN PRIVATE KEY-----" />
        <TextField label="CA bundle (PEM)" value={f.caBundle} onChange={set('caBundle')} multiline error={fieldError(action.problem, 'caBundle')} />
        <TextField label="Description" value={f.description} onChange={set('description')} error={fieldError(action.problem, 'description')} />
        {restOf(action.problem, shown) && <ProblemMessage problem={restOf(action.problem, shown)!} />}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={action.busy}>
            Upload
          </button>
        </div>
      </form>
    </Modal>
  );
}
