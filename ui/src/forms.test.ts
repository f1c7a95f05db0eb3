import { describe, expect, it } from 'vitest';
import {
  MIN_PASSWORD_LENGTH,
  PASSWORD_SERVER_FIELDS,
  SETUP_SERVER_FIELDS,
  hasErrors,
  lockoutMessage,
  looksLikeEmail,
  passwordLength,
  passwordScreenText,
  routeFor,
  signInFailureMessage,
  splitFieldProblems,
  validatePasswordChange,
  validateSetup,
  validateSignIn,
} from './forms.ts';

const goodSetup = {
  email: 'admin@example.com',
  name: 'Ada Admin',
  password: 'correct horse battery',
  passwordConfirm: 'correct horse battery',
};

describe('setup form rules', () => {
  it('accepts a complete form', () => {
    expect(validateSetup(goodSetup)).toEqual({});
    expect(hasErrors(validateSetup(goodSetup))).toBe(false);
  });

  it('needs every field', () => {
    const errors = validateSetup({ email: ' ', name: '  ', password: '', passwordConfirm: '' });
    expect(Object.keys(errors).sort()).toEqual(['email', 'name', 'password', 'passwordConfirm']);
    expect(hasErrors(errors)).toBe(true);
  });

  it('wants a plausible email address', () => {
    expect(validateSetup({ ...goodSetup, email: 'admin' }).email).toBe('Enter a valid email address.');
    expect(validateSetup({ ...goodSetup, email: ' admin@example.com ' }).email).toBeUndefined();
    expect(looksLikeEmail('a b@c')).toBe(false);
    expect(looksLikeEmail('a@b@c')).toBe(false);
  });

  it(`wants at least ${MIN_PASSWORD_LENGTH} characters`, () => {
    const eleven = 'x'.repeat(11);
    expect(validateSetup({ ...goodSetup, password: eleven, passwordConfirm: eleven }).password).toBe(
      'Use at least 12 characters.',
    );
    const twelve = 'x'.repeat(12);
    expect(validateSetup({ ...goodSetup, password: twelve, passwordConfirm: twelve })).toEqual({});
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '🔑'.repeat(6); // 12 UTF-16 units, 6 characters
    expect(passwordLength(emoji)).toBe(6);
    expect(validateSetup({ ...goodSetup, password: emoji, passwordConfirm: emoji }).password).toBeDefined();
  });

  it('wants the confirmation to match', () => {
    expect(validateSetup({ ...goodSetup, passwordConfirm: 'correct horse battery!' }).passwordConfirm).toBe(
      'The passwords do not match.',
    );
    expect(validateSetup({ ...goodSetup, passwordConfirm: '' }).passwordConfirm).toBe('Repeat the password.');
  });
});

describe('sign-in form rules', () => {
  it('needs both fields but does not judge the password', () => {
    expect(validateSignIn({ email: 'a@b', password: 'x' })).toEqual({});
    expect(validateSignIn({ email: '', password: '' })).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    });
  });
});

describe('password change rules', () => {
  const good = { current: 'old password', newPassword: 'a brand new password', confirm: 'a brand new password' };

  it('accepts a good change', () => {
    expect(validatePasswordChange(good)).toEqual({});
  });

  it('checks length, confirmation and that something changes', () => {
    expect(validatePasswordChange({ ...good, current: '' }).current).toBe('Enter your current password.');
    expect(validatePasswordChange({ ...good, newPassword: 'short', confirm: 'short' }).newPassword).toBe(
      'Use at least 12 characters.',
    );
    expect(validatePasswordChange({ ...good, confirm: 'something else' }).confirm).toBe('The passwords do not match.');
    const same = { current: good.newPassword, newPassword: good.newPassword, confirm: good.newPassword };
    expect(validatePasswordChange(same).newPassword).toBe('Choose a password different from the current one.');
  });
});

