/**
 * BG/NBD and Gamma-Gamma on the CDNOW sample must reproduce the published figures
 * (Fader, Hardie & Lee 2005, Marketing Science and JMR; see ../shared/datasets/README.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  bgnbdConditionalExpected,
  bgnbdExpected,
  bgnbdLogLikelihood,
  bgnbdPAlive,
  fitBgNbd,
} from '../../src/engine/methods/clv/bgnbd';
import { fitGammaGamma, gammaGammaConditionalSpend } from '../../src/engine/methods/clv/gammaGamma';
import { clvMethod } from '../../src/engine/methods/clv/clv';
import { factsFromTransactions } from '../../src/engine/customers/facts';
import { serialFromYmd } from '../../src/engine/dates';
import type { Transactions } from '../../src/engine/types';

/** E[X(t)] with the 2F1 series cut after `terms` terms, as a fixed-size spreadsheet computes it. */
function truncatedExpected(
  p: { r: number; alpha: number; a: number; b: number },
  t: number,
  terms: number,
): number {
  const z = t / (p.alpha + t);
  let term = 1;
  let sum = 0;
  for (let n = 0; n < terms; n++) {
    sum += term;
    term *= (((p.r + n) * (p.b + n)) / ((p.a + p.b - 1 + n) * (n + 1))) * z;
  }
  return ((p.a + p.b - 1) / (p.a - 1)) * (1 - Math.pow(p.alpha / (p.alpha + t), p.r) * sum);
}

const root = process.env.SEGMENT_DATASETS ?? path.resolve(__dirname, '../../../shared/datasets');

function readCsv(rel: string): Record<string, number[]> {
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) {
    throw new Error(
      `Dataset not found: ${file} (set SEGMENT_DATASETS to the datasets folder; tried ${root})`,
    );
  }
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const cols: Record<string, number[]> = {};
  for (const h of header) cols[h] = [];
  for (let i = 1; i < lines.length; i++) {
    const parts = lines[i].split(',');
    header.forEach((h, j) => cols[h].push(Number(parts[j])));
  }
  return cols;
}

