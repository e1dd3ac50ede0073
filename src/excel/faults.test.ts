/**
 * Injected faults during a write (issue 6 item 3): a sync that fails part-way (GeneralException after part
 * of the batch landed), a payload error (retried in smaller pieces, or given up cleanly at the floor), a
 * sync that never returns, and a cancel. After a failure the workbook is as it was before the run, except
 * for the outputs of earlier runs that the user asked to replace; the message says what happened.
 */
import fc from 'fast-check';
import { CancelledError, EngineError } from '../engine/types';
import { t } from '../i18n';
import { columnLetters, createWorkbook, type SimWorkbookHandle } from '../sim';
import type { SyncFault } from '../sim/state';
import type { WriteOptions } from './api';
import { MIN_REQUEST_BUDGET, OUTPUTS_SETTING, writeAnalysis } from './write';
import { fixtureCells, fixtureResult, fixtureSource, type FixtureSpec } from './testing/fixtures';

const NUM_RUNS = Number(process.env.FC_RUNS_FAULTS ?? 300);

function setup(spec: FixtureSpec): { wb: SimWorkbookHandle; opts: WriteOptions } {
  const wb = createWorkbook();
  const src = fixtureSource(spec);
  wb.setValues('Sheet1', src.address.split(':')[0], fixtureCells(spec));
  const opts: WriteOptions = {
    lang: 'en',
    source: { sheet: src.sheet, address: src.address },
    isSetSupported: wb.isSetSupported,
    syncTimeoutMs: 50,
  };
  return { wb, opts };
}

/** Everything a user could see of the workbook, as plain data. */
function everything(wb: SimWorkbookHandle) {
  const sheets = wb.sheetNames();
  const nameOf = (id: string) => wb.state.sheets.find((s) => s.id === id)?.name;
  return {
    sheets,
    cells: Object.fromEntries(sheets.map((n) => [n, [...wb.snapshot(n)].sort()])),
    tables: wb.tables().map((x) => ({ name: x.name, sheet: nameOf(x.sheetId), rect: x.rect })),
    charts: wb.charts().map((c) => ({ sheet: nameOf(c.sheetId), title: c.title })),
    pivots: wb.pivots().map((p) => p.name),
    conditionalFormats: wb.conditionalFormats().map((c) => ({ sheet: nameOf(c.sheetId), rect: c.rect })),
    settings: JSON.stringify([...wb.settings()]),
  };
}

async function failure(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('the write succeeded');
}

/** Syncs a clean run of this write takes (measured on a twin workbook). */
async function syncsOf(spec: FixtureSpec): Promise<number> {
  const { wb, opts } = setup(spec);
  await writeAnalysis(wb.run, fixtureResult(spec), opts);
  return wb.syncClock;
}

const TX: FixtureSpec = { customers: 6, kind: 'transactions', linesPerCustomer: 2 };
const CUST: FixtureSpec = { customers: 6 };

describe('a failed write leaves no half-written output', () => {
  test.each([TX, CUST])('GeneralException part-way through every sync of the write (%o)', async (spec) => {
    const total = await syncsOf(spec);
    expect(total).toBeGreaterThan(5);
    for (let at = 1; at <= total; at++) {
      const { wb, opts } = setup(spec);
      const before = everything(wb);
      wb.injectFault(at, { code: 'GeneralException', applied: 3 });
      const e = await failure(writeAnalysis(wb.run, fixtureResult(spec), opts));
      expect(e.code).toBe('write_failed');
      expect(e.params).toEqual({ code: 'GeneralException' });
      expect(everything(wb)).toEqual(before);
    }
  });

  test('the failure sentence says what happened, in zh and en', async () => {
    const { wb, opts } = setup(TX);
    wb.injectFault(8, { code: 'GeneralException', applied: 1 });
    const e = await failure(writeAnalysis(wb.run, fixtureResult(TX), opts));
    expect(t(`errors.${e.code}`, 'en', e.params)).toBe(
      'Excel reported an error (GeneralException) while the results were being written. The sheets and columns this run had written were removed and your data is unchanged. Save the workbook and try again.',
    );
    expect(t(`errors.${e.code}`, 'zh', e.params)).toBe(
      'Excel 在写入结果时出错（GeneralException）。本次运行已写入的工作表和列已删除，您的数据没有改动。请保存工作簿后重试。',
    );
  });

  test('a sync that never returns mid-write: timed out, output removed', async () => {
    const { wb, opts } = setup(TX);
    const before = everything(wb);
    wb.injectFault(8, { hang: true });
    const e = await failure(writeAnalysis(wb.run, fixtureResult(TX), opts));
    expect(e.code).toBe('write_timeout');
    expect(t('errors.write_timeout', 'en', e.params)).toMatch(
      /^Excel did not respond within 0 seconds while/,
    );
    expect(everything(wb)).toEqual(before);
  });

  test('a hang before anything is written keeps the plain timeout message', async () => {
    const { wb, opts } = setup(TX);
    wb.injectFault(1, { hang: true });
    expect((await failure(writeAnalysis(wb.run, fixtureResult(TX), opts))).code).toBe('sync_timeout');
  });

  test('cancel during the write: output removed, the message says it was cancelled', async () => {
    const total = await syncsOf(TX);
    for (const at of [7, 9, total - 2]) {
      const { wb, opts } = setup(TX);
      const before = everything(wb);
      const cancel = new AbortController();
      wb.injectFault(at, { run: () => cancel.abort() });
      const e = await failure(writeAnalysis(wb.run, fixtureResult(TX), { ...opts, signal: cancel.signal }));
      expect(e.code).toBe('write_cancelled');
      expect(t('errors.write_cancelled', 'zh')).toBe(
        '写入结果时已取消。本次运行已写入的工作表和列已删除，您的数据没有改动。',
      );
      expect(everything(wb)).toEqual(before);
    }
  });

  test('when Excel also refuses the clean-up, the message names what to delete', async () => {
    const { wb, opts } = setup(TX);
    const total = await syncsOf(TX);
    wb.injectFault(total - 1, { code: 'GeneralException' });
    wb.injectFault(total, { code: 'GeneralException' }); // the clean-up's first sync
    const e = await failure(writeAnalysis(wb.run, fixtureResult(TX), opts));
    expect(e.code).toBe('write_cleanup_failed');
    expect(e.params).toEqual({
      sheets: 'Customer segments, Segment summary, Segment pivot',
      columns: 'Sheet1!E1:E13',
    });
    expect(t('errors.write_cleanup_failed', 'en', e.params)).toBe(
      'Writing the results failed, and Excel did not let this run remove what it had half written. None of your cells were overwritten. Delete the sheets Customer segments, Segment summary, Segment pivot and clear the cells Sheet1!E1:E13, then try again.',
    );
    // The user's cells are still untouched.
    expect(wb.getValues('Sheet1', 'A1:D13')).toEqual(fixtureCells(TX));
  });
});

