/**
 * Loading a simulated workbook from .xlsx / .csv and saving it to .xlsx, through ExcelJS. ExcelJS cannot
 * write charts or PivotTables: those stay in the sim's data, and the saved file lists them on a "Notes"
 * sheet saying plainly that they were not written.
 */
import ExcelJS from 'exceljs';
import { parseDelimited } from '../io/csv';
import { serialFromDate } from '../engine/dates';
import type { Lang } from '../engine/types';
import { hasText, t } from '../i18n';
import { parseAddress, qualified, rectAddress } from './address';
import { DEFAULT_WIDTH } from './objects';
import { sheetNameProblem } from './names';
import { isFormula, SheetState, type Stored, WorkbookState } from './state';
import { wrapState, type SimWorkbookHandle } from './workbook';

/** Hidden sheet that carries the workbook settings through a file (Excel keeps them in a web-extension part). */
const SETTINGS_SHEET = '__sim_settings';
/** Points per character of column width (Excel's default 8.43 characters = 48 points). */
const POINTS_PER_CHAR = DEFAULT_WIDTH / 8.43;
const MS_PER_DAY = 86_400_000;

function toStored(value: ExcelJS.CellValue): Stored | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value instanceof Date) {
    const day = serialFromDate(value);
    const frac = (((value.getTime() % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY;
    return Number.isFinite(day) ? day + frac : undefined;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('') || undefined;
    if ('formula' in value || 'sharedFormula' in value) {
      const v = value as { formula?: string; sharedFormula?: string; result?: unknown };
      const result = toStored((v.result ?? null) as ExcelJS.CellValue);
      const resultValue = result === undefined || isFormula(result) ? undefined : result;
      return { formula: `=${v.formula ?? v.sharedFormula ?? ''}`, result: resultValue };
    }
    if ('error' in value) return String(value.error);
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

/** Loads an .xlsx file into a simulated workbook (values, number formats, tables, widths, settings). */
export async function loadXlsx(bytes: Uint8Array | ArrayBuffer): Promise<SimWorkbookHandle> {
  const wb = new ExcelJS.Workbook();
  const buffer = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const state = new WorkbookState();
  wb.eachSheet((ws) => {
    if (ws.name === SETTINGS_SHEET) {
      let json = '';
      ws.eachRow((row) => (json += String(row.getCell(1).value ?? '')));
      try {
        const parsed = JSON.parse(json) as Record<string, unknown>;
        for (const [k, v] of Object.entries(parsed)) state.settings.set(k, v);
      } catch {
        // a damaged settings sheet only loses the record of earlier outputs
      }
      return;
    }
    const sheet = state.addSheet(ws.name);
    if (ws.state === 'hidden') sheet.visibility = 'Hidden';
    if (ws.state === 'veryHidden') sheet.visibility = 'VeryHidden';
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const v = toStored(cell.value);
        if (v !== undefined) sheet.setRaw(rowNumber - 1, colNumber - 1, v);
        const fmt = cell.numFmt;
        if (fmt && fmt !== 'General') sheet.setFormat(rowNumber - 1, colNumber - 1, fmt);
      });
    });
    ws.columns?.forEach((col, i) => {
      if (col.width) sheet.columnWidths.set(i, Math.round(col.width * POINTS_PER_CHAR));
    });
    const frozen = ws.views?.find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
    if (frozen?.ySplit) sheet.freezeRows = frozen.ySplit;
    for (const t of ws.getTables() as unknown as ExcelJS.Table[]) {
      const model = (
        t as unknown as {
          model?: { name: string; tableRef?: string; ref?: string; style?: { theme?: string } };
        }
      ).model;
      const ref = model?.tableRef ?? model?.ref;
      const p = ref ? parseAddress(ref.includes(':') ? ref : `${ref}:${ref}`) : null;
      if (!model || !p) continue;
      state.tables.push({
        id: state.newId('table'),
        name: model.name,
        sheetId: sheet.id,
        rect: p,
        style: model.style?.theme ?? 'TableStyleMedium2',
        showHeaders: true,
      });
    }
    const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: { type: string }[] }[] })
      .conditionalFormattings;
    for (const cf of cfs ?? []) {
      const p = parseAddress(cf.ref.split(' ')[0]);
      const rule = cf.rules[0];
      if (!p || !rule || (rule.type !== 'colorScale' && rule.type !== 'dataBar')) continue;
      state.conditionalFormats.push({
        sheetId: sheet.id,
        rect: p,
        type: rule.type === 'colorScale' ? 'ColorScale' : 'DataBar',
        settings: { xlsx: rule },
      });
    }
  });
  if (state.liveSheets().length === 0) state.addSheet('Sheet1');
  return wrapState(state);
}

/** Whether text is a plain number Excel would not mangle (no leading zeros, ≤ 15 significant digits). */
function csvNumber(text: string): number | null {
  const s = text.trim();
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return null;
  if (s.replace(/[-.]|[eE].*$/g, '').replace(/^0+/, '').length > 15) return null;
  return Number(s);
}

