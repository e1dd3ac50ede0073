/**
 * Data issues held by column (IssueTable) rather than as one object per issue. A sheet can have a hundred
 * thousand skipped rows (Online Retail: 135,080 lines without a customer id); as objects they were ~10 MB
 * of short-lived heap that the garbage collector copied twice, and the pane's worker cloned them one by
 * one. As columns they are a few typed arrays, built in place and transferred without a copy.
 */
import { ISSUE_REASONS } from './types';
import type { DataIssue, IssueReason, IssueTable } from './types';

export { ISSUE_REASONS };

const REASON_CODE = new Map<IssueReason, number>(ISSUE_REASONS.map((r, k) => [r, k]));

/** The code of a reason in IssueTable.reason. */
function reasonCode(reason: IssueReason): number {
  const code = REASON_CODE.get(reason);
  if (code === undefined) throw new Error(`unknown issue reason ${reason}`);
  return code;
}

/** Builds an IssueTable issue by issue (amortised growth; texts stored once each). */
export class IssueLog {
  private n = 0;
  private row = new Int32Array(64);
  private reason = new Uint8Array(64);
  private column = new Int32Array(64);
  private value = new Int32Array(64);
  private customer = new Int32Array(64);
  private amount = new Float64Array(64);
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();

  /** Adds one issue; amount NaN = the issue carries no amount. */
  add(
    row: number,
    reason: IssueReason,
    amount: number,
    column?: string,
    value?: string,
    customer?: string,
  ): void {
    const i = this.n;
    if (i === this.row.length) this.grow();
    this.row[i] = row;
    this.reason[i] = reasonCode(reason);
    this.column[i] = this.text(column);
    this.value[i] = this.text(value);
    this.customer[i] = this.text(customer);
    this.amount[i] = amount;
    this.n = i + 1;
  }

  /** A log that goes on from the issues of a table. */
  static from(t: IssueTable): IssueLog {
    const log = new IssueLog();
    while (log.row.length < t.length) log.grow();
    log.row.set(t.row);
    log.reason.set(t.reason);
    log.column.set(t.column);
    log.value.set(t.value);
    log.customer.set(t.customer);
    log.amount.set(t.amount);
    log.n = t.length;
    for (const text of t.texts) log.text(text);
    return log;
  }

  /** The issues so far as a table (its own copy: the log may go on). */
  table(): IssueTable {
    const n = this.n;
    return {
      length: n,
      row: this.row.slice(0, n),
      reason: this.reason.slice(0, n),
      column: this.column.slice(0, n),
      value: this.value.slice(0, n),
      customer: this.customer.slice(0, n),
      amount: this.amount.slice(0, n),
      texts: [...this.texts],
    };
  }

  private text(s: string | undefined): number {
    if (s === undefined) return -1;
    let k = this.textIndex.get(s);
    if (k === undefined) {
      k = this.texts.length;
      this.texts.push(s);
      this.textIndex.set(s, k);
    }
    return k;
  }

  private grow(): void {
    const size = this.row.length * 2;
    const bigger = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.row = bigger(this.row, (k) => new Int32Array(k));
    this.reason = bigger(this.reason, (k) => new Uint8Array(k));
    this.column = bigger(this.column, (k) => new Int32Array(k));
    this.value = bigger(this.value, (k) => new Int32Array(k));
    this.customer = bigger(this.customer, (k) => new Int32Array(k));
    this.amount = bigger(this.amount, (k) => new Float64Array(k));
  }
}

/** Whether an issue of this reason means a sheet row was not used (not a title row, not a customer). */
export function isSkippedRow(reason: IssueReason): boolean {
  return reason !== 'above_header' && reason !== 'no_purchase';
}

/** A table of the given issues (tests, fixtures and small lists). */
export function issueTable(issues: readonly DataIssue[]): IssueTable {
  const log = new IssueLog();
  for (const x of issues) log.add(x.row, x.reason, x.amount ?? NaN, x.column, x.value, x.customer);
  return log.table();
}

/** Issue i as an object; fields the issue does not have are left out. */
export function issueAt(t: IssueTable, i: number): DataIssue {
  const out: DataIssue = { row: t.row[i], reason: ISSUE_REASONS[t.reason[i]] };
  if (t.column[i] >= 0) out.column = t.texts[t.column[i]];
  if (t.value[i] >= 0) out.value = t.texts[t.value[i]];
  if (t.customer[i] >= 0) out.customer = t.texts[t.customer[i]];
  if (!Number.isNaN(t.amount[i])) out.amount = t.amount[i];
  return out;
}

/** The issues as objects, in order: those whose reason passes `keep`, at most `limit` of them. */
export function issueList(
  t: IssueTable,
  keep: (reason: IssueReason) => boolean = () => true,
  limit = Infinity,
): DataIssue[] {
  const kept = ISSUE_REASONS.map(keep);
  const out: DataIssue[] = [];
  for (let i = 0; i < t.length && out.length < limit; i++) if (kept[t.reason[i]]) out.push(issueAt(t, i));
  return out;
}

/** How many issues there are of each reason that occurs, in the order the reasons first occur. */
export function issueCounts(
  t: IssueTable,
  keep: (reason: IssueReason) => boolean = () => true,
): Map<IssueReason, number> {
  const count = new Array<number>(ISSUE_REASONS.length).fill(0);
  const order: number[] = [];
  for (let i = 0; i < t.length; i++) if (count[t.reason[i]]++ === 0) order.push(t.reason[i]);
  const out = new Map<IssueReason, number>();
  for (const k of order) if (keep(ISSUE_REASONS[k])) out.set(ISSUE_REASONS[k], count[k]);
  return out;
}