describe('payload errors are retried with smaller pieces', () => {
  const BIG: FixtureSpec = { customers: 3000, kind: 'transactions', linesPerCustomer: 1 };

  test('a host with a 200 KB request limit gets the same workbook in smaller requests', async () => {
    const reference = setup(BIG);
    await writeAnalysis(reference.wb.run, fixtureResult(BIG), reference.opts);
    const { wb, opts } = setup(BIG);
    wb.setPayloadLimit(200_000);
    await writeAnalysis(wb.run, fixtureResult(BIG), opts);
    expect(everything(wb)).toEqual(everything(reference.wb));
    const sizes = wb.stats.requests.map((r) => r.request);
    // Some requests were refused, and were sent again in pieces that went through.
    expect(sizes.some((s) => s > 200_000)).toBe(true);
    expect(reference.wb.stats.requests.length).toBeLessThan(sizes.length);
  });

  test('one refused request (a transient payload error) is sent again and the run completes', async () => {
    const reference = setup(TX);
    await writeAnalysis(reference.wb.run, fixtureResult(TX), reference.opts);
    const total = reference.wb.syncClock;
    for (let at = 1; at <= total; at++) {
      const { wb, opts } = setup(TX);
      const before = everything(wb);
      wb.injectFault(at, { code: 'RequestPayloadSizeLimitExceeded' });
      try {
        await writeAnalysis(wb.run, fixtureResult(TX), opts);
        expect(everything(wb)).toEqual(everything(reference.wb));
      } catch (e) {
        // A refused read or table request is not a chunk that can be cut, and a refused chunk already under
        // the floor is not cut further: the run stops cleanly.
        expect(['write_failed', 'write_too_large']).toContain((e as EngineError).code);
        expect(everything(wb)).toEqual(before);
      }
    }
  });

  test('a refused large chunk is sent again in halves and the run completes', async () => {
    const reference = setup(BIG);
    await writeAnalysis(reference.wb.run, fixtureResult(BIG), reference.opts);
    const requests = reference.wb.stats.requests.map((r) => r.request);
    const largest = requests.indexOf(Math.max(...requests)) + 1;
    expect(requests[largest - 1]).toBeGreaterThan(100_000);
    const { wb, opts } = setup(BIG);
    wb.injectFault(largest, { code: 'RequestPayloadSizeLimitExceeded' });
    await writeAnalysis(wb.run, fixtureResult(BIG), opts);
    expect(everything(wb)).toEqual(everything(reference.wb));
    expect(wb.stats.syncs).toBeGreaterThan(reference.wb.stats.syncs);
  });

  test('below the floor the write gives up cleanly', async () => {
    const { wb, opts } = setup(BIG);
    const before = everything(wb);
    wb.setPayloadLimit(MIN_REQUEST_BUDGET / 2);
    const e = await failure(writeAnalysis(wb.run, fixtureResult(BIG), opts));
    expect(e.code).toBe('write_too_large');
    expect(t(`errors.${e.code}`, 'en', e.params)).toMatch(/removed and your data is unchanged/);
    expect(everything(wb)).toEqual(before);
  });
});

const userCell = fc.record({
  row: fc.integer({ min: 0, max: 24 }),
  col: fc.integer({ min: 0, max: 14 }),
  value: fc.oneof(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.integer(),
    fc.constantFrom('=SUM(A1)', 'note'),
  ),
});

