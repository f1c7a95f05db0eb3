/**
 * Sign-in through OpenID Connect providers and second factors: the options of the sign-in page, the start of a
 * provider sign-in, why the server refused one (it sends the browser back with `?signInError=` and a short-lived
 * cookie holding its message), and one's own TOTP second factor.
 */
import { api, type ApiClient } from './api.ts';

export interface ProviderOption {
  id: string;
  name: string;
  available: boolean;
  /** Why the provider cannot be used now (down, misconfigured). */
  problem?: string;
}

export interface SignInOptions {
  localSignIn: boolean;
  providers: ProviderOption[];
}

export interface TwoFactorStatus {
  enabled: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
  required: boolean;
}

export interface Enrollment {
  secret: string;
  otpauthUri: string;
  /** The otpauth address as a QR code (an SVG document drawn by the server). */
  qrSvg: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createSsoApi(client: ApiClient = api) {
  const obj = <T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal, ownStatuses?: number[]) =>
    client.request<T>(path, { method, body, signal, validate: (v): v is T => isObject(v), ownStatuses });
  return {
    signInOptions: (s?: AbortSignal) => obj<SignInOptions>('/api/auth/providers', 'GET', undefined, s),
    /** The provider's authorization address (the browser goes there next); 503 when the provider cannot be used. */
    start: async (providerId: string) =>
      (await obj<{ authorizationUrl: string }>(`/api/auth/oidc/${encodeURIComponent(providerId)}/start`, 'POST', {})).authorizationUrl,
    twoFactor: (s?: AbortSignal) => obj<TwoFactorStatus>('/api/me/two-factor', 'GET', undefined, s),
    beginEnrollment: () => obj<Enrollment>('/api/me/two-factor', 'POST', {}),
    // 401 answers a wrong code here, not the end of the session
    confirmEnrollment: async (code: string) =>
      (await obj<{ recoveryCodes: string[] }>('/api/me/two-factor/confirm', 'POST', { code }, undefined, [401])).recoveryCodes,
    newRecoveryCodes: async (code: string) =>
      (await obj<{ recoveryCodes: string[] }>('/api/me/two-factor/recovery-codes', 'POST', { code }, undefined, [401])).recoveryCodes,
    disable: (code: string) => client.send('/api/me/two-factor/disable', { method: 'POST', body: { code }, ownStatuses: [401] }),
    /** A platform admin removes a user's second factor (lost phone). */
    resetTwoFactor: (userId: string) => client.send(`/api/users/${encodeURIComponent(userId)}/two-factor`, { method: 'DELETE' }),
    teamRequirement: async (teamId: string, s?: AbortSignal) =>
      (await obj<{ required: boolean }>(`/api/teams/${encodeURIComponent(teamId)}/two-factor`, 'GET', undefined, s)).required,
    setTeamRequirement: (teamId: string, required: boolean) =>
      obj<{ required: boolean }>(`/api/teams/${encodeURIComponent(teamId)}/two-factor`, 'PUT', { required }),
  };
}

export const ssoApi = createSsoApi();

/** What the sign-in page says for each reason the server gives, when its own message is not at hand. */
export const SIGN_IN_ERRORS: Record<string, string> = {
  state: 'The sign-in could not be finished: it was used already, took too long, or was started in another browser. Please start again.',
  provider: 'The identity provider could not complete the sign-in. Try again, or ask an admin to check the provider.',
  token: "The identity provider's answer was refused (its ID token failed a check). An admin finds the reason in the audit log.",
  account: 'Your account could not be signed in. Ask an admin.',
};

/**
 * Why a provider sign-in was refused, from the page's query (`signInError=<reason>`) and the server's cookie (its
 * message, URL-encoded). Empty when the page was not opened after a refused sign-in.
 */
export function signInErrorFrom(search: string, cookies: string): string | undefined {
  const reason = new URLSearchParams(search).get('signInError');
  if (!reason) return undefined;
  const raw = cookies
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('vf_sign_in_error='));
  if (raw) {
    try {
      const message = decodeURIComponent(raw.slice('vf_sign_in_error='.length)).trim();
      if (message) return message.slice(0, 500);
    } catch {
      // a malformed cookie: fall back to the reason's sentence
    }
  }
  return SIGN_IN_ERRORS[reason] ?? SIGN_IN_ERRORS.provider;
}

/** Forgets the refusal once shown: the cookie, and the query of the address bar. */
export function clearSignInError(): void {
  document.cookie = 'vf_sign_in_error=; Max-Age=0; path=/; SameSite=Strict';
  const url = new URL(window.location.href);
  if (url.searchParams.has('signInError')) {
    url.searchParams.delete('signInError');
    window.history.replaceState(window.history.state, '', url.pathname + (url.search ? url.search : '') + url.hash);
  }
}

/** A recovery code or TOTP code as typed: spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** An SVG document as an image address (the page's policy allows data: images, never inline markup). */
export function svgImage(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
