/**
 * Customer lifetime value (DESIGN §5.7): BG/NBD for future purchases and P(alive), Gamma-Gamma for spend,
 * discounted over a horizon in explicit period units; plus the retention (lost-for-good) and migration
 * (always-a-share) models at the customer-base level.
 */
import type {
  ClvOptions,
  CustomerFacts,
  Method,
  MethodContext,
  MethodResult,
  Notice,
  ReportTable,
} from '../../types';
import { EngineError, type Transactions } from '../../types';
import { DAYS_PER_PERIOD } from '../../dates';
import { checkAbort } from '../stats';
import { bgnbdExpectedWhileAlive, bgnbdPAlive, fitBgNbd, type BgNbdParams } from './bgnbd';
import { fitGammaGamma, gammaGammaConditionalSpend, gammaGammaMean } from './gammaGamma';
import { buildHistories, transactionSummary } from './history';
import { estimateRetention, retentionClv } from './retention';
import { currentStates, estimateMigration, migrationValues } from './migration';

export type Period = 'day' | 'week' | 'month';

/** Recency states of the migration model: 0..5 periods ago and "6 or more". */
export const MIGRATION_STATES = 7;
/** Below this many customers the fits are reported but flagged as unreliable. */
const FEW_CUSTOMERS = 20;
const DAYS_PER_YEAR = 365.25;

export interface ResolvedClvOptions {
  period: Period;
  horizon: number;
  /** Yearly discount rate. */
  discount: number;
  /** Discount rate per period, (1 + yearly)^(days per period / 365.25) − 1. */
  periodDiscount: number;
  margin: number;
  retention: number | undefined;
}

/** Options with defaults: weeks, a 52-week-equivalent horizon, 10 % a year, margin 1 (= revenue). */
export function resolveClvOptions(o: ClvOptions = {}): ResolvedClvOptions {
  const period: Period = o.period ?? 'week';
  if (!(period in DAYS_PER_PERIOD))
    throw new EngineError('clv_bad_option', { option: 'period', value: String(period) });
  const days = DAYS_PER_PERIOD[period];
  const horizon = o.horizon ?? Math.round(364 / days);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 100_000)
    throw new EngineError('clv_bad_option', { option: 'horizon', value: String(horizon) });
  const discount = o.discount ?? 0.1;
  if (!Number.isFinite(discount) || discount < 0 || discount > 10)
    throw new EngineError('clv_bad_option', { option: 'discount', value: String(discount) });
  const margin = o.margin ?? 1;
  if (!Number.isFinite(margin))
    throw new EngineError('clv_bad_option', { option: 'margin', value: String(margin) });
  const retention = o.retention;
  if (retention !== undefined && !(retention >= 0 && retention <= 1))
    throw new EngineError('clv_bad_option', { option: 'retention', value: String(retention) });
  return {
    period,
    horizon,
    discount,
    periodDiscount: Math.pow(1 + discount, days / DAYS_PER_YEAR) - 1,
    margin,
    retention,
  };
}

/** The customers the models can use: scored, with dates and a purchase-day count. */
function usable(facts: CustomerFacts, i: number): boolean {
  return (
    facts.scored[i] === 1 &&
    facts.purchaseDays[i] >= 1 &&
    Number.isFinite(facts.firstPurchase[i]) &&
    Number.isFinite(facts.lastPurchase[i]) &&
    facts.firstPurchase[i] <= facts.asOf
  );
}

/** Why CLV cannot run: it needs order lines, or purchase dates (first, last, purchase days) in the facts. */
export function clvUnavailable(facts: CustomerFacts, tx: Transactions | null): Notice | null {
  if (tx && tx.n > 0) return null; // order lines always carry dates
  for (let i = 0; i < facts.n; i++) if (usable(facts, i)) return null;
  return { key: 'notice.clv.no_dates' };
}

/** Discounted sum over the horizon of one history's expected purchase increments, and their total. */
function discountedPurchases(
  p: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  discountFactors: Float64Array,
): { total: number; discounted: number; alive: number } {
  const alive = bgnbdPAlive(p, x, tx, T);
  let prev = 0;
  let discounted = 0;
  for (let k = 1; k < discountFactors.length; k++) {
    const e = bgnbdExpectedWhileAlive(p, k, x, T);
    discounted += (e - prev) * discountFactors[k];
    prev = e;
  }
  return { total: alive * prev, discounted: alive * discounted, alive };
}

