import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Drives the BUILT app (vite preview) in Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH);
 * falls back to Playwright's own browser where one is installed. One worker: the machine has 2 cores.
 */
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: 'http://localhost:4173',
    viewport: { width: 1500, height: 1000 },
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--disable-quic', '--enable-unsafe-webgpu'],
    },
  },
  webServer: {
    command: 'npx vite preview --port 4173 --strictPort',
    url: 'http://localhost:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
