/** The Excel layer: the only code that calls the Excel JavaScript API. */
export type { ExcelRunner, SelectionData, ReadOptions, WriteOptions, WriteReport } from './api';
export { writeAnalysis, OUTPUTS_SETTING } from './write';
export type { OutputRecord } from './write';
export { planLayout, besideRegion, orderSegmentRegion, numberFormatOf, primaryMethod } from './layout';
export type { Layout, Block, OutColumn, ChartSpec, PivotSpec, WorkbookFacts } from './layout';
export { readSelection, readSheetRange } from './read';
