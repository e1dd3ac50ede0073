/** Builds a MethodContext for method tests. */
import type {
  AnalyzeOptions,
  CustomerFacts,
  MethodContext,
  MethodId,
  MethodResult,
  Transactions,
} from '../types';

/** A MethodContext over facts (and optional order lines) with options and earlier results. */
export function ctxOf(
  facts: CustomerFacts,
  options: AnalyzeOptions = {},
  earlier: MethodResult[] = [],
  tx: Transactions | null = null,
): MethodContext {
  return { facts, tx, options, earlier: new Map<MethodId, MethodResult>(earlier.map((r) => [r.id, r])) };
}
