#!/usr/bin/env node
// Browser check of the pipeline editor against a real server, run by a JUnit test:
//
//   node ui/e2e/check-editor.mjs --url http://127.0.0.1:PORT --email E --password P
//        [--screenshots DIR] [--timeout SECONDS]
//
// Needs a signed-in user with one team and one environment (the JUnit test creates them).
// Flow: sign in; create a secret; create a pipeline; drag demo_logs, remap, console and
// appsignal onto the canvas; connect them; see a validation error appear and go away; set
// options (VRL included) and a sensitive option to the secret; export; publish; change and
// publish again; see the version history and the diff; roll back. Prints "ok: ..." /
// "FAIL: ..." lines and a summary; exit 0 only when every check passed.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password'], 'check-editor.mjs --url URL --email E --password P [--screenshots DIR] [--timeout SECONDS]');
const timeout = Number(args.timeout ?? 20) * 1000;
// Unique per run, so the script can run again against the same server.
const run = Date.now().toString(36);
const SECRET = `appsignal_key_${run}`;
const PIPELINE = `e2e-demo-${run}`;
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: timeout });

const node = (/** @type {string} */ key) => page.locator(`[data-testid="canvas-node"][data-key="${key}"]`);
const problemsText = async () => (await page.locator('[data-testid="problem"]').allTextContents()).join('\n');

/** @param {string} type @param {number} x @param {number} y */
async function drop(type, x, y) {
  await page.getByTestId('palette-search').fill(type);
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
  await page.getByTestId('palette-search').fill('');
}

/** @param {string} from @param {string} to */
async function link(from, to, output = '__default') {
  const source = page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source[data-handleid="${output}"]`);
  const target = page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handles of ${from} -> ${to} not visible`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.locator(`.react-flow__edge[data-testid="rf__edge-${from}:${output === '__default' ? '' : output}->${to}"]`).waitFor();
}

async function waitSaved() {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
}

/** @param {string} key */
async function select(key) {
  await node(key).click({ position: { x: 60, y: 14 } });
  await page.getByTestId('component-key').waitFor();
  if ((await page.getByTestId('component-key').inputValue()) !== key) throw new Error(`panel shows ${await page.getByTestId('component-key').inputValue()}, not ${key}`);
}

/** @param {string} what @param {() => Promise<unknown>} fn */
async function until(what, fn) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last === true) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`${what} (last: ${String(last).slice(0, 300)})`);
}

