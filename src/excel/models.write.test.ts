/**
 * The advanced models' write-back (issue 5 item 4) with the real analyze against sim: k-means cluster columns,
 * profiles and the scatter chart; CLV columns with their number formats and mean CLV by segment; adopter types.
 */
import { analyze } from '../engine/analyze';
import type { AnalysisResult, MethodResult } from '../engine/types';
import { segmentText, t } from '../i18n';
import { createWorkbook, type SimWorkbookHandle } from '../sim';
import { cellAddress, parseAddress } from '../sim/address';
import { readSheetRange } from './read';
import { MAX_SCATTER_POINTS, scatterSample } from './layout';
import { segmentName } from '../i18n';
import { writeAnalysis } from './write';

const PRODUCTS = ['Kettle', 'Mug', 'Tea', 'Lamp', 'Rug', 'Pen', 'Desk', 'Sofa'];

/** A seeded order list with products (for adopter types) and repeat buyers (for CLV). */
function orders(customers = 60, lines = 600): (string | number)[][] {
  const rows: (string | number)[][] = [
    ['Order ID', 'Order Date', 'Customer ID', 'Region', 'Product', 'Sales'],
  ];
  let seed = 11;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < lines; i++) {
    // Skewed activity: low ids buy often and recently, high ids rarely and long ago.
    const c = Math.floor(customers * rand() * rand());
    const day = 45000 + Math.floor(400 * (1 - rand() * (1 - c / customers)));
    rows.push([
      `O${1000 + i}`,
      day,
      `C${c}`,
      c % 2 ? 'East' : '华北',
      PRODUCTS[Math.floor(rand() * PRODUCTS.length)],
      Math.round(2000 + rand() * 30000) / 100,
    ]);
  }
  return rows;
}

async function run(lang: 'zh' | 'en'): Promise<{ wb: SimWorkbookHandle; result: AnalysisResult }> {
  const wb = createWorkbook();
  const data = orders();
  wb.setValues(
    'Sheet1',
    'A1',
    data,
    data.map((r, i) => r.map((_, j) => (j === 1 && i > 0 ? 'yyyy-mm-dd' : null))),
  );
  const sel = await readSheetRange(wb.run, 'Sheet1', undefined, { isSetSupported: wb.isSetSupported });
  const result = await analyze(sel.input, {
    methods: ['rfm_segments', 'kmeans', 'clv', 'adopter'],
    kmeans: { k: 3, seed: 1 },
  });
  await writeAnalysis(wb.run, result, {
    lang,
    source: { sheet: sel.sheet, address: sel.address },
    isSetSupported: wb.isSetSupported,
  });
  return { wb, result };
}

function method(result: AnalysisResult, id: string): MethodResult {
  const m = result.methods.find((x) => x.id === id);
  if (!m) throw new Error(`method ${id} did not run`);
  return m;
}

/** Header texts of a sheet's first row and a reader of one column by header. */
function columns(wb: SimWorkbookHandle, sheet: string, rows: number) {
  const header = wb.getValues(sheet, 'A1:AZ1')[0].map(String);
  const body = wb.getValues(sheet, `A2:AZ${rows + 1}`);
  const col = (h: string) => {
    const j = header.indexOf(h);
    if (j < 0) throw new Error(`no column "${h}" in ${header.join(' | ')}`);
    return {
      values: body.map((r) => r[j]),
      format: (row: number) => wb.cell(sheet, cellAddress(row + 1, j)).format,
      j,
    };
  };
  return { header, col };
}

/** The block under a title line on a sheet: header row and data rows until the first blank row. */
function tableAfter(
  wb: SimWorkbookHandle,
  sheet: string,
  title: string,
): { header: string[]; rows: (string | number | boolean)[][]; headerRow: number } {
  const all = wb.getValues(sheet, 'A1:M800');
  const at = all.findIndex((r) => String(r[0]).startsWith(title));
  if (at < 0) throw new Error(`no title "${title}"`);
  const header = all[at + 1].map(String);
  const rows: (string | number | boolean)[][] = [];
  for (let r = at + 2; r < all.length && all[r].some((v) => v !== ''); r++) rows.push(all[r]);
  return { header, rows, headerRow: at + 1 };
}

