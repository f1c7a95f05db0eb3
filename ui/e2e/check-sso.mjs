#!/usr/bin/env node
// Browser check of the settings, sign-in through an identity provider and the second factor, run by a JUnit test against
// a real server and a real OpenID provider (mock-oauth2-server with its login page):
//
//   node ui/e2e/check-sso.mjs --url URL --email E --password P --issuer ISSUER [--screenshots DIR]
//
// As the platform admin: the Settings page shows every group, a setting the environment sets (VF_AGENT_RATE_LIMIT) read-only,
// invalid values with their message next to the field and nothing saved, then a valid change saved; an identity provider
// is added in the Authentication group (a plain-http issuer outside loopback refused next to its field), with a group
// mapping. Signed out: the sign-in page has a button per provider, the one that is down says so; Ada signs in at the
// provider with the group ops-admins and is an Admin of ops; signing out ends the provider's session too; with the group
// ops-viewers she is a Viewer. Last, the admin enrols a TOTP second factor with the QR code, signs in with a code, is
// refused the same code again, and signs in with a recovery code.

import { createHmac } from 'node:crypto';
import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'issuer'], 'check-sso.mjs --url URL --email E --password P --issuer ISSUER [--screenshots DIR]');
const providerOrigin = new URL(args.issuer).origin;
// What the script causes on purpose: invalid settings and a provider refused (400), a used code (401). The provider's own
// pages are another site's.
const { page, step, screenshot, finish, signIn } = await startCheck({
  screenshots: args.screenshots,
  timeoutMs: 20_000,
  foreignOrigin: providerOrigin,
  expected: (text, url) =>
    (/status of 400/.test(text) && (url.endsWith('/api/settings') || url.endsWith('/api/settings/oidc-providers'))) ||
    (/status of 401/.test(text) && url.endsWith('/api/session/second-factor')),
});

/**
 * RFC 6238 TOTP (HMAC-SHA1, 6 digits) of a base32 secret, `steps` periods of 30 s from now: what an authenticator app shows.
 * @param {string} secret @param {number} [steps]
 */