/** Runs the CLV models on the facts (and the order lines, for retention and migration). */
export function runClv(ctx: MethodContext): MethodResult {
  checkAbort(ctx.signal);
  const { facts } = ctx;
  const lines = ctx.tx;
  const opt = resolveClvOptions(ctx.options.clv);
  const days = DAYS_PER_PERIOD[opt.period];
  const notices: Notice[] = [];
  const n = facts.n;

  // Repeat-transaction summary in periods: x = transaction days − 1, t_x and T from the first one. From
  // the order lines when present (zero-value orders count as transactions, see transactionSummary), else
  // from the facts (purchase days).
  const summary = lines ? transactionSummary(lines, facts.ids, facts.asOf) : null;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    if (summary ? summary.days[i] >= 1 && summary.first[i] <= facts.asOf : usable(facts, i)) idx.push(i);
  }
  const m = idx.length;
  const x = new Float64Array(m);
  const tx = new Float64Array(m);
  const T = new Float64Array(m);
  const zbar = new Float64Array(m);
  idx.forEach((i, j) => {
    const first = summary ? summary.first[i] : facts.firstPurchase[i];
    const last = summary ? summary.last[i] : facts.lastPurchase[i];
    x[j] = (summary ? summary.days[i] : facts.purchaseDays[i]) - 1;
    tx[j] = (last - first) / days;
    T[j] = (facts.asOf - first) / days;
    zbar[j] = summary ? summary.repeatValue[i] : facts.repeatValue[i];
  });
  if (m < FEW_CUSTOMERS) notices.push({ key: 'notice.clv.few_customers', params: { count: m } });
  let repeatBuyers = 0;
  for (let j = 0; j < m; j++) if (x[j] > 0) repeatBuyers++;
  if (repeatBuyers === 0) notices.push({ key: 'notice.clv.no_repeat_buyers' });

  const bg = fitBgNbd({ x, tx, T });
  if (bg.atBound || !bg.converged) notices.push({ key: 'notice.clv.bgnbd_not_identified' });
  checkAbort(ctx.signal);

  // Spend: Gamma-Gamma on repeat buyers; the observed mean spend per purchase when it cannot be fitted.
  const gg = fitGammaGamma(x, zbar);
  if (gg.oneTimeBuyers > 0)
    notices.push({
      key: 'notice.clv.one_time_buyers_left_out',
      params: { count: gg.oneTimeBuyers, used: gg.used },
    });
  let observedSpend = 0;
  let observedPurchases = 0;
  for (const i of idx) {
    if (facts.monetary[i] > 0) {
      observedSpend += facts.monetary[i];
      observedPurchases += facts.frequency[i];
    }
  }
  const fallbackSpend = observedPurchases > 0 ? observedSpend / observedPurchases : 0;
  // At the search edge (typically q, γ → ∞: no detectable spread between customers) the fit is still the
  // meaningful limit, everyone's spend shrinking to the common mean; it is flagged, not discarded.
  const ggUsable = gg.used >= 2 && Number.isFinite(gammaGammaMean(gg.params));
  if (ggUsable && gg.atBound) notices.push({ key: 'notice.clv.gamma_gamma_not_identified' });
  if (!ggUsable)
    notices.push({ key: 'notice.clv.spend_fallback', params: { value: round(fallbackSpend, 2) } });

  const discountFactors = new Float64Array(opt.horizon + 1);
  for (let k = 0; k <= opt.horizon; k++) discountFactors[k] = Math.pow(1 + opt.periodDiscount, -k);

  const colX = new Float64Array(n).fill(NaN);
  const colTx = new Float64Array(n).fill(NaN);
  const colT = new Float64Array(n).fill(NaN);
  const colAlive = new Float64Array(n).fill(NaN);
  const colPurchases = new Float64Array(n).fill(NaN);
  const colSpend = new Float64Array(n).fill(NaN);
  const colClv = new Float64Array(n).fill(NaN);
  const fitted = Number.isFinite(bg.logLikelihood);
  // Customers with the same history share the (costly) horizon sum.
  const cache = new Map<string, { total: number; discounted: number; alive: number }>();
  for (let j = 0; j < m; j++) {
    if ((j & 255) === 0) checkAbort(ctx.signal);
    const i = idx[j];
    colX[i] = x[j];
    colTx[i] = tx[j];
    colT[i] = T[j];
    if (!fitted) continue;
    const key = `${x[j]}|${tx[j]}|${T[j]}`;
    let d = cache.get(key);
    if (!d) {
      d = discountedPurchases(bg.params, x[j], tx[j], T[j], discountFactors);
      cache.set(key, d);
    }
    const spend = ggUsable ? gammaGammaConditionalSpend(gg.params, x[j], zbar[j]) : fallbackSpend;
    colAlive[i] = d.alive;
    colPurchases[i] = d.total;
    colSpend[i] = spend;
    colClv[i] = d.discounted * spend * opt.margin;
  }

  // Retention and migration need the period histories of the order lines.
  const tables: ReportTable[] = [];
  let retentionModel: Record<string, unknown> | null = null;
  let migrationModel: Record<string, unknown> | null = null;
  if (lines) {
    const ids = idx.map((i) => facts.ids[i]);
    const h = buildHistories(lines, ids, facts.asOf, days);
    const est = estimateRetention(h);
    const r = opt.retention ?? est.retention;
    const marginPerPeriod = est.valuePerActivePeriod * opt.margin;
    const retentionValue =
      Number.isFinite(r) && Number.isFinite(marginPerPeriod)
        ? retentionClv({
            margin: marginPerPeriod,
            retention: r,
            discount: opt.periodDiscount,
            periods: opt.horizon,
          })
        : NaN;
    retentionModel = {
      retention: finiteOrNull(r),
      source: opt.retention !== undefined ? 'given' : 'data',
      estimated_retention: finiteOrNull(est.retention),
      customer_periods: est.base,
      retained: est.retained,
      margin_per_period: finiteOrNull(marginPerPeriod),
      clv_new_customer: finiteOrNull(retentionValue),
    };
    if (!Number.isFinite(r)) notices.push({ key: 'notice.clv.retention_not_estimable' });

    const mig = estimateMigration(h, MIGRATION_STATES);
    const reward = new Array<number>(MIGRATION_STATES).fill(0);
    reward[0] = Number.isFinite(marginPerPeriod) ? marginPerPeriod : 0;
    const values = migrationValues(mig.transition, reward, opt.periodDiscount, opt.horizon);
    const states = currentStates(h, MIGRATION_STATES);
    const perState = new Array<number>(MIGRATION_STATES).fill(0);
    for (let c = 0; c < states.length; c++) if (states[c] >= 0) perState[states[c]]++;
    migrationModel = {
      states: MIGRATION_STATES,
      state_labels: Array.from({ length: MIGRATION_STATES }, (_, s) =>
        s === MIGRATION_STATES - 1 ? `${s}+` : String(s),
      ),
      purchase_probability: mig.purchaseProbability,
      observations: mig.observations,
      transition: mig.transition,
      reward,
      values,
      customers: perState,
    };
    tables.push({
      id: 'clv_migration',
      columns: [
        { key: 'state', format: 'text' },
        { key: 'customers', format: 'integer' },
        { key: 'purchase_probability', format: 'percent' },
        { key: 'value', format: 'currency' },
      ],
      rows: values.map((v, s) => [
        s === MIGRATION_STATES - 1 ? `${s}+` : String(s),
        perState[s],
        mig.purchaseProbability[s],
        v,
      ]),
    });
  } else {
    notices.push({ key: 'notice.clv.no_histories' });
  }

  const p = bg.params;
  const g = gg.params;
  tables.unshift({
    id: 'clv_parameters',
    columns: [
      { key: 'model', format: 'text' },
      { key: 'parameter', format: 'text' },
      { key: 'value', format: 'decimal' },
    ],
    rows: [
      ['bgnbd', 'r', finiteOrNull(p.r)],
      ['bgnbd', 'alpha', finiteOrNull(p.alpha)],
      ['bgnbd', 'a', finiteOrNull(p.a)],
      ['bgnbd', 'b', finiteOrNull(p.b)],
      ['bgnbd', 'log_likelihood', finiteOrNull(bg.logLikelihood)],
      ['gamma_gamma', 'p', finiteOrNull(g.p)],
      ['gamma_gamma', 'q', finiteOrNull(g.q)],
      ['gamma_gamma', 'gamma', finiteOrNull(g.gamma)],
      ['gamma_gamma', 'customers_used', gg.used],
      ['gamma_gamma', 'one_time_buyers_left_out', gg.oneTimeBuyers],
    ],
  });

  return {
    id: 'clv',
    columns: [
      { key: 'x', format: 'integer', values: colX },
      { key: 't_x', format: 'decimal', values: colTx },
      { key: 'T', format: 'decimal', values: colT },
      { key: 'p_alive', format: 'percent', values: colAlive },
      { key: 'expected_purchases', format: 'decimal', values: colPurchases },
      { key: 'expected_spend', format: 'currency', values: colSpend },
      { key: 'clv', format: 'currency', values: colClv },
    ],
    tables,
    model: {
      bgnbd: {
        r: finiteOrNull(p.r),
        alpha: finiteOrNull(p.alpha),
        a: finiteOrNull(p.a),
        b: finiteOrNull(p.b),
        log_likelihood: finiteOrNull(bg.logLikelihood),
        customers: m,
        converged: bg.converged,
      },
      gamma_gamma: {
        p: finiteOrNull(g.p),
        q: finiteOrNull(g.q),
        gamma: finiteOrNull(g.gamma),
        log_likelihood: finiteOrNull(gg.logLikelihood),
        customers_used: gg.used,
        one_time_buyers_left_out: gg.oneTimeBuyers,
        non_positive_spend_left_out: gg.nonPositiveSpend,
        used_for_spend: ggUsable,
        fallback_spend: ggUsable ? null : fallbackSpend,
      },
      retention: retentionModel,
      migration: migrationModel,
      period: opt.period,
      days_per_period: days,
      horizon: opt.horizon,
      discount: opt.discount,
      period_discount: opt.periodDiscount,
      margin: opt.margin,
    },
    notices,
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function round(v: number, digits: number): number {
  const f = Math.pow(10, digits);
  return Math.round(v * f) / f;
}

/** Customer lifetime value: BG/NBD + Gamma-Gamma per customer; retention and migration models. */
export const clvMethod: Method = {
  id: 'clv',
  byDefault: false,
  unavailable: clvUnavailable,
  run: runClv,
};
