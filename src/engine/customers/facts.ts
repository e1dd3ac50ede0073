/**
 * Customer facts (DESIGN §4): one row per customer from order lines or from a customer-level list.
 *
 * Definitions, so results can be checked against any other tool:
 * - order = a distinct (customer, order id) when an order-id column exists, else a distinct purchase day;
 *   its date is the earliest date of its lines; an order whose net amount is ≤ 0 is not a purchase.
 * - frequency = purchases; monetary = net sum of all the customer's lines (returns included), or with
 *   `excludeReturns` the sum of the purchases' net amounts only;
 * - recency = as-of − last purchase day; tenure = as-of − first purchase day; aov = purchase value / frequency;
 * - purchaseDays = distinct days that hold a purchase; repeatValue = mean net purchase value of those days
 *   except the first (the CLV models' x and z̄).
 */
import type { Categorical, CustomerFacts, CustomerRows, Transactions } from '../types';
import { findRuns, gather, keyStarts, maxOf, scatter } from './runs';

export interface FactsOptions {
  asOf: number;
  excludeReturns?: boolean;
}

// Speed: the lines come in runs (consecutive lines of one customer: 20,773 runs for 406,829 lines in
// Online Retail), so customers are grouped by sorting runs rather than lines, and each customer's lines are
// read run by run, in sequence. Each pass over the lines is a small function with one loop nest and typed
// arrays as arguments (V8 optimizes it within its first call and keeps it monomorphic); the per-customer
// work is in methods that are called once per customer.

/**
 * The lines grouped by customer, in line order within a customer, as runs: customer c's lines are lines
 * from[g] … to[g] − 1 for its runs g = first[c] … first[c + 1] − 1.
 */
interface CustomerRuns {
  from: Int32Array;
  to: Int32Array;
  first: Int32Array;
  /** The most lines of one customer. */
  largest: number;
}

/** The most lines in one group of runs. */
function largestGroup(from: Int32Array, to: Int32Array, first: Int32Array): number {
  let largest = 0;
  for (let c = 0; c + 1 < first.length; c++) {
    let lines = 0;
    for (let g = first[c]; g < first[c + 1]; g++) lines += to[g] - from[g];
    if (lines > largest) largest = lines;
  }
  return largest;
}

/** The lines' runs grouped by customer (a stable counting sort of the runs). */
function customerRuns(customer: Int32Array, customers: number): CustomerRuns {
  const at = new Int32Array(customer.length + 1);
  const runs = findRuns(customer, at);
  at[runs] = customer.length;
  const runCustomer = gather(customer, at.subarray(0, runs));
  const first = keyStarts(runCustomer, customers);
  const sorted = scatter(runCustomer, first.slice());
  const from = gather(at, sorted);
  const to = gather(at.subarray(1), sorted);
  return { from, to, first, largest: largestGroup(from, to, first) };
}

/** Per-customer mode of a categorical line attribute (ties: the label that reached the top count first). */
function modeByCustomer(cat: Categorical | null, runs: CustomerRuns): Categorical | null {
  return cat && { codes: modeCodes(cat.codes, cat.labels.length, runs), labels: cat.labels };
}

/** Adds `repeat` to customer c's count of a label (stamp: whose count it is) and returns the new count. */
function addCount(label: number, repeat: number, c: number, stamp: Int32Array, counts: Int32Array): number {
  const n = (stamp[label] === c ? counts[label] : 0) + repeat;
  stamp[label] = c;
  counts[label] = n;
  return n;
}

/** The mode's label code per customer, −1 when the customer has no label. */
function modeCodes(labels: Int32Array, L: number, { from, to, first }: CustomerRuns): Int32Array {
  const customers = first.length - 1;
  const mode = new Int32Array(customers).fill(-1);
  // Counts per label in flat arrays; a stamp per label says which customer its count belongs to, so
  // nothing is cleared between customers (a Map per customer cost more than the rest of facts).
  const counts = new Int32Array(L);
  const stamp = new Int32Array(L).fill(-1);
  for (let c = 0; c < customers; c++) {
    let best = -1;
    let bestCount = 0;
    // A label repeated on consecutive lines is counted once for all the repeats: the same result, as
    // its count only grows while no other label comes in between.
    let label = -1;
    let repeat = 0;
    for (let g = first[c]; g < first[c + 1]; g++) {
      for (let i = from[g]; i < to[g]; i++) {
        if (labels[i] === label) {
          repeat++;
          continue;
        }
        if (label >= 0 && addCount(label, repeat, c, stamp, counts) > bestCount) {
          best = label;
          bestCount = counts[label];
        }
        label = labels[i];
        repeat = 1;
      }
    }
    if (label >= 0 && addCount(label, repeat, c, stamp, counts) > bestCount) best = label;
    mode[c] = best;
  }
  return mode;
}

