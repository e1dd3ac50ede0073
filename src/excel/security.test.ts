/**
 * No formula is ever written from data (issue 6 item 4): text starting with = + - @ in ids, names, regions,
 * categories, channels, products and in values that end up in the data-issues table goes through the real
 * pipeline (analyze → writeAnalysis) and lands as text in every sheet, table and summary of the simulator.
 */
import { analyze } from '../engine/analyze';
import type { Cell } from '../engine/types';
import { createWorkbook, type SimWorkbookHandle } from '../sim';
import { isFormula } from '../sim/state';

const DANGEROUS = [
  '=1+1',
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1)',
  '=WEBSERVICE("http://x")',
  '\t=1+1',
  '＝1+1',
];

/** Order lines where every text column carries formula-looking text, plus rows that become data issues. */
function cells(): Cell[][] {
  const header = ['客户ID', '客户名称', '订单日期', '金额', '地区', '品类', '渠道', '产品'];
  const rows: Cell[][] = [header];
  DANGEROUS.forEach((d, i) => {
    for (let k = 0; k < 3; k++)
      rows.push([d, `${d} name`, 45300 + i * 7 + k, 100 + 10 * i + k, d, `${d}cat`, `${d}ch`, `${d}p`]);
  });
  // Data issues whose value is formula-looking: an unreadable amount and an unreadable date.
  rows.push(['C-ok', 'x', 45300, '=1+2', 'r', 'c', 'h', 'p']);
  rows.push(['C-ok2', 'x', '=TODAY()', 5, 'r', 'c', 'h', 'p']);
  rows.push(['-cmd', 'x', 45301, 5, '@r', 'c', 'h', 'p']);
  return rows;
}

/** Every stored formula in the workbook, as "sheet!r,c: formula". */
function formulas(wb: SimWorkbookHandle): string[] {
  const out: string[] = [];
  for (const sheet of wb.sheetNames())
    for (const [key, cell] of wb.snapshot(sheet))
      if (isFormula(cell.value)) out.push(`${sheet}!${key}: ${cell.value.formula}`);
  return out;
}

/** Every string stored in the workbook's cells. */
function strings(wb: SimWorkbookHandle): Set<string> {
  const out = new Set<string>();
  for (const sheet of wb.sheetNames())
    for (const cell of wb.snapshot(sheet).values()) if (typeof cell.value === 'string') out.add(cell.value);
  return out;
}

describe('no formula is ever written from data', () => {
  test.each([
    ['en', 'auto'],
    ['zh', 'new-sheet'],
  ] as const)(
    'ids, names, regions, categories, channels, products, issue values (%s, %s)',
    async (lang, placement) => {
      const input = cells();
      const wb = createWorkbook();
      // The user's own cells hold the text as text (Text format), as an export pasted into Excel would.
      wb.setValues(
        'Sheet1',
        'A1',
        input as (string | number)[][],
        input.map((row) => row.map(() => '@')),
      );
      expect(formulas(wb)).toEqual([]);
      const result = await analyze({ cells: input, sheet: 'Sheet1' }, { asOf: '2024-12-31' });
      expect(result.facts.ids).toEqual(expect.arrayContaining(DANGEROUS.map((d) => d.trim())));
      await writeAnalysisAll(wb, result, lang, placement, input.length);

      expect(formulas(wb)).toEqual([]);
      const written = strings(wb);
      // Each dangerous text reached the output as text: ids and names on the customer sheet, regions in the
      // contributions table, issue values in the data-issues table.
      for (const d of DANGEROUS.map((x) => x.trim())) {
        expect(written).toContain(d);
        expect(written).toContain(`${d} name`);
      }
      expect(written).toContain('=1+2');
      expect(written).toContain('=TODAY()');
      expect(written).toContain('@r');
      // Every cell holding such text has the Text number format, so that editing it later keeps it text.
      for (const sheet of wb.sheetNames())
        for (const cell of wb.snapshot(sheet).values())
          if (typeof cell.value === 'string' && /^[=+\-@＝]/.test(cell.value)) expect(cell.format).toBe('@');
    },
  );
});

async function writeAnalysisAll(
  wb: SimWorkbookHandle,
  result: Awaited<ReturnType<typeof analyze>>,
  lang: 'en' | 'zh',
  placement: 'auto' | 'new-sheet',
  rows: number,
): Promise<void> {
  const { writeAnalysis } = await import('./write');
  const report = await writeAnalysis(wb.run, result, {
    lang,
    placement,
    source: { sheet: 'Sheet1', address: `A1:H${rows}` },
    isSetSupported: wb.isSetSupported,
  });
  expect(report.tables.length).toBeGreaterThan(3);
}
