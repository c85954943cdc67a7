import { defineConfig } from '@playwright/test';

// xtask starts hearth in demo mode and passes its URL and the demo keys (see xtask/src/test.rs).
const baseURL = process.env.HEARTH_URL ?? 'http://127.0.0.1:3100';

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // One worker: every test shares one demo server, and some change its data.
  fullyParallel: false,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/results.json' }],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
  ],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    },
  },
  projects: [
    // Everything after hydration.
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    // The server-rendered HTML alone: forms must work before the WASM loads.
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /\.hydrate\.spec\.ts$/ },
  ],
});
