import { useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { ConfirmButton, fieldError, LoadState, restOf, TextField, useAction, useLoad } from '../ui.tsx';
import { changedValues, scopesFrom, settingsApi, sourceText, type GroupRule, type OidcProvider, type ProviderDraft, type Setting } from './settings.ts';

/**
 * The settings kept in the database, for platform admins, grouped as Fleet, Retention, Authentication (with the OpenID
 * Connect providers), Backups and Alerts. A setting an environment variable sets is shown read-only; a save sends only
 * what changed, and the server's message for a field stands next to it (nothing is saved while one is invalid).
 */
export function SettingsScreen() {
  const overview = useLoad((s) => settingsApi.overview(s), []);
  const save = useAction();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [resets, setResets] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState(false);

  const groups = overview.data?.groups ?? [];
  const changes = changedValues(groups, drafts, resets);
  const changed = Object.keys(changes).length;
  const shownFields = groups.flatMap((g) => g.settings.map((s) => s.key));

  const onSave = async () => {
    setSaved(false);
    if (await save.run(() => settingsApi.save(changes))) {
      setDrafts({});
      setResets(new Set());
      setSaved(true);
      overview.reload();
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="page-lead">
            Kept in the database and applied by every server within seconds, without a restart. An environment variable set at the
            server's start wins over what is stored here.
          </p>
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={changed === 0 || save.busy} onClick={() => void onSave()} data-testid="settings-save">
            {save.busy ? 'Saving…' : changed === 0 ? 'No changes' : `Save ${changed} change${changed === 1 ? '' : 's'}`}
          </button>
        </div>
      </div>
      {saved && (
        <div className="notice" role="status" data-testid="settings-saved">
          Saved. Every server applies the new values within seconds.
        </div>
      )}
      {save.problem && restOf(save.problem, shownFields) && <ProblemMessage problem={restOf(save.problem, shownFields)!} testId="settings-error" />}
      <LoadState state={overview}>
        {(o) => (
          <>
            {o.groups.map((group) => (
              <section className="card settings-group" key={group.name} data-testid={`settings-group-${group.name}`}>
                <h2>{group.label}</h2>
                {group.settings.map((s) => (
                  <SettingRow
                    key={s.key}
                    setting={s}
                    draft={drafts[s.key]}
                    reset={resets.has(s.key)}
                    error={fieldError(save.problem, s.key)}
                    onChange={(value) => {
                      setSaved(false);
                      setDrafts((d) => ({ ...d, [s.key]: value }));
                      setResets((r) => {
                        const next = new Set(r);
                        next.delete(s.key);
                        return next;
                      });
                    }}
                    onReset={() => {
                      setSaved(false);
                      setResets((r) => new Set(r).add(s.key));
                      setDrafts((d) => {
                        const { [s.key]: _dropped, ...rest } = d;
                        return rest;
                      });
                    }}
                  />
                ))}
                {group.name === 'AUTHENTICATION' && <Providers />}
              </section>
            ))}
          </>
        )}
      </LoadState>
    </>
  );
}

function SettingRow({
  setting: s,
  draft,
  reset,
  error,
  onChange,
  onReset,
}: {
  setting: Setting;
  draft: string | undefined;
  reset: boolean;
  error?: string;
  onChange: (value: string) => void;
  onReset: () => void;
}) {
  const id = `setting-${s.key.replace(/\./g, '-')}`;
  const value = reset ? s.defaultValue : (draft ?? (s.secret ? '' : s.value));
  const locked = s.lockedByEnvironment;
  const range = s.kind === 'integer' && s.min !== undefined ? ` (${s.min}–${s.max}${s.unit ? ` ${s.unit}` : ''})` : '';
  return (
    <div className={error ? 'setting-row field-invalid' : 'setting-row'} data-testid={`setting-${s.key}`}>
      <div>
        <label htmlFor={id}>
          <strong>{s.label}</strong>
          {range}
        </label>
        <p className="setting-meta">{s.description}</p>
      </div>
      <div>
        {s.kind === 'boolean' ? (
          <label>
            <input id={id} type="checkbox" checked={value === 'true'} disabled={locked} onChange={(e) => onChange(String(e.target.checked))} data-testid={id} />{' '}
            {value === 'true' ? 'On' : 'Off'}
          </label>
        ) : s.kind === 'choice' ? (
          <select id={id} className="input" value={value} disabled={locked} onChange={(e) => onChange(e.target.value)} data-testid={id}>
            {(s.choices ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            className="input"
            type={s.secret ? 'password' : 'text'}
            value={value}
            disabled={locked}
            placeholder={s.secret && s.secretSet ? 'set (type to replace)' : s.optional ? '(empty)' : undefined}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => onChange(e.target.value)}
            data-testid={id}
          />
        )}
        {error && (
          <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
            {error}
          </p>
        )}
        <p className={locked ? 'setting-meta setting-locked' : 'setting-meta'} data-testid={`${id}-source`}>
          {sourceText(s)}
          {!locked && s.source === 'STORED' && !reset && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onReset} data-testid={`${id}-reset`}>
                Use the default
              </button>
            </>
          )}
        </p>
      </div>
    </div>
  );
}

const ROLES = ['VIEWER', 'EDITOR', 'ADMIN'];

/** A team role, or none, with the server's message for it. */
function RoleSelect({ id, label, value, onChange, error, testId }: {
  id: string;
  label: string;
  value: string;
  onChange: (role: string) => void;
  error?: string;
  testId: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">—</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

/** The OpenID Connect providers people can sign in with: a list and a form. */
function Providers() {
  const list = useLoad((s) => settingsApi.providers(s), []);
  const [editing, setEditing] = useState<OidcProvider | 'new' | undefined>();
  return (
    <div className="settings-providers" data-testid="oidc-providers">
      <h3>Identity providers (OpenID Connect)</h3>
      <p className="setting-meta">
        Register <code>{window.location.origin}/api/auth/oidc/callback</code> (or the public URL's) as the redirect address at the provider.
      </p>
      <LoadState state={list}>
        {(providers) => (
          <ul className="plain-list">
            {providers.map((p) => (
              <li key={p.id} data-testid={`oidc-provider-${p.name}`}>
                <strong>{p.name}</strong> <span className="small">{p.issuer}</span> {!p.enabled && <span className="tag">off</span>}{' '}
                <button type="button" className="link-button" onClick={() => setEditing(p)} data-testid={`oidc-edit-${p.name}`}>
                  Edit
                </button>
                <ConfirmButton
                  label="Remove"
                  title={`Remove ${p.name}?`}
                  message="People can no longer sign in with it; their accounts and the memberships it gave stay."
                  confirmLabel="Remove"
                  className="link-button link-danger"
                  testId={`oidc-remove-${p.name}`}
                  onConfirm={async () => {
                    await settingsApi.deleteProvider(p.id);
                    list.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      {editing ? (
        <ProviderForm
          provider={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')} data-testid="oidc-new">
          Add a provider
        </button>
      )}
    </div>
  );
}

function ProviderForm({ provider, onDone }: { provider?: OidcProvider; onDone: () => void }) {
  const action = useAction();
  const [name, setName] = useState(provider?.name ?? '');
  const [issuer, setIssuer] = useState(provider?.issuer ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [publicClient, setPublicClient] = useState(provider ? !provider.clientSecretSet : false);
  const [scopes, setScopes] = useState((provider?.scopes ?? ['openid', 'email', 'profile']).join(' '));
  const [emailClaim, setEmailClaim] = useState(provider?.emailClaim ?? 'email');
  const [groupsClaim, setGroupsClaim] = useState(provider?.groupsClaim ?? 'groups');
  const [allowUnverified, setAllowUnverified] = useState(provider?.allowUnverifiedEmail ?? false);
  const [link, setLink] = useState(provider?.linkExistingUsers ?? false);
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [rules, setRules] = useState<GroupRule[]>(provider?.rules ?? []);
  const [defaultTeam, setDefaultTeam] = useState(provider?.defaultTeam ?? '');
  const [defaultRole, setDefaultRole] = useState(provider?.defaultRole ?? '');
  const err = (field: string) => fieldError(action.problem, field);

  const submit = async () => {
    const draft: ProviderDraft = {
      name,
      issuer,
      clientId,
      scopes: scopesFrom(scopes),
      emailClaim,
      groupsClaim,
      allowUnverifiedEmail: allowUnverified,
      linkExistingUsers: link,
      rules: rules.map((r) => ({ ...r, team: r.team || undefined, role: r.role || undefined })),
      defaultTeam: defaultTeam || undefined,
      defaultRole: defaultRole || undefined,
      enabled,
    };
    if (publicClient) draft.clientSecret = '';
    else if (secret) draft.clientSecret = secret;
    const done = await action.run(() => (provider ? settingsApi.updateProvider(provider.id, draft) : settingsApi.createProvider(draft)));
    if (done) onDone();
  };

  const fields = ['name', 'issuer', 'clientId', 'clientSecret', 'scopes', 'emailClaim', 'groupsClaim', 'defaultTeam', 'defaultRole',
    ...rules.flatMap((_, i) => ['group', 'team', 'role', 'platformAdmin'].map((f) => `rules[${i}].${f}`))];
  const setRule = (i: number, change: Partial<GroupRule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <div className="card card-inset" data-testid="oidc-form">
      <h3>{provider ? `Edit ${provider.name}` : 'New provider'}</h3>
      <TextField label="Name on the sign-in page" value={name} onChange={setName} error={err('name')} testId="oidc-name" required />
      <TextField label="Issuer (discovery: <issuer>/.well-known/openid-configuration; https, or http on loopback)" value={issuer} onChange={setIssuer}
        error={err('issuer')} testId="oidc-issuer" required placeholder="https://login.example.com/realms/ops" />
      <TextField label="Client id" value={clientId} onChange={setClientId} error={err('clientId')} testId="oidc-client-id" required />
      {!publicClient && (
        <TextField label={provider?.clientSecretSet ? 'Client secret (set; type to replace)' : 'Client secret'} type="password" value={secret}
          onChange={setSecret} error={err('clientSecret')} testId="oidc-client-secret" />
      )}
      <label className="checkbox">
        <input type="checkbox" checked={publicClient} onChange={(e) => setPublicClient(e.target.checked)} data-testid="oidc-public" /> Public client (no secret,
        PKCE only)
      </label>
      <TextField label="Scopes" value={scopes} onChange={setScopes} error={err('scopes')} testId="oidc-scopes" />
      <TextField label="E-mail claim" value={emailClaim} onChange={setEmailClaim} error={err('emailClaim')} testId="oidc-email-claim" />
      <TextField label="Groups claim (a dot reaches into an object: realm_access.roles)" value={groupsClaim} onChange={setGroupsClaim}
        error={err('groupsClaim')} testId="oidc-groups-claim" />
      <label className="checkbox">
        <input type="checkbox" checked={allowUnverified} onChange={(e) => setAllowUnverified(e.target.checked)} data-testid="oidc-unverified" /> Accept
        e-mail addresses the provider has not verified
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={link} onChange={(e) => setLink(e.target.checked)} data-testid="oidc-link" /> Sign in to an existing local account
        with the same e-mail address
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="oidc-enabled" /> Shown on the sign-in page
      </label>
      <h4>Group mapping</h4>
      <p className="setting-meta">Checked at every sign-in: a person out of a group loses what it gave. Teams are named as in Users &amp; teams.</p>
      {rules.map((r, i) => (
        <div className="rule-row" key={i} data-testid={`oidc-rule-${i}`}>
          <TextField label="Group" value={r.group} onChange={(v) => setRule(i, { group: v })} error={err(`rules[${i}].group`)} testId={`oidc-rule-${i}-group`} />
          <TextField label="Team" value={r.team ?? ''} onChange={(v) => setRule(i, { team: v })} error={err(`rules[${i}].team`)} testId={`oidc-rule-${i}-team`} />
          <RoleSelect id={`rule-role-${i}`} label="Role" value={r.role ?? ''} onChange={(role) => setRule(i, { role })} error={err(`rules[${i}].role`)}
            testId={`oidc-rule-${i}-role`} />
          <label className="checkbox">
            <input type="checkbox" checked={r.platformAdmin} onChange={(e) => setRule(i, { platformAdmin: e.target.checked })} data-testid={`oidc-rule-${i}-admin`} /> platform
            admin
          </label>
          <button type="button" className="link-button link-danger" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => setRules((rs) => [...rs, { group: '', team: '', role: '', platformAdmin: false }])}
        data-testid="oidc-add-rule">
        Add a rule
      </button>
      <div className="rule-row">
        <TextField label="Default team (when no rule matches)" value={defaultTeam} onChange={setDefaultTeam} error={err('defaultTeam')} testId="oidc-default-team" />
        <RoleSelect id="oidc-default-role" label="Default role" value={defaultRole} onChange={setDefaultRole} error={err('defaultRole')}
          testId="oidc-default-role" />
      </div>
      {action.problem && restOf(action.problem, fields) && <ProblemMessage problem={restOf(action.problem, fields)!} testId="oidc-error" />}
      <div className="form-actions">
        <button type="button" className="button" disabled={action.busy} onClick={() => void submit()} data-testid="oidc-save">
          {provider ? 'Save provider' : 'Add provider'}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
