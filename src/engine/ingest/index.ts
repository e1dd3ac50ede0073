/** The ingest stage's public functions. */
export { ingest, decideDateOrder, isTotalsText, columnLetters } from './ingest';
export { parseAmount, parseDay, dayFromNumber, dayFromText, dateShape, MAX_SERIAL } from './values';
export type { DateForm, DateOrder } from './values';
export { findHeader, isBlankCell, isBlankRow, cellText, HEADER_SEARCH_ROWS } from './header';
export {
  detectRoles,
  headerScores,
  normalizeHeader,
  profileColumns,
  resolveColumn,
  isDateFormat,
} from './roles';
export type { ColumnProfile } from './roles';
export { detectKind } from './kind';
