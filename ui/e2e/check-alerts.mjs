#!/usr/bin/env node
// Browser check of the Alerts screen against a real server, run by a JUnit test:
//
//   node ui/e2e/check-alerts.mjs --url URL --email E --password P --receiver URL [--viewer EMAIL] [--screenshots DIR]
//
// The environment has a certificate that expires in a few days. Signs in as an admin; opens Alerts from the navigation;
// creates a webhook channel pointing at the receiver (its generated signing secret shown once), sends a test
// notification and finds it delivered in the channel's history; creates a certificate_expiring rule (a bad one first:
// the server's problems show next to their fields; the form's live preview says the fixed rule would fire at once),
// sees its alert firing in the list and in the rule's preview,
// acknowledges it, silences it, finds the silence listed and ends it; the channel's history lists the rule's FIRING
// notification. With --viewer (a Viewer of the team, same password): they read everything, and every control that
// changes rules, silences or channels is disabled with a title naming the role it needs.

import { readArgs, startCheck } from './harness.mjs';

const usage = 'check-alerts.mjs --url URL --email E --password P --receiver URL [--viewer EMAIL] [--screenshots DIR]';
const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'receiver'], usage);
// The bad rule's 400 (once) is the answer the check asks for; Chromium logs every failed request as a console error. The
// form's live preview of that rule (days 0) is refused alike, as often as the form asks while it is being fixed.
let expectedBadRules = 1;
const expected = (/** @type {string} */ text, /** @type {string} */ url) =>
  /status of 400/.test(text) && (/\/alert-rules\/preview$/.test(url) || (/\/alert-rules$/.test(url) && expectedBadRules-- > 0));
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: 20_000, expected });

/** Clicks the list's Refresh until `locator` shows (the evaluation runs every 10 s). @param {import('playwright-core').Locator} locator @param {number} [timeoutMs] */
async function refreshUntil(locator, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await locator.first().isVisible()) return;
    if (Date.now() > end) throw new Error(`not shown within ${timeoutMs / 1000} s`);
    await page.getByTestId('alerts-refresh').click();
    await page.waitForTimeout(2_000);
  }
}

/**
 * A control the Viewer must not use: absent, or disabled with a title naming the role it needs.
 * @param {import('playwright-core').Locator} control @param {'Editor' | 'Admin'} role @param {string} what
 */
async function refused(control, role, what) {
  for (const one of await control.all()) {
    if (!(await one.isDisabled())) throw new Error(`${what} is enabled`);
    const title = (await one.evaluate((e) => e.closest('[title]')?.getAttribute('title') ?? '')) ?? '';
    if (!title.includes(`Needs the ${role} role`)) throw new Error(`${what} says "${title}", not which role it needs`);
  }
}

