import { describe, expect, it } from 'vitest';
import { isExpectedFleet404 } from './fleet-404.mjs';

const NOT_FOUND = 'Failed to load resource: the server responded with a status of 404 (Not Found)';

describe('isExpectedFleet404', () => {
  it('accepts a 404 of a fleet endpoint', () => {
    expect(isExpectedFleet404(NOT_FOUND, 'http://x/api/pipelines/abc/deployments')).toBe(true);
    expect(isExpectedFleet404(NOT_FOUND, 'http://x/api/environments/e/nodes?status=HEALTHY')).toBe(true);
  });
  it('rejects other URLs and other statuses', () => {
    expect(isExpectedFleet404(NOT_FOUND, 'http://x/api/pipelines/abc')).toBe(false);
    expect(isExpectedFleet404(NOT_FOUND.replace('404', '500'), 'http://x/api/pipelines/abc/deployments')).toBe(false);
  });
});
