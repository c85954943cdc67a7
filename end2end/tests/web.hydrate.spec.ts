import { expect, test } from '@playwright/test';
import { demoKey, hydrated, logIn, openSection, panel, snap, watchConsole } from './helpers';

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

// Islands wake when first touched or focused; one touched before the WASM arrives wakes when
// it does, as the user left it.
test('an action panel opened before the WASM arrives stays open and explains as the user types', async ({ page }) => {
  const errors = watchConsole(page);
  await logIn(page, demoKey('HOSTING'));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/cron');
  const cron = panel(page, 'Add cron job');
  await cron.locator('summary').click();
  await expect(cron.getByLabel('Minute', { exact: true })).toBeVisible();
  await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
  release();
  await hydrated(page);
  for (const [label, value] of [['Minute', '*/10'], ['Hour', '*'], ['Day of month', '*'], ['Month', '*'], ['Weekday', '1-5']]) {
    await cron.getByLabel(label, { exact: true }).fill(value);
  }
  await expect(cron.getByText('Runs every 10 minutes on Monday to Friday.')).toBeVisible();
  expect(errors).toEqual([]);
});
