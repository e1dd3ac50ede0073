/** Command-line arguments of `segment`, parsed and validated into AnalyzeOptions. */
import { parseArgs } from 'node:util';
import {
  EngineError,
  ROLES,
  type AnalyzeOptions,
  type Lang,
  type MethodId,
  type Role,
} from '../engine/types';

export interface CliArgs {
  file: string;
  sheet?: string;
  range?: string;
  json: boolean;
  lang: Lang;
  out?: string;
  /** Write no workbook (print only). */
  noWrite: boolean;
  help: boolean;
  options: AnalyzeOptions;
}

/** The language of the environment: zh for a Chinese locale, else en. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/**
 * Parses "customer_id=客户 ID,amount=Sales" into a role map. A header may itself hold a comma: a piece that
 * does not start with a known role name is glued back to the previous one.
 */
export function parseMap(text: string): Partial<Record<Role, string | null>> {
  const map: Partial<Record<Role, string | null>> = {};
  let last: Role | null = null;
  for (const piece of text.split(',')) {
    const eq = piece.indexOf('=');
    const role = eq > 0 ? piece.slice(0, eq).trim() : '';
    if ((ROLES as readonly string[]).includes(role)) {
      last = role as Role;
      const header = piece.slice(eq + 1);
      map[last] = header.trim() === '' ? null : header;
    } else if (last !== null && map[last] !== null) {
      map[last] = `${map[last]},${piece}`;
    } else {
      throw new EngineError('bad_map', { value: piece });
    }
  }
  return map;
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new EngineError('bad_option', { option: name, value });
  return n;
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new EngineError('bad_option', { option: name, value, allowed: allowed.join(', ') });
  }
  return value as T;
}

/** Parse argv (without node and the script). */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: 'string' },
        range: { type: 'string' },
        'as-of': { type: 'string' },
        map: { type: 'string' },
        methods: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        kind: { type: 'string' },
        'date-system': { type: 'string' },
        'day-first': { type: 'boolean' },
        'month-first': { type: 'boolean' },
        'exclude-returns': { type: 'boolean', default: false },
        bins: { type: 'string' },
        binning: { type: 'string' },
        'class8-threshold': { type: 'string' },
        'tier-by': { type: 'string' },
        'quadrant-threshold': { type: 'string' },
        k: { type: 'string' },
        seed: { type: 'string' },
        features: { type: 'string' },
        period: { type: 'string' },
        horizon: { type: 'string' },
        discount: { type: 'string' },
        margin: { type: 'string' },
        retention: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new EngineError('bad_arguments', { detail: (e as Error).message });
  }
  const v = parsed.values;
  const lang = oneOf('--lang', v.lang, ['zh', 'en'] as const) ?? defaultLang(env);
  const help = v.help === true;
  if (!help && parsed.positionals.length !== 1) throw new EngineError('usage');

  const options: AnalyzeOptions = {};
  if (v['as-of'] !== undefined) options.asOf = v['as-of'];
  if (v.map !== undefined) options.map = parseMap(v.map);
  if (v.methods !== undefined) {
    options.methods = v.methods
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean) as MethodId[];
  }
  const kind = oneOf('--kind', v.kind, ['transactions', 'customers'] as const);
  if (kind) options.kind = kind;
  const dateSystem = oneOf('--date-system', v['date-system'], ['1900', '1904'] as const);
  if (dateSystem) options.dateSystem = Number(dateSystem) as 1900 | 1904;
  if (v['day-first']) options.dayFirst = true;
  if (v['month-first']) options.dayFirst = false;
  if (v['exclude-returns']) options.excludeReturns = true;

  const bins = oneOf('--bins', v.bins, ['3', '4', '5'] as const);
  const binning = oneOf('--binning', v.binning, ['quantile', 'rank'] as const);
  if (bins || binning) options.rfm = { bins: bins ? (Number(bins) as 3 | 4 | 5) : undefined, binning };
  const c8 = oneOf('--class8-threshold', v['class8-threshold'], ['mean', 'median'] as const);
  if (c8) options.class8 = { threshold: c8 };
  const tierBy = oneOf('--tier-by', v['tier-by'], ['monetary', 'profit'] as const);
  if (tierBy) options.tiers = { by: tierBy };
  const qt = oneOf('--quadrant-threshold', v['quadrant-threshold'], ['median', 'mean'] as const);
  if (qt) options.quadrants = { threshold: qt };
  if (v.k !== undefined || v.seed !== undefined || v.features !== undefined) {
    options.kmeans = {
      k: v.k === undefined || v.k === 'auto' ? 'auto' : numberOption('--k', v.k),
      seed: numberOption('--seed', v.seed),
      features: v.features?.split(',').map((s) => s.trim()),
    };
  }
  const period = oneOf('--period', v.period, ['day', 'week', 'month'] as const);
  const horizon = numberOption('--horizon', v.horizon);
  const discount = numberOption('--discount', v.discount);
  const margin = numberOption('--margin', v.margin);
  const retention = numberOption('--retention', v.retention);
  if ([period, horizon, discount, margin, retention].some((x) => x !== undefined)) {
    options.clv = { period, horizon, discount, margin, retention };
  }

  return {
    file: parsed.positionals[0] ?? '',
    sheet: v.sheet,
    range: v.range,
    json: v.json === true,
    lang,
    out: v.out,
    noWrite: v['no-write'] === true,
    help,
    options,
  };
}
