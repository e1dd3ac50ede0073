/** Turns an AnalysisResult into the CLI's JSON document and its readable zh/en summary table. */
import { isoFromSerial } from '../engine/dates';
import { issueAt, issueCounts, isSkippedRow } from '../engine/issues';
import type {
  AnalysisResult,
  Categorical,
  IssueTable,
  Lang,
  MethodColumn,
  ReportTable,
  SegmentSummary,
} from '../engine/types';
import { segmentText, t } from '../i18n';
import type { LoadedFile } from './readInput';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A finite number rounded to 10 decimals (float noise off), or null. */
function num(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return Math.round(x * 1e10) / 1e10;
}

function label(cat: Categorical | null, i: number): string | null {
  if (!cat) return null;
  const c = cat.codes[i];
  return c < 0 ? null : cat.labels[c];
}

function columnValue(col: MethodColumn, i: number): Json {
  if (col.values instanceof Float64Array) return num(col.values[i]);
  return col.values[i] ?? null;
}

/** Rows of a table as objects keyed by column key. */
function tableObjects(table: ReportTable): Record<string, Json>[] {
  return table.rows.map((row) => {
    const o: Record<string, Json> = {};
    table.columns.forEach((c, k) => {
      const v = row[k];
      o[c.key] = typeof v === 'number' ? num(v) : (v ?? null);
    });
    return o;
  });
}

function segmentJson(s: SegmentSummary, lang: Lang): Record<string, Json> {
  const text = segmentText(s.method, s.id);
  return {
    method: s.method,
    id: s.id,
    name: text ? text.name[lang] : s.id,
    customers: s.customers,
    customer_share: num(s.customerShare),
    revenue: num(s.revenue),
    revenue_share: num(s.revenueShare),
    mean_recency: num(s.meanRecency),
    mean_frequency: num(s.meanFrequency),
    mean_monetary: num(s.meanMonetary),
    mean_clv: num(s.meanClv),
    description: text ? text.description[lang] : '',
    action: text ? text.action[lang] : '',
  };
}

const utf8 = new TextEncoder();

/**
 * Each issue's JSON after its row (`"reason":…}`), as UTF-8 bytes: Online Retail has 135,080 issues that
 * share a handful of messages, so each distinct message (with its column, value and customer) is formatted
 * and encoded once. Returns the distinct tails and, per issue, which one it has.
 */
function issueTails(issues: IssueTable, lang: Lang): { tails: Uint8Array[]; of: Int32Array } {
  // (reason, column) → (value, customer) → tail number, keyed by the table's codes (T + 1 codes per text
  // field, −1 included, so both keys stay exact integers).
  const T = issues.texts.length + 1;
  const index = new Map<number, Map<number, number>>();
  const tails: Uint8Array[] = [];
  const of = new Int32Array(issues.length);
  for (let i = 0; i < issues.length; i++) {
    const first = issues.reason[i] * T + issues.column[i] + 1;
    const second = (issues.value[i] + 1) * T + issues.customer[i] + 1;
    let inner = index.get(first);
    if (!inner) index.set(first, (inner = new Map()));
    let tail = inner.get(second);
    if (tail === undefined) {
      const x = issueAt(issues, i);
      const message = t(`issue.${x.reason}`, lang, {
        column: x.column ?? '',
        value: x.value ?? '',
        customer: x.customer ?? '',
      });
      // An absent field is left out of the JSON (unlike an empty one).
      const rest: Record<string, string> = { reason: x.reason, message };
      if (x.column !== undefined) rest.column = x.column;
      if (x.value !== undefined) rest.value = x.value;
      if (x.customer !== undefined) rest.customer = x.customer;
      tail = tails.push(utf8.encode(JSON.stringify(rest).slice(1))) - 1;
      inner.set(second, tail);
    }
    of[i] = tail;
  }
  return { tails, of };
}

/** Decimal digits of a whole number from 0 to 10^9. */
function digitCount(v: number): number {
  let digits = 1;
  for (let p = 10; v >= p; p *= 10) digits++;
  return digits;
}

/** A row number's JSON as bytes, for the rare row that is not a whole number below 10^9. */
function rowJson(row: number): Uint8Array {
  return utf8.encode(JSON.stringify(row));
}

/**
 * The `--json` document and a line break as UTF-8 bytes, what the CLI prints. The issues (the longest part:
 * 17 MB on Online Retail) are written as bytes straight into the output, without a string or an object
 * per issue; the rest is the JSON of documentWithoutIssues.
 */