describe('advanced models written back (real analyze, sim)', () => {
  let zh: { wb: SimWorkbookHandle; result: AnalysisResult };
  beforeAll(async () => {
    zh = await run('zh');
  });

  test('CLV columns: probability as percent, money as currency, periods as decimals, values as computed', () => {
    const { wb, result } = zh;
    const clv = method(result, 'clv');
    const n = result.facts.n;
    const { col } = columns(wb, t('ui.sheet.customers', 'zh'), n);
    const expected: Record<string, string> = {
      x: '#,##0',
      t_x: '#,##0.00',
      T: '#,##0.00',
      p_alive: '0.0%',
      expected_purchases: '#,##0.00',
      expected_spend: '#,##0.00',
      clv: '#,##0.00',
    };
    for (const [key, format] of Object.entries(expected)) {
      const c = col(t(`col.${key}`, 'zh'));
      const values = clv.columns.find((x) => x.key === key)!.values as Float64Array;
      let checked = 0;
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(values[i])) {
          expect(c.values[i]).toBe('');
          continue;
        }
        expect(c.values[i]).toBeCloseTo(values[i], 9);
        expect(c.format(i)).toBe(format);
        checked++;
      }
      expect(checked).toBeGreaterThan(n / 2);
    }
  });

  test('mean CLV by segment: a currency column of every segment table, equal to the engine summaries', () => {
    const { wb, result } = zh;
    const summary = t('ui.sheet.summary', 'zh');
    const table = tableAfter(
      wb,
      summary,
      t('ui.summary.segments', 'zh', { method: t('method.rfm_segments.name', 'zh') }),
    );
    const j = table.header.indexOf(t('column.mean_clv', 'zh'));
    expect(j).toBeGreaterThan(0);
    for (const [k, row] of table.rows.entries()) {
      const seg = result.segments.find(
        (s) => s.method === 'rfm_segments' && segmentName('rfm_segments', s.id, 'zh') === row[0],
      )!;
      expect(seg).toBeDefined();
      if (Number.isFinite(seg.meanClv)) {
        expect(row[j]).toBeCloseTo(seg.meanClv, 6);
        expect(wb.cell(summary, cellAddress(table.headerRow + 1 + k, j)).format).toBe('#,##0.00');
      } else expect(row[j]).toBe('');
    }
    // Customer-weighted mean of the segment means equals the mean CLV of the scored customers.
    const clv = method(result, 'clv').columns.find((c) => c.key === 'clv')!.values as Float64Array;
    const finite = Array.from(clv).filter(Number.isFinite);
    const weighted = table.rows.reduce(
      (s, r) => s + (typeof r[j] === 'number' ? (r[j] as number) * (r[1] as number) : 0),
      0,
    );
    expect(weighted / finite.length).toBeCloseTo(finite.reduce((a, b) => a + b, 0) / finite.length, 6);
  });

  test('cluster columns: 0-based cluster and its readable zh name; profiles named; scatter chart one series per cluster', () => {
    const { wb, result } = zh;
    const km = method(result, 'kmeans');
    const n = result.facts.n;
    const labels = km.columns.find((c) => c.key === 'cluster')!.values as Float64Array;
    const ids = km.columns.find((c) => c.key === 'cluster_name')!.values as (string | null)[];
    const { col } = columns(wb, t('ui.sheet.customers', 'zh'), n);
    const cluster = col(t('col.cluster', 'zh'));
    const name = col(t('col.cluster_name', 'zh'));
    for (let i = 0; i < n; i++) {
      if (ids[i] === null) continue;
      expect(cluster.values[i]).toBe(labels[i]);
      expect(name.values[i]).toBe(segmentText('kmeans', ids[i]!)!.name.zh);
      expect(name.values[i]).not.toMatch(/[a-z_+]/);
    }
    const summary = t('ui.sheet.summary', 'zh');
    const profiles = tableAfter(wb, summary, t('table.cluster_profiles', 'zh'));
    expect(profiles.rows.map((r) => r[1])).toEqual(
      km.segmentIds!.map((id) => segmentText('kmeans', id)!.name.zh),
    );

    // The scatter chart reads the chart-data table: x column, then one y column per cluster, named after it.
    const chart = wb.charts().find((c) => c.type === 'XYScatter')!;
    expect(chart).toBeDefined();
    expect(chart.title).toBe(t('ui.chart.clusters', 'zh'));
    expect(chart.series.map((s) => s.name)).toEqual(
      km.segmentIds!.map((id) => segmentName('kmeans', id, 'zh')),
    );
    const table = wb.tables().find((x) => x.name === t('ui.tablename.cluster_scatter', 'zh'))!;
    expect(table).toBeDefined();
    const rows = table.rect.r1 - table.rect.r0;
    expect(rows).toBe(Array.from(labels).filter(Number.isInteger).length); // 60 customers: no sampling
    for (const [j, s] of chart.series.entries()) {
      const x = parseAddress(s.categories!)!;
      const y = parseAddress(s.values)!;
      expect(x.c0).toBe(table.rect.c0 + 2);
      expect(y.c0).toBe(table.rect.c0 + 3 + j);
      expect([x.r0, x.r1, y.r0, y.r1]).toEqual([
        table.rect.r0 + 1,
        table.rect.r1,
        table.rect.r0 + 1,
        table.rect.r1,
      ]);
      // Each y column holds exactly the cluster's customers, as ln(1 + monetary).
      const ys = wb.state.sheetByName(summary)!;
      let points = 0;
      for (let r = y.r0; r <= y.r1; r++) {
        const v = ys.get(r, y.c0);
        if (v === undefined) continue;
        points++;
        const id = String(ys.get(r, table.rect.c0));
        const i = result.facts.ids.indexOf(id);
        expect(labels[i]).toBe(j);
        expect(v).toBeCloseTo(Math.log1p(Math.max(0, result.facts.monetary[i])), 9);
        expect(ys.get(r, x.c0)).toBeCloseTo(Math.log1p(Math.max(0, result.facts.recency[i])), 9);
      }
      expect(points).toBe(Array.from(labels).filter((l) => l === j).length);
    }
  });

  test('adopter column and distribution table with readable names', () => {
    const { wb, result } = zh;
    const ad = method(result, 'adopter');
    const n = result.facts.n;
    const types = ad.columns.find((c) => c.key === 'adopter_type')!.values as (string | null)[];
    const { col } = columns(wb, t('ui.sheet.customers', 'zh'), n);
    const c = col(t('col.adopter_type', 'zh'));
    for (let i = 0; i < n; i++)
      expect(c.values[i]).toBe(types[i] === null ? '' : segmentText('adopter', types[i]!)!.name.zh);
    const pct = col(t('col.adoption_percentile', 'zh'));
    expect(pct.format(types.findIndex((x) => x !== null))).toBe('0.0%');
    const table = tableAfter(wb, t('ui.sheet.summary', 'zh'), t('table.adopter_types', 'zh'));
    expect(table.rows.map((r) => r[0])).toEqual(['先锋型', '实用型', '保守型', '怀疑型']);
    expect(table.rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(types.filter((x) => x !== null).length);
    const bySegment = tableAfter(wb, t('ui.sheet.summary', 'zh'), t('table.adopter_by_segment', 'zh'));
    expect(new Set(bySegment.rows.map((r) => r[1]))).toEqual(
      new Set(['先锋型', '实用型', '保守型', '怀疑型']),
    );
  });

  test('CLV parameter table: model names as text, a value header that is not "amount"', () => {
    const { wb } = zh;
    const table = tableAfter(wb, t('ui.sheet.summary', 'zh'), t('table.clv_parameters', 'zh'));
    expect(table.header[2]).toBe('数值');
    expect(new Set(table.rows.map((r) => r[0]))).toEqual(
      new Set([t('value.bgnbd', 'zh'), t('value.gamma_gamma', 'zh')]),
    );
  });

  test('summary widths: the widest block of each shared column wins, long texts capped', () => {
    const { wb, result } = zh;
    const sheet = wb.state.sheetByName(t('ui.sheet.summary', 'zh'))!;
    // The cluster names are the longest texts of column A, in a block above shorter ones (thresholds, ids).
    const names = method(result, 'kmeans').segmentIds!.map((id) => segmentName('kmeans', id, 'zh'));
    const chars = Math.max(
      ...names.map((n) => [...n].reduce((s, ch) => s + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)),
    );
    expect(sheet.columnWidths.get(0)).toBeGreaterThanOrEqual(Math.min(360, chars * 7));
    const widths = [...sheet.columnWidths.values()];
    expect(Math.max(...widths)).toBe(360); // the recommended actions, capped
  });

  test('English run: cluster and adopter names in English', async () => {
    const { wb, result } = await run('en');
    const km = method(result, 'kmeans');
    const names = wb
      .charts()
      .find((c) => c.type === 'XYScatter')!
      .series.map((s) => s.name);
    expect(names).toEqual(km.segmentIds!.map((id) => segmentText('kmeans', id)!.name.en));
    const table = tableAfter(wb, t('ui.sheet.summary', 'en'), t('table.adopter_types', 'en'));
    expect(table.rows.map((r) => r[0])).toEqual(['Pioneers', 'Pragmatists', 'Conservatives', 'Sceptics']);
  });
});

