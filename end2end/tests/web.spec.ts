import { expect, test } from '@playwright/test';
import { demoPassword, panel, snap, watchConsole } from './helpers';

// A web domain's settings beyond the list, with and without JavaScript.

test('a user switches a domain\'s PHP version among the server\'s templates', async ({ page }, info) => {
  const errors = watchConsole(page);
  const alice = demoPassword('PASSWORD');
  await page.goto('/login');
  await page.getByLabel('User name').fill(alice.user);
  await page.getByLabel('Password').fill(alice.password);
  await page.getByRole('button', { name: 'Log in' }).first().click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.goto('/web/example.test');
  const backend = page.locator('dl.facts div').filter({ has: page.locator('dt', { hasText: 'Backend template' }) }).locator('dd');
  await expect(backend).toHaveText('PHP-8_3');
  const change = async (template: string) => {
    const p = panel(page, 'Change PHP version');
    if (!(await p.evaluate((d) => (d as HTMLDetailsElement).open))) await p.locator('summary').click();
    await p.getByLabel('Backend template').fill(template);
    await p.locator('button[type=submit]').click();
  };
  // One the server does not have is refused before Hestia sees it.
  await change('PHP-5_6');
  await expect(panel(page, 'Change PHP version').getByText('There is no backend template PHP-5_6.')).toBeVisible();
  await change('PHP-8_2');
  await expect(backend).toHaveText('PHP-8_2');
  await snap(page, info, 'php-version-changed');
  // Back, for the other tests.
  await change('PHP-8_3');
  await expect(backend).toHaveText('PHP-8_3');
  await page.getByRole('button', { name: 'Log out' }).click();
  expect(errors).toEqual([]);
});
