/** Excel's naming rules for worksheets and tables. */
import { looksLikeCellReference } from './address';

/** Why a worksheet name is refused (null when Excel accepts it). Uniqueness is checked by the caller. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'blank';
  if (name.length > 31) return 'longer than 31 characters';
  if (/[[\]:*?/\\]/.test(name)) return 'contains one of [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return 'begins or ends with an apostrophe';
  if (name.toLowerCase() === 'history') return '"History" is reserved';
  return null;
}

/** Why a table (or PivotTable) name is refused (null when Excel accepts it). */
export function tableNameProblem(name: string): string | null {
  if (name.length === 0) return 'blank';
  if (name.length > 255) return 'longer than 255 characters';
  if (!/^[\p{L}_\\]/u.test(name)) return 'must begin with a letter, an underscore or a backslash';
  if (!/^[\p{L}\p{N}_\\.]+$/u.test(name)) return 'only letters, digits, underscores, periods and backslashes';
  if (looksLikeCellReference(name)) return 'looks like a cell reference';
  return null;
}
