/**
 * One analysis from the selection to the workbook: read (page, Excel API) → analyse (worker) → write (page).
 * Shared by the pane and the ribbon command. Nothing is written before the analysis has finished, so a
 * cancel before the write stage leaves the workbook untouched.
 */
import type { ExcelRunner, SelectionData, WriteReport } from '../excel/api';
import { readSelection, writeAnalysis } from '../excel';
import type { AnalysisResult, AnalyzeOptions, Lang, Progress } from '../engine/types';
import { analyzeInWorker } from '../worker/client';
import type { OutputPrefs } from './settings';

export type Stage = Progress['stage'] | 'start';

export interface StageProgress {
  stage: Stage;
  /** 0..1 over the whole run. */
  fraction: number;
  method?: string;
}

// Share of the bar each phase takes: reading is quick, the engine most of it, writing the rest.
const READ = [0, 0.1] as const;
const ENGINE = [0.1, 0.75] as const;
const WRITE = [0.75, 1] as const;
const span = (range: readonly [number, number], f: number) =>
  range[0] + (range[1] - range[0]) * Math.min(1, Math.max(0, f));

/** Where the pipeline reads and writes: a runner and, outside Office, the simulator's requirement check. */
export interface Target {
  run: ExcelRunner;
  isSetSupported?: (name: string, version: string) => boolean;
}

export function readInput(
  target: Target,
  onProgress: (p: StageProgress) => void,
  signal?: AbortSignal,
): Promise<SelectionData> {
  onProgress({ stage: 'read', fraction: 0 });
  return readSelection(target.run, {
    signal,
    isSetSupported: target.isSetSupported,
    onProgress: (f: number) => onProgress({ stage: 'read', fraction: span(READ, f) }),
  });
}

export function analyzeInput(
  selection: SelectionData,
  options: AnalyzeOptions,
  onProgress: (p: StageProgress) => void,
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  return analyzeInWorker(
    selection.input,
    options,
    (p) => onProgress({ stage: p.stage, fraction: span(ENGINE, p.fraction), method: p.method }),
    signal,
  );
}

/**
 * Writes the report. Deliberately not cancellable: stopping between two chunks would leave half a report,
 * so the pane disables Cancel once writing starts (the analysis, the long part, is cancellable).
 */
export async function writeResult(
  target: Target,
  selection: SelectionData,
  result: AnalysisResult,
  lang: Lang,
  output: OutputPrefs,
  onProgress: (p: StageProgress) => void,
  replacePrevious = false,
): Promise<WriteReport> {
  onProgress({ stage: 'write', fraction: WRITE[0] });
  return writeAnalysis(target.run, result, {
    lang,
    placement: output.placement,
    summary: output.summary,
    charts: output.charts,
    pivot: output.pivot,
    replacePrevious,
    source: { sheet: selection.sheet, address: selection.address },
    isSetSupported: target.isSetSupported,
    onProgress: (f: number) => onProgress({ stage: 'write', fraction: span(WRITE, f) }),
  });
}
