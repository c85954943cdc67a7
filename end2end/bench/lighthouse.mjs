// Lighthouse 12 (mobile preset, Debian's Chromium) on the login page, the dashboard, a list
// and an object page, logged in with the demo hosting key. Prints the scores; asserts nothing.
// Run by `cargo xtask bench`, which starts Hearth and sets HEARTH_URL and the demo keys.
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
// One run moves by several points with other load on a 2-core machine (even a page with no
// script at all): each page runs RUNS times (default 3), and the median is printed with the range.
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Lighthouse 12, mobile preset, median of ${runs} runs [range] (performance, accessibility; LCP, TBT):`);
for (const [path, session] of pages) {
  const args = [
    '--yes', 'lighthouse@12.2.3', `${url}${path}`, '--quiet', '--output=json',
    '--only-categories=performance,accessibility', `--chrome-path=${chrome}`,
    '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
  ];
  if (session) args.push(`--extra-headers=${JSON.stringify({ Cookie: session })}`);
  const reports = [];
  for (let i = 0; i < runs; i++) {
    reports.push(JSON.parse(execFileSync('npx', args, { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })));
  }
  const scores = (c) => reports.map((r) => Math.round(r.categories[c].score * 100));
  const ms = (a) => reports.map((r) => r.audits[a].numericValue);
  const perf = scores('performance');
  console.log(`  ${path.padEnd(32)} ${String(median(perf)).padStart(3)} [${Math.min(...perf)}–${Math.max(...perf)}] ` +
    `${String(median(scores('accessibility'))).padStart(3)}  ` +
    `LCP ${(median(ms('largest-contentful-paint')) / 1000).toFixed(1)} s, TBT ${Math.round(median(ms('total-blocking-time')))} ms`);
}
