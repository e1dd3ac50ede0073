/**
 * The contract of the Excel layer, used by the CLI, the task pane and the demo page. The same functions
 * run against real Excel (runner = batch => Excel.run(batch)) and against src/sim (runner = sim.run).
 */
import type { ColumnarInput, Lang } from '../engine/types';

/** Runs one batch of Excel API calls: `Excel.run` in Office, the simulator's `run` elsewhere. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What reading the selection gives the engine and the pane. */
export interface SelectionData {
  /** The block by column (see ColumnarInput). */
  input: ColumnarInput;
  /** Sheet-qualified address of the block actually read, e.g. "Orders!A1:K9999". */
  address: string;
  sheet: string;
  rowCount: number;
  columnCount: number;
  /** Notices about how the selection was widened or narrowed (i18n keys + params). */
  notices: { key: string; params?: Record<string, string | number> }[];
}

export interface ReadOptions {
  /** Rows per read request (default: sized to stay under 4 MB per response). */
  chunkRows?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Milliseconds before a sync is declared hung (additive; default 60 000). */
  syncTimeoutMs?: number;
  /** Requirement-set check (additive), as in WriteOptions. */
  isSetSupported?: (name: string, version: string) => boolean;
}

export interface WriteOptions {
  lang: Lang;
  /** Where the per-customer columns go: beside the data when free (default) or always on a new sheet. */
  placement?: 'auto' | 'new-sheet';
  summary?: boolean;
  charts?: boolean;
  pivot?: boolean;
  /** Replace this add-in's outputs of an earlier run (the pane asks the user first). */
  replacePrevious?: boolean;
  /** Where the analysed block sits (from SelectionData). */
  source: { sheet: string; address: string };
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Milliseconds before a sync is declared hung (default 60 000). */
  syncTimeoutMs?: number;
  /**
   * Requirement-set check (additive): defaults to Office.context.requirements.isSetSupported in Office and to
   * "everything supported" elsewhere; the CLI and tests pass the simulator's.
   */
  isSetSupported?: (name: string, version: string) => boolean;
}

export interface WriteReport {
  /** Sheets created or written, in the order a user would visit them. */
  sheets: string[];
  tables: string[];
  charts: number;
  pivot: boolean;
  /** Features skipped and why (i18n keys + params), e.g. PivotTable on a host without ExcelApi 1.8. */
  notices: { key: string; params?: Record<string, string | number> }[];
  syncs: number;
}
