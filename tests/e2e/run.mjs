// Browser end-to-end tests: the production build of the pages, served from dist/ on 127.0.0.1, in Debian's
// Chromium driven by playwright-core. Every scenario saves a screenshot to test-artifacts/e2e/ and fails on
// any request that leaves 127.0.0.1.
//
//   npm run test:e2e                 build, then run every scenario
//   npm run test:e2e -- --no-build   reuse dist/
//   npm run test:e2e -- --only NAME  run scenarios whose name contains NAME
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = resolve(process.env.E2E_DIST ?? join(ROOT, 'dist'));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

// ---------- build and serve ----------
if (!args.includes('--no-build')) {
  console.log('building (webpack --mode production)…');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0) {
    console.error('webpack build failed');
    process.exit(1);
  }
}
if (!existsSync(join(DIST, 'demo.html'))) {
  console.error(`no demo.html in ${DIST}: build first`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(DIST, path === '/' ? 'demo.html' : path));
  if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}`;

mkdirSync(ARTIFACTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

// ---------- helpers ----------
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Text a user sees in a container, leaving out data (elements marked translate="no"). */
async function visibleUiText(page, selector) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const out = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const t = node.textContent.trim();
        if (t) out.push(t);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node;
      if (el.getAttribute('translate') === 'no' || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') return;
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') return;
      if (el.tagName === 'SELECT') {
        const o = el.options[el.selectedIndex];
        if (o && o.getAttribute('translate') !== 'no') out.push(o.textContent.trim());
        return;
      }
      // Labels may embed data (a sheet name): take out the text of the element's translate="no" parts.
      const data = [...el.querySelectorAll('[translate=no]')]
        .map((d) => d.textContent.trim())
        .filter(Boolean);
      for (const a of ['aria-label', 'placeholder', 'title']) {
        let v = el.getAttribute(a);
        if (!v) continue;
        for (const d of data) v = v.split(d).join('');
        if (v.trim()) out.push(v.trim());
      }
      for (const c of el.childNodes) walk(c);
    };
    if (root) walk(root);
    return out;
  }, selector);
}

async function openDemo(page) {
  await page.goto(`${BASE}/demo.html`);
  await page.waitForSelector('[data-testid=grid] td[data-cell="A2"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid=run]');
  // Wait until the sample's text is in the grid (the CSV is fetched and parsed).
  await page.waitForFunction(() => document.querySelector('td[data-cell="A2"]')?.textContent?.length > 0);
}

async function demoState(page) {
  return page.evaluate(() => {
    const wb = window.__demo.wb;
    return {
      sheets: wb.sheetNames(),
      charts: wb.charts().length,
      pivots: wb.pivots().length,
      tables: wb.tables().map((t) => t.name),
      cells: wb.sheetNames().map((s) => wb.snapshot(s).size),
    };
  });
}

/** Watches for the progress bar from now on (a small run can finish between two polls). */
async function watchProgress(page) {
  await page.evaluate(() => {
    window.__sawProgress = false;
    window.__stages = [];
    const obs = new MutationObserver(() => {
      const st = document.querySelector('[data-testid=stage]');
      if (st) {
        window.__sawProgress = true;
        const text = st.textContent;
        if (window.__stages[window.__stages.length - 1] !== text) window.__stages.push(text);
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function runAndWait(page, { keyboard = false } = {}) {
  await watchProgress(page);
  if (keyboard) await page.keyboard.press('Enter');
  else await page.click('[data-testid=run]');
  await page.waitForSelector('[data-testid=result], [data-testid=error]', { timeout: 120_000 });
  const err = await page.$('[data-testid=error]');
  if (err) throw new Error(`run failed: ${await err.innerText()}`);
  return page.evaluate(() => ({ saw: window.__sawProgress, stages: window.__stages }));
}

async function segmentRows(page) {
  return page.$$eval('[data-testid=segment-table] tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent.trim())),
  );
}

async function dragSelect(page, from, to) {
  const a = await page.$(`td[data-cell="${from}"]`);
  const b = await page.$(`td[data-cell="${to}"]`);
  const ba = await a.boundingBox();
  const bb = await b.boundingBox();
  await page.mouse.move(ba.x + 5, ba.y + 5);
  await page.mouse.down();
  await page.mouse.move((ba.x + bb.x) / 2, (ba.y + bb.y) / 2, { steps: 4 });
  await page.mouse.move(bb.x + 5, bb.y + 5, { steps: 4 });
  await page.mouse.up();
}

/** A large order export (deterministic) for the cancel scenario. */
function bigCsv(rows) {
  const lines = ['Order ID,Order Date,Customer ID,Region,Category,Quantity,Sales'];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(rnd() * 700);
    const d = new Date(Date.UTC(2023, 0, day));
    lines.push(
      `O${100000 + i},${d.toISOString().slice(0, 10)},C${10000 + Math.floor(rnd() * 60000)},R${Math.floor(rnd() * 6)},K${Math.floor(rnd() * 9)},${1 + Math.floor(rnd() * 5)},${(rnd() * 500 + 5).toFixed(2)}`,
    );
  }
  return lines.join('\n');
}

// ---------- scenarios ----------
const scenarios = [];
const scenario = (name, fn, options = {}) => scenarios.push({ name, fn, options });

scenario('demo loads with the zh sample', async (page) => {
  await openDemo(page);
  const a2 = await page.textContent('td[data-cell="A2"]');
  assert(CJK.test(a2), `A2 should hold a Chinese header, got "${a2}"`);
  const address = await page.textContent('[data-testid=namebox]');
  assert(/^A1:[A-Z]+\d+$/.test(address), `the used range should be selected, got "${address}"`);
  assert(CJK.test(await page.textContent('[data-testid=run]')), 'the pane follows the zh display language');
  const st = await demoState(page);
  assert(st.sheets.length === 1 && st.charts === 0, `a fresh workbook, got ${JSON.stringify(st)}`);
});

scenario('Run shows progress, then the summary; the workbook holds the outputs', async (page) => {
  await openDemo(page);
  const before = await demoState(page);
  const { saw, stages } = await runAndWait(page);
  assert(saw, 'the progress bar appeared');
  assert(stages.length >= 2, `several stages were shown: ${stages.join(' | ')}`);
  const rows = await segmentRows(page);
  assert(rows.length >= 3, `segment rows in the result card: ${rows.length}`);
  const st = await demoState(page);
  assert(st.sheets.length > before.sheets.length, `new sheets: ${st.sheets.join(', ')}`);
  assert(st.tables.length > 0, 'Excel tables were written');
  assert(st.charts > 0, 'charts were written');
  assert(st.pivots > 0, 'a PivotTable was written');
  await page.waitForSelector('[data-testid=chart]');
  // The sheet links activate the written sheets.
  const link = page.locator('[data-testid=result] nav button').last();
  const sheet = await link.textContent();
  await link.click();
  await page.waitForFunction((s) => document.querySelector('[data-testid=grid]')?.dataset.sheet === s, sheet);
  return { stages };
});

scenario('overriding a role mapping changes the result', async (page) => {
  await openDemo(page);
  await runAndWait(page);
  const baseline = await segmentRows(page);
  await openDemo(page); // a fresh copy of the sample
  await page.getByRole('button', { name: '使用所选区域' }).click();
  await page.waitForSelector('[data-testid=role-table] tr[data-role=amount]');
  const dd = page.locator('[data-testid=role-table] tr[data-role=amount] button[role=combobox]');
  const before = (await dd.textContent()).trim();
  await dd.click();
  await page
    .locator('[role=option]:visible')
    .filter({ hasText: /^毛利$/ })
    .click();
  await page.waitForFunction(() =>
    document
      .querySelector('[data-testid=role-table] tr[data-role=amount] button[role=combobox]')
      ?.textContent.includes('毛利'),
  );
  const badge = await page.textContent('[data-testid=role-table] tr[data-role=amount] td:last-child');
  assert(badge.includes('手动'), `the override is marked as the user's, got "${badge}"`);
  await runAndWait(page);
  const changed = await segmentRows(page);
  assert(
    JSON.stringify(changed) !== JSON.stringify(baseline),
    'segments differ after mapping amount to profit',
  );
  return { amountWas: before };
});

