import { expect, test } from '@playwright/test';
import { demoKey, hydrated, logIn, openSection, panel, runAction, snap, watchConsole } from './helpers';

// One user's hosting, end to end: add one object of every kind, watch a backup finish, then
// delete them all again (the demo server is shared by every test).
test('a user adds a domain, record, mailbox, database and cron job, backs up, and deletes them all', async ({ page }, info) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await logIn(page, demoKey('HOSTING'));
  const table = page.locator('section.object-list').first().getByRole('table');

  // Web: add, then a refused add keeps what was typed.
  await openSection(page, 'Web');
  const add = await runAction(page, 'Add web domain', { Domain: 'e2e.example.org' });
  await expect(table.getByRole('rowheader', { name: 'e2e.example.org' })).toBeVisible();
  await expect(add).not.toHaveAttribute('open');
  const again = await runAction(page, 'Add web domain', { Domain: 'e2e.example.org' });
  await expect(again.getByRole('alert').filter({ hasText: 'This web domain already exists' })).toBeVisible();
  await expect(again.getByLabel('Domain', { exact: true })).toHaveValue('e2e.example.org');
  await snap(page, info, 'web-refused-keeps-input');
  // Checked in the browser as the user types.
  await again.getByLabel('Domain', { exact: true }).fill('not a domain');
  await expect(again.getByText('is not allowed')).toBeVisible();
  await again.locator('summary').click();

  // DNS: a TXT record in a zone.
  await openSection(page, 'DNS');
  await page.getByRole('link', { name: 'example.test', exact: true }).click();
  await runAction(page, 'Add record', { Name: 'e2e', Type: 'TXT', Value: 'hello from e2e' });
  const records = page.locator('section.object-list[data-kind="records"]');
  await expect(records.getByRole('row', { name: /hello from e2e/ })).toBeVisible();

  // Mail: an account.
  await openSection(page, 'Mail');
  await page.getByRole('link', { name: 'example.test', exact: true }).click();
  await runAction(page, 'Add account', { Account: 'e2e', Password: 'e2e-password-1' });
  const accounts = page.locator('section.object-list[data-kind="accounts"]');
  await expect(accounts.getByRole('rowheader', { name: 'e2e' })).toBeVisible();

  // Databases: the short name becomes alice_e2e.
  await openSection(page, 'Databases');
  await runAction(page, 'Add database', { Name: 'e2e', 'Database user': 'e2e', Password: 'e2e-password-2' });
  await expect(table.getByRole('rowheader', { name: 'alice_e2e' })).toBeVisible();

  // Cron: the schedule is explained before it is saved.
  await openSection(page, 'Cron jobs');
  const cron = panel(page, 'Add cron job');
  await cron.locator('summary').click();
  for (const [label, value] of [['Minute', '*/10'], ['Hour', '*'], ['Day of month', '*'], ['Month', '*'], ['Weekday', '1-5'], ['Command', 'echo e2e']]) {
    await cron.getByLabel(label, { exact: true }).fill(value);
  }
  await expect(cron.getByText('Runs every 10 minutes on Monday to Friday.')).toBeVisible();
  await expect(cron.getByText(/^Next \(UTC\):/)).toBeVisible();
  await cron.locator('button[type=submit]').click();
  await expect(table.getByRole('row', { name: /echo e2e/ })).toBeVisible();

  // Backups: the page says which archive the package's limit (one, as Hestia's default
  // package) makes the next backup replace; queue one and watch it finish without reloading.
  await openSection(page, 'Backups');
  const old = 'alice.2025-05-12_05-10-03.tar';
  await expect(page.getByTestId('backup-plan')).toHaveText(`Your package keeps 1 backup: “Back up now” replaces ${old}, which is deleted once the new backup is made.`);
  const before = await table.getByRole('row').count();
  await runAction(page, 'Back up now');
  await expect(page.locator('[data-job-state="queued"], [data-job-state="running"]')).toBeVisible();
  await expect(page.locator('[data-job-state="done"]')).toBeVisible({ timeout: 20_000 });
  await expect(table.getByRole('row')).toHaveCount(before);
  await expect(table.getByText('2025-05-12')).toHaveCount(0);
  await expect(page.getByTestId('backup-plan')).not.toContainText(old);
  await snap(page, info, 'backup-done');

  // Now delete everything again: from an object's page, a row, and the bulk bar.
  await page.goto('/web/e2e.example.org');
  await hydrated(page);
  const del = panel(page, 'Delete');
  await del.locator('summary').click();
  await expect(del.getByText('Delete the web domain e2e.example.org?')).toBeVisible();
  await del.getByRole('button', { name: 'Delete e2e.example.org' }).click();
  await expect(page).toHaveURL(/\/web$/);
  await expect(table.getByRole('rowheader', { name: 'e2e.example.org' })).toHaveCount(0);

  await page.goto('/dns/example.test');
  await hydrated(page);
  const row = records.getByRole('row', { name: /hello from e2e/ });
  const delRecord = panel(row, 'Delete');
  await delRecord.locator('summary').click();
  await expect(delRecord.getByText(/^Delete the record e2e TXT/)).toBeVisible();
  await delRecord.locator('button[type=submit]').click();
  await expect(records.getByRole('row', { name: /hello from e2e/ })).toHaveCount(0);

  await page.goto('/mail/example.test');
  await hydrated(page);
  await accounts.getByRole('row', { name: /e2e/ }).getByRole('checkbox').check();
  await page.locator('.bulk').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete 1 mail account: e2e' }).click();
  await expect(accounts.getByRole('rowheader', { name: 'e2e' })).toHaveCount(0);

  for (const [section, name] of [['Databases', 'alice_e2e'], ['Cron jobs', 'echo e2e']]) {
    await openSection(page, section);
    await table.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
    await page.locator('.bulk').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('.confirm-bulk').getByRole('button').first().click();
    await expect(table.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  }

  await openSection(page, 'Backups');
  const newest = table.getByRole('row').last();
  await newest.getByRole('checkbox').check();
  await page.locator('.bulk').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('.confirm-bulk').getByRole('button').first().click();
  await expect(page.getByText('No backups yet.')).toBeVisible();
  await snap(page, info, 'all-deleted');
  expect(errors).toEqual([]);
});

test('a mail-accounts key sees only Mail and is refused elsewhere, even by URL', async ({ page }, info) => {
  await logIn(page, demoKey('MAIL'));
  const nav = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
  await expect(nav).toHaveText(['Dashboard', 'Mail', 'Sessions', 'Audit log']);
  for (const path of ['/web', '/dns', '/db', '/cron', '/backups', '/dns/example.test']) {
    await page.goto(path);
    await expect(page.getByRole('alert').filter({ hasText: 'Your key does not allow this' })).toBeVisible();
  }
  await page.goto('/mail');
  await hydrated(page);
  await expect(page.getByRole('button', { name: 'Add mail domain' })).toHaveCount(0);
  await page.getByRole('link', { name: 'example.test', exact: true }).click();
  await expect(panel(page, 'Add account')).toBeVisible();
  await snap(page, info, 'mail-only');
});
