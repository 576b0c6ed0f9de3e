import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Drives the BUILT app (vite preview) in Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH);
 * falls back to Playwright's own browser where one is installed. One worker: the machine has 2 cores.
 */
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
/** SLICEWISE_PORT / SLICEWISE_DIST let two checkouts (or two people) run the suite side by side. */
const port = Number(process.env.SLICEWISE_PORT ?? 4173);
const dist = process.env.SLICEWISE_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: process.env.SLICEWISE_DIST ? `test-results-${dist}` : 'test-results',
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1500, height: 1000 },
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--disable-quic', '--enable-unsafe-webgpu'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