describe('CDNOW published figures', () => {
  beforeAll(() => {
    if (!fs.existsSync(root)) throw new Error(`Datasets folder missing: ${root} (set SEGMENT_DATASETS)`);
  });

  test('BG/NBD fit reproduces Fader, Hardie & Lee (2005)', () => {
    const d = readCsv('lifetimes/cdnow_customers_summary.csv');
    expect(d.ID.length).toBe(2357);
    const data = { x: d.frequency, tx: d.recency, T: d.T };
    const t0 = performance.now();
    const fit = fitBgNbd(data);
    const ms = performance.now() - t0;
    const { r, alpha, a, b } = fit.params;
    console.log(
      `BG/NBD fit ${ms.toFixed(1)} ms (${fit.evaluations} evaluations): r=${r.toFixed(4)} alpha=${alpha.toFixed(4)} ` +
        `a=${a.toFixed(4)} b=${b.toFixed(4)} LL=${fit.logLikelihood.toFixed(3)}`,
    );
    expect(r.toFixed(3)).toBe('0.243');
    expect(alpha.toFixed(3)).toBe('4.414');
    expect(a.toFixed(3)).toBe('0.793');
    expect(b.toFixed(3)).toBe('2.426');
    expect(fit.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(bgnbdLogLikelihood(fit.params, data)).toBeCloseTo(fit.logLikelihood, 8);

    expect(bgnbdConditionalExpected(fit.params, 39, 2, 30.43, 38.86).toFixed(3)).toBe('1.226');
    const published: [number, string][] = [
      [1, '0.0532'],
      [3, '0.1506'],
      [32, '1.0437'],
    ];
    for (const [t, v] of published) expect(bgnbdExpected(fit.params, t).toFixed(4)).toBe(v);
    // At t = 78 the exact value is 1.85797 (mpmath at these parameters; lifetimes/scipy agree). The
    // published 1.8576 is the 2F1 series cut after 150 terms (z = 78/82.4 converges slowly), as the
    // paper's spreadsheet did: show both, so the 0.0004 gap is explained rather than tuned away.
    expect(bgnbdExpected(fit.params, 78)).toBeCloseTo(1.85797, 4);
    expect(truncatedExpected(fit.params, 78, 150).toFixed(4)).toBe('1.8576');
    const pa = bgnbdPAlive(fit.params, 2, 30.43, 38.86);
    expect(pa).toBeGreaterThan(0);
    expect(pa).toBeLessThan(1);
  });

  test('Gamma-Gamma fit reproduces Fader, Hardie & Lee (2005 JMR)', () => {
    const d = readCsv('lifetimes/cdnow_customers_summary_with_transactions.csv');
    const t0 = performance.now();
    const fit = fitGammaGamma(d.x, d.zbar);
    const ms = performance.now() - t0;
    const { p, q, gamma } = fit.params;
    console.log(
      `Gamma-Gamma fit ${ms.toFixed(1)} ms: p=${p.toFixed(4)} q=${q.toFixed(4)} gamma=${gamma.toFixed(4)} ` +
        `LL=${fit.logLikelihood.toFixed(3)} used=${fit.used} left out=${fit.oneTimeBuyers}`,
    );
    expect(fit.used).toBe(946);
    expect(fit.oneTimeBuyers).toBe(2357 - 946);
    expect(p.toFixed(2)).toBe('6.25');
    expect(q.toFixed(2)).toBe('3.74');
    // The maximum of the likelihood on this file is γ = 15.4477 (scipy agrees, LL −4055.923); the published
    // 15.44 and the spends below are the values truncated, not rounded, to 2 decimals (lifetimes' docs
    // print 24.658619 for the first customer, published as 24.65).
    expect(Math.abs(gamma - 15.44)).toBeLessThan(0.01);
    expect(fit.logLikelihood).toBeCloseTo(-4055.923, 2);
    const truncate2 = (v: number) => (Math.floor(v * 100 + 1e-9) / 100).toFixed(2);
    const spends = d.x
      .slice(0, 10)
      .map((x, i) => truncate2(gammaGammaConditionalSpend(fit.params, x, d.zbar[i])));
    expect(spends).toEqual([
      '24.65',
      '18.91',
      '35.17',
      '35.17',
      '35.17',
      '71.46',
      '18.91',
      '35.17',
      '27.28',
      '35.17',
    ]);
  });

  test('BG/NBD + Gamma-Gamma fit time (goal < 200 ms; printed, not asserted)', () => {
    const s = readCsv('lifetimes/cdnow_customers_summary_with_transactions.csv');
    const t0 = performance.now();
    fitBgNbd({ x: s.x, tx: s.t_x, T: s.T });
    fitGammaGamma(s.x, s.zbar);
    console.log(`BG/NBD + Gamma-Gamma fit on CDNOW: ${(performance.now() - t0).toFixed(1)} ms`);
  });

  test('from the CDNOW order lines (as-of 1997-09-30, weeks), the clv method fits the published models', () => {
    const file = path.join(root, 'clv/cdnow_transactions.csv');
    if (!fs.existsSync(file)) throw new Error(`Dataset not found: ${file}`);
    const rows = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
    const asOf = serialFromYmd(1997, 9, 30);
    const ids: string[] = [];
    const index = new Map<string, number>();
    const customer: number[] = [];
    const day: number[] = [];
    const amount: number[] = [];
    for (const line of rows) {
      const [, id, date, , spent] = line.split(',');
      const d = serialFromYmd(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)));
      if (d > asOf) continue; // the holdout period
      let c = index.get(id);
      if (c === undefined) {
        c = ids.length;
        index.set(id, c);
        ids.push(id);
      }
      customer.push(c);
      day.push(d);
      amount.push(Number(spent));
    }
    const tx: Transactions = {
      n: customer.length,
      row: Int32Array.from(customer, (_, i) => i + 2),
      customer: Int32Array.from(customer),
      customerIds: ids,
      customerNames: null,
      day: Float64Array.from(day),
      amount: Float64Array.from(amount),
      order: null,
      orderIds: null,
      profit: null,
      quantity: null,
      region: null,
      product: null,
      category: null,
      channel: null,
    };
    const facts = factsFromTransactions(tx, { asOf });
    expect(facts.n).toBe(2357);
    const t0 = performance.now();
    const r = clvMethod.run({ facts, tx, options: { clv: { period: 'week' } }, earlier: new Map() });
    console.log(`clv method on CDNOW order lines: ${(performance.now() - t0).toFixed(0)} ms`);
    const bg = r.model?.bgnbd as { r: number; alpha: number; a: number; b: number; log_likelihood: number };
    const gg = r.model?.gamma_gamma as { p: number; q: number; gamma: number; customers_used: number };
    console.log(`from order lines: ${JSON.stringify(bg)} ${JSON.stringify(gg)}`);
    expect(bg.r.toFixed(3)).toBe('0.243');
    expect(bg.alpha.toFixed(3)).toBe('4.414');
    expect(bg.a.toFixed(3)).toBe('0.793');
    expect(bg.b.toFixed(3)).toBe('2.426');
    expect(bg.log_likelihood.toFixed(1)).toBe('-9582.4');
    expect(gg.customers_used).toBe(946);
    expect(gg.p.toFixed(2)).toBe('6.25');
    expect(gg.q.toFixed(2)).toBe('3.74');
    expect(Math.abs(gg.gamma - 15.44)).toBeLessThan(0.01);
    const clv = r.columns.find((c) => c.key === 'clv')?.values as Float64Array;
    expect(clv.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});
