/**
 * The pipeline: cells or columns → ingest → customer facts → methods → report. Pure and synchronous at heart; it
 * yields between stages so that a cancel (AbortSignal) and progress messages get through in a worker.
 */
import { factsFromCustomerRows, factsFromTransactions } from './customers/facts';
import { isoFromSerial, serialFromIso } from './dates';
import { ingest } from './ingest';
import { IssueLog } from './issues';
import { METHODS } from './methods/registry';
import { summarizeSegments } from './report/segments';
import {
  CancelledError,
  EngineError,
  type AnalysisResult,
  type AnalyzeOptions,
  type ContributionRow,
  type CustomerFacts,
  type IssueTable,
  type Method,
  type MethodId,
  type MethodResult,
  type Notice,
  type Progress,
  type EngineInput,
} from './types';

export type ProgressCallback = (progress: Progress) => void;

// A macrotask between stages lets a cancel message in. setTimeout(0) waits at least 1 ms in Node (the CLI
// pays it at every stage); setImmediate, where the host has it, does not.
const nextTask: (f: () => void) => unknown =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (globalThis as unknown as { setImmediate: (f: () => void) => unknown }).setImmediate
    : (f) => setTimeout(f, 0);
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => nextTask(resolve));

/** The methods to run: the ones asked for (or the defaults) plus what they depend on, in registry order. */
export function resolveMethods(
  requested: readonly MethodId[] | undefined,
  registry: readonly Method[] = METHODS,
): Method[] {
  const byId = new Map(registry.map((m) => [m.id, m] as const));
  const wanted = new Set<MethodId>();
  const add = (id: MethodId): void => {
    const m = byId.get(id);
    if (!m) throw new EngineError('unknown_method', { method: id });
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of m.after ?? []) add(dep);
  };
  for (const id of requested ?? registry.filter((m) => m.byDefault).map((m) => m.id)) add(id);
  return registry.filter((m) => wanted.has(m.id));
}

/** Issues for customers who have no purchase in the window: they are listed, not scored. */
function withNoPurchaseIssues(issues: IssueTable, facts: CustomerFacts): IssueTable {
  let all: IssueLog | null = null;
  for (let i = 0; i < facts.n; i++) {
    if (facts.scored[i]) continue;
    all ??= IssueLog.from(issues);
    all.add(facts.firstRow[i], 'no_purchase', NaN, undefined, undefined, facts.ids[i]);
  }
  return all ? all.table() : issues;
}

/** Runs the whole analysis on a block of cells (or the same block by column) and returns plain data. */
export async function analyze(
  input: EngineInput,
  options: AnalyzeOptions = {},
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  const timings: Record<string, number> = {};
  const checkCancel = (): void => {
    if (signal?.aborted) throw new CancelledError();
  };
  let clock = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round((now - clock) * 100) / 100;
    clock = now;
  };

  let asOfOption = NaN;
  if (options.asOf !== undefined && options.asOf !== '') {
    asOfOption = serialFromIso(options.asOf);
    if (Number.isNaN(asOfOption)) throw new EngineError('bad_as_of', { value: options.asOf });
  }
  // Resolve the methods before the heavy work so a typo fails at once.
  const methods = resolveMethods(options.methods);

  onProgress?.({ stage: 'ingest', fraction: 0 });
  checkCancel();
  const ing = ingest(input, options, signal);
  lap('ingest');
  onProgress?.({ stage: 'facts', fraction: 0.4 });
  await yieldToEventLoop();
  checkCancel();

  const asOf = Number.isNaN(asOfOption) ? ing.maxDay : asOfOption;
  const facts = ing.tx
    ? factsFromTransactions(ing.tx, { asOf, excludeReturns: options.excludeReturns })
    : factsFromCustomerRows(ing.customers!, { asOf, excludeReturns: options.excludeReturns });
  const issues = withNoPurchaseIssues(ing.issues, facts);
  let scoredCount = 0;
  for (let i = 0; i < facts.n; i++) scoredCount += facts.scored[i];
  if (scoredCount === 0) throw new EngineError('no_scored_customers', { customers: facts.n });
  lap('facts');

  const results: MethodResult[] = [];
  const earlier = new Map<MethodId, MethodResult>();
  const skippedMethods: { id: MethodId; notice: Notice }[] = [];
  for (let k = 0; k < methods.length; k++) {
    const m = methods[k];
    onProgress?.({ stage: 'methods', fraction: 0.5 + (0.45 * k) / methods.length, method: m.id });
    await yieldToEventLoop();
    checkCancel();
    const blockedBy = (m.after ?? []).find((dep) => !earlier.has(dep));
    const notice: Notice | null = blockedBy
      ? { key: 'notice.needs_method', params: { method: m.id, needs: blockedBy } }
      : m.unavailable(facts, ing.tx);
    if (notice) {
      skippedMethods.push({ id: m.id, notice });
      continue;
    }
    const result = m.run({ facts, tx: ing.tx, options, earlier, signal });
    results.push(result);
    earlier.set(m.id, result);
    lap(`method.${m.id}`);
  }

  onProgress?.({ stage: 'report', fraction: 0.95 });
  checkCancel();
  const clvColumn = earlier.get('clv')?.columns.find((c) => c.key === 'clv');
  const clv = clvColumn && clvColumn.values instanceof Float64Array ? clvColumn.values : undefined;
  const segments = summarizeSegments(facts, results, clv);
  const contributions = (earlier.get('contributions')?.model?.rows as ContributionRow[] | undefined) ?? [];
  lap('report');
  onProgress?.({ stage: 'report', fraction: 1 });

  return {
    input: {
      sheet: input.sheet ?? '',
      firstRow: input.firstRow ?? 1,
      firstColumn: input.firstColumn ?? 1,
      headerRow: ing.headerRow,
      rows: ing.rows,
      used: ing.used,
      skipped: ing.skipped,
      kind: ing.kind,
      kindSource: ing.kindSource,
      columns: ing.headers.length,
    },
    headers: ing.headers,
    roles: ing.roles,
    asOf: isoFromSerial(asOf),
    issues,
    dateOrders: ing.dateOrders,
    amounts: ing.amounts,
    facts,
    methods: results,
    skippedMethods,
    segments,
    contributions,
    timings,
  };
}
