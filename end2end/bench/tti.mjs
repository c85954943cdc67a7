// Time to interactive of one page in Debian's Chromium: from navigation start until the
// WASM has hydrated the page (`html[data-hydrated]`). Prints JSON; asserts nothing.
// Usage: node bench/tti.mjs URL PATH KEY_ID:SECRET RUNS
import { chromium } from '@playwright/test';

const [url, path, pair, runs = '5'] = process.argv.slice(2);
const [id, secret] = pair.split(':');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const page = await browser.newPage();
await page.goto(`${url}/login`);
await page.getByLabel('Access key ID').fill(id);
await page.getByLabel('Secret key').fill(secret);
await page.getByRole('button', { name: 'Log in' }).first().click();
await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
const samples = [];
for (let i = 0; i < Number(runs); i++) {
  const start = Date.now();
  await page.goto(`${url}${path}`, { waitUntil: 'commit' });
  await page.waitForSelector('html[data-hydrated]', { timeout: 60_000 });
  const tti = Date.now() - start;
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd, transfer: n.transferSize };
  });
  samples.push({ tti, ...nav });
}
await browser.close();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({
  runs: samples.length,
  ttiMs: median(samples.map((s) => s.tti)),
  responseEndMs: Math.round(median(samples.map((s) => s.responseEnd))),
  domContentLoadedMs: Math.round(median(samples.map((s) => s.domContentLoaded))),
  htmlBytes: median(samples.map((s) => s.transfer)),
}));