/**
 * Loads CSV text as a one-sheet workbook. Plain numbers become numbers; everything else stays text, including
 * ids with leading zeros and text starting with "=" (Excel would turn those into numbers and formulas).
 */
export function loadCsv(text: string, name = 'Sheet1'): SimWorkbookHandle {
  // The same parser and delimiter detection as the CLI's --json path, so both paths see the same cells.
  const rows = parseDelimited(text.replace(/^\uFEFF/, ''));
  const state = new WorkbookState();
  let sheetName = name
    .slice(0, 31)
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '');
  if (sheetNameProblem(sheetName)) sheetName = 'Sheet1';
  const sheet = state.addSheet(sheetName);
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === '') return;
      const n = csvNumber(cell);
      sheet.setRaw(r, c, n ?? cell);
    }),
  );
  return wrapState(state);
}

function toExcelJs(v: Stored): ExcelJS.CellValue {
  if (isFormula(v)) {
    const f = v.formula.startsWith('=') ? v.formula.slice(1) : v.formula;
    return v.result === undefined
      ? { formula: f, date1904: false }
      : ({ formula: f, result: v.result } as ExcelJS.CellValue);
  }
  return v;
}

/** A chart or PivotTable the sim holds but a saved .xlsx cannot, as data. */
export type UnsavedObject =
  | { kind: 'chart'; title: string; type: string; sheet: string; source: string }
  | {
      kind: 'pivot';
      name: string;
      sheet: string;
      destination: string;
      source: string;
      rows: string[];
      values: { field: string; summarizeBy: string }[];
    };

/** Charts and PivotTables the sim holds but a saved file cannot. */
export function unsavedObjectList(handle: SimWorkbookHandle): UnsavedObject[] {
  const state = handle.state;
  const sheetName = (id: string) => state.sheetById(id)?.name ?? '?';
  return [
    ...state.charts.map((c): UnsavedObject => ({
      kind: 'chart',
      title: c.title || c.name,
      type: c.type,
      sheet: sheetName(c.sheetId),
      source: c.source,
    })),
    ...state.pivots.map((p): UnsavedObject => ({
      kind: 'pivot',
      name: p.name,
      sheet: sheetName(p.sheetId),
      destination: p.destination,
      source: p.source,
      rows: [...p.rows],
      values: p.data.map((d) => ({ field: d.field, summarizeBy: d.summarizeBy })),
    })),
  ];
}

/** One unsaved object as a sentence in a language (chart types and aggregations named in it). */
export function describeUnsaved(o: UnsavedObject, lang: Lang): string {
  const known = (key: string, fallback: string) => (hasText(key) ? t(key, lang) : fallback);
  if (o.kind === 'chart')
    return t('ui.unsaved.chart', lang, {
      title: o.title,
      type: known(`ui.charttype.${o.type}`, o.type),
      sheet: o.sheet,
      source: o.source,
    });
  const sep = lang === 'zh' ? '、' : ', ';
  return t('ui.unsaved.pivot', lang, {
    name: o.name,
    sheet: o.sheet,
    destination: o.destination,
    source: o.source,
    rows: o.rows.join(sep),
    values: o.values
      .map((v) =>
        t('ui.unsaved.pivot_value', lang, {
          summarize: known(`ui.summarize.${v.summarizeBy}`, v.summarizeBy),
          field: v.field,
        }),
      )
      .join(sep),
  });
}

/** Charts and PivotTables the sim holds but a saved file cannot, one line each in a language (default English). */
export function unsavedObjects(handle: SimWorkbookHandle, lang: Lang = 'en'): string[] {
  return unsavedObjectList(handle).map((o) => describeUnsaved(o, lang));
}

function cfRule(
  cf: WorkbookState['conditionalFormats'][number],
  priority: number,
): ExcelJS.ConditionalFormattingRule {
  if (cf.settings.xlsx) return { ...(cf.settings.xlsx as ExcelJS.ConditionalFormattingRule), priority };
  const argb = (c: unknown) =>
    `FF${String(c ?? '#FFFFFF')
      .replace('#', '')
      .toUpperCase()}`;
  if (cf.type === 'DataBar')
    return {
      type: 'dataBar',
      priority,
      cfvo: [{ type: 'min' }, { type: 'max' }],
      gradient: true,
    } as ExcelJS.ConditionalFormattingRule;
  const crit = (cf.settings.criteria ?? {}) as Record<
    string,
    { type?: string; formula?: string | null; color?: string } | undefined
  >;
  const points = (['minimum', 'midpoint', 'maximum'] as const)
    .map((k) => crit[k])
    .filter((p) => p !== undefined);
  const cfvoType = (type: string | undefined): ExcelJS.CfvoTypes => {
    const t = (type ?? '').toLowerCase();
    return t === 'lowestvalue'
      ? 'min'
      : t === 'highestvalue'
        ? 'max'
        : t === 'percent'
          ? 'percent'
          : t === 'number'
            ? 'num'
            : 'percentile';
  };
  const list =
    points.length >= 2
      ? points
      : [
          { type: 'LowestValue', color: '#F8696B' },
          { type: 'HighestValue', color: '#63BE7B' },
        ];
  return {
    type: 'colorScale',
    priority,
    cfvo: list.map((p) => ({ type: cfvoType(p?.type), value: p?.formula ? Number(p.formula) : undefined })),
    color: list.map((p) => ({ argb: argb(p?.color) })),
  };
}

