import { expect, type Page, type TestInfo } from '@playwright/test';

/** A demo key from the environment xtask sets (one source of truth: hestia's demo module). */
export function demoKey(name: 'ADMIN' | 'NARROW' | 'USER' | 'MAIL'): { id: string; secret: string } {
  const pair = process.env[`HEARTH_DEMO_${name}_KEY`];
  if (!pair) throw new Error(`HEARTH_DEMO_${name}_KEY is not set (run the tests with cargo xtask test)`);
  const [id, secret] = pair.split(':');
  return { id, secret };
}

/** Fails the test on any console error (a CSP violation or a hydration panic shows up here). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function logIn(page: Page, key: { id: string; secret: string }) {
  await page.goto('/login');
  await page.getByLabel('Access key ID').fill(key.id);
  await page.getByLabel('Secret key').fill(key.secret);
  await page.getByRole('button', { name: 'Log in' }).first().click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

export async function snap(page: Page, info: TestInfo, name: string) {
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}
