/**
 * One analysis from the selection to the workbook: read (page, Excel API) → analyse (worker) → write (page).
 * Shared by the pane and the ribbon command. Nothing is written before the analysis has finished, so a
 * cancel before the write stage leaves the workbook untouched.
 */
import type { ExcelRunner, SelectionData, WriteReport } from '../excel/api';
import { readSelection, writeAnalysis } from '../excel';
import type { AnalysisResult, AnalyzeOptions, Lang, Progress } from '../engine/types';
import { CancelledError } from '../engine/types';
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
const span = (range: readonly [number, number], f: number) => range[0] + (range[1] - range[0]) * Math.min(1, Math.max(0, f));

export function readInput(
  run: ExcelRunner,
  onProgress: (p: StageProgress) => void,
  signal?: AbortSignal,
): Promise<SelectionData> {
  onProgress({ stage: 'read', fraction: 0 });
  return readSelection(run, { signal, onProgress: (f) => onProgress({ stage: 'read', fraction: span(READ, f) }) });
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

export async function writeResult(
  run: ExcelRunner,
  selection: SelectionData,
  result: AnalysisResult,
  lang: Lang,
  output: OutputPrefs,
  onProgress: (p: StageProgress) => void,
  signal?: AbortSignal,
  replacePrevious = false,
): Promise<WriteReport> {
  if (signal?.aborted) throw new CancelledError();
  onProgress({ stage: 'write', fraction: WRITE[0] });
  return writeAnalysis(run, result, {
    lang,
    placement: output.placement,
    summary: output.summary,
    charts: output.charts,
    pivot: output.pivot,
    replacePrevious,
    source: { sheet: selection.sheet, address: selection.address },
    onProgress: (f) => onProgress({ stage: 'write', fraction: span(WRITE, f) }),
    signal,
  });
}