/** The number of cells saveXlsx writes (values and number formats, counted once per cell). */
export function savedCellCount(handle: SimWorkbookHandle): number {
  let n = 0;
  for (const sheet of handle.state.liveSheets()) {
    for (const [r, row] of sheet.cells) {
      const formats = sheet.formats.get(r);
      const width = Math.max(row.length, formats?.length ?? 0);
      for (let c = 0; c < width; c++) if (row[c] !== undefined || formats?.[c] !== undefined) n++;
    }
    for (const [r, formats] of sheet.formats)
      if (!sheet.cells.has(r)) for (const f of formats) if (f !== undefined) n++;
  }
  return n;
}

/** Saves the workbook as .xlsx: values, number formats, Tables, widths, frozen rows, conditional formats. */
export async function saveXlsx(handle: SimWorkbookHandle): Promise<Uint8Array> {
  const state = handle.state;
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  const writeSheet = (sheet: SheetState) => {
    const ws = wb.addWorksheet(sheet.name, {
      state:
        sheet.visibility === 'Visible' ? 'visible' : sheet.visibility === 'Hidden' ? 'hidden' : 'veryHidden',
      views: sheet.freezeRows > 0 ? [{ state: 'frozen', ySplit: sheet.freezeRows }] : undefined,
    });
    const tables = state.tables.filter((t) => t.sheetId === sheet.id);
    for (const [r, row] of sheet.cells)
      row.forEach((v, c) => {
        if (v !== undefined) ws.getCell(r + 1, c + 1).value = toExcelJs(v);
      });
    for (const [r, row] of sheet.formats)
      row.forEach((f, c) => {
        if (f !== undefined) ws.getCell(r + 1, c + 1).numFmt = f;
      });
    for (const [c, points] of sheet.columnWidths)
      ws.getColumn(c + 1).width = Math.round((points / POINTS_PER_CHAR) * 100) / 100;
    for (const t of tables) {
      const headers: string[] = [];
      for (let c = t.rect.c0; c <= t.rect.c1; c++)
        headers.push(String(sheet.get(t.rect.r0, c) ?? `Column${c - t.rect.c0 + 1}`));
      const rows: ExcelJS.CellValue[][] = [];
      for (let r = t.rect.r0 + 1; r <= t.rect.r1; r++) {
        const line: ExcelJS.CellValue[] = [];
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          const v = sheet.get(r, c);
          line.push(v === undefined ? null : toExcelJs(v));
        }
        rows.push(line);
      }
      // ExcelJS needs at least one data row; Excel tables always have one (possibly blank).
      if (rows.length === 0) rows.push(headers.map(() => null));
      ws.addTable({
        name: t.name,
        ref: rectAddress({ r0: t.rect.r0, c0: t.rect.c0, r1: t.rect.r0, c1: t.rect.c0 }),
        headerRow: true,
        style: { theme: t.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
        columns: headers.map((name) => ({ name, filterButton: true })),
        rows,
      });
      // addTable rewrites the cells: put the number formats back.
      for (let r = t.rect.r0; r <= t.rect.r1; r++)
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          const f = sheet.formats.get(r)?.[c];
          if (f) ws.getCell(r + 1, c + 1).numFmt = f;
        }
    }
    state.conditionalFormats
      .filter((cf) => cf.sheetId === sheet.id)
      .forEach((cf, i) =>
        ws.addConditionalFormatting({ ref: rectAddress(cf.rect), rules: [cfRule(cf, i + 1)] }),
      );
  };
  for (const sheet of state.liveSheets()) writeSheet(sheet);
  const unsaved = unsavedObjectList(handle);
  if (unsaved.length > 0) {
    let name = 'Notes';
    for (let i = 2; state.sheetByName(name); i++) name = `Notes (${i})`;
    // Bilingual: English in column A, Chinese in column B, whatever language the run used.
    const ws = wb.addWorksheet(name);
    ws.getCell(1, 1).value = t('ui.notes.title', 'en');
    ws.getCell(2, 1).value = t('ui.notes.title', 'zh');
    unsaved.forEach((o, i) => {
      ws.getCell(i + 4, 1).value = describeUnsaved(o, 'en');
      ws.getCell(i + 4, 2).value = describeUnsaved(o, 'zh');
    });
    ws.getColumn(1).width = 100;
    ws.getColumn(2).width = 100;
  }
  if (state.settings.size > 0) {
    const ws = wb.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
    const json = JSON.stringify(Object.fromEntries(state.settings));
    for (let i = 0, row = 1; i < json.length; i += 30_000, row++)
      ws.getCell(row, 1).value = json.slice(i, i + 30_000);
  }
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}

export { qualified };
