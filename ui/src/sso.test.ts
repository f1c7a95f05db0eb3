import { describe, expect, it } from 'vitest';
import { normalizeCode, SIGN_IN_ERRORS, signInErrorFrom } from './sso.ts';

describe('sign-in refusals', () => {
  it("shows the server's message from its cookie", () => {
    expect(signInErrorFrom('?signInError=token', 'a=1; vf_sign_in_error=Corp%27s%20ID%20token%20was%20refused%3A%20Expired%20JWT')).toBe(
      "Corp's ID token was refused: Expired JWT",
    );
  });

  it("falls back to the reason's sentence without a cookie, and says nothing without a reason", () => {
    expect(signInErrorFrom('?signInError=state', '')).toBe(SIGN_IN_ERRORS.state);
    expect(signInErrorFrom('?signInError=unknown-reason', '')).toBe(SIGN_IN_ERRORS.provider);
    expect(signInErrorFrom('', 'vf_sign_in_error=stale')).toBeUndefined();
  });

  it('survives a malformed cookie', () => {
    expect(signInErrorFrom('?signInError=account', 'vf_sign_in_error=%E0%A4%A')).toBe(SIGN_IN_ERRORS.account);
  });
});

describe('codes as typed', () => {
  it('ignore spaces, dashes and case', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('abcd-efgh-ijkl-mnop')).toBe('ABCDEFGHIJKLMNOP');
  });
});