function totp(secret, steps = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = (hash[hash.length - 1] ?? 0) & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function openUserMenu() {
  await page.getByTestId('current-user').click();
}

async function signOutThroughTheMenu() {
  await openUserMenu();
  await page.getByTestId('signout').click();
}

/** Signs in at the provider's login page as `username` with these claims. @param {string} username @param {object} claims */
async function providerLogin(username, claims) {
  await page.getByRole('button', { name: 'Sign in with Corp' }).click();
  await page.waitForURL((u) => u.origin === providerOrigin);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('textarea[name="claims"]').fill(JSON.stringify(claims));
  await page.locator('input[type="submit"]').click();
  await page.getByTestId('current-user').waitFor();
}

await signIn(args.url, args.email, args.password);
{
  await step('Settings is in the navigation of a platform admin, grouped as Fleet, Retention, Authentication, Backups and Alerts', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    for (const group of ['Fleet', 'Retention', 'Authentication', 'Backups', 'Alerts']) {
      await page.getByRole('heading', { name: group, exact: true }).waitFor();
    }
  });
  await step('a setting the environment sets is read-only and says so', async () => {
    if (!(await page.getByTestId('setting-fleet-agentRateLimit').isDisabled())) throw new Error('the rate limit can be edited');
    const source = (await page.getByTestId('setting-fleet-agentRateLimit-source').textContent()) ?? '';
    if (!source.includes('Set by the environment (VF_AGENT_RATE_LIMIT)')) throw new Error(`source: ${source}`);
  });
  await step('invalid values show their message next to their field, and nothing is saved', async () => {
    await page.getByTestId('setting-fleet-pollIntervalMs').fill('10');
    await page.getByTestId('setting-auth-publicUrl').fill('vectorflow.example.com');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('setting-fleet-pollIntervalMs-error').getByText('from 500 to 3600000').waitFor();
    await page.getByTestId('setting-auth-publicUrl-error').getByText('http(s) URL').waitFor();
    const source = (await page.getByTestId('setting-fleet-pollIntervalMs-source').textContent()) ?? '';
    if (!source.startsWith('Default')) throw new Error(`saved anyway: ${source}`);
    await screenshot('settings-invalid');
  });
  await step('a valid change is saved and shown as stored by the admin', async () => {
    await page.getByTestId('setting-fleet-pollIntervalMs').fill('5000');
    await page.getByTestId('setting-auth-publicUrl').fill('');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.getByTestId('setting-fleet-pollIntervalMs-source').getByText(`Stored by ${args.email}`).waitFor();
    if ((await page.getByTestId('setting-fleet-pollIntervalMs').inputValue()) !== '5000') throw new Error('value not shown');
  });
  await step('an identity provider at a plain-http address outside loopback is refused next to the issuer field', async () => {
    await page.getByTestId('oidc-new').click();
    const form = page.getByTestId('oidc-form');
    await form.getByTestId('oidc-name').fill('Corp');
    await form.getByTestId('oidc-issuer').fill('http://login.example.com/realms/ops');
    await form.getByTestId('oidc-client-id').fill('vectorflow');
    await form.getByTestId('oidc-client-secret').fill('client-secret');
    await form.getByTestId('oidc-save').click();
    await form.getByTestId('oidc-issuer-error').getByText('https').waitFor();
  });
  await step('the provider is added with its group mapping', async () => {
    const form = page.getByTestId('oidc-form');
    await form.getByTestId('oidc-issuer').fill(args.issuer);
    for (const [i, group, role] of [[0, 'ops-admins', 'ADMIN'], [1, 'ops-viewers', 'VIEWER']]) {
      await form.getByTestId('oidc-add-rule').click();
      await form.getByTestId(`oidc-rule-${i}-group`).fill(String(group));
      await form.getByTestId(`oidc-rule-${i}-team`).fill('ops');
      await form.getByTestId(`oidc-rule-${i}-role`).selectOption(String(role));
    }
    await screenshot('provider-form');
    await form.getByTestId('oidc-save').click();
    await page.getByTestId('oidc-provider-Corp').waitFor();
  });
}
await step('signed out, the sign-in page offers the provider, and the one that is down says so', async () => {
  await signOutThroughTheMenu();
  await page.getByRole('button', { name: 'Sign in with Corp' }).waitFor();
  const down = page.getByTestId('sso-Down SSO');
  if (!(await down.isDisabled())) throw new Error('the button of a provider that is down can be clicked');
  if (!((await down.textContent()) ?? '').includes('unavailable')) throw new Error(`button: ${await down.textContent()}`);
  await page.getByTestId('sso-problem-Down SSO').getByText('cannot be reached').waitFor();
  await screenshot('sign-in-page');
});
await step('Ada signs in at the provider with the group ops-admins: a new account, Admin of ops, no password to change', async () => {
  await providerLogin('ada', { email: 'ada@corp.example', email_verified: true, name: 'Ada', groups: ['ops-admins'] });
  await openUserMenu();
  await page.getByTestId('user-teams').getByText('Admin').waitFor();
  if ((await page.getByTestId('change-password').count()) > 0) throw new Error('an account of the provider is offered a password change');
  await screenshot('ada-admin');
});
await step("signing out ends the session here and at the provider, which sends the browser back", async () => {
  await page.getByTestId('signout').click();
  await page.waitForURL((u) => u.origin === new URL(args.url).origin);
  await page.getByRole('button', { name: 'Sign in with Corp' }).waitFor();
});
await step('with the group ops-viewers instead, Ada is a Viewer of ops at her next sign-in', async () => {
  await providerLogin('ada', { email: 'ada@corp.example', email_verified: true, name: 'Ada', groups: ['ops-viewers'] });
  await openUserMenu();
  await page.getByTestId('user-teams').getByText('Viewer').waitFor();
  await page.getByTestId('signout').click();
  await page.getByRole('button', { name: 'Sign in with Corp' }).waitFor();
});
{
  let secret = '';
  /** @type {string[]} */
  let recovery = [];
  let used = '';
  await step('the admin enrols an authenticator app with the QR code and keeps the 10 recovery codes', async () => {
    await page.getByTestId('signin-email').fill(args.email);
    await page.getByTestId('signin-password').fill(args.password);
    await page.getByTestId('signin-submit').click();
    await openUserMenu();
    await page.getByTestId('two-factor').click();
    await page.getByTestId('two-factor-begin').click();
    const qr = page.getByTestId('two-factor-qr');
    await qr.waitFor();
    if (!(await qr.evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth > 0))) throw new Error('the QR code did not render');
    secret = (await page.getByTestId('two-factor-secret').textContent()) ?? '';
    await page.getByTestId('two-factor-code').fill(totp(secret));
    await screenshot('enrol');
    await page.getByTestId('two-factor-confirm').click();
    const codes = page.getByTestId('recovery-codes').locator('code');
    await codes.first().waitFor();
    recovery = await codes.allTextContents();
    if (recovery.length !== 10) throw new Error(`${recovery.length} recovery codes`);
    await page.getByTestId('recovery-codes-done').click();
    await signOutThroughTheMenu();
  });
  await step('the password alone is not enough any more: the code of the app signs in', async () => {
    await page.getByTestId('signin-email').fill(args.email);
    await page.getByTestId('signin-password').fill(args.password);
    await page.getByTestId('signin-submit').click();
    used = totp(secret, 1);
    await page.getByTestId('second-factor-code').fill(used);
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('current-user').waitFor();
    await signOutThroughTheMenu();
  });
  await step('the same code again is refused; a recovery code signs in', async () => {
    await page.getByTestId('signin-email').fill(args.email);
    await page.getByTestId('signin-password').fill(args.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('second-factor-code').fill(used);
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('second-factor-error').getByText('used already').waitFor();
    await page.getByTestId('second-factor-code').fill(recovery[0] ?? '');
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('current-user').waitFor();
    await screenshot('signed-in-with-recovery-code');
  });
}
await finish();
