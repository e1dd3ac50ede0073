/**
 * Where the pane runs. Inside Excel: the runner is `Excel.run` (via src/excel/officeRunner) and the
 * choices live in the document's settings. Outside Office (the demo page, tests, a plain browser): the
 * runner is a simulated workbook's `run` from src/sim, loaded lazily so it never weighs on the Excel pane.
 */
import type { ExcelRunner } from '../excel/api';
import { OUTPUTS_SETTING } from '../excel';
import { activateSheet, officeRunner, selectRange } from '../excel/officeRunner';
import { normalizePrefs, WORKBOOK_SETTINGS_KEY, type WorkbookPrefs } from './settings';

export interface PaneHost {
  kind: 'office' | 'sim';
  run: ExcelRunner;
  /** Requirement-set check; undefined in Office (the Excel layer asks Office itself). */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Whether an earlier run of this add-in left outputs in the workbook (the pane offers to replace them). */
  hasPreviousOutputs(): Promise<boolean>;
  /** Office's display language ("zh-CN"), or the browser's outside Office. */
  displayLanguage: string;
  loadPrefs(): Promise<WorkbookPrefs>;
  savePrefs(prefs: WorkbookPrefs): Promise<void>;
  activateSheet(sheet: string): Promise<void>;
  selectRange(sheet: string, address: string): Promise<void>;
  /** Tells the host that the workbook was written (the demo redraws its view). */
  workbookChanged(): void;
}

/**
 * Whether the page was opened by an Office host: the signals office.js itself reads (host info from the
 * webview, the `_host_Info` query parameter, window.name, or the session copy office.js keeps).
 */
function openedByOffice(): boolean {
  try {
    const ext = (window as unknown as { external?: { GetHostInfo?: unknown } }).external;
    if (typeof ext?.GetHostInfo === 'function' || 'agaveHost' in window) return true;
    if (/[?&]_host_Info=/i.test(window.location.search)) return true;
    if (window.name && /hostInfo/.test(window.name)) return true;
    return Boolean(window.sessionStorage?.getItem('hostInfoValue'));
  } catch {
    return true; // when in doubt, wait for Office
  }
}

/**
 * Office.onReady, or null when office.js is absent or does not answer. In a plain browser office.js never
 * answers (we do not ship its plain-browser helper), so the wait is cut short there; inside Office it is not.
 */
async function officeInfo(timeoutMs: number): Promise<{ host: Office.HostType | null } | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  const ready = Office.onReady().then((info) => ({ host: info.host ?? null }));
  if (openedByOffice()) return ready;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([ready, timeout]);
}

export function officeHost(): PaneHost {
  const settings = () => Office.context.document.settings;
  return {
    kind: 'office',
    run: officeRunner,
    displayLanguage: Office.context.displayLanguage || 'en-US',
    hasPreviousOutputs() {
      // The Excel layer records its outputs in the workbook settings, which the common API also sees.
      return new Promise((resolve) => {
        try {
          settings().refreshAsync(() => resolve(settings().get(OUTPUTS_SETTING) != null));
        } catch {
          resolve(false);
        }
      });
    },
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

/** What the pane needs of a simulated workbook (src/sim's handle has all of it). */
export interface SimLike {
  run: ExcelRunner;
  isSetSupported(name: string, version: string): boolean;
  settings(): Map<string, unknown>;
}

/** A host over a simulated workbook; the pane's choices are kept in memory per workbook. */
export function simHost(
  wb: SimLike,
  hooks: Partial<Pick<PaneHost, 'activateSheet' | 'selectRange' | 'workbookChanged'>> = {},
): PaneHost {
  let stored: unknown = null;
  const run = wb.run;
  return {
    kind: 'sim',
    run,
    isSetSupported: (name, version) => wb.isSetSupported(name, version),
    hasPreviousOutputs: async () => wb.settings().has(OUTPUTS_SETTING),
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
  const info = await officeInfo(1500);
  if (info && info.host === Office.HostType.Excel) return officeHost();
  const { createWorkbook } = await import(/* webpackChunkName: "sim" */ '../sim');
  return simHost(createWorkbook());
}
