/**
 * Security (issue 6 item 4): no eval or new Function in our code or our bundles, a Content-Security-Policy
 * on the pages, and parsing that never reaches Object.prototype whatever the headers, ids, region names,
 * option keys or saved settings say.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from './engine/analyze';
import { ingest } from './engine/ingest';
import type { AnalyzeOptions } from './engine/types';
import { writeAnalysis, OUTPUTS_SETTING } from './excel/write';
import { t, format } from './i18n';
import { createWorkbook } from './sim';
import { parseMap } from './cli/args';

const ROOT = join(__dirname, '..');

function files(dir: string, match: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, match));
    else if (match.test(name)) out.push(path);
  }
  return out;
}

/** Object.prototype as it should stay: no enumerable keys, none of the names the inputs use. */
function expectPrototypeClean(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  const probe = {} as Record<string, unknown>;
  for (const k of ['polluted', 'x', 'isAdmin', 'C1', 'amount']) expect(probe[k]).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

describe('no eval, no new Function', () => {
  // Calls, not words: "evaluate", "Function(" as a type in a comment are fine.
  const EVAL = /(?<![\w$.])eval\s*\(|new\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*['"`]/;

  test('in src/ (app code and tests alike)', () => {
    const offenders = files(join(ROOT, 'src'), /\.(ts|tsx|js|mjs)$/)
      .filter((f) => !f.endsWith('security.test.ts'))
      .filter((f) => EVAL.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('in the built bundles (dist/), when built: only unreachable third-party fallbacks', () => {
    // Bundled libraries keep global-object fallbacks that run only where globalThis/self do not exist (never in a
    // WebView or worker), and a setImmediate polyfill that evaluates only string callbacks (never passed).
    // Under the pages' CSP (no 'unsafe-eval') any other use would throw, so none may appear.
    const ALLOWED = [
      /new Function\("return this"\)/g,
      /Function\("return this"\)/g,
      /new Function\(""\+\w+\)/g,
      // regenerator-runtime: only when assigning a global throws and globalThis is missing.
      /Function\("r",\s*"regeneratorRuntime = r"\)/g,
    ];
    const bundles = files(join(ROOT, 'dist'), /\.(js|cjs|mjs)$/).filter(
      (f) => !f.includes(`${join('dist', 'office-js')}`),
    );
    for (const f of bundles) {
      let text = readFileSync(f, 'utf8');
      for (const a of ALLOWED) text = text.replace(a, '');
      const m = EVAL.exec(text);
      expect(m ? `${f}: …${text.slice(Math.max(0, m.index - 80), m.index + 40)}…` : null).toBeNull();
    }
  });
});

describe('Content-Security-Policy', () => {
  const csp = (html: string): Map<string, string[]> => {
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(m).not.toBeNull();
    return new Map(
      m![1]
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map((d) => [d[0], d.slice(1)] as [string, string[]]),
    );
  };

  test.each(['src/taskpane/taskpane.html', 'src/demo/demo.html'])('%s', (file) => {
    const policy = csp(readFileSync(join(ROOT, file), 'utf8'));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    const scripts = policy.get('script-src')!;
    expect(scripts[0]).toBe("'self'");
    // Only Microsoft's office.js CDN besides our origin; never inline or eval'd script.
    for (const s of scripts.slice(1)) expect(s).toBe('https://appsforoffice.microsoft.com');
    expect(scripts.join(' ')).not.toMatch(/unsafe/);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  });

  test('dev builds use no eval source maps (the CSP would block them)', () => {
    const config = readFileSync(join(ROOT, 'webpack.config.js'), 'utf8');
    expect(config).not.toMatch(/devtool:[^\n]*eval/);
  });
});

describe('prototype pollution', () => {
  const NAMES = ['__proto__', 'constructor', 'prototype'];

  test('headers, ids and region names such as __proto__ through the whole pipeline and the write', async () => {
    const cells = [
      ['客户ID', '订单日期', '金额', '地区', '__proto__', 'constructor'],
      ...Array.from({ length: 24 }, (_, i) => [
        NAMES[i % 3],
        45300 + i,
        10 + i,
        NAMES[(i + 1) % 3],
        '{"polluted":1}',
        'x',
      ]),
      ...Array.from({ length: 6 }, (_, i) => [`C${i}`, 45300 + i, 5, 'toString', 'a', 'b']),
    ];
    const result = await analyze({ cells, sheet: 'Sheet1' }, { asOf: '2024-03-01' });
    expect(result.facts.ids.slice(0, 3)).toEqual(NAMES);
    const regions = new Set(result.contributions.map((c) => c.member));
    for (const n of [...NAMES, 'toString']) expect(regions).toContain(n);
    expectPrototypeClean();

    const wb = createWorkbook();
    const text = cells.map((row) => row.map(() => '@'));
    wb.setValues('Sheet1', 'A1', cells, text);
    await writeAnalysis(wb.run, result, {
      lang: 'en',
      source: { sheet: 'Sheet1', address: `A1:F${cells.length}` },
      isSetSupported: wb.isSetSupported,
    });
    const customers = wb.getValues('Customer segments', 'A2:A4').map((r) => r[0]);
    expect(customers).toEqual(NAMES);
    expectPrototypeClean();
  });

  test('option keys and role maps', () => {
    const map = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}, "amount": "金额"}',
    ) as AnalyzeOptions['map'];
    const cells = [
      ['客户ID', '订单日期', '金额'],
      ['C1', 45300, 1],
      ['C2', 45301, 2],
    ];
    const ing = ingest({ cells }, { map });
    expect(ing.used).toBe(2);
    expectPrototypeClean();
    // The CLI's --map accepts role names only.
    expect(() => parseMap('__proto__=x')).toThrow(expect.objectContaining({ code: 'bad_map' }));
    expect(() => parseMap('constructor=x')).toThrow(expect.objectContaining({ code: 'bad_map' }));
    expect({ ...parseMap('customer_id=__proto__') }).toEqual({ customer_id: '__proto__' });
    expectPrototypeClean();
  });

  test('a saved outputs record carrying __proto__', async () => {
    const wb = createWorkbook();
    wb.setValues('Sheet1', 'A1', [
      ['Customer ID', 'Order Date', 'Amount'],
      ['C1', '2024-03-01', 1],
      ['C2', '2024-03-02', 2],
    ]);
    wb.settings().set(
      OUTPUTS_SETTING,
      JSON.parse('{"version":1,"sheets":[],"beside":[],"tables":[],"__proto__":{"polluted":1}}'),
    );
    const result = await analyze({ cells: wb.getValues('Sheet1', 'A1:C3'), sheet: 'Sheet1' });
    await writeAnalysis(wb.run, result, {
      lang: 'zh',
      replacePrevious: true,
      source: { sheet: 'Sheet1', address: 'A1:C3' },
      isSetSupported: wb.isSetSupported,
    });
    expectPrototypeClean();
  });

  test('texts: keys and placeholders named like Object members', () => {
    expect(t('__proto__', 'en')).toBe('__proto__');
    expect(t('constructor', 'zh')).toBe('constructor');
    expect(t('toString', 'en')).toBe('toString');
    expect(format('{constructor} {__proto__} {toString}', {})).toBe('{constructor} {__proto__} {toString}');
    expect(t('errors.map_unknown_header', 'en', { role: '__proto__', header: 'x' })).toBe(
      'The column "x" chosen for __proto__ is not in the header row. Pick the column again from the list.',
    );
    expectPrototypeClean();
  });
});