export function toJsonBytes(
  result: AnalysisResult,
  file: string,
  loaded: LoadedFile,
  lang: Lang,
): Uint8Array {
  const doc = JSON.stringify(documentWithoutIssues(result, file, loaded, lang));
  const issues = result.issues;
  // The issues go last: the same document, with "issues" as its last key. Each issue is its row's digits
  // then one piece: `,` + the rest of its JSON + what opens the next issue (or closes the document).
  const head = utf8.encode(`${doc.slice(0, -1)},"issues":[${issues.length > 0 ? '{"row":' : ''}`);
  const { tails, of } = issueTails(issues, lang);
  const between = tails.map((tail) => joined([0x2c], tail, NEXT_ROW));
  const last = issues.length > 0 ? joined([0x2c], tails[of[issues.length - 1]], END) : END;
  // Rows are written digit by digit below 10^9 (every sheet and file row), through JSON.stringify otherwise.
  const plain = (row: number): boolean => Number.isInteger(row) && row >= 0 && row < 1e9;
  let size = head.length + last.length;
  for (let i = 0; i < issues.length; i++) {
    const row = issues.row[i];
    size += plain(row) ? digitCount(row) : rowJson(row).length;
    if (i < issues.length - 1) size += between[of[i]].length;
  }
  const out = new Uint8Array(size);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < issues.length; i++) {
    let v = issues.row[i];
    if (plain(v)) {
      const digits = digitCount(v);
      for (let d = at + digits - 1; d >= at; d--) {
        out[d] = 0x30 + (v % 10);
        v = (v - (v % 10)) / 10;
      }
      at += digits;
    } else {
      const text = rowJson(v);
      out.set(text, at);
      at += text.length;
    }
    if (i === issues.length - 1) break;
    const piece = between[of[i]];
    out.set(piece, at);
    at += piece.length;
  }
  out.set(last, at);
  return out;
}

const NEXT_ROW = utf8.encode(',{"row":');
const END = utf8.encode(']}\n');

