/** The `segment` command: file → analysis → summary table, JSON, or (with the Excel layer) an enriched workbook. */
import { analyze } from '../engine/analyze';
import { CancelledError, EngineError, type Lang } from '../engine/types';
import { t } from '../i18n';
import { defaultLang, parseCliArgs, type CliArgs } from './args';
import { loadFile } from './readInput';
import { toJsonBytes, toText } from './report';
import { defaultOutPath, segmentToWorkbook, type WorkbookRun } from './workbook';

export interface CliIo {
  /** Text, or UTF-8 bytes (the JSON document: written as made, never as one long string); see outputText. */
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What the CLI wrote to stdout as text (for callers that collect it: tests, the dataset suite). */
export function outputText(out: string | Uint8Array): string {
  return typeof out === 'string' ? out : new TextDecoder().decode(out);
}

/** Analyses the file and prints the result (the table, or JSON with --json) without a workbook. */
async function printAnalysis(args: CliArgs, io: CliIo, lang: Lang): Promise<void> {
  const loaded = await loadFile(args.file, { sheet: args.sheet, range: args.range });
  const result = await analyze(loaded.input, args.options);
  if (args.json) io.stdout(toJsonBytes(result, args.file, loaded, lang));
  else io.stdout(toText(result, args.file, loaded, lang));
}

/** Exit codes: 0 done, 1 unexpected failure, 2 the input or the arguments need the user's attention. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let lang: Lang = defaultLang(io.env);
  let args: CliArgs;
  try {
    const langIndex = argv.indexOf('--lang');
    if (langIndex >= 0 && (argv[langIndex + 1] === 'zh' || argv[langIndex + 1] === 'en'))
      lang = argv[langIndex + 1] as Lang;
    args = parseCliArgs(argv, io.env);
    lang = args.lang;
    if (args.help) {
      io.stdout(t('cli.help', lang) + '\n');
      return 0;
    }
    // --json alone, or --no-write, prints only; otherwise the enriched workbook is written too.
    const write = !args.noWrite && (!args.json || args.out !== undefined);
    if (!write) {
      await printAnalysis(args, io, lang);
      return 0;
    }
    const out = args.out ?? defaultOutPath(args.file);
    let run: WorkbookRun;
    try {
      run = await segmentToWorkbook(args.file, out, {
        sheet: args.sheet,
        range: args.range,
        lang,
        options: args.options,
      });
    } catch (e) {
      if (!(e instanceof EngineError && e.code === 'workbook_too_large')) throw e;
      // The analysis needs no workbook: the user gets it, then why no workbook was written.
      await printAnalysis(args, io, lang);
      io.stderr(t('errors.workbook_too_large', lang, e.params) + '\n');
      return 2;
    }
    // With --json, stdout carries only the JSON document: the notes about the file go to stderr.
    const note = args.json ? io.stderr : io.stdout;
    if (args.json) io.stdout(toJsonBytes(run.result, args.file, run.loaded, lang));
    else io.stdout(toText(run.result, args.file, run.loaded, lang));
    note(
      t('cli.wrote', lang, { file: out, sheets: run.report.sheets.join(lang === 'zh' ? '、' : ', ') }) + '\n',
    );
    for (const n of run.report.notices) note(`• ${t(n.key, lang, n.params)}\n`);
    if (run.unsaved.length > 0)
      note(t('cli.unsaved', lang, { objects: run.unsaved.join(lang === 'zh' ? '；' : '; ') }) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof EngineError) {
      io.stderr(t(`errors.${e.code}`, lang, e.params) + '\n');
      return 2;
    }
    if (e instanceof CancelledError) {
      io.stderr(t('errors.cancelled', lang) + '\n');
      return 2;
    }
    io.stderr(t('errors.unexpected', lang, { detail: e instanceof Error ? e.message : String(e) }) + '\n');
    return 1;
  }
}
