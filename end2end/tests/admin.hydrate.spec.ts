import { expect, test } from '@playwright/test';
import { demoKey, hydrated, logIn, openKeyForm, openSection, panel, runAction, snap, watchConsole } from './helpers';

// The admin's story: a new user gets a mail-only key; the user logs in with it and sees only
// Mail; the admin revokes it from another browser and the user's next click lands on the
// login page; the audit log tells all of it, with addresses and without secrets.
test('an admin creates a user and a mail key, then revokes it while the user is logged in', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const user = `dora${Date.now() % 100000}`;
  const password = 'dora-password-e2e';

  // The admin adds the user…
  await logIn(page, demoKey('ADMIN'));
  await openSection(page, 'Users');
  await runAction(page, 'Add user', { 'User name': user, Password: password, 'Contact email': `${user}@example.test`, Package: 'starter', 'Full name': 'Dora Explorer' });
  const users = page.locator('section.object-list').first().getByRole('table');
  await expect(users.getByRole('rowheader', { name: user })).toBeVisible();

  // …and a key for them with the mail-accounts profile, shown once.
  await openSection(page, 'Access keys');
  const create = page.locator('details.new-key');
  await create.locator('summary').click();
  await create.getByLabel('Owner').selectOption(user);
  await expect(create.getByLabel(/^billing/)).toHaveCount(0); // admin profiles only for the root user
  await create.getByLabel(/^mail-accounts/).check();
  await create.getByLabel('Comment').fill('mail app');
  await create.getByRole('button', { name: 'Create key' }).click();
  const shown = page.locator('.new-key-shown');
  await expect(shown.getByText('it will not be shown again')).toBeVisible();
  const pair = await shown.getByTestId('new-key-pair').inputValue();
  const [keyId, secret] = pair.split(':');
  expect(keyId).toHaveLength(20);
  expect(secret).toHaveLength(40);
  await shown.getByRole('button', { name: 'Copy' }).click();
  await expect(shown.getByRole('button', { name: 'Copied' })).toBeVisible();
  await snap(page, info, 'key-shown-once');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator(`tr[data-key="${keyId}"]`)).toContainText(user);
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);

  // The user logs in with the pasted ID:SECRET and sees only Mail.
  const keyForm = await openKeyForm(page);
  await page.getByLabel('Access key ID').fill(pair);
  await keyForm.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('user')).toHaveText(user);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Mail', 'Sessions', 'Audit log']);
  await openSection(page, 'Mail');

  // The admin, in another browser, revokes the key.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  const adminErrors = watchConsole(adminPage);
  await logIn(adminPage, demoKey('ADMIN'));
  await openSection(adminPage, 'Access keys');
  const row = adminPage.locator(`tr[data-key="${keyId}"]`);
  const revoke = panel(row, 'Revoke');
  await revoke.locator('summary').click();
  await expect(revoke.getByText('Programs and Hearth sessions using it stop working at once')).toBeVisible();
  await revoke.locator('button[type=submit]').click();
  await expect(row).toHaveCount(0);

  // The user's next click lands on the login page, which says why.
  await hydrated(page);
  await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('Your session has ended')).toBeVisible();
  await snap(page, info, 'revoked-user-at-login');

  // The audit log has the whole story, from the browsers' address, and no secret.
  await adminPage.goto(`/audit?user=`);
  const audit = adminPage.locator('table.objects.audit');
  for (const command of ['v-add-user', 'v-add-access-key', 'v-delete-access-key']) {
    await expect(audit.locator(`tr[data-command="${command}"]`).first()).toBeVisible();
  }
  const login = audit.locator('tr[data-command="hearth:login"]').filter({ hasText: user });
  await expect(login).toContainText('127.0.0.1');
  await expect(login).toContainText(keyId);
  await expect(audit.locator('tr[data-command="v-add-user"]').first()).toContainText('***');
  const text = await adminPage.content();
  expect(text).not.toContain(secret);
  expect(text).not.toContain(password);
  await snap(adminPage, info, 'audit-log');

  // Clean up: deleting the user asks for the name typed again.
  await openSection(adminPage, 'Users');
  await adminPage.getByRole('link', { name: user, exact: true }).click();
  await runAction(adminPage, "Delete", { 'Type the user name to confirm': user });
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(adminPage.locator('section.object-list').first().getByRole('rowheader', { name: user })).toHaveCount(0);
  expect(errors).toEqual([]);
  expect(adminErrors).toEqual([]);
  await admin.close();
});
