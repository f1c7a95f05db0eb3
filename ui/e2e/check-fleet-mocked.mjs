#!/usr/bin/env node
// Browser check of the fleet screens and the deploy dialog with the fleet REST contract mocked
// in the page (the server side is being built): the real server answers everything else.
//
//   node ui/e2e/check-fleet-mocked.mjs --url URL --email E --password P --pipeline PIPELINE_ID [--screenshots DIR]
//
// Prints "ok: ..." / "FAIL: ..." lines and a summary; exit 0 only when every check passed.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'pipeline'], 'check-fleet-mocked.mjs --url URL --email E --password P --pipeline ID [--screenshots DIR]');

const now = Date.now();
const iso = (/** @type {number} */ minutesAgo) => new Date(now - minutesAgo * 60_000).toISOString();
const NODE = {
  id: 'n-1',
  hostname: 'edge-eu-1',
  os: 'linux x86_64 (Debian 12)',
  agentVersion: '0.1.0',
  vectorVersion: '0.57.0',
  deploymentMode: 'STANDALONE',
  labels: { region: 'eu', role: 'edge' },
  agentLabels: { region: 'eu' },
  userLabels: { role: 'edge' },
  status: 'HEALTHY',
  statusReason: null,
  enrolledAt: iso(600),
  lastHeartbeatAt: iso(0.2),
  maintenance: false,
  tokenRevoked: false,
  pipelines: [{ pipelineId: args.pipeline, pipelineName: 'demo', version: 1, checksum: 'abcdef0123', status: 'RUNNING', uptimeSeconds: 3600, error: null }],
  transitions: [{ from: 'UNREACHABLE', to: 'HEALTHY', reason: 'heartbeat received', at: iso(30) }],
  host: {},
};
const NODE2 = { ...NODE, id: 'n-2', hostname: 'edge-us-1', labels: { region: 'us' }, status: 'DEGRADED', statusReason: 'vector restarted 3 times', pipelines: [] };
const points = Array.from({ length: 60 }, (_, i) => ({
  t: iso(60 - i),
  cpuPercent: 20 + 10 * Math.sin(i / 6),
  memoryUsedBytes: 2e9 + 1e8 * Math.sin(i / 9),
  memoryTotalBytes: 8e9,
  fsUsedBytes: 30e9,
  fsTotalBytes: 100e9,
  diskReadBytesPerSec: 1e5 * (1 + Math.sin(i / 4)),
  diskWrittenBytesPerSec: 2e5,
  netRxBytesPerSec: 3e5 * (1 + Math.cos(i / 5)),
  netTxBytesPerSec: 1e5,
  loadAvg1: 0.5 + Math.random() * 0.2,
}));
const flow = Array.from({ length: 60 }, (_, i) => ({
  t: iso(60 - i),
  eventsInPerSec: 100 + i,
  eventsOutPerSec: 98 + i,
  bytesInPerSec: 5e4,
  bytesOutPerSec: 4.8e4,
  errorsPerSec: i % 10 === 0 ? 1 : 0,
  discardedPerSec: 0,
}));

