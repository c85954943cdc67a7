import { createHmac } from 'node:crypto';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** A demo key from the environment xtask sets (one source of truth: hestia's demo module). */
export function demoKey(name: 'HOSTING' | 'ADMIN' | 'NARROW' | 'USER' | 'MAIL' | 'DNS'): { id: string; secret: string } {
  const pair = process.env[`HEARTH_DEMO_${name}_KEY`];
  if (!pair) throw new Error(`HEARTH_DEMO_${name}_KEY is not set (run the tests with cargo xtask test)`);
  const [id, secret] = pair.split(':');
  return { id, secret };
}

/** A demo password login from the environment: alice's, or bob's with his 2FA secret. */
export function demoPassword(name: 'PASSWORD' | '2FA'): { user: string; password: string; secret: string } {
  const value = process.env[`HEARTH_DEMO_${name}`];
  if (!value) throw new Error(`HEARTH_DEMO_${name} is not set (run the tests with cargo xtask test)`);
  const [user, password, secret = ''] = value.split(':');
  return { user, password, secret };
}

/** The RFC 6238 code (SHA-1, 30 s, 6 digits) of a base32 secret, as an authenticator app shows it. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=+$/, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/** Fails the test on any console error (a CSP violation or a hydration panic shows up here). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  // A refused server function answers with an HTTP error status, which Chromium logs as a
  // failed resource load; the tests check those refusals on the page instead.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Unfolds the access key form of the login page (the password form comes first). */
export async function openKeyForm(page: Page): Promise<Locator> {
  const form = page.locator('details.more-logins').filter({ has: page.getByLabel('Access key ID') });
  if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator('summary').click();
  return form;
}

export async function logIn(page: Page, key: { id: string; secret: string }) {
  await page.goto('/login');
  const form = await openKeyForm(page);
  await page.getByLabel('Access key ID').fill(key.id);
  await page.getByLabel('Secret key').fill(key.secret);
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

/** Waits until the WASM is ready and the islands due at load are awake; the others wake at
 *  their first touch or focus, as a click or a fill does (before that, forms post as plain
 *  HTML). Every page load hydrates afresh: links are full page loads. */
export async function hydrated(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

export async function snap(page: Page, info: TestInfo, name: string) {
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

/** The folded action panel whose button reads `label`, inside `scope`. */
export function panel(scope: Page | Locator, label: string): Locator {
  return scope.locator(`details.action:has(> summary:text-is("${label}"))`).first();
}

/** Opens an action panel, fills its fields by label, and submits it. */
export async function runAction(scope: Page | Locator, label: string, fields: Record<string, string> = {}) {
  const p = panel(scope, label);
  await p.locator('summary').click();
  for (const [name, value] of Object.entries(fields)) {
    const field = p.getByLabel(name, { exact: true });
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await p.locator('button[type=submit]').click();
  return p;
}

/** Goes to a section through the navigation. */
export async function openSection(page: Page, name: string) {
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await hydrated(page);
}
