/**
 * Where the pane runs. Inside Excel: the runner is `Excel.run` (via src/excel/officeRunner) and the
 * choices live in the document's settings. Outside Office (the demo page, tests, a plain browser): the
 * runner is a simulated workbook's `run` from src/sim, loaded lazily so it never weighs on the Excel pane.
 */
import type { ExcelRunner } from '../excel/api';
import { activateSheet, officeRunner, selectRange } from '../excel/officeRunner';
import { normalizePrefs, WORKBOOK_SETTINGS_KEY, type WorkbookPrefs } from './settings';

export interface PaneHost {
  kind: 'office' | 'sim';
  run: ExcelRunner;
  /** Office's display language ("zh-CN"), or the browser's outside Office. */
  displayLanguage: string;
  loadPrefs(): Promise<WorkbookPrefs>;
  savePrefs(prefs: WorkbookPrefs): Promise<void>;
  activateSheet(sheet: string): Promise<void>;
  selectRange(sheet: string, address: string): Promise<void>;
  /** Tells the host that the workbook was written (the demo redraws its view). */
  workbookChanged(): void;
}

/** Office.onReady, or null when office.js is absent or does not answer (a plain browser tab). */
async function officeInfo(timeoutMs: number): Promise<{ host: Office.HostType | null } | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([Office.onReady().then((info) => ({ host: info.host ?? null })), timeout]);
}

export function officeHost(): PaneHost {
  const settings = () => Office.context.document.settings;
  return {
    kind: 'office',
    run: officeRunner,
    displayLanguage: Office.context.displayLanguage || 'en-US',
    async loadPrefs() {
      try {
        return normalizePrefs(settings().get(WORKBOOK_SETTINGS_KEY));
      } catch {
        return normalizePrefs(null);
      }
    },
    savePrefs(prefs) {
      return new Promise((resolve) => {
        try {
          settings().set(WORKBOOK_SETTINGS_KEY, prefs);
          // A failed save only means the choices are not remembered: never block the run on it.
          settings().saveAsync(() => resolve());
        } catch {
          resolve();
        }
      });
    },
    activateSheet: (sheet) => activateSheet(officeRunner, sheet),
    selectRange: (sheet, address) => selectRange(officeRunner, sheet, address),
    workbookChanged() {},
  };
}

/** A host over any runner outside Office; the choices are kept in memory per workbook. */
export function simHost(run: ExcelRunner, hooks: Partial<Pick<PaneHost, 'activateSheet' | 'selectRange' | 'workbookChanged'>> = {}): PaneHost {
  let stored: unknown = null;
  return {
    kind: 'sim',
    run,
    displayLanguage: (typeof navigator !== 'undefined' && navigator.language) || 'en-US',
    async loadPrefs() {
      return normalizePrefs(stored === null ? null : JSON.parse(String(stored)));
    },
    async savePrefs(prefs) {
      stored = JSON.stringify(prefs);
    },
    activateSheet: hooks.activateSheet ?? ((sheet) => activateSheet(run, sheet)),
    selectRange: hooks.selectRange ?? ((sheet, address) => selectRange(run, sheet, address)),
    workbookChanged: hooks.workbookChanged ?? (() => {}),
  };
}

/** Inside Excel the Office host; elsewhere an empty simulated workbook (the pane says so). */
export async function detectHost(): Promise<PaneHost> {
  const info = await officeInfo(4000);
  if (info && info.host === Office.HostType.Excel) return officeHost();
  const { createWorkbook } = await import(/* webpackChunkName: "sim" */ '../sim');
  const wb = createWorkbook();
  return simHost(wb.run);
}