/** @param {string} method @param {URL} url @returns {[number, unknown] | undefined} */
function answer(method, url) {
  const p = url.pathname;
  if (/\/enrollment-tokens$/.test(p) && method === 'GET')
    return [200, [{ id: 'e1', name: 'edge hosts', hint: 'vf_enr_ab12', maxUses: 5, uses: 2, expiresAt: iso(-600), labels: { role: 'edge' }, state: 'ACTIVE', createdAt: iso(60) }]];
  if (/\/enrollment-tokens$/.test(p) && method === 'POST')
    return [201, { id: 'e2', name: 'new', token: 'vf_enroll_0123456789abcdef', hint: 'vf_enr_0123', maxUses: 1, uses: 0, expiresAt: iso(-1440), labels: {}, state: 'ACTIVE', createdAt: iso(0) }];
  if (/\/nodes\/match$/.test(p)) return [200, { count: 1, nodes: [{ id: 'n-1', hostname: 'edge-eu-1' }] }];
  if (/\/environments\/[^/]+\/nodes$/.test(p)) return [200, [NODE, NODE2]];
  if (/\/api\/nodes\/[^/]+\/metrics$/.test(p)) return [200, { step: 60, points }];
  if (/\/api\/nodes\/[^/]+\/logs$/.test(p)) {
    const after = Number(url.searchParams.get('after') ?? 0);
    return [200, after >= 3 ? [] : [1, 2, 3].map((seq) => ({ seq, pipelineId: args.pipeline, at: iso(1), line: `2026-11-27T20:00:0${seq}Z INFO vector: event ${seq}` }))];
  }
  if (/\/api\/nodes\/[^/]+$/.test(p)) return [200, NODE];
  if (/\/deployments$/.test(p) && method === 'GET')
    return [
      200,
      {
        current: { version: 1, selector: { region: 'eu' }, deployedAt: iso(20), deployedBy: 'user:root@example.com' },
        nodes: [{ nodeId: 'n-1', hostname: 'edge-eu-1', nodeStatus: 'HEALTHY', desiredVersion: 1, reportedVersion: 1, status: 'RUNNING', uptimeSeconds: 1200, error: null, inSync: true }],
      },
    ];
  if (/\/pipelines\/[^/]+\/metrics$/.test(p)) {
    return [200, { step: 60, totals: flow, components: { demo_logs: flow }, live: Object.fromEntries(['in', 'out', 'demo_logs', 'remap', 'console'].map((k) => [k, { eventsInPerSec: 118.2, eventsOutPerSec: 120.5, errorsPerSec: 0 }])) }];
  }
  return undefined;
}

const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots });
await page.route('**/api/**', async (route) => {
  const request = route.request();
  const found = answer(request.method(), new URL(request.url()));
  if (!found) return route.continue();
  await route.fulfill({ status: found[0], contentType: 'application/json', body: JSON.stringify(found[1]) });
});
await signIn(args.url, args.email, args.password);
{
  await step('fleet list shows nodes with status and labels', async () => {
    await page.getByTestId('nav-fleet').click();
    await page.locator('[data-testid="node-row"]', { hasText: 'edge-eu-1' }).waitFor();
    await page.locator('[data-testid="node-row"]', { hasText: 'DEGRADED' }).waitFor();
    await screenshot('fleet');
  });
  await step('node detail shows charts, pipelines and live logs', async () => {
    await page.getByRole('link', { name: 'edge-eu-1' }).click();
    await page.getByTestId('node-hostname').waitFor();
    await page.locator('[data-testid="chart-cpu"] svg path').first().waitFor();
    await page.locator('[data-testid="node-pipelines"]', { hasText: 'RUNNING' }).waitFor();
    await page.locator('[data-testid="node-logs"]', { hasText: 'event 3' }).waitFor();
    await screenshot('node', true);
  });
  await step('an enrollment token is shown once with its install command', async () => {
    await page.goto(new URL('/fleet/enrollment', args.url).toString());
    await page.getByTestId('enroll-create').click();
    const command = await page.getByTestId('install-command').textContent();
    if (!command?.includes('VF_TOKEN=vf_enroll_0123456789abcdef ./vectorflow agent')) throw new Error(`install command: ${command}`);
    await screenshot('enrollment');
  });
  await step('the deploy dialog shows the live match and the configuration', async () => {
    await page.goto(new URL(`/pipelines/${args.pipeline}`, args.url).toString());
    await page.getByTestId('deployed-badge').waitFor();
    await page.locator('[data-testid="node-live"]').first().waitFor();
    await page.getByTestId('deploy').click();
    await page.getByTestId('deploy-selector').fill('region=eu');
    await page.locator('[data-testid="deploy-match"]', { hasText: '1 node match' }).waitFor();
    await screenshot('deploy');
    await page.keyboard.press('Escape');
  });
  await step('deployment status and pipeline metrics', async () => {
    await page.getByTestId('tab-deployment').click();
    await page.locator('[data-testid="deployment-nodes"]', { hasText: 'edge-eu-1' }).waitFor();
    await page.locator('[data-testid="pipeline-metrics"] svg path').first().waitFor();
    await screenshot('deployment');
  });
}
await finish();