/** Days beyond this span (or fractional days) are coded through a Map instead of an offset. */
const MAX_DAY_SPAN = 1 << 22;

/** Dense day codes (day − first day, else through a Map), so stamp arrays can be indexed by day. */
class DayIndex {
  readonly span: number;
  private readonly lo: number;
  private readonly index: Map<number, number> | null = null;
  constructor(day: Float64Array) {
    let lo = Infinity;
    let hi = -Infinity;
    let whole = true;
    for (let i = 0; i < day.length; i++) {
      const d = day[i];
      if (d < lo) lo = d;
      if (d > hi) hi = d;
      if ((d | 0) !== d) whole = false; // also for NaN and beyond 32 bits: those go through the Map
    }
    this.lo = lo;
    if (day.length === 0) this.span = 0;
    else if (whole && hi - lo < MAX_DAY_SPAN) this.span = hi - lo + 1;
    else {
      const index = new Map<number, number>();
      for (let i = 0; i < day.length; i++) if (!index.has(day[i])) index.set(day[i], index.size);
      this.index = index;
      this.span = index.size;
    }
  }
  /** The code of a day of the lines. */
  code(d: number): number {
    return this.index ? this.index.get(d)! : d - this.lo;
  }
  /** The codes of all the lines' days. */
  codes(day: Float64Array): Int32Array {
    const out = new Int32Array(day.length);
    for (let i = 0; i < day.length; i++) out[i] = this.code(day[i]);
    return out;
  }
}

/** The per-customer columns of CustomerFacts that come from the lines' amounts and dates. */
type Measures = Pick<
  CustomerFacts,
  | 'firstRow'
  | 'scored'
  | 'recency'
  | 'frequency'
  | 'monetary'
  | 'orders'
  | 'firstPurchase'
  | 'lastPurchase'
  | 'tenure'
  | 'aov'
  | 'profit'
  | 'purchaseDays'
  | 'repeatValue'
>;

/** Zeroed measures for n customers (NaN where a customer without purchases has no value). */
function newMeasures(n: number, withProfit: boolean): Measures {
  return {
    firstRow: new Int32Array(n),
    scored: new Uint8Array(n),
    recency: new Float64Array(n).fill(NaN),
    frequency: new Float64Array(n),
    monetary: new Float64Array(n),
    orders: new Float64Array(n),
    firstPurchase: new Float64Array(n).fill(NaN),
    lastPurchase: new Float64Array(n).fill(NaN),
    tenure: new Float64Array(n).fill(NaN),
    aov: new Float64Array(n).fill(NaN),
    profit: withProfit ? new Float64Array(n) : null,
    purchaseDays: new Float64Array(n),
    repeatValue: new Float64Array(n).fill(NaN),
  };
}

/**
 * One customer at a time: its orders, then its purchases and purchase days, into the measures. Orders
 * and days are found through flat arrays indexed by a dense key, with a stamp per key saying which
 * customer last used it (no per-customer Map to clear); slots are in first-seen order, as the sums depend
 * on the order. All fields are typed arrays, so instances share one stable shape.
 */
class CustomerScan {
  private readonly orderStamp: Int32Array;
  private readonly orderSlot: Int32Array;
  private readonly dayStamp: Int32Array;
  private readonly daySlot: Int32Array;
  /** Per order slot of the current customer: net amount and earliest day. */
  private readonly orderNet: Float64Array;
  private readonly orderDay: Float64Array;
  /** Per purchase-day slot of the current customer: the day and its net purchase value. */
  private readonly dayList: Float64Array;
  private readonly dayValue: Float64Array;