describe('sign-in failures', () => {
  it('formats the lockout from Retry-After, rounding up to minutes', () => {
    expect(lockoutMessage(600)).toBe('Too many failed sign-ins; try again in 10 minutes.');
    expect(lockoutMessage(290)).toBe('Too many failed sign-ins; try again in 5 minutes.');
    expect(lockoutMessage(61)).toBe('Too many failed sign-ins; try again in 2 minutes.');
    expect(lockoutMessage(60)).toBe('Too many failed sign-ins; try again in 1 minute.');
    expect(lockoutMessage(5)).toBe('Too many failed sign-ins; try again in 1 minute.');
  });

  it('says "later" when the wait is unknown', () => {
    expect(lockoutMessage(undefined)).toBe('Too many failed sign-ins; try again later.');
    expect(lockoutMessage(0)).toBe('Too many failed sign-ins; try again later.');
    expect(lockoutMessage(Number.NaN)).toBe('Too many failed sign-ins; try again later.');
  });

  it('picks the line under the sign-in form', () => {
    expect(signInFailureMessage({ status: 401, title: 'Unauthorized', detail: 'Wrong email or password.' })).toBe(
      'Wrong email or password.',
    );
    expect(signInFailureMessage({ status: 401, title: 'Unauthorized' })).toBe('Wrong email or password.');
    expect(signInFailureMessage({ status: 429, title: 'Too Many Requests', retryAfterSeconds: 120 })).toBe(
      'Too many failed sign-ins; try again in 2 minutes.',
    );
    expect(signInFailureMessage({ status: 500, title: 'Internal Server Error' })).toBeUndefined();
    expect(signInFailureMessage({ status: 0, title: 'Network error' })).toBeUndefined();
  });
});

describe('splitFieldProblems', () => {
  it('puts server field problems next to their fields and keeps the rest', () => {
    const split = splitFieldProblems(
      {
        status: 400,
        title: 'Bad Request',
        detail: 'The request has invalid fields',
        problems: [
          { field: 'password', message: 'must be at least 12 characters' },
          { field: 'email', message: 'must be a well-formed email address' },
          { field: 'email', message: 'is taken' },
          { field: 'token', message: 'must not be blank' },
        ],
      },
      SETUP_SERVER_FIELDS,
    );
    expect(split.fields).toEqual({
      password: 'must be at least 12 characters',
      email: 'must be a well-formed email address; is taken',
    });
    expect(split.general).toEqual({
      status: 400,
      title: 'Bad Request',
      detail: 'The request has invalid fields',
      problems: [{ field: 'token', message: 'must not be blank' }],
    });
  });

  it('maps the password change fields and leaves a problem without fields alone', () => {
    const split = splitFieldProblems(
      { status: 400, title: 'Bad Request', problems: [{ field: 'newPassword', message: 'too common' }] },
      PASSWORD_SERVER_FIELDS,
    );
    expect(split.fields).toEqual({ newPassword: 'too common' });
    expect(split.general).toEqual({ status: 400, title: 'Bad Request' });
    expect(splitFieldProblems({ status: 404, title: 'Not Found' }, SETUP_SERVER_FIELDS)).toEqual({
      fields: {},
      general: { status: 404, title: 'Not Found' },
    });
  });

  it('is not fooled by inherited property names', () => {
    const split = splitFieldProblems(
      { status: 400, title: 'Bad Request', problems: [{ field: 'constructor', message: 'x' }] },
      SETUP_SERVER_FIELDS,
    );
    expect(split.fields).toEqual({});
    expect(split.general.problems).toEqual([{ field: 'constructor', message: 'x' }]);
  });
});

describe('routeFor', () => {
  it('finds the setup page and its token', () => {
    expect(routeFor('/setup', '?token=abc123')).toEqual({ name: 'setup', token: 'abc123' });
    expect(routeFor('/setup/', '?x=1&token=abc')).toEqual({ name: 'setup', token: 'abc' });
    expect(routeFor('/setup', '')).toEqual({ name: 'setup', token: undefined });
    expect(routeFor('/setup', '?token=')).toEqual({ name: 'setup', token: undefined });
  });

  it('finds the password page; everything else is home', () => {
    expect(routeFor('/account/password', '')).toEqual({ name: 'password' });
    expect(routeFor('/', '')).toEqual({ name: 'home' });
    expect(routeFor('/some/deep/link', '?token=x')).toEqual({ name: 'home' });
    expect(routeFor('/setupx', '?token=x')).toEqual({ name: 'home' });
  });
});

describe('passwordScreenText', () => {
  it('asks a new account to choose its password, without speaking of a reset', () => {
    const text = passwordScreenText(true, 'NEW_ACCOUNT');
    expect(text.title).toBe('Choose your password');
    expect(text.lead).not.toMatch(/reset/i);
    expect(text.currentLabel).toMatch(/initial password/i);
  });
  it('tells a reset account that an administrator reset it', () => {
    expect(passwordScreenText(true, 'RESET').lead).toContain('An administrator has reset your password');
  });
  it('says neither when the server did not tell why', () => {
    expect(passwordScreenText(true, undefined).lead).not.toMatch(/reset|initial/i);
    expect(passwordScreenText(false, 'RESET').title).toBe('Change password');
  });
});
