import { expect, test } from '@playwright/test';
import { demoKey, logIn, snap, watchConsole } from './helpers';

// These need the WASM: the filter is client-side.
test('the app hydrates: the filter narrows the list without a reload', async ({ page }, info) => {
  const errors = watchConsole(page);
  await logIn(page, demoKey('NARROW'));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Web' }).click();
  const rows = page.getByRole('table').getByRole('rowheader');
  await expect(rows).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Filter' }).fill('blog');
  await expect(rows).toHaveText(['blog.example.test']);
  await page.getByRole('searchbox', { name: 'Filter' }).fill('nothing-like-this');
  await expect(page.getByText('Nothing matches the filter.')).toBeVisible();
  await snap(page, info, 'filtered');
  expect(errors).toEqual([]);
});