  constructor(
    private readonly tx: Transactions,
    private readonly runs: CustomerRuns,
    private readonly days: DayIndex,
    /** Order key per line: the order id (the empty id, −1, is one more key), else the day's code. */
    private readonly keys: Int32Array,
    keyCount: number,
    private readonly out: Measures,
  ) {
    this.orderStamp = new Int32Array(keyCount + 1).fill(-1);
    this.orderSlot = new Int32Array(keyCount + 1);
    this.dayStamp = new Int32Array(days.span).fill(-1);
    this.daySlot = new Int32Array(days.span);
    this.orderNet = new Float64Array(runs.largest);
    this.orderDay = new Float64Array(runs.largest);
    this.dayList = new Float64Array(runs.largest);
    this.dayValue = new Float64Array(runs.largest);
  }

  /**
   * Customer c's lines in line order: its orders' net amounts and earliest days (in the slots), and its
   * orders, net amount (monetary), profit and first sheet row.
   */
  scanOrders(c: number): void {
    const { keys, orderStamp, orderSlot, orderNet, orderDay, out } = this;
    const { from, to, first } = this.runs;
    const { day, amount, row, profit } = this.tx;
    const emptyKey = orderStamp.length - 1;
    let slots = 0;
    let net = 0;
    let profitSum = 0;
    let minRow = Infinity;
    // The current order's slot, net and earliest day stay in locals while its lines follow each other
    // (the same additions in the same order as through the slot arrays).
    let key = -2;
    let slot = -1;
    let orderSum = 0;
    let earliest = 0;
    for (let g = first[c]; g < first[c + 1]; g++) {
      for (let i = from[g]; i < to[g]; i++) {
        const a = amount[i];
        const d = day[i];
        net += a;
        if (profit) profitSum += profit[i];
        if (row[i] < minRow) minRow = row[i];
        if (keys[i] !== key) {
          if (slot >= 0) {
            orderNet[slot] = orderSum;
            orderDay[slot] = earliest;
          }
          key = keys[i];
          const k = key < 0 ? emptyKey : key;
          if (orderStamp[k] !== c) {
            orderStamp[k] = c;
            orderSlot[k] = slots;
            slot = slots++;
            orderSum = a;
            earliest = d;
            continue;
          }
          slot = orderSlot[k];
          orderSum = orderNet[slot];
          earliest = orderDay[slot];
        }
        orderSum += a;
        if (d < earliest) earliest = d;
      }
    }
    if (slot >= 0) {
      orderNet[slot] = orderSum;
      orderDay[slot] = earliest;
    }
    out.orders[c] = slots;
    out.monetary[c] = net;
    if (out.profit) out.profit[c] = profitSum;
    out.firstRow[c] = minRow === Infinity ? 0 : minRow;
  }

  /** Customer c's purchases (orders with a positive net) and purchase days, after scanOrders(c). */
  scanPurchases(c: number, asOf: number, excludeReturns: boolean): void {
    const { days, orderNet, orderDay, dayStamp, daySlot, dayList, dayValue, out } = this;
    let distinctDays = 0;
    let purchases = 0;
    let purchaseValue = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let s = 0; s < out.orders[c]; s++) {
      // Cents-level noise from summing floats must not turn a fully returned order into a purchase.
      if (!(orderNet[s] > 1e-9)) continue;
      purchases++;
      purchaseValue += orderNet[s];
      const d = orderDay[s];
      if (d < first) first = d;
      if (d > last) last = d;
      const code = days.code(d);
      if (dayStamp[code] !== c) {
        dayStamp[code] = c;
        daySlot[code] = distinctDays;
        dayList[distinctDays] = d;
        dayValue[distinctDays] = orderNet[s];
        distinctDays++;
      } else dayValue[daySlot[code]] += orderNet[s];
    }
    out.frequency[c] = purchases;
    if (excludeReturns) out.monetary[c] = purchaseValue;
    out.purchaseDays[c] = distinctDays;
    if (purchases === 0) return;
    out.scored[c] = 1;
    out.firstPurchase[c] = first;
    out.lastPurchase[c] = last;
    out.recency[c] = asOf - last;
    out.tenure[c] = asOf - first;
    out.aov[c] = purchaseValue / purchases;
    if (distinctDays > 1) {
      let repeat = 0;
      for (let t = 0; t < distinctDays; t++) if (dayList[t] !== first) repeat += dayValue[t];
      out.repeatValue[c] = repeat / (distinctDays - 1);
    }
  }
}