describe('scatterSample', () => {
  test('all clustered customers when few, grouped by cluster; unclustered left out', () => {
    const labels = Float64Array.from([1, 0, NaN, 1, 2, 0]);
    expect(scatterSample(labels, 3)).toEqual([[1, 5], [0, 3], [4]]);
  });

  test('many customers: at most about MAX points, deterministic, every cluster kept, members of their cluster', () => {
    const n = 50_000;
    // Cluster 2 is tiny (30 customers), cluster 0 huge.
    const labels = Float64Array.from({ length: n }, (_, i) =>
      i % 1000 < 3 && i < 10_000 ? 2 : i % 3 === 0 ? 1 : 0,
    );
    const a = scatterSample(labels, 3);
    const b = scatterSample(labels, 3);
    expect(a).toEqual(b);
    const total = a.reduce((s, m) => s + m.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_SCATTER_POINTS + 3 * 50);
    expect(total).toBeGreaterThan(MAX_SCATTER_POINTS * 0.9);
    expect(a[2].length).toBe(30);
    for (const [j, m] of a.entries()) {
      expect(new Set(m).size).toBe(m.length);
      for (const i of m) expect(labels[i]).toBe(j);
    }
    // Proportional: the big clusters keep their ratio (2 : 1).
    expect(a[0].length / a[1].length).toBeCloseTo(2, 1);
  });
});
