/** Messages between the pane and the analysis worker. Plain data only (structured clone). */
import type { AnalysisResult, AnalyzeOptions, EngineInput, MethodId, Progress } from '../engine/types';

export type ToWorker =
  | { type: 'analyze'; id: number; input: EngineInput; options: AnalyzeOptions }
  | { type: 'describe'; id: number };

export interface MethodInfo {
  id: MethodId;
  byDefault: boolean;
}

export interface WorkerFailure {
  name: string;
  message: string;
  /** EngineError code and params, when the engine refused the data. */
  code?: string;
  params?: Record<string, string | number>;
}

export type FromWorker =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'result'; id: number; result: AnalysisResult }
  | { type: 'methods'; id: number; methods: MethodInfo[] }
  | { type: 'error'; id: number; error: WorkerFailure };
