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

export interface FactsOptions {
  asOf: number;
  excludeReturns?: boolean;
}

/** Per-customer mode of a categorical line attribute (ties: the label seen first). */
function modeByCustomer(
  cat: Categorical | null,
  start: Int32Array,
  lines: Int32Array,
  customers: number,
): Categorical | null {
  if (!cat) return null;
  const codes = new Int32Array(customers).fill(-1);
  // Counts per label in flat arrays; a stamp per label says which customer its count belongs to, so
  // nothing is cleared between customers (a Map per customer cost more than the rest of facts).
  const L = cat.labels.length;
  const counts = new Int32Array(L);
  const stamp = new Int32Array(L).fill(-1);
  for (let c = 0; c < customers; c++) {
    let best = -1;
    let bestCount = 0;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const code = cat.codes[lines[k]];
      if (code < 0) continue;
      let n = 1;
      if (stamp[code] === c) n = counts[code] + 1;
      else stamp[code] = c;
      counts[code] = n;
      if (n > bestCount) {
        best = code;
        bestCount = n;
      }
    }
    codes[c] = best;
  }
  return { codes, labels: cat.labels };
}

/** Days beyond this span (or fractional days) are coded through a Map instead of an offset. */
const MAX_DAY_SPAN = 1 << 22;

/** Dense codes for the lines' days (day − first day), so per-customer lookups are array reads. */
function dayCodes(day: Float64Array): { codes: Int32Array; span: number } {
  const codes = new Int32Array(day.length);
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
    if (d % 1 !== 0) whole = false; // also false for NaN
  }
  if (day.length === 0) return { codes, span: 0 };
  if (whole && hi - lo < MAX_DAY_SPAN) {
    for (let i = 0; i < day.length; i++) codes[i] = day[i] - lo;
    return { codes, span: hi - lo + 1 };
  }
  const index = new Map<number, number>();
  for (let i = 0; i < day.length; i++) {
    let k = index.get(day[i]);
    if (k === undefined) index.set(day[i], (k = index.size));
    codes[i] = k;
  }
  return { codes, span: index.size };
}

