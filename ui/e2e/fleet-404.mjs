// Until the server ships the fleet API, calls to it answer 404 and Chromium logs each as a
// console error. Only those are expected; any other failed request still fails a check.

const FLEET_PATHS = [/\/api\/pipelines\/[^/]+\/(deployments|metrics)(\?|$)/, /\/api\/environments\/[^/]+\/(nodes|enrollment-tokens)/, /\/api\/nodes\//];

/**
 * @param {string} text the console message
 * @param {string} url where Chromium says it came from
 */
export function isExpectedFleet404(text, url) {
  return /status of 404/.test(text) && FLEET_PATHS.some((p) => p.test(url));
}
