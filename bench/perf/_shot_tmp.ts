import { spawn } from 'node:child_process';
import { chromium } from 'playwright';
import { gridSfSource } from './gridSfs.ts';
const port = 4183;
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', 'dist-many'], { stdio: 'ignore', detached: true });
try {
  for (let i = 0; i < 100; i++) { try { if ((await fetch(`http://localhost:${port}`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`http://localhost:${port}/`);
  await page.getByTestId('slices.table').waitFor({ timeout: 60000 });
  const counts = (process.argv[2] ?? '8,128').split(',').map(Number);
  const train = process.argv[3] === 'train';
  for (const k of counts) {
    await page.evaluate(async (src) => { const s = (window as any).slicewise.store; s.getState().setSfSource(src); await s.getState().applySfs(); s.getState().setSettings({ epochs: 2 }); }, gridSfSource(k));
    if (train) {
      await page.getByTestId('train.start').click();
      await page.waitForFunction(() => /Finished/.test(document.querySelector('[data-testid="train.status"]')?.textContent ?? ''), null, { timeout: 300000, polling: 500 });
    }
    if (process.argv[4] === 'overlap') { await page.getByTestId('slices.overlap.toggle').click(); await page.getByTestId('slices.overlap.canvas').scrollIntoViewIfNeeded(); const box = await page.getByTestId('slices.overlap.canvas').boundingBox(); if (box) await page.mouse.move(box.x + 200, box.y + 150); }
    await page.waitForTimeout(500);
    const size = await page.evaluate(() => ({ w: document.scrollingElement!.scrollWidth, h: document.scrollingElement!.scrollHeight }));
    console.log(k, size);
    await page.screenshot({ path: `/tmp/shot-${k}${train ? '-trained' : ''}.png`, fullPage: true });
    await page.locator('section.slices-panel').screenshot({ path: `/tmp/shot-${k}-slices.png` });
    if (train) await page.locator('section.train-panel').screenshot({ path: `/tmp/shot-${k}-train.png` });
  }
  await browser.close();
} finally { process.kill(-server.pid!, 'SIGTERM'); }