/** Customer facts from order lines (lines dated after the as-of date must already be left out). */
export function factsFromTransactions(tx: Transactions, opts: FactsOptions): CustomerFacts {
  const n = tx.customerIds.length;
  const { asOf } = opts;
  const runs = customerRuns(tx.customer, n);
  const days = new DayIndex(tx.day);
  const m = newMeasures(n, tx.profit !== null);
  const scan = tx.order
    ? new CustomerScan(tx, runs, days, tx.order, maxOf(tx.order) + 1, m)
    : new CustomerScan(tx, runs, days, days.codes(tx.day), days.span, m);
  const excludeReturns = opts.excludeReturns === true;
  for (let c = 0; c < n; c++) {
    scan.scanOrders(c);
    scan.scanPurchases(c, asOf, excludeReturns);
  }
  return {
    n,
    asOf,
    ids: tx.customerIds,
    names: tx.customerNames,
    firstRow: m.firstRow,
    scored: m.scored,
    recency: m.recency,
    frequency: m.frequency,
    monetary: m.monetary,
    orders: m.orders,
    firstPurchase: m.firstPurchase,
    lastPurchase: m.lastPurchase,
    tenure: m.tenure,
    aov: m.aov,
    profit: m.profit,
    region: modeByCustomer(tx.region, runs),
    product: modeByCustomer(tx.product, runs),
    category: modeByCustomer(tx.category, runs),
    channel: modeByCustomer(tx.channel, runs),
    purchaseDays: m.purchaseDays,
    repeatValue: m.repeatValue,
  };
}

/**
 * Customer facts from a customer-level list. Recency comes from the recency column, else from the last
 * purchase date; a list without a frequency column counts one purchase per customer; a customer is scored
 * when it has at least one purchase and a known recency and monetary value.
 */
export function factsFromCustomerRows(list: CustomerRows, opts: FactsOptions): CustomerFacts {
  const n = list.n;
  const { asOf } = opts;
  const recency = new Float64Array(n).fill(NaN);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n).fill(NaN);
  const firstPurchase = new Float64Array(n).fill(NaN);
  const lastPurchase = new Float64Array(n).fill(NaN);
  const tenure = new Float64Array(n).fill(NaN);
  const aov = new Float64Array(n).fill(NaN);
  const scored = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const last = list.lastPurchase ? list.lastPurchase[i] : NaN;
    const first = list.firstPurchase ? list.firstPurchase[i] : NaN;
    lastPurchase[i] = last;
    firstPurchase[i] = first;
    let r = list.recency ? list.recency[i] : NaN;
    if (!Number.isFinite(r) && Number.isFinite(last) && Number.isFinite(asOf)) r = asOf - last;
    recency[i] = r;
    if (Number.isFinite(first) && Number.isFinite(asOf)) tenure[i] = asOf - first;
    const f = list.frequency ? list.frequency[i] : 1;
    frequency[i] = Number.isFinite(f) ? f : 0;
    const m = list.monetary ? list.monetary[i] : NaN;
    monetary[i] = m;
    if (frequency[i] > 0 && Number.isFinite(m)) aov[i] = m / frequency[i];
    scored[i] = frequency[i] > 0 && Number.isFinite(r) && Number.isFinite(m) ? 1 : 0;
  }
  return {
    n,
    asOf,
    ids: list.ids,
    names: list.names,
    firstRow: list.row,
    scored,
    recency,
    frequency,
    monetary,
    orders: frequency.slice(),
    firstPurchase,
    lastPurchase,
    tenure,
    aov,
    profit: list.profit,
    region: list.region,
    product: list.product,
    category: list.category,
    channel: list.channel,
    // A customer list carries no purchase history: the repeat-purchase models cannot run on it.
    purchaseDays: new Float64Array(n).fill(NaN),
    repeatValue: new Float64Array(n).fill(NaN),
  };
}
