import { expect, test } from '@playwright/test';
import { demoKey, hydrated, logIn, openSection, snap, watchConsole } from './helpers';

// These need the WASM: the search box narrows the list as the user types (without JavaScript
// it is a GET form with a button).
test('the search narrows the list as the user types, and keeps the focus', async ({ page }, info) => {
  const errors = watchConsole(page);
  await logIn(page, demoKey('NARROW'));
  await openSection(page, 'Web');
  const rows = page.getByRole('table').getByRole('rowheader');
  await expect(rows).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search' }).fill('blog');
  await expect(rows).toHaveText(['blog.example.test']);
  await expect(page).toHaveURL(/domains\.q=blog/);
  await hydrated(page);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.getByRole('searchbox', { name: 'Search' }).fill('nothing-like-this');
  await expect(page.getByText('Nothing matches the filter.')).toBeVisible();
  await snap(page, info, 'filtered');
  expect(errors).toEqual([]);
});
