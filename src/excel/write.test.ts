import { createWorkbook, saveXlsx, type SimWorkbookHandle } from '../sim';
import ExcelJS from 'exceljs';
import type { WriteOptions } from './api';
import { writeAnalysis, OUTPUTS_SETTING } from './write';
import { segmentName } from '../i18n';
import { fixtureCells, fixtureResult, fixtureSource, type FixtureSpec } from './testing/fixtures';

function setup(spec: FixtureSpec, apiVersion = '1.17'): { wb: SimWorkbookHandle; opts: WriteOptions } {
  const wb = createWorkbook({ apiVersion });
  const src = fixtureSource(spec);
  const start = src.address.split(':')[0];
  wb.setValues('Sheet1', start, fixtureCells(spec));
  const opts: WriteOptions = {
    lang: 'en',
    source: { sheet: src.sheet, address: src.address },
    isSetSupported: wb.isSetSupported,
  };
  return { wb, opts };
}

describe('writeAnalysis', () => {
  test('customer list with free cells: segment columns beside the data, summary sheet with tables, charts', async () => {
    const spec: FixtureSpec = { customers: 8 };
    const { wb, opts } = setup(spec);
    const before = wb.snapshot('Sheet1');
    const report = await writeAnalysis(wb.run, fixtureResult(spec), opts);
    expect(report.sheets).toEqual(['Sheet1', 'Segment summary']);
    // rfm: r_score, rfm_code; rfm_segments; value_tiers → 4 columns E..H
    expect(wb.getValues('Sheet1', 'E1:H2')).toEqual([
      ['R score', 'RFM code', 'RFM segment', 'Value tier'],
      [1, '111', segmentName('rfm_segments', 'champions', 'en'), segmentName('value_tiers', 'A', 'en')],
    ]);
    for (const [k, v] of before) expect(wb.snapshot('Sheet1').get(k)).toEqual(v);
    expect(report.tables).toEqual(
      expect.arrayContaining([
        'Segments_rfm_segments',
        'Segments_value_tiers',
        'Report_rf_grid',
        'Report_pareto',
        'Contributions',
        'DataIssues',
      ]),
    );
    expect(report.charts).toBe(3);
    expect(wb.charts().map((c) => c.type)).toEqual(['BarClustered', 'Doughnut', 'ColumnClustered']);
    expect(wb.charts()[2].series[1]).toMatchObject({ chartType: 'Line', axisGroup: 'Secondary' });
    expect(wb.conditionalFormats().length).toBe(2);
    expect(report.pivot).toBe(false); // no customer sheet on a customer list written beside the data
    expect(wb.stats.calculationSuspensions).toBeGreaterThan(0);
  });

  test('formula-looking text is written as text', async () => {
    const ids = ['=1+1', '+SUM(A1)', '-cmd', '@x', '007', 'TRUE', '2024-01-01', 'plain'];
    const spec: FixtureSpec = { customers: 8, ids, kind: 'transactions', linesPerCustomer: 1 };
    const { wb, opts } = setup(spec);
    await writeAnalysis(wb.run, fixtureResult(spec), opts);
    const sheet = 'Customer segments';
    expect(wb.getValues(sheet, 'A2:A9').map((r) => r[0])).toEqual(ids);
    for (let r = 2; r <= 9; r++) expect(typeof wb.cell(sheet, `A${r}`).value).toBe('string');
    // The data issue's value "=HYPERLINK(…)" stays text too.
    const summary = wb.snapshot('Segment summary');
    expect([...summary.values()].some((c) => typeof c.value === 'object')).toBe(false);
  });

  test('order lines: customer sheet, segment column beside the lines, PivotTable', async () => {
    // No data issue: every line is used, so every line gets its customer's segment.
    const spec: FixtureSpec = { customers: 6, kind: 'transactions', linesPerCustomer: 3, issues: [] };
    const { wb, opts } = setup(spec);
    const report = await writeAnalysis(wb.run, fixtureResult(spec), opts);
    expect(report.sheets).toEqual(['Sheet1', 'Customer segments', 'Segment summary', 'Segment pivot']);
    expect(wb.getValues('Sheet1', 'E1:E4').map((r) => r[0])).toEqual([
      'Customer segment (RFM segments)',
      ...Array(3).fill(segmentName('rfm_segments', 'champions', 'en')),
    ]);
    expect(wb.getValues('Sheet1', 'E5')).toEqual([[segmentName('rfm_segments', 'loyal', 'en')]]);
    const pivot = wb.pivots()[0];
    expect(pivot).toMatchObject({ rows: ['RFM segment'], columns: ['Region'] });
    expect(pivot.data.map((d) => [d.field, d.summarizeBy])).toEqual([
      ['Monetary', 'Sum'],
      ['Customer ID', 'Count'],
    ]);
    expect(report.pivot).toBe(true);
    expect(wb.state.sheetByName('Customer segments')!.freezeRows).toBe(1);
  });

  test('a user note right of the data sends the columns to a new sheet, untouched', async () => {
    const spec: FixtureSpec = { customers: 5 };
    const { wb, opts } = setup(spec);
    wb.setValues('Sheet1', 'F3', [['my note']]);
    const report = await writeAnalysis(wb.run, fixtureResult(spec), opts);
    expect(wb.getValues('Sheet1', 'E1:F3')).toEqual([
      ['', ''],
      ['', ''],
      ['', 'my note'],
    ]);
    expect(report.sheets[0]).toBe('Customer segments');
    expect(report.notices.map((n) => n.key)).toContain('ui.notice.beside_not_free');
  });

  test('a re-run replaces only our outputs; a changed output sheet is kept', async () => {
    const spec: FixtureSpec = { customers: 5, kind: 'transactions' };
    const { wb, opts } = setup(spec);
    wb.addSheet('Customer segments');
    wb.setValues('Customer segments', 'A1', [['user sheet with our name']]);
    await writeAnalysis(wb.run, fixtureResult(spec), opts);
    const names1 = wb.sheetNames();
    expect(names1).toEqual([
      'Sheet1',
      'Customer segments',
      'Customer segments (2)',
      'Segment summary',
      'Segment pivot',
    ]);
    const userSheet = wb.snapshot('Customer segments');
    await writeAnalysis(wb.run, fixtureResult(spec), { ...opts, replacePrevious: true });
    expect(wb.sheetNames()).toEqual(names1);
    expect(wb.snapshot('Customer segments')).toEqual(userSheet);
    expect(wb.getValues('Sheet1', 'E1')).toEqual([['Customer segment (RFM segments)']]);
    // Edited summary sheet is kept on the next replace.
    wb.setValues('Segment summary', 'Z100', [['my analysis']]);
    const report = await writeAnalysis(wb.run, fixtureResult(spec), { ...opts, replacePrevious: true });
    expect(wb.sheetNames()).toContain('Segment summary');
    expect(wb.getValues('Segment summary', 'Z100')).toEqual([['my analysis']]);
    expect(report.notices.map((n) => n.key)).toContain('ui.notice.previous_kept');
    const record = wb.settings().get(OUTPUTS_SETTING) as { sheets: unknown[] };
    expect(record.sheets.length).toBeGreaterThan(0);
  });

  test('without a re-run confirmation the earlier outputs stay and new ones get new names', async () => {
    const spec: FixtureSpec = { customers: 5, kind: 'transactions' };
    const { wb, opts } = setup(spec);
    await writeAnalysis(wb.run, fixtureResult(spec), opts);
    const report = await writeAnalysis(wb.run, fixtureResult(spec), opts);
    expect(report.sheets).toContain('Segment summary (2)');
    expect(report.notices.map((n) => n.key)).toContain('ui.notice.order_segment_not_free');
    expect(new Set(wb.tables().map((t) => t.name.toLowerCase())).size).toBe(wb.tables().length);
  });

  test('ExcelApi 1.7 host: no PivotTable and no Pareto combo chart, with notices', async () => {
    const spec: FixtureSpec = { customers: 5, kind: 'transactions' };
    const { wb, opts } = setup(spec, '1.7');
    const report = await writeAnalysis(wb.run, fixtureResult(spec), opts);
    expect(report.pivot).toBe(false);
    expect(wb.pivots()).toHaveLength(0);
    expect(report.notices.map((n) => n.key)).toEqual(
      expect.arrayContaining(['ui.notice.pivot_unsupported', 'ui.notice.feature_unsupported']),
    );
  });

  test('zh output names', async () => {
    const spec: FixtureSpec = { customers: 5, kind: 'transactions' };
    const { wb, opts } = setup(spec);
    const report = await writeAnalysis(wb.run, fixtureResult(spec), { ...opts, lang: 'zh' });
    expect(report.sheets).toEqual(['Sheet1', '客户细分', '细分汇总', '细分透视']);
    expect(report.tables).toContain('客户细分');
  });

  test('a hung sync times out with a clear error', async () => {
    const spec: FixtureSpec = { customers: 3 };
    const { wb, opts } = setup(spec);
    wb.hangSyncs(1);
    await expect(
      writeAnalysis(wb.run, fixtureResult(spec), { ...opts, syncTimeoutMs: 30 }),
    ).rejects.toMatchObject({
      code: 'sync_timeout',
    });
  });

  test('a saved workbook re-read by ExcelJS has its Tables', async () => {
    const spec: FixtureSpec = { customers: 6, kind: 'transactions' };
    const { wb, opts } = setup(spec);
    const report = await writeAnalysis(wb.run, fixtureResult(spec), opts);
    const check = new ExcelJS.Workbook();
    await check.xlsx.load((await saveXlsx(wb)) as unknown as ExcelJS.Buffer);
    const names: string[] = [];
    check.eachSheet((ws) =>
      (ws.getTables() as unknown as { name: string }[]).forEach((t) => names.push(t.name)),
    );
    expect(names.sort()).toEqual(report.tables.filter((t) => t !== 'SegmentPivot').sort());
    expect(check.getWorksheet('Notes')).toBeDefined();
  });
});
