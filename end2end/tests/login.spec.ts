import { expect, test } from '@playwright/test';
import { demoKey, demoPassword, logIn, openKeyForm, snap, totp, watchConsole } from './helpers';

test('alice logs in with her password, sees her sections, and logs out', async ({ page }, info) => {
  const errors = watchConsole(page);
  const alice = demoPassword('PASSWORD');
  await page.goto('/login');
  await snap(page, info, 'login-page');
  await page.getByLabel('User name').fill(alice.user);
  await page.getByLabel('Password').fill(alice.password);
  await page.getByRole('button', { name: 'Log in' }).first().click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('user')).toHaveText(alice.user);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const section of ['Web', 'DNS', 'Mail', 'Databases', 'Cron', 'Backups']) {
    await expect(nav.getByRole('link', { name: section })).toBeVisible();
  }
  await snap(page, info, 'password-dashboard');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/web');
  await expect(page).toHaveURL(/\/login/);
  expect(errors).toEqual([]);
});

test('a wrong password says so in Hestia\'s words', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Log in' }).first().click();
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid username or password' })).toBeVisible();
});

test('an account with two-factor authentication passes the second step', async ({ page }, info) => {
  const errors = watchConsole(page);
  const bob = demoPassword('2FA');
  await page.goto('/login');
  await page.getByLabel('User name').fill(bob.user);
  await page.getByLabel('Password').fill(bob.password);
  await page.getByRole('button', { name: 'Log in' }).first().click();
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await expect(page.getByTestId('code-user')).toHaveText(bob.user);
  await page.getByLabel('Authentication code').fill('12');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Enter the six digits your authenticator app shows.')).toBeVisible();
  await snap(page, info, 'two-factor-step');
  await page.getByLabel('Authentication code').fill(totp(bob.secret));
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('user')).toHaveText(bob.user);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(errors).toEqual([]);
});

test('a narrow key sees Web and nothing else, and its domains', async ({ page }, info) => {
  const errors = watchConsole(page);
  await logIn(page, demoKey('NARROW'));
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Web', 'Sessions', 'Audit log']);
  await expect(page.getByText('Your key may not read your account')).toBeVisible();
  await nav.getByRole('link', { name: 'Web' }).click();
  await expect(page.getByRole('heading', { name: 'Web' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('rowheader')).toHaveText(['example.test', 'blog.example.test', 'shop.example.test']);
  await expect(table.getByRole('row', { name: /shop\.example\.test/ }).getByText('suspended')).toBeVisible();
  await snap(page, info, 'narrow-web');
  expect(errors).toEqual([]);
});

test('the admin key sees every section and its package usage', async ({ page }, info) => {
  const errors = watchConsole(page);
  await logIn(page, demoKey('ADMIN'));
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'Web' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Usage and limits' })).toBeVisible();
  await expect(page.getByTestId('user')).toHaveText('admin');
  await snap(page, info, 'admin-dashboard');
  expect(errors).toEqual([]);
});

test('a wrong secret says so, and keeps the key ID', async ({ page }, info) => {
  const key = demoKey('USER');
  await page.goto('/login');
  const form = await openKeyForm(page);
  await page.getByLabel('Access key ID').fill(key.id);
  await page.getByLabel('Secret key').fill('x'.repeat(40));
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong secret key' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await snap(page, info, 'wrong-secret');
});

test('logging out ends the session and the back button shows the login page', async ({ page }, info) => {
  await logIn(page, demoKey('USER'));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Web' }).click();
  await expect(page.getByRole('heading', { name: 'Web' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: /Hearth/ })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page.getByLabel('User name')).toBeVisible();
  await page.goto('/web');
  await expect(page).toHaveURL(/\/login$/);
  await snap(page, info, 'after-logout');
});

test('a mail key is refused the Web section, even by URL', async ({ page }) => {
  await logIn(page, demoKey('MAIL'));
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link')).toHaveText(['Dashboard', 'Mail', 'Sessions', 'Audit log']);
  await page.goto('/web');
  await expect(page.getByRole('alert').filter({ hasText: 'Your key does not allow this' })).toBeVisible();
});