scenario('the language switch changes every visible string', async (page) => {
  await openDemo(page);
  await runAndWait(page);
  await page.getByRole('button', { name: '使用所选区域' }).click();
  await page.waitForSelector('[data-testid=role-table]');
  await page.selectOption('[data-testid=lang]', 'en');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=run]')?.textContent === 'Run analysis',
  );
  const en = [...(await visibleUiText(page, '[data-testid=pane]')), ...(await visibleUiText(page, 'header'))];
  const zhLeft = en.filter((s) => CJK.test(s));
  assert(zhLeft.length === 0, `Chinese text left in English mode: ${JSON.stringify(zhLeft.slice(0, 10))}`);
  await page.screenshot({ path: join(ARTIFACTS, 'language-en.png') });
  await page.selectOption('[data-testid=lang]', 'zh');
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.textContent === '开始分析');
  const zh = await visibleUiText(page, '[data-testid=pane]');
  const english = zh.filter(
    (s) => /[A-Za-z]{4,}/.test(s) && !CJK.test(s) && !/^(RFM|ABC|CLV|k-means|English)/.test(s),
  );
  assert(english.length === 0, `English text left in Chinese mode: ${JSON.stringify(english.slice(0, 10))}`);
});

scenario('Cancel during a long run leaves no output', async (page) => {
  await openDemo(page);
  const csv = bigCsv(300_000);
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'big-orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.waitForFunction(() => window.__demo?.name === 'big-orders.csv', null, { timeout: 60_000 });
  await page.waitForSelector('td[data-cell="A2"]');
  const before = await demoState(page);
  await watchProgress(page);
  await page.click('[data-testid=run]');
  // Cancel once the engine is at work (after reading), the longest stage.
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid=stage]')?.textContent ?? '';
      return s && !/读取|Reading/.test(s);
    },
    null,
    { timeout: 60_000, polling: 20 },
  );
  const stage = await page.textContent('[data-testid=stage]');
  await page.click('[data-testid=cancel]');
  await page.waitForSelector('[data-testid=cancelled]', { timeout: 10_000 });
  const after = await demoState(page);
  assert(
    JSON.stringify(after) === JSON.stringify(before),
    `workbook unchanged: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
  );
  assert(!(await page.$('[data-testid=result]')), 'no result card');
  // The pane is usable again straight away.
  assert(await page.isEnabled('[data-testid=run]'), 'Run is enabled again');
  return { cancelledAt: stage };
});

scenario('a selection without a header shows its message', async (page) => {
  await openDemo(page);
  await dragSelect(page, 'A6', 'M20');
  assert((await page.textContent('[data-testid=namebox]')) === 'A6:M20', 'selected by dragging');
  await page.getByRole('button', { name: '使用所选区域' }).click();
  const err = await page.waitForSelector('[data-testid=error]');
  const text = await err.innerText();
  assert(/标题|表头/.test(text), `a message about the header: ${text}`);
  return { message: text };
});

scenario('a text-only range shows its message', async (page) => {
  await openDemo(page);
  await dragSelect(page, 'D2', 'I20');
  await page.getByRole('button', { name: '使用所选区域' }).click();
  const err = await page.waitForSelector('[data-testid=error]');
  const text = await err.innerText();
  assert(!/出现意外错误|Something went wrong/.test(text), `a specific message, got: ${text}`);
  return { message: text };
});

scenario('a keyboard-only run', async (page) => {
  await openDemo(page);
  await page.locator('body').focus();
  let found = false;
  for (let i = 0; i < 120 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'run');
  }
  assert(found, 'Run is reachable with Tab');
  await runAndWait(page, { keyboard: true });
  assert((await segmentRows(page)).length > 0, 'the result is shown');
  // Focus is still somewhere sensible (not lost to <body>) so the user can carry on with the keyboard.
  await page.keyboard.press('Shift+Tab');
  const tag = await page.evaluate(() => document.activeElement?.tagName);
  assert(tag && tag !== 'BODY', `focus after the run: ${tag}`);
});

scenario('the Excel pane page and the commands page load outside Office', async (page) => {
  await page.goto(`${BASE}/commands.html`);
  await page.waitForFunction(() => typeof window.Office !== 'undefined');
  await page.goto(`${BASE}/taskpane.html`);
  await page.waitForSelector('[data-testid=run]', { timeout: 30_000 });
  // Outside Office the pane says so and works on an in-memory workbook.
  await page.waitForSelector('text=不在 Excel 中运行');
  // Stay past office.js's 3-second telemetry timer: nothing may leave 127.0.0.1.
  await page.waitForTimeout(4000);
});

// ---------- runner ----------
let passed = 0;
let failed = 0;
const offsite = [];
for (const sc of scenarios) {
  if (only && !sc.name.includes(only)) continue;
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on(
    'console',
    (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && errors.push(m.text()),
  );
  // office.js asks for its plain-browser helper outside Office; we deliberately do not ship it (webpack.config.js).
  const expected404 = /favicon\.ico$|office-js\/o15apptofilemappingtable\.js$/;
  page.on(
    'response',
    (r) => r.status() >= 400 && !expected404.test(r.url()) && errors.push(`HTTP ${r.status()} ${r.url()}`),
  );
  const slug = sc.name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  const t0 = Date.now();
  try {
    const info = await sc.fn(page);
    const away = requests.filter((u) => !u.startsWith(BASE) && !/^(data|blob):/.test(u));
    offsite.push(...away);
    assert(away.length === 0, `requests left 127.0.0.1: ${away.slice(0, 5).join(', ')}`);
    const pageErrors = errors;
    assert(pageErrors.length === 0, `page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    passed++;
    console.log(`✓ ${sc.name} (${Date.now() - t0} ms)${info ? ' ' + JSON.stringify(info) : ''}`);
  } catch (err) {
    failed++;
    console.log(
      `✗ ${sc.name} (${Date.now() - t0} ms)\n    ${String(err?.message ?? err)
        .split('\n')
        .join('\n    ')}`,
    );
  } finally {
    await page.screenshot({ path: join(ARTIFACTS, `${slug}.png`) }).catch(() => {});
    await context.close();
  }
}
console.log(
  `network: ${offsite.length === 0 ? 'no request left 127.0.0.1' : offsite.length + ' requests left 127.0.0.1'}`,
);
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
