// Lighthouse 12 (mobile preset, Debian's Chromium) on the login page, the dashboard, a list
// and an object page, logged in with the demo hosting key. Prints the scores; asserts nothing.
// Run by `cargo xtask bench`, which starts Hearth and sets HEARTH_URL and the demo keys.
// Scores move with other load on the machine: compare runs made back to back.
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const url = process.env.HEARTH_URL;
const [id, secret] = process.env.HEARTH_DEMO_HOSTING_KEY.split(':');
const chrome = process.env.CHROMIUM ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath: chrome });
const page = await browser.newPage();
await page.goto(`${url}/login`);
await page.getByLabel('Access key ID').fill(id);
await page.getByLabel('Secret key').fill(secret);
await page.getByRole('button', { name: 'Log in' }).first().click();
await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
await page.goto(`${url}/web`);
const domain = (await page.getByRole('table').getByRole('rowheader').first().textContent()).trim();
const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
await browser.close();

const pages = [
  ['/login', null],
  ['/', cookie],
  ['/web', cookie],
  [`/web/${domain}`, cookie],
];
console.log('Lighthouse 12, mobile preset (performance, accessibility; LCP, TBT):');
for (const [path, session] of pages) {
  const args = [
    '--yes', 'lighthouse@12.2.3', `${url}${path}`, '--quiet', '--output=json',
    '--only-categories=performance,accessibility', `--chrome-path=${chrome}`,
    '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
  ];
  if (session) args.push(`--extra-headers=${JSON.stringify({ Cookie: session })}`);
  const report = JSON.parse(execFileSync('npx', args, { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] }));
  const score = (c) => Math.round(report.categories[c].score * 100);
  const audit = (a) => report.audits[a].displayValue;
  console.log(`  ${path.padEnd(32)} ${String(score('performance')).padStart(3)} ${String(score('accessibility')).padStart(3)}  ` +
    `LCP ${audit('largest-contentful-paint')}, TBT ${audit('total-blocking-time')}`);
}
