/** The in-memory Excel: the subset of the Excel JS API that src/excel uses, with Excel's rules. */
export { createWorkbook, wrapState, SimRequestContext } from './workbook';
export type { SimOptions, SimWorkbookHandle, SimCell } from './workbook';
export {
  loadXlsx,
  saveXlsx,
  savedCellCount,
  loadCsv,
  unsavedObjects,
  unsavedObjectList,
  describeUnsaved,
} from './files';
export type { UnsavedObject } from './files';
export { SimError, PAYLOAD_LIMIT, READ_CELL_LIMIT } from './context';
export { parseAddress, qualified, rectAddress, columnLetters, cellAddress, quoteSheet } from './address';
export type { Rect } from './address';
export { sheetNameProblem, tableNameProblem } from './names';
export type {
  SimStats,
  Stored,
  Formula,
  TableState,
  ChartState,
  PivotState,
  ConditionalFormatState,
} from './state';