const faultArb = fc.oneof(
  fc.record({ kind: fc.constant('general' as const), applied: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('payload' as const) }),
  fc.record({ kind: fc.constant('hang' as const) }),
  fc.record({ kind: fc.constant('cancel' as const) }),
);

const scenario = fc.record({
  kind: fc.constantFrom<'customers' | 'transactions'>('customers', 'transactions'),
  headerRow: fc.integer({ min: 1, max: 5 }),
  firstColumn: fc.integer({ min: 1, max: 5 }),
  customers: fc.integer({ min: 1, max: 6 }),
  cells: fc.array(userCell, { maxLength: 10 }),
  otherSheets: fc.subarray(['Customer segments', 'Segment summary', 'Notes']),
  placement: fc.constantFrom<'auto' | 'new-sheet'>('auto', 'new-sheet'),
  previousRun: fc.boolean(),
  replacePrevious: fc.boolean(),
  lang: fc.constantFrom<'en' | 'zh'>('en', 'zh'),
  /** Which sync of the failing run is hit (past its last sync = no fault: the run completes). */
  at: fc.integer({ min: 1, max: 45 }),
  fault: faultArb,
});

describe('property: any fault at any sync of any workbook', () => {
  test('after a failure the workbook equals the pre-run snapshot, except earlier outputs the user replaced', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const spec: FixtureSpec = {
          kind: s.kind,
          headerRow: s.headerRow,
          firstColumn: s.firstColumn,
          columns: 3,
          customers: s.customers,
          linesPerCustomer: 2,
        };
        const wb = createWorkbook();
        const src = fixtureSource(spec);
        const cells = fixtureCells(spec);
        const r0 = s.headerRow - 1;
        const c0 = s.firstColumn - 1;
        for (const u of s.cells) {
          const inside = u.row >= r0 && u.row < r0 + cells.length && u.col >= c0 && u.col < c0 + 3;
          if (!inside) wb.setValues('Sheet1', `${columnLetters(u.col)}${u.row + 1}`, [[u.value]]);
        }
        wb.setValues('Sheet1', `${columnLetters(c0)}${r0 + 1}`, cells);
        for (const name of s.otherSheets) {
          wb.addSheet(name);
          wb.setValues(name, 'B2', [['user']]);
        }
        const opts: WriteOptions = {
          lang: s.lang,
          placement: s.placement,
          source: { sheet: src.sheet, address: src.address },
          isSetSupported: wb.isSetSupported,
          syncTimeoutMs: 20,
        };
        const result = fixtureResult(spec);
        if (s.previousRun) await writeAnalysis(wb.run, result, opts);
        const previous = wb.settings().get(OUTPUTS_SETTING) as
          { sheets: { name: string }[]; beside: { address: string }[] } | undefined;
        const before = everything(wb);

        const cancel = new AbortController();
        const fault: Omit<SyncFault, 'at'> =
          s.fault.kind === 'general'
            ? { code: 'GeneralException', applied: s.fault.applied }
            : s.fault.kind === 'payload'
              ? { code: 'RequestPayloadSizeLimitExceeded' }
              : s.fault.kind === 'hang'
                ? { hang: true }
                : { run: () => cancel.abort() };
        wb.injectFault(s.at, fault);
        const replace = s.previousRun && s.replacePrevious;
        let failed: unknown = null;
        try {
          await writeAnalysis(wb.run, result, { ...opts, replacePrevious: replace, signal: cancel.signal });
        } catch (e) {
          failed = e;
        }
        wb.state.faults = [];
        if (!failed) return; // the run completed (the fault fell past its end, or was retried)
        // The message is a sentence the user can read.
        const code =
          failed instanceof CancelledError ? 'cancelled' : ((failed as { code?: string }).code ?? '');
        expect(code).not.toBe('');
        expect(t(`errors.${code}`, 'en', (failed as EngineError).params ?? {})).not.toMatch(/^errors\./);
        expect(code).not.toBe('write_cleanup_failed');

        const after = everything(wb);
        if (!replace) {
          expect(after).toEqual(before);
          return;
        }
        // Earlier outputs may be gone (the user asked to replace them); everything else is as before.
        const ours = new Set((previous?.sheets ?? []).map((x) => x.name));
        expect(after.sheets).toEqual(before.sheets.filter((n) => after.sheets.includes(n)));
        for (const name of before.sheets) {
          if (ours.has(name)) continue;
          expect(after.sheets).toContain(name);
          const besideCols = new Set<number>();
          for (const b of previous?.beside ?? []) {
            const m = /!([A-Z]+)\d+:([A-Z]+)\d+$/.exec(b.address);
            if (!m) continue;
            const colIndex = (letters: string) =>
              [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
            for (let c = colIndex(m[1]); c <= colIndex(m[2]); c++) besideCols.add(c);
          }
          const keep = (key: string) => name !== 'Sheet1' || !besideCols.has(Number(key.split(',')[1]));
          expect(after.cells[name].filter(([k]) => keep(k))).toEqual(
            before.cells[name].filter(([k]) => keep(k)),
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);
});
