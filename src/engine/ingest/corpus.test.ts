/**
 * The bad-input corpus (cases in corpus.ts): each input gets its exact outcome, and a successful ingest
 * loses nothing: used + skipped = rows, every skipped row is listed exactly once, amounts reconcile.
 * Also: every errors.* / issue.* key the code can emit has zh and en text.
 */
import { ISSUE_REASONS, issueList } from '../issues';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { t, hasText } from '../../i18n';
import { EngineError, type DataIssue, type Ingested, type Lang } from '../types';
import { corpus, isError, type CorpusCase, type OkExpect } from './corpus';
import { ingest } from './ingest';

const CASES = corpus();
const LANGS: Lang[] = ['zh', 'en'];
/** Issues listing a row that is not used (all reasons but the title rows above the header). */
const isSkip = (i: DataIssue): boolean => i.reason !== 'above_header' && i.reason !== 'no_purchase';

function run(c: CorpusCase): Ingested {
  return ingest(c.input, c.options ?? {});
}

/** A user-facing sentence: not a key, no unfilled {placeholder}. */
function expectSentence(text: string, key: string): void {
  expect(text).not.toBe(key);
  expect(text).not.toMatch(/\{\w+\}/);
  expect(text).not.toMatch(/^(errors|issue|ui)\.[\w.]+$/);
  expect(text.trim().length).toBeGreaterThanOrEqual(2);
}

function usedRows(ing: Ingested): number[] {
  return Array.from(ing.tx ? ing.tx.row : ing.customers!.row);
}

