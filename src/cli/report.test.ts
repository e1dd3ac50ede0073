import { join } from 'node:path';
import { issueList, issueTable } from '../engine/issues';
import { analyze } from '../engine/analyze';
import type { AnalysisResult, Lang } from '../engine/types';
import { t } from '../i18n';
import { loadFile } from './readInput';
import { toJsonBytes } from './report';

const sample = (name: string): string => join(__dirname, '../../samples', name);

/** The issues as objects, the plain way: what toJsonBytes writes byte by byte must parse back to these. */
function plainIssues(result: AnalysisResult, lang: Lang): Record<string, unknown>[] {
  return issueList(result.issues).map((x) => {
    const o: Record<string, unknown> = {
      row: x.row,
      reason: x.reason,
      message: t(`issue.${x.reason}`, lang, {
        column: x.column ?? '',
        value: x.value ?? '',
        customer: x.customer ?? '',
      }),
    };
    if (x.column !== undefined) o.column = x.column;
    if (x.value !== undefined) o.value = x.value;
    if (x.customer !== undefined) o.customer = x.customer;
    return o;
  });
}

describe('toJsonBytes', () => {
  it.each<[string, Lang]>([
    ['orders-zh.csv', 'zh'],
    ['orders-en.csv', 'en'],
    ['orders-zh.csv', 'en'],
  ])('writes %s in %s as one UTF-8 JSON document and a line break, issues last', async (name, lang) => {
    const loaded = await loadFile(sample(name));
    const result = await analyze(loaded.input, {});
    expect(result.issues.length).toBeGreaterThan(10);
    const bytes = toJsonBytes(result, name, loaded, lang);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc).at(-1)).toBe('issues');
    expect(doc.issues).toEqual(plainIssues(result, lang));
  });

  it('writes rows of any length, and the rare row that is not a plain whole number, as JSON does', async () => {
    const loaded = await loadFile(sample('orders-en.csv'));
    const result = await analyze(loaded.input, {});
    const base = issueList(result.issues)[0];
    // Sheet rows are whole numbers; the writer spells those of 10^9 and more, and below 0, as JSON does.
    const rows = [1, 9, 10, 99, 100, 12_345, 999_999_999, 1e9, 0, -3, 2 ** 31 - 1];
    const issues = rows.map((row, k) => ({ ...base, row, customer: k % 2 ? 'Ann "A"' : undefined }));
    const doc = JSON.parse(
      new TextDecoder().decode(toJsonBytes({ ...result, issues: issueTable(issues) }, 'f.csv', loaded, 'en')),
    ) as { issues: { row: number; customer?: string }[] };
    expect(doc.issues.map((i) => i.row)).toEqual(rows);
    expect(doc.issues[1].customer).toBe('Ann "A"');
    expect('customer' in doc.issues[0]).toBe(false);
    const none = JSON.parse(
      new TextDecoder().decode(toJsonBytes({ ...result, issues: issueTable([]) }, 'f.csv', loaded, 'en')),
    ) as { issues: unknown[] };
    expect(none.issues).toEqual([]);
  });
});
