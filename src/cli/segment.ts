/** The `segment` command: file → analysis → summary table, JSON, or (with the Excel layer) an enriched workbook. */
import { analyze } from '../engine/analyze';
import { CancelledError, EngineError, type Lang } from '../engine/types';
import { t } from '../i18n';
import { defaultLang, parseCliArgs, type CliArgs } from './args';
import { loadFile } from './readInput';
import { toJson, toText } from './report';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done, 1 unexpected failure, 2 the input or the arguments need the user's attention. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let lang: Lang = defaultLang(io.env);
  let args: CliArgs;
  try {
    const langIndex = argv.indexOf('--lang');
    if (langIndex >= 0 && (argv[langIndex + 1] === 'zh' || argv[langIndex + 1] === 'en')) lang = argv[langIndex + 1] as Lang;
    args = parseCliArgs(argv, io.env);
    lang = args.lang;
    if (args.help) {
      io.stdout(t('cli.help', lang) + '\n');
      return 0;
    }
    const loaded = await loadFile(args.file, { sheet: args.sheet, range: args.range });
    const result = await analyze(loaded.input, args.options);
    if (args.json) io.stdout(JSON.stringify(toJson(result, args.file, loaded, lang)) + '\n');
    else io.stdout(toText(result, args.file, loaded, lang));
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
