/** The settings store and the OpenID Connect providers (`/api/settings...`) for the Settings screen: platform admins only. */
import { api, type ApiClient } from '../api.ts';

export type SettingSource = 'ENVIRONMENT' | 'STORED' | 'DEFAULT';

export interface Setting {
  key: string;
  label: string;
  description: string;
  environmentVariable: string;
  kind: 'integer' | 'boolean' | 'choice' | 'url' | 'cron' | 'text' | 'email' | 'networks' | string;
  min?: number;
  max?: number;
  unit?: string;
  choices?: string[];
  optional: boolean;
  secret: boolean;
  defaultValue: string;
  /** The effective value ("" for a secret: see secretSet). */
  value: string;
  secretSet: boolean;
  source: SettingSource | string;
  lockedByEnvironment: boolean;
  restartRequired: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

export interface SettingGroup {
  name: string;
  label: string;
  settings: Setting[];
}

export interface SettingsOverview {
  groups: SettingGroup[];
}

export interface GroupRule {
  group: string;
  team?: string;
  role?: string;
  platformAdmin: boolean;
}

export interface OidcProvider {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  scopes: string[];
  emailClaim: string;
  groupsClaim: string;
  allowUnverifiedEmail: boolean;
  linkExistingUsers: boolean;
  rules: GroupRule[];
  defaultTeam?: string;
  defaultRole?: string;
  enabled: boolean;
  redirectPath: string;
}

/** A provider as the form sends it; `clientSecret` absent keeps the stored one, "" removes it. */
export type ProviderDraft = Omit<OidcProvider, 'id' | 'clientSecretSet' | 'redirectPath'> & { clientSecret?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createSettingsApi(client: ApiClient = api) {
  const obj = <T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal) =>
    client.request<T>(path, { method, body, signal, validate: (v): v is T => isObject(v) });
  return {
    overview: (s?: AbortSignal) => obj<SettingsOverview>('/api/settings', 'GET', undefined, s),
    save: (values: Record<string, string | null>) => obj<SettingsOverview>('/api/settings', 'PUT', { values }),
    providers: async (s?: AbortSignal) => (await obj<{ items: OidcProvider[] }>('/api/settings/oidc-providers', 'GET', undefined, s)).items,
    createProvider: (draft: ProviderDraft) => obj<OidcProvider>('/api/settings/oidc-providers', 'POST', draft),
    updateProvider: (id: string, draft: ProviderDraft) => obj<OidcProvider>(`/api/settings/oidc-providers/${encodeURIComponent(id)}`, 'PUT', draft),
    deleteProvider: (id: string) => client.send(`/api/settings/oidc-providers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

export const settingsApi = createSettingsApi();

/**
 * What to send for the edits of the form: every setting whose typed value differs from what is in effect (a secret: any
 * text typed), and null for those put back to their default. Settings the environment sets are never sent.
 */
export function changedValues(groups: SettingGroup[], drafts: Record<string, string>, resets: ReadonlySet<string>): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const group of groups) {
    for (const s of group.settings) {
      if (s.lockedByEnvironment) continue;
      if (resets.has(s.key)) {
        changes[s.key] = null;
        continue;
      }
      const draft = drafts[s.key];
      if (draft === undefined) continue;
      if (s.secret ? draft !== '' : draft !== s.value) changes[s.key] = draft;
    }
  }
  return changes;
}

/** Where a setting's value comes from, for people. */
export function sourceText(s: Setting): string {
  if (s.lockedByEnvironment) return `Set by the environment (${s.environmentVariable}); change it there.`;
  if (s.source === 'STORED') return `Stored${s.updatedBy ? ` by ${s.updatedBy.replace(/^user:/, '')}` : ''}; default ${s.defaultValue === '' ? '(empty)' : s.defaultValue}.`;
  return `Default${s.defaultValue === '' ? ' (empty)' : ''}; ${s.environmentVariable} overrides it.`;
}

/** The form's text of a provider's scopes. */
export function scopesFrom(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