await signIn(args.url, args.email, args.password);
await step('Alerts is in the navigation; nothing fires yet', async () => {
  await page.getByTestId('nav-alerts').click();
  await page.getByRole('heading', { name: 'Alerts', exact: true }).waitFor();
  await page.getByTestId('alerts-empty').waitFor();
});
await step('create a webhook channel to the receiver; the generated signing secret is shown once; no secret is listed', async () => {
  await page.getByTestId('tab-channels').click();
  await page.getByTestId('channels-empty').waitFor();
  await page.getByTestId('new-channel').click();
  const dialog = page.getByTestId('channel-dialog');
  await dialog.getByTestId('channel-name').fill('ops hook');
  await dialog.getByTestId('channel-kind').selectOption('webhook');
  await dialog.getByTestId('channel-url').fill(args.receiver);
  await dialog.getByTestId('generate-signing-secret').click();
  const secret = (await dialog.getByTestId('signing-secret-value').textContent()) ?? '';
  if (!/^whsec_[A-Za-z0-9+/]{43}=$/.test(secret)) throw new Error(`signing secret: ${secret}`);
  await screenshot('channel-form');
  await dialog.getByTestId('channel-save').click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByTestId('channel-row').filter({ hasText: 'ops hook' });
  await row.getByText('secrets set: url, signingSecret').or(row.getByText('secrets set: signingSecret, url')).waitFor();
  const listed = (await page.getByTestId('channel-list').textContent()) ?? '';
  if (listed.includes(secret.slice(6, 20)) || listed.includes(args.receiver)) throw new Error(`a secret is listed: ${listed}`);
});
await step('send a test notification: delivered with HTTP 200, and listed in the delivery history with its attempt', async () => {
  const row = page.getByTestId('channel-row').filter({ hasText: 'ops hook' });
  await row.getByTestId('test-channel').click();
  const result = row.getByTestId('test-result');
  await result.getByText('delivered', { exact: true }).waitFor();
  if (!/HTTP 200, \d+ ms/.test((await result.textContent()) ?? '')) throw new Error(`result: ${await result.textContent()}`);
  await row.getByTestId('channel-history').click();
  const dialog = page.getByTestId('deliveries-dialog');
  const delivery = dialog.getByTestId('delivery-row').filter({ hasText: 'test notification' });
  await delivery.getByTestId('delivery-status').getByText('DELIVERED').waitFor();
  await delivery.getByTestId('delivery-attempt').getByText(/HTTP 200, \d+ ms/).waitFor();
  await screenshot('test-delivered');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
await step('a bad rule: the server names every problem next to its field at once, and nothing is created', async () => {
  await page.getByTestId('tab-rules').click();
  await page.getByTestId('rules-empty').waitFor();
  await page.getByTestId('new-rule').click();
  const dialog = page.getByTestId('rule-dialog');
  await dialog.getByTestId('rule-name').fill('certs expiring');
  await dialog.getByTestId('rule-kind').selectOption('certificate_expiring');
  await dialog.getByTestId('rule-days').fill('0');
  await dialog.getByTestId('rule-for').fill('-5');
  await dialog.getByTestId('rule-save').click();
  await dialog.getByTestId('rule-days-error').waitFor();
  await dialog.getByTestId('rule-for-error').getByText('must not be negative').waitFor();
  await screenshot('rule-problems');
});
await step('fix it: the form previews that the rule would fire at once; a critical certificate_expiring rule (14 days) notifying the channel is created and listed', async () => {
  const dialog = page.getByTestId('rule-dialog');
  await dialog.getByTestId('rule-days').fill('14');
  await dialog.getByTestId('rule-for').fill('0');
  await dialog.getByTestId('rule-severity').selectOption('critical');
  await dialog.getByTestId('rule-channel').check();
  await dialog.getByTestId('rule-message').fill('{{component}} expires in {{value}} days');
  // the live preview: the certificate that expires in 3 days would fire at once
  await dialog.getByTestId('rule-preview-summary').getByText('1 would fire now.').waitFor();
  await dialog.getByTestId('rule-preview').getByText(/edge-cert expires in [23] days/).waitFor();
  await dialog.getByTestId('rule-save').click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByTestId('rule-row').filter({ hasText: 'certs expiring' });
  await row.getByText('certificates expiring within 14 days').waitFor();
  await row.getByText('ops hook').waitFor();
});
await step('the alert fires within a round and is listed as FIRING, critical, with the certificate and its days left', async () => {
  await page.getByTestId('tab-alerts').click();
  const row = page.getByTestId('alert-row').filter({ hasText: 'certs expiring' });
  await refreshUntil(row);
  await row.getByTestId('alert-state').getByText('FIRING').waitFor();
  const text = (await row.textContent()) ?? '';
  if (!text.includes('critical') || !/edge-cert expires in [23] days/.test(text)) throw new Error(`row: ${text}`);
  await screenshot('alert-firing');
});
await step('the rule shows what it raises now', async () => {
  await page.getByTestId('tab-rules').click();
  await page.getByTestId('rule-row').filter({ hasText: 'certs expiring' }).getByTestId('edit-rule').click();
  const dialog = page.getByTestId('rule-dialog');
  await dialog.getByTestId('rule-preview-item').filter({ hasText: 'edge-cert' }).getByText('FIRING').waitFor();
  await screenshot('rule-preview');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
await step('acknowledge it: it reads ACKNOWLEDGED with who did it, and the acknowledged filter lists it', async () => {
  await page.getByTestId('tab-alerts').click();
  const row = page.getByTestId('alert-row').filter({ hasText: 'certs expiring' });
  await row.getByTestId('alert-acknowledge').click();
  await row.getByTestId('alert-state').getByText('ACKNOWLEDGED').waitFor();
  await row.getByText(`by ${args.email}`).waitFor();
  await page.getByTestId('alert-state-filter').selectOption('acknowledged');
  await page.getByTestId('alert-row').filter({ hasText: 'certs expiring' }).waitFor();
  await page.getByTestId('alert-severity-filter').selectOption('info');
  await page.getByTestId('alerts-empty').getByText('No alert matches these filters').waitFor();
  await page.getByTestId('alert-severity-filter').selectOption('');
  await page.getByTestId('alert-row').getByTestId('alert-details').click();
  await page.getByTestId('alert-history').getByText('FIRING → FIRING').waitFor();
  await page.keyboard.press('Escape');
});
await step('silence it until a time with a reason: the alert is listed as silenced', async () => {
  const row = page.getByTestId('alert-row').filter({ hasText: 'certs expiring' });
  await row.getByTestId('alert-silence').click();
  const dialog = page.getByTestId('silence-alert-dialog');
  await dialog.getByText('Silences this rule everywhere').waitFor();
  await dialog.getByTestId('silence-reason').fill('renewing the certificate');
  await dialog.getByTestId('silence-save').click();
  await dialog.waitFor({ state: 'detached' });
  await refreshUntil(row.getByText('silenced', { exact: true }), 40_000);
  await screenshot('alert-silenced');
});
await step('the silence is listed by rule with its reason, and ends at once', async () => {
  await page.getByTestId('tab-silences').click();
  const row = page.getByTestId('silence-row');
  await row.getByText('rule certs expiring').waitFor();
  await row.getByText('renewing the certificate').waitFor();
  await screenshot('silences');
  await row.getByTestId('delete-silence').click();
  await page.getByTestId('confirm').click();
  await page.getByTestId('silences-empty').waitFor();
});
await step("the channel's history lists the rule's FIRING notification", async () => {
  await page.getByTestId('tab-channels').click();
  await page.getByTestId('channel-row').filter({ hasText: 'ops hook' }).getByTestId('channel-history').click();
  const dialog = page.getByTestId('deliveries-dialog');
  await dialog.getByTestId('delivery-row').filter({ hasText: 'FIRING certs expiring' }).getByTestId('delivery-status').getByText('DELIVERED').waitFor();
  await screenshot('deliveries');
  await page.keyboard.press('Escape');
});
if (args.viewer) {
  await step('a Viewer of the team reads rules, alerts, silences and deliveries; every control to change them is disabled naming the role', async () => {
    await page.context().clearCookies();
    await page.goto(args.url);
    await page.getByTestId('signin-email').fill(args.viewer);
    await page.getByTestId('signin-password').fill(args.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alert-state-filter').selectOption('firing');
    const row = page.getByTestId('alert-row').filter({ hasText: 'certs expiring' });
    await row.waitFor();
    await refused(row.getByTestId('alert-silence'), 'Editor', 'Silence');
    await page.getByTestId('tab-rules').click();
    await refused(page.getByTestId('new-rule'), 'Editor', 'New rule');
    await refused(page.getByTestId('delete-rule'), 'Editor', 'Delete rule');
    await refused(page.getByTestId('rule-enabled'), 'Editor', 'Enabled');
    await page.getByTestId('edit-rule').getByText('View').click();
    const dialog = page.getByTestId('rule-dialog');
    if (!(await dialog.getByTestId('rule-name').isDisabled())) throw new Error('a Viewer can type in the rule form');
    if ((await dialog.getByTestId('rule-save').count()) > 0) throw new Error('a Viewer has a Save button');
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-silences').click();
    await refused(page.getByTestId('new-silence'), 'Editor', 'New silence');
    await page.getByTestId('tab-channels').click();
    const channel = page.getByTestId('channel-row').filter({ hasText: 'ops hook' });
    await channel.waitFor();
    await refused(page.getByTestId('new-channel'), 'Admin', 'New channel');
    await refused(channel.getByTestId('test-channel'), 'Admin', 'Send test');
    await refused(channel.getByTestId('edit-channel'), 'Admin', 'Edit channel');
    await refused(channel.getByTestId('delete-channel'), 'Admin', 'Delete channel');
    await channel.getByTestId('channel-history').click();
    await page.getByTestId('deliveries-dialog').getByTestId('delivery-row').first().waitFor();
    await screenshot('viewer-channels');
    await page.keyboard.press('Escape');
  });
}
await finish();
