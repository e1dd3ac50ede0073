import { createWorkbook } from '../sim';
import { writeAnalysis } from './write';
import { fixtureCells, fixtureResult, fixtureSource, type FixtureSpec } from './testing/fixtures';

test('a 100,000-row write keeps every request under 4 MB', async () => {
  const spec: FixtureSpec = { kind: 'transactions', customers: 100_000, linesPerCustomer: 1, columns: 4 };
  const wb = createWorkbook();
  const src = fixtureSource(spec);
  wb.setValues('Sheet1', 'A1', fixtureCells(spec));
  const result = fixtureResult(spec);
  const started = Date.now();
  const report = await writeAnalysis(wb.run, result, {
    lang: 'en',
    source: { sheet: src.sheet, address: src.address },
    isSetSupported: wb.isSetSupported,
  });
  const ms = Date.now() - started;
  const largest = Math.max(...wb.stats.requests.map((r) => r.request));
  const largestResponse = Math.max(...wb.stats.requests.map((r) => r.response));
  console.log(
    `100,000-row write: ${wb.stats.syncs} syncs, largest request ${largest} bytes, largest response ${largestResponse} bytes, ${ms} ms`,
  );
  expect(largest).toBeLessThanOrEqual(4_000_000);
  expect(largestResponse).toBeLessThanOrEqual(4_000_000);
  expect(report.syncs).toBe(wb.stats.syncs);
  expect(wb.getValues('Customer segments', 'A100001')).toEqual([['C100000']]);
  expect(wb.getValues('Sheet1', 'E100001')[0][0]).not.toBe('');
});
