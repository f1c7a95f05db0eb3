// Which console errors check-home.mjs may ignore, kept apart so it can be unit-tested.
//
// Chromium logs every failed fetch as a console error. The only one the checks
// cause on purpose is the 401 answer to the wrong-password sign-in, so exactly
// that one (POST /api/session, status 401) is ignored, and only as many times as
// the script made such an attempt.

/**
 * @typedef {object} PageProblem
 * @property {string} label   which page ("home", "deep link")
 * @property {'console' | 'page'} kind  a console error or an uncaught page error
 * @property {string} text
 * @property {string} url     where the console says it came from ("" if unknown)
 */

const REJECTED_401 = /^Failed to load resource: the server responded with a status of 401(?: \([^)]*\))?$/;

/**
 * The URL of the sign-in call for a UI served at `base` (the app calls /api/session on its own origin).
 * @param {string} base
 */
export function sessionUrlFor(base) {
  return new URL('/api/session', base).toString();
}

/** @param {string} url */
function withoutQuery(url) {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Whether this is Chromium's console error for a 401 answer from the sign-in URL.
 * @param {PageProblem} problem
 * @param {string} sessionUrl
 */
export function isRejectedSignIn(problem, sessionUrl) {
  return (
    problem.kind === 'console' &&
    REJECTED_401.test(problem.text.trim()) &&
    withoutQuery(problem.url) === withoutQuery(sessionUrl)
  );
}

/**
 * Splits the page problems into those to report and those that are the
 * expected 401s of deliberate wrong-password attempts (at most `expected` of them).
 * @param {readonly PageProblem[]} problems
 * @param {string} sessionUrl
 * @param {number} expected
 * @returns {{ reported: PageProblem[], ignored: PageProblem[] }}
 */
export function separateExpected(problems, sessionUrl, expected) {
  /** @type {PageProblem[]} */
  const reported = [];
  /** @type {PageProblem[]} */
  const ignored = [];
  for (const problem of problems) {
    if (ignored.length < expected && isRejectedSignIn(problem, sessionUrl)) ignored.push(problem);
    else reported.push(problem);
  }
  return { reported, ignored };
}

/**
 * The line printed for a reported problem (same wording as before the filter existed).
 * @param {PageProblem} problem
 */
export function describeProblem(problem) {
  if (problem.kind === 'page') return `${problem.label}: page error: ${problem.text}`;
  const where = problem.url ? ` at ${problem.url}` : '';
  return `${problem.label}: console error: ${problem.text}${where}`;
}