await signIn(args.url, args.email, args.password);
{

  await step('create a secret (value write-only)', async () => {
    await page.getByTestId('nav-secrets').click();
    await page.getByTestId('new-secret').click();
    await page.getByTestId('secret-name').fill(SECRET);
    await page.getByTestId('secret-value').fill('not-a-real-key');
    await page.getByTestId('secret-save').click();
    await page.locator('[data-testid="secret-row"]', { hasText: SECRET }).waitFor();
    if ((await page.content()).includes('not-a-real-key')) throw new Error('the secret value is on the page');
    await screenshot('secrets');
  });

  await step('create a pipeline and open the editor', async () => {
    await page.getByTestId('nav-pipelines').click();
    await page.getByTestId('new-pipeline').click();
    await page.getByTestId('pipeline-name').fill(PIPELINE);
    await page.getByTestId('create-pipeline').click();
    await page.getByTestId('canvas-empty').waitFor();
  });

  await step('drag demo_logs, remap, console and appsignal onto the canvas', async () => {
    await drop('demo_logs', 110, 200);
    await node('demo_logs').waitFor();
    await drop('remap', 350, 200);
    await node('remap').waitFor();
    await drop('console', 590, 90);
    await node('console').waitFor();
    await drop('appsignal', 590, 330);
    await node('appsignal').waitFor();
  });

  await step('a missing required option shows as a validation error on the node and in the list', async () => {
    await page.getByTestId('tab-problems').click();
    await until('a problem naming format', async () => (await problemsText()).includes('format') || (await problemsText()));
    await node('demo_logs').getByTestId('node-errors').waitFor();
    await screenshot('validation-error');
  });

  await step('connect demo_logs -> remap -> console and remap -> appsignal', async () => {
    await link('demo_logs', 'remap');
    await link('remap', 'console');
    await link('remap', 'appsignal');
    await waitSaved();
  });

  await step('choosing format in the generated form makes the error go away', async () => {
    await select('demo_logs');
    await page.getByTestId('option-format').selectOption('json');
    await waitSaved();
    await page.getByTestId('tab-problems').click();
    await until('no problem naming format', async () => !(await problemsText()).includes('format') || (await problemsText()));
    if ((await node('demo_logs').getByTestId('node-errors').count()) !== 0) throw new Error('demo_logs still shows errors');
  });

  await step('write VRL in the remap editor', async () => {
    await select('remap');
    const vrl = page.locator('.cm-content[data-testid="option-source"]');
    await vrl.click();
    await page.keyboard.type('.processed = true');
    await page.keyboard.press('Escape');
    await waitSaved();
    await until('VRL highlighted', async () => (await page.locator('.cm-content[data-testid="option-source"] span').count()) > 0 || 'no tokens');
  });

  await step('set console encoding.codec', async () => {
    await select('console');
    await page.getByTestId('option-encoding.codec').selectOption('json');
    await waitSaved();
  });

  await step('a sensitive option only takes a secret', async () => {
    await select('appsignal');
    const picker = page.getByTestId('option-push_api_key');
    if ((await picker.evaluate((e) => e.tagName)) !== 'SELECT') throw new Error('push_api_key is not a secret picker');
    await picker.selectOption(SECRET);
    await waitSaved();
    await page.getByTestId('tab-problems').click();
    await until('no errors left', async () => (await page.getByTestId('no-problems').count()) > 0 || (await problemsText()));
    await screenshot('pipeline-built');
  });

  await step('undo and redo', async () => {
    await page.getByTestId('undo').click();
    await until('appsignal key unset after undo', async () => (await problemsText()).includes('push_api_key') || (await problemsText()));
    await page.getByTestId('redo').click();
    await waitSaved();
    await until('no errors after redo', async () => (await page.getByTestId('no-problems').count()) > 0 || (await problemsText()));
  });

  await step('export shows YAML with the secret reference', async () => {
    await page.getByTestId('export').click();
    await until('YAML text', async () => {
      const t = (await page.locator('[data-testid="export-text"]').textContent().catch(() => '')) ?? '';
      return (t.includes('demo_logs') && t.includes('SECRET[')) || t;
    });
    await screenshot('export');
    await page.keyboard.press('Escape');
  });

  await step('the publish dialog is a real dialog: labelled, focus inside and kept there, Escape closes, focus returns', async () => {
    const opener = page.getByTestId('publish');
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Publish a new version' });
    await dialog.waitFor();
    if ((await dialog.getAttribute('aria-modal')) !== 'true') throw new Error('not aria-modal');
    const focused = () => page.evaluate(() => {
      const e = document.activeElement;
      return { inside: !!e?.closest('[role="dialog"]'), id: e?.getAttribute('data-testid') ?? e?.getAttribute('aria-label') ?? e?.tagName ?? '' };
    });
    const first = await focused();
    if (!first.inside || first.id !== 'publish-message') throw new Error(`focus starts at ${first.id}`);
    const count = await dialog.evaluate((d) => Array.from(d.querySelectorAll('button:not([disabled]), textarea, input, select, a[href]')).filter((e) => e.getClientRects().length > 0).length);
    for (let i = 1; i <= count; i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (!now.inside) throw new Error(`Tab ${i} left the dialog for ${now.id}`);
    }
    if ((await focused()).id !== 'publish-message') throw new Error(`Tab did not cycle back to the first control but to ${(await focused()).id}`);
    await page.keyboard.press('Shift+Tab');
    if ((await focused()).id !== 'Close') throw new Error(`Shift+Tab from the first control went to ${(await focused()).id}`);
    await screenshot('publish-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await until('focus back on Publish', async () => (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'publish' || 'elsewhere');
  });

  await step('publish version 1', async () => {
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill('first version');
    await page.getByTestId('publish-confirm').click();
    await page.locator('[data-testid="version"]', { hasText: 'first version' }).waitFor();
  });

  await step('change an option and a line of VRL, and publish version 2', async () => {
    await select('demo_logs');
    await page.getByTestId('option-interval').fill('2.5');
    await waitSaved();
    await select('remap');
    await page.locator('.cm-content[data-testid="option-source"]').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('.stage = 2');
    await page.keyboard.press('Escape');
    await waitSaved();
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill('slower demo');
    await page.getByTestId('publish-confirm').click();
    await page.locator('[data-testid="version"]', { hasText: 'slower demo' }).waitFor();
  });

  await step('version history shows the component diff and the YAML diff', async () => {
    await page.locator('[data-testid="version"]', { hasText: 'slower demo' }).getByTestId('version-diff').click();
    await until('component diff names interval', async () => ((await page.getByTestId('component-diff').textContent()) ?? '').includes('interval') || 'no');
    const lines = await page.locator('[data-testid="option-line-diff"] .dl').evaluateAll((ls) => ls.map((l) => `${l.className}|${l.querySelector('.dl-text')?.textContent}`));
    if (!lines.includes('dl dl-context|.processed = true') || !lines.includes('dl dl-add|.stage = 2')) throw new Error(`VRL diff lines: ${lines.join(' / ')}`);
    await page.getByTestId('tab-yaml').click();
    await until('YAML diff adds interval', async () => ((await page.getByTestId('yaml-diff').textContent()) ?? '').includes('interval: 2.5') || 'no');
    await screenshot('diff');
    await page.keyboard.press('Escape');
  });

  await step('roll back to version 1', async () => {
    await page.locator('[data-testid="version"]', { hasText: 'first version' }).getByTestId('rollback').click();
    await page.getByTestId('confirm').click();
    await page.locator('[data-testid="version"]', { hasText: 'rollback of v1' }).waitFor();
    await screenshot('rolled-back');
  });

  await step('a route gets one output per route plus _unmatched, connectable on the canvas', async () => {
    await drop('route', 110, 450);
    await node('route').waitFor();
    await select('route');
    await page.getByTestId('option-route-new').fill('errors');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.react-flow__node[data-id="route"] .react-flow__handle.source[data-handleid="errors"]').waitFor();
    await page.locator('.react-flow__node[data-id="route"] .react-flow__handle.source[data-handleid="_unmatched"]').waitFor();
    await link('demo_logs', 'route');
    await link('route', 'console', 'errors');
    await waitSaved();
    await screenshot('named-outputs');
  });

  await step('the pipeline list shows the new pipeline', async () => {
    await page.getByTestId('nav-pipelines').click();
    await page.locator('[data-testid="pipeline-row"]', { hasText: PIPELINE }).waitFor();
  });

  await step('import a pasted Vector YAML file', async () => {
    await page.getByTestId('import-pipeline').click();
    await page.getByTestId('import-name').fill(`imported-${run}`);
    await page
      .getByTestId('import-config')
      .fill('sources:\n  app_logs:\n    type: demo_logs\n    format: json\nsinks:\n  out:\n    type: console\n    inputs: [app_logs]\n    encoding:\n      codec: json\n');
    await page.getByTestId('import-submit').click();
    await node('app_logs').waitFor();
    await node('out').waitFor();
    await page.locator('.react-flow__edge').first().waitFor({ state: 'attached' });
  });

  await step('components clicked in the palette land in view; auto-layout puts sources left and sinks right', async () => {
    await page.getByTestId('palette-search').fill('remap');
    for (let i = 0; i < 6; i++) await page.getByTestId('palette-remap').click();
    await page.getByTestId('palette-search').fill('');
    await node('remap_6').waitFor();
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    for (const key of ['remap', 'remap_2', 'remap_3', 'remap_4', 'remap_5', 'remap_6']) {
      const box = await node(key).boundingBox();
      if (!box || box.x < canvas.x || box.y < canvas.y || box.x + box.width > canvas.x + canvas.width || box.y + box.height > canvas.y + canvas.height)
        throw new Error(`${key} at ${JSON.stringify(box)} is outside the canvas ${JSON.stringify(canvas)}`);
    }
    await screenshot('placed-in-view');
    await link('app_logs', 'remap');
    await page.getByTestId('auto-layout').click();
    await until('sources left of transforms left of sinks', async () => {
      const x = async (/** @type {string} */ key) => (await node(key).boundingBox())?.x ?? NaN;
      const [source, transform, sink] = [await x('app_logs'), await x('remap'), await x('out')];
      return (source < transform && transform < sink) || `${source} ${transform} ${sink}`;
    });
    await screenshot('auto-layout');
  });

  await step('delete a pipeline after confirming', async () => {
    await page.getByTestId('nav-pipelines').click();
    const row = page.locator('[data-testid="pipeline-row"]', { hasText: `imported-${run}` });
    await row.getByTestId('delete-pipeline').click();
    await page.getByTestId('confirm').click();
    await row.waitFor({ state: 'detached' });
    await screenshot('pipelines');
  });

}
await finish();
