/**
 * Ribbon function command "Segment selection": runs the whole analysis on the current selection with the
 * choices last used in this workbook (the pane's document settings), without opening the pane.
 */
import type { Lang } from '../engine/types';
import { errorText } from '../taskpane/format';
import { officeHost } from '../taskpane/host';
import { analyzeInput, readInput, writeResult } from '../taskpane/pipeline';
import { langFromLocale, loadUserLang, toAnalyzeOptions } from '../taskpane/settings';

const noop = () => {};

export async function segmentSelection(event: Office.AddinCommands.Event): Promise<void> {
  let lang: Lang = 'en';
  try {
    const host = officeHost();
    lang = loadUserLang() ?? langFromLocale(host.displayLanguage);
    const prefs = await host.loadPrefs();
    const selection = await readInput(host, noop);
    const result = await analyzeInput(selection, toAnalyzeOptions(prefs), noop);
    // The user asked for a re-run with one press: earlier outputs of this add-in are replaced, never user data.
    const report = await writeResult(host, selection, result, lang, prefs.output, noop, true);
    if (report.sheets[0]) await host.activateSheet(report.sheets[0]);
  } catch (err) {
    // A function command has no UI of its own; the pane shows the same message when run from there.
    console.error(errorText(err, lang));
  } finally {
    event.completed();
  }
}

// office.js is loaded synchronously before this script, so the action can be registered right away.
Office.onReady(noop);
Office.actions.associate('segmentSelection', segmentSelection);