describe('bad-input corpus', () => {
  test('has at least 40 cases with unique ids, covering every issue-6 topic', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    const topics = new Set(CASES.map((c) => c.topic));
    for (const topic of [
      'empty selection',
      'one cell',
      'header only',
      'no header',
      'every column text',
      'merged header cells',
      'two header rows',
      '合计/Total row',
      'repeated header rows',
      'hidden and filtered rows',
      'dates in every format of DESIGN §3',
      'impossible dates',
      'D/M vs M/D ambiguity',
      'the 1904 date system',
      'amounts with every currency form',
      '万/亿',
      'full-width digits',
      'negative and zero amounts',
      '#N/A and other error values',
      "formulas' cached values",
      'duplicate customer ids in a customer-level list',
      '30,000-character cells',
      'emoji and right-to-left text',
      'header named __proto__ / constructor',
    ])
      expect(topics).toContain(topic);
  });

  describe.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const expected = c.expected;
    if (isError(expected)) {
      test(`refused with ${expected.error} and its exact zh/en sentence`, () => {
        let error: unknown;
        try {
          run(c);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(EngineError);
        const e = error as EngineError;
        expect(e.code).toBe(expected.error);
        expect(e.params).toEqual(expected.params ?? {});
        expect(t(`errors.${e.code}`, 'zh', e.params)).toBe(expected.zh);
        expect(t(`errors.${e.code}`, 'en', e.params)).toBe(expected.en);
        for (const lang of LANGS) expectSentence(t(`errors.${e.code}`, lang, e.params), `errors.${e.code}`);
      });
      return;
    }
    const ok = expected as OkExpect;
    test('ingests with the exact issues and loses nothing', () => {
      const ing = run(c);
      expect(ing.kind).toBe(ok.kind);
      expect(ing.headerRow).toBe(ok.headerRow);
      const firstRow = c.input.firstRow ?? 1;
      const rows = c.input.cells.length - ing.headerIndex - 1;
      expect(ing.rows).toBe(rows);
      expect(ing.used).toBe(ok.used);
      expect(ing.used + ing.skipped).toBe(rows);

      // Exactly the expected issues, in order, with the fields the case names.
      expect(issueList(ing.issues).map((i) => [i.row, i.reason])).toEqual(
        ok.issues.map((i) => [i.row, i.reason]),
      );
      ok.issues.forEach((want, k) => expect(issueList(ing.issues)[k]).toMatchObject(want));

      // Every data row is used or listed once as skipped; no row is both.
      const skipped = issueList(ing.issues)
        .filter(isSkip)
        .map((i) => i.row);
      expect(new Set(skipped).size).toBe(skipped.length);
      expect(skipped.length).toBe(ing.skipped);
      const used = usedRows(ing);
      const all = [...used, ...skipped].sort((a, b) => a - b);
      const dataRows = Array.from({ length: rows }, (_, i) => firstRow + ing.headerIndex + 1 + i);
      expect(all).toEqual(dataRows);
      // Title rows are listed too, each once.
      const above = issueList(ing.issues)
        .filter((i) => i.reason === 'above_header')
        .map((i) => i.row);
      expect(above).toEqual(Array.from({ length: ing.headerIndex }, (_, i) => firstRow + i));

      // Amounts reconcile: input = used + skipped, and used is what the rows carry.
      expect(ing.amounts.used + ing.amounts.skipped).toBeCloseTo(ing.amounts.input, 9);
      expect(ing.amounts.used).toBeCloseTo(ok.amountUsed, 9);
      const skippedAmount = issueList(ing.issues)
        .filter(isSkip)
        .reduce((s, i) => s + (i.amount ?? 0), 0);
      expect(skippedAmount).toBeCloseTo(ing.amounts.skipped, 9);
      const rowAmounts = ing.tx ? Array.from(ing.tx.amount) : Array.from(ing.customers!.monetary ?? []);
      expect(rowAmounts.reduce((a, b) => a + b, 0)).toBeCloseTo(ing.amounts.used, 9);

      // x + 0 turns a "-0" cell's -0 into 0 (the same amount).
      if (ok.amounts) expect(rowAmounts.map((x) => x + 0)).toEqual(ok.amounts);
      if (ok.ids) expect(ing.tx ? ing.tx.customerIds : ing.customers!.ids).toEqual(ok.ids);
      if (ok.days) {
        const days = ing.tx ? Array.from(ing.tx.day) : Array.from(ing.customers!.lastPurchase ?? []);
        expect(days).toEqual(ok.days);
      }
      if (ok.dateOrders) expect({ ...ing.dateOrders }).toEqual(ok.dateOrders);
      if (ok.headers) expect(ing.headers).toEqual(ok.headers);

      // Every issue reads as a sentence in both languages.
      for (const issue of issueList(ing.issues))
        for (const lang of LANGS) {
          const params = {
            column: issue.column ?? '',
            value: issue.value ?? '',
            customer: issue.customer ?? '',
          };
          expectSentence(t(`issue.${issue.reason}`, lang, params), `issue.${issue.reason}`);
          expectSentence(t(`ui.issue.${issue.reason}`, lang), `ui.issue.${issue.reason}`);
        }
      // Nothing leaked into Object.prototype from headers, ids or regions.
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});

/** Source files of the app (not tests). */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('every message the code can emit has zh and en text', () => {
  const SRC = join(__dirname, '../..');
  const files = sourceFiles(SRC).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

  test('errors.<code> of every `new EngineError(...)`', () => {
    const codes = new Set<string>();
    for (const { text } of files) {
      for (const m of text.matchAll(/new EngineError\(\s*'([a-z0-9_]+)'/g)) codes.add(m[1]);
      // new EngineError(cond ? 'a' : 'b', …)
      for (const m of text.matchAll(/new EngineError\(\s*[^'()]*\?\s*'([a-z0-9_]+)'\s*:\s*'([a-z0-9_]+)'/g)) {
        codes.add(m[1]);
        codes.add(m[2]);
      }
    }
    // Codes raised outside `new EngineError('…')`: cancel and unexpected failures in the CLI and pane.
    codes.add('cancelled');
    codes.add('unexpected');
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((c) => !hasText(`errors.${c}`));
    expect(missing).toEqual([]);
    for (const code of codes) for (const lang of LANGS) expect(t(`errors.${code}`, lang).trim()).not.toBe('');
  });

  test('issue.<reason> and ui.issue.<reason> of every IssueReason', () => {
    // IssueReason is derived from ISSUE_REASONS, so the type checker holds every reason the code records
    // to this list.
    const reasons = ISSUE_REASONS;
    expect(reasons.length).toBeGreaterThanOrEqual(10);
    for (const r of reasons)
      for (const key of [`issue.${r}`, `ui.issue.${r}`]) {
        expect(hasText(key)).toBe(true);
        for (const lang of LANGS) expect(t(key, lang).trim()).not.toBe('');
      }
  });
});