/** The bytes of the parts one after the other. */
function joined(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The `--json` document (the CLI's contract; see README) but its issues, which toJsonBytes adds. */
function documentWithoutIssues(
  result: AnalysisResult,
  file: string,
  loaded: LoadedFile,
  lang: Lang,
): Record<string, Json> {
  const f = result.facts;
  const roles: Record<string, string> = {};
  for (const r of result.roles) roles[r.role] = r.header;
  const columns = result.methods.flatMap((m) => m.columns);
  const customers: Record<string, Json>[] = new Array(f.n);
  // Thousands of customers share a few hundred purchase days: each day's text is made once.
  const days = new Map<number, string | null>();
  const dayText = (serial: number): string | null => {
    let text = days.get(serial);
    if (text === undefined) days.set(serial, (text = isoFromSerial(serial) || null));
    return text;
  };
  for (let i = 0; i < f.n; i++) {
    const c: Record<string, Json> = {
      id: f.ids[i],
      recency_days: num(f.recency[i]),
      frequency: num(f.frequency[i]),
      monetary: num(f.monetary[i]),
      orders: num(f.orders[i]),
      first_purchase: dayText(f.firstPurchase[i]),
      last_purchase: dayText(f.lastPurchase[i]),
      tenure_days: num(f.tenure[i]),
      aov: num(f.aov[i]),
      scored: f.scored[i] === 1,
    };
    if (f.names) c.name = f.names[i] || null;
    if (f.profit) c.profit = num(f.profit[i]);
    if (f.region) c.region = label(f.region, i);
    if (f.category) c.category = label(f.category, i);
    if (f.product) c.product = label(f.product, i);
    if (f.channel) c.channel = label(f.channel, i);
    for (const col of columns) c[col.key] = columnValue(col, i);
    customers[i] = c;
  }
  const thresholds: Record<string, Json> = {};
  const tables: Record<string, Json> = {};
  const models: Record<string, Json> = {};
  for (const m of result.methods) {
    for (const table of m.tables) {
      if (table.id.endsWith('thresholds'))
        thresholds[table.id.replace(/_?thresholds$/, '') || m.id] = tableObjects(table);
      else tables[table.id] = tableObjects(table);
    }
    if (m.model && m.id !== 'contributions') {
      const model = JSON.parse(JSON.stringify(m.model)) as Record<string, Json>;
      // The CLV method fits several models: each is reported under its own name (models.bgnbd, …).
      if (m.id === 'clv') Object.assign(models, model);
      else models[m.id] = model;
    }
  }
  return {
    input: {
      file,
      sheet: loaded.sheet,
      range: loaded.range,
      header_row: result.input.headerRow,
      rows: result.input.rows,
      used: result.input.used,
      skipped: result.input.skipped,
      kind: result.input.kind,
      ...(loaded.encoding ? { encoding: loaded.encoding } : {}),
      ...(loaded.strict ? { strict_open_xml: true } : {}),
    },
    roles,
    role_confidence: Object.fromEntries(result.roles.map((r) => [r.role, num(r.confidence)])),
    as_of: result.asOf || null,
    amounts: {
      input: num(result.amounts.input),
      used: num(result.amounts.used),
      skipped: num(result.amounts.skipped),
    },
    methods: result.methods.map((m) => m.id),
    skipped_methods: result.skippedMethods.map((s) => ({
      id: s.id,
      reason: t(s.notice.key, lang, s.notice.params),
    })),
    customers,
    thresholds,
    segments: result.segments.map((s) => segmentJson(s, lang)),
    contributions: result.contributions.map((r) => ({
      dimension: r.dimension,
      member: r.member,
      segment: r.segment,
      revenue: num(r.revenue),
      profit: num(r.profit),
      customers: r.customers,
      orders: r.orders,
      revenue_share: num(r.revenueShare),
      cumulative_share: num(r.cumulativeShare),
    })),
    tables,
    models,
    timings_ms: result.timings,
  };
}

/** Display width in a terminal: East Asian wide characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function textTable(headers: string[], rows: string[][], numeric: boolean[]): string {
  const widths = headers.map((h, k) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k]))));
  const line = (cells: string[]): string =>
    cells
      .map((c, k) => pad(c, widths[k], numeric[k]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The readable summary printed without --json. */
export function toText(result: AnalysisResult, file: string, loaded: LoadedFile, lang: Lang): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const out: string[] = [];
  const inp = result.input;
  out.push(t('cli.title', lang, { file, sheet: loaded.sheet, range: loaded.range }));
  out.push(
    t('cli.rows', lang, {
      rows: int.format(inp.rows),
      used: int.format(inp.used),
      skipped: int.format(inp.skipped),
      kind: t(`kind.${inp.kind}`, lang),
      asOf: result.asOf || '—',
      header: inp.headerRow,
    }),
  );
  out.push(
    t('cli.roles', lang) +
      result.roles
        .map((r) => `${t(`role.${r.role}`, lang)} ← ${r.header} (${pct.format(r.confidence)})`)
        .join(lang === 'zh' ? '；' : '; '),
  );
  const scored = result.facts.scored.reduce((a, b) => a + b, 0);
  out.push(t('cli.customers', lang, { customers: int.format(result.facts.n), scored: int.format(scored) }));
  for (const m of result.methods) {
    const segs = result.segments.filter((s) => s.method === m.id);
    if (segs.length === 0) continue;
    out.push('', `■ ${t(`method.${m.id}`, lang)}`);
    const headers = ['segment', 'customers', 'customer_share', 'revenue', 'revenue_share', 'action'].map(
      (k) => t(`cli.col.${k}`, lang),
    );
    const rows = segs.map((s) => {
      const text = segmentText(s.method, s.id);
      return [
        text ? text.name[lang] : s.id,
        int.format(s.customers),
        pct.format(s.customerShare),
        money.format(s.revenue),
        pct.format(s.revenueShare),
        text ? text.action[lang] : '',
      ];
    });
    out.push(textTable(headers, rows, [false, true, true, true, true, false]));
  }
  for (const s of result.skippedMethods)
    out.push('', `• ${t(`method.${s.id}`, lang)}: ${t(s.notice.key, lang, s.notice.params)}`);
  if (result.issues.length > 0) {
    const counts = issueCounts(result.issues);
    let rowIssues = 0;
    for (const [reason, n] of counts) if (isSkippedRow(reason)) rowIssues += n;
    out.push('', t('cli.issues', lang, { count: int.format(rowIssues) }));
    for (const [reason, n] of counts) out.push(`  ${t(`reason.${reason}`, lang)}: ${int.format(n)}`);
  }
  return out.join('\n') + '\n';
}