/** A typed array twice as long with the same leading values. */
function grow<T extends Float64Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Customer facts from order lines (lines dated after the as-of date must already be left out). */
export function factsFromTransactions(tx: Transactions, opts: FactsOptions): CustomerFacts {
  const n = tx.customerIds.length;
  const { asOf } = opts;
  // Group line indices by customer (counting sort keeps the original line order within a customer).
  const start = new Int32Array(n + 1);
  for (let i = 0; i < tx.n; i++) start[tx.customer[i] + 1]++;
  for (let c = 0; c < n; c++) start[c + 1] += start[c];
  const fill = start.slice(0, n);
  const lines = new Int32Array(tx.n);
  for (let i = 0; i < tx.n; i++) lines[fill[tx.customer[i]]++] = i;

  const firstRow = new Int32Array(n);
  const scored = new Uint8Array(n);
  const recency = new Float64Array(n).fill(NaN);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const orders = new Float64Array(n);
  const firstPurchase = new Float64Array(n).fill(NaN);
  const lastPurchase = new Float64Array(n).fill(NaN);
  const tenure = new Float64Array(n).fill(NaN);
  const aov = new Float64Array(n).fill(NaN);
  const profit = tx.profit ? new Float64Array(n) : null;
  const purchaseDays = new Float64Array(n);
  const repeatValue = new Float64Array(n).fill(NaN);

  // Orders and purchase days are found through flat arrays indexed by a dense key, with a stamp per key
  // saying which customer last used it (no per-customer Map to clear). An order key is the order id
  // (the empty id as one more key), else the day.
  const days = dayCodes(tx.day);
  let orderKeys = days.span;
  if (tx.order) {
    let top = -1;
    for (let i = 0; i < tx.n; i++) if (tx.order[i] > top) top = tx.order[i];
    orderKeys = top + 2;
  }
  const orderStamp = new Int32Array(orderKeys).fill(-1);
  const orderSlot = new Int32Array(orderKeys);
  const dayStamp = new Int32Array(days.span).fill(-1);
  const daySlot = new Int32Array(days.span);
  // Slot arrays, grown as needed: each order's net amount, earliest day and earliest day's code; each
  // purchase day (in first-seen order, as the sums below depend on the order) and its net value.
  let orderNet = new Float64Array(64);
  let orderDay = new Float64Array(64);
  let orderDayCode = new Int32Array(64);
  let dayList = new Float64Array(64);
  let dayValue = new Float64Array(64);

  for (let c = 0; c < n; c++) {
    let slots = 0;
    let net = 0;
    let profitSum = 0;
    let minRow = Infinity;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = lines[k];
      const day = tx.day[i];
      const amount = tx.amount[i];
      net += amount;
      if (profit) profitSum += tx.profit![i];
      if (tx.row[i] < minRow) minRow = tx.row[i];
      let key: number;
      if (tx.order) {
        const o = tx.order[i];
        key = o < 0 ? orderKeys - 1 : o;
      } else key = days.codes[i];
      if (orderStamp[key] !== c) {
        orderStamp[key] = c;
        const s = slots++;
        orderSlot[key] = s;
        if (s >= orderNet.length) {
          orderNet = grow(orderNet);
          orderDay = grow(orderDay);
          orderDayCode = grow(orderDayCode);
        }
        orderNet[s] = amount;
        orderDay[s] = day;
        orderDayCode[s] = days.codes[i];
      } else {
        const s = orderSlot[key];
        orderNet[s] += amount;
        if (day < orderDay[s]) {
          orderDay[s] = day;
          orderDayCode[s] = days.codes[i];
        }
      }
    }
    firstRow[c] = minRow === Infinity ? 0 : minRow;
    orders[c] = slots;
    if (profit) profit[c] = profitSum;

    let distinctDays = 0;
    let purchases = 0;
    let purchaseValue = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let s = 0; s < slots; s++) {
      // Cents-level noise from summing floats must not turn a fully returned order into a purchase.
      if (!(orderNet[s] > 1e-9)) continue;
      purchases++;
      purchaseValue += orderNet[s];
      const d = orderDay[s];
      if (d < first) first = d;
      if (d > last) last = d;
      const code = orderDayCode[s];
      if (dayStamp[code] !== c) {
        dayStamp[code] = c;
        const t = distinctDays++;
        daySlot[code] = t;
        if (t >= dayList.length) {
          dayList = grow(dayList);
          dayValue = grow(dayValue);
        }
        dayList[t] = d;
        dayValue[t] = orderNet[s];
      } else dayValue[daySlot[code]] += orderNet[s];
    }
    frequency[c] = purchases;
    monetary[c] = opts.excludeReturns ? purchaseValue : net;
    purchaseDays[c] = distinctDays;
    if (purchases > 0) {
      scored[c] = 1;
      firstPurchase[c] = first;
      lastPurchase[c] = last;
      recency[c] = asOf - last;
      tenure[c] = asOf - first;
      aov[c] = purchaseValue / purchases;
      if (distinctDays > 1) {
        let repeat = 0;
        for (let t = 0; t < distinctDays; t++) if (dayList[t] !== first) repeat += dayValue[t];
        repeatValue[c] = repeat / (distinctDays - 1);
      }
    }
  }

  return {
    n,
    asOf,
    ids: tx.customerIds,
    names: tx.customerNames,
    firstRow,
    scored,
    recency,
    frequency,
    monetary,
    orders,
    firstPurchase,
    lastPurchase,
    tenure,
    aov,
    profit,
    region: modeByCustomer(tx.region, start, lines, n),
    product: modeByCustomer(tx.product, start, lines, n),
    category: modeByCustomer(tx.category, start, lines, n),
    channel: modeByCustomer(tx.channel, start, lines, n),
    purchaseDays,
    repeatValue,
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
