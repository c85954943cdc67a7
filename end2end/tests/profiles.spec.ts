import { expect, test } from '@playwright/test';
import { demoKey, logIn, panel, snap, watchConsole } from './helpers';

// Hestia's shipped profiles each get a page that works, with and without JavaScript.

test('a dynamic-DNS key names its zone, then changes a record', async ({ page }, info) => {
  const errors = watchConsole(page);
  await logIn(page, demoKey('DNS'));
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'DNS', 'Sessions', 'Audit log']);
  await nav.getByRole('link', { name: 'DNS' }).click();
  await page.getByLabel('DNS zone').fill('not a domain');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.field-error')).toBeVisible();
  await page.getByLabel('DNS zone').fill('example.test');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(/\/dns\/example\.test$/);
  await expect(page.getByRole('heading', { name: /example\.test/ })).toBeVisible();
  const records = page.locator('section.object-list[data-kind="records"]');
  const www = records.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'www', exact: true }) });
  await expect(www).toContainText('203.0.113.10');
  // The profile cannot add or delete a record, so neither is offered.
  await expect(panel(page, 'Add record')).toHaveCount(0);
  await expect(panel(www, 'Delete')).toHaveCount(0);
  const changeTo = async (value: string) => {
    const change = panel(www, 'Change');
    await change.locator('summary').click();
    await change.getByLabel('Value', { exact: true }).fill(value);
    await change.locator('button[type=submit]').click();
    await expect(www).toContainText(value);
  };
  await changeTo('198.51.100.42');
  await snap(page, info, 'dynamic-dns-changed');
  // Put it back for the other tests.
  await changeTo('203.0.113.10');
  expect(errors).toEqual([]);
});
