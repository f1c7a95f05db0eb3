import { describe, expect, it } from 'vitest';
import { describeProblem, isRejectedSignIn, separateExpected, sessionUrlFor } from './console-errors.mjs';

const SESSION = 'http://127.0.0.1:8080/api/session';
const REJECTED = 'Failed to load resource: the server responded with a status of 401 (Unauthorized)';

/** @param {Partial<import('./console-errors.mjs').PageProblem>} fields */
const problem = (fields) => ({ label: 'home', kind: /** @type {const} */ ('console'), text: REJECTED, url: SESSION, ...fields });

describe('expected console errors', () => {
  it('finds the sign-in URL on the page origin', () => {
    expect(sessionUrlFor('http://127.0.0.1:8080')).toBe(SESSION);
    expect(sessionUrlFor('http://127.0.0.1:8080/ui/?x=1')).toBe(SESSION);
  });

  it('recognises only a 401 from /api/session', () => {
    expect(isRejectedSignIn(problem({}), SESSION)).toBe(true);
    expect(isRejectedSignIn(problem({ text: 'Failed to load resource: the server responded with a status of 401' }), SESSION)).toBe(true);
    expect(isRejectedSignIn(problem({ url: `${SESSION}?x=1` }), SESSION)).toBe(true);
    expect(isRejectedSignIn(problem({ url: 'http://127.0.0.1:8080/api/environments' }), SESSION)).toBe(false);
    expect(isRejectedSignIn(problem({ url: 'http://127.0.0.1:8080/api/session/revoke-all' }), SESSION)).toBe(false);
    expect(isRejectedSignIn(problem({ text: REJECTED.replace('401', '429') }), SESSION)).toBe(false);
    expect(isRejectedSignIn(problem({ text: `${REJECTED} and more` }), SESSION)).toBe(false);
    expect(isRejectedSignIn(problem({ kind: 'page' }), SESSION)).toBe(false);
    expect(isRejectedSignIn(problem({ url: '' }), SESSION)).toBe(false);
  });

  it('ignores no more of them than there were deliberate attempts', () => {
    const other = problem({ text: 'TypeError: x is undefined', url: 'http://127.0.0.1:8080/assets/index.js' });
    const problems = [problem({}), other, problem({ label: 'deep link' })];
    const none = separateExpected(problems, SESSION, 0);
    expect(none.reported).toHaveLength(3);
    const one = separateExpected(problems, SESSION, 1);
    expect(one.ignored).toEqual([problems[0]]);
    expect(one.reported).toEqual([other, problems[2]]);
  });

  it('describes what it reports as before', () => {
    expect(describeProblem(problem({ url: '' , text: 'boom' }))).toBe('home: console error: boom');
    expect(describeProblem(problem({}))).toBe(`home: console error: ${REJECTED} at ${SESSION}`);
    expect(describeProblem({ label: 'deep link', kind: 'page', text: 'x is not defined', url: '' })).toBe(
      'deep link: page error: x is not defined',
    );
  });
});
