/**
 * Pure rules behind the sign-in, setup and password forms: client-side
 * validation, mapping the server's field problems onto form fields, and the
 * messages shown for sign-in failures. Kept free of React so it can be unit-tested.
 */
import type { FieldProblem, PasswordChangeReason, Problem } from './api.ts';

/** The server's minimum; checked here too so the user hears about it before submitting. */
export const MIN_PASSWORD_LENGTH = 12;

/** Form field name → message. An empty object means the form is valid. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.values(errors).some((message) => message !== undefined && message !== '');
}

/** Characters as a person counts them (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return Array.from(password).length;
}

/** A plausible address: something@something, no spaces. The server has the final word. */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim());
}

function newPasswordError(password: string): string | undefined {
  if (password === '') return 'Enter a password.';
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return undefined;
}

function confirmationError(password: string, confirmation: string): string | undefined {
  if (confirmation === '') return 'Repeat the password.';
  if (confirmation !== password) return 'The passwords do not match.';
  return undefined;
}

function compact<F extends string>(errors: Record<F, string | undefined>): FieldErrors<F> {
  const result: FieldErrors<F> = {};
  for (const [field, message] of Object.entries(errors) as [F, string | undefined][]) {
    if (message) result[field] = message;
  }
  return result;
}

// ---- Sign-in ----

export type SignInField = 'email' | 'password';

export interface SignInValues {
  email: string;
  password: string;
}

export function validateSignIn(values: SignInValues): FieldErrors<SignInField> {
  return compact<SignInField>({
    email: values.email.trim() === '' ? 'Enter your email address.' : undefined,
    password: values.password === '' ? 'Enter your password.' : undefined,
  });
}

/**
 * "Too many failed sign-ins; try again in N minutes", rounded up to whole
 * minutes; "try again later" when the server did not say how long.
 */
export function lockoutMessage(retryAfterSeconds: number | undefined): string {
  const prefix = 'Too many failed sign-ins; try again';
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds <= 0) {
    return `${prefix} later.`;
  }
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `${prefix} in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/**
 * The line shown under the sign-in form for a failed attempt, or undefined when
 * the full problem should be shown instead (server errors, network failures).
 */
export function signInFailureMessage(problem: Problem): string | undefined {
  if (problem.status === 401) return problem.detail ?? 'Wrong email or password.';
  if (problem.status === 429) return lockoutMessage(problem.retryAfterSeconds);
  if (problem.status === 403 && problem.detail) return problem.detail;
  return undefined;
}

// ---- First-run setup ----

export type SetupField = 'email' | 'name' | 'password' | 'passwordConfirm';

export interface SetupValues {
  email: string;
  name: string;
  password: string;
  passwordConfirm: string;
}

export function validateSetup(values: SetupValues): FieldErrors<SetupField> {
  const email = values.email.trim();
  return compact<SetupField>({
    email:
      email === '' ? 'Enter an email address.' : looksLikeEmail(email) ? undefined : 'Enter a valid email address.',
    name: values.name.trim() === '' ? 'Enter your name.' : undefined,
    password: newPasswordError(values.password),
    passwordConfirm: confirmationError(values.password, values.passwordConfirm),
  });
}

/** The server's field names for POST /api/setup. */
export const SETUP_SERVER_FIELDS: Readonly<Record<string, SetupField>> = {
  email: 'email',
  name: 'name',
  password: 'password',
};

// ---- Password change ----

export type PasswordField = 'current' | 'newPassword' | 'confirm';

export interface PasswordValues {
  current: string;
  newPassword: string;
  confirm: string;
}

export function validatePasswordChange(values: PasswordValues): FieldErrors<PasswordField> {
  let newPassword = newPasswordError(values.newPassword);
  if (!newPassword && values.current !== '' && values.newPassword === values.current) {
    newPassword = 'Choose a password different from the current one.';
  }
  return compact<PasswordField>({
    current: values.current === '' ? 'Enter your current password.' : undefined,
    newPassword,
    confirm: confirmationError(values.newPassword, values.confirm),
  });
}

/** What the password form says: a new account chooses its first password, a reset one replaces a temporary one. */
export function passwordScreenText(forced: boolean, reason: PasswordChangeReason | null | undefined): { title: string; lead: string; currentLabel: string } {
  if (!forced) {
    return { title: 'Change password', lead: 'Your other sessions stay signed in unless you sign out everywhere.', currentLabel: 'Current password' };
  }
  if (reason === 'NEW_ACCOUNT') {
    return {
      title: 'Choose your password',
      lead: 'Welcome to VectorFlow. Your account was made with an initial password: choose your own to continue.',
      currentLabel: 'Initial password (the one you were given)',
    };
  }
  if (reason === 'RESET') {
    return {
      title: 'Choose a new password',
      lead: 'An administrator has reset your password. Choose a new one to continue using VectorFlow.',
      currentLabel: 'Current (temporary) password',
    };
  }
  return { title: 'Choose a new password', lead: 'Choose a new password to continue using VectorFlow.', currentLabel: 'Current password' };
}

/** The server's field names for POST /api/me/password. */
export const PASSWORD_SERVER_FIELDS: Readonly<Record<string, PasswordField>> = {
  currentPassword: 'current',
  newPassword: 'newPassword',
};

// ---- Server problems → form ----

export interface SplitProblem<F extends string> {
  /** Messages for fields the form has (several for one field are joined). */
  fields: FieldErrors<F>;
  /** The problem to show under the form, keeping only the field problems that could not be placed. */
  general: Problem;
}

/**
 * Puts each of the server's field problems next to its form field (via
 * `fieldMap`, server name → form field); what cannot be placed stays in the
 * general problem shown under the form.
 */
export function splitFieldProblems<F extends string>(
  problem: Problem,
  fieldMap: Readonly<Record<string, F>>,
): SplitProblem<F> {
  const fields: FieldErrors<F> = {};
  const rest: FieldProblem[] = [];
  for (const p of problem.problems ?? []) {
    const field = Object.prototype.hasOwnProperty.call(fieldMap, p.field) ? fieldMap[p.field] : undefined;
    if (field === undefined || p.message === '') {
      rest.push(p);
      continue;
    }
    const previous = fields[field];
    fields[field] = previous ? `${previous}; ${p.message}` : p.message;
  }
  const general: Problem = { ...problem };
  if (rest.length > 0) general.problems = rest;
  else delete general.problems;
  return { fields, general };
}

// ---- Routing ----

export type Route = { name: 'setup'; token: string | undefined } | { name: 'password' } | { name: 'two-factor' } | { name: 'home' };

/** The screen for a location: /setup (with its token), /account/password, /account/two-factor, or anything else = home. */
export function routeFor(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/setup') {
    const token = new URLSearchParams(search).get('token')?.trim();
    return { name: 'setup', token: token ? token : undefined };
  }
  if (path === '/account/password') return { name: 'password' };
  if (path === '/account/two-factor') return { name: 'two-factor' };
  return { name: 'home' };
}
