/** Issue 5's acceptance run: the CLI on the CDNOW transactions reproduces the published BG/NBD and Gamma-Gamma fits. */
import { cliJson, dataset } from './datasets';

describe('segment --methods clv on CDNOW transactions', () => {
  it('matches Fader, Hardie & Lee (2005) to the published precision', async () => {
    const doc = await cliJson([
      dataset('clv', 'cdnow_transactions.csv'),
      '--map',
      'customer_id=id,order_date=date,amount=spent',
      '--as-of',
      '1997-09-30',
      '--period',
      'week',
      '--methods',
      'clv,kmeans,adopter',
    ]);
    const { bgnbd, gamma_gamma: gg } = doc.models;
    expect(bgnbd.r).toBeCloseTo(0.243, 3);
    expect(bgnbd.alpha).toBeCloseTo(4.414, 3);
    expect(bgnbd.a).toBeCloseTo(0.793, 3);
    expect(bgnbd.b).toBeCloseTo(2.426, 3);
    expect(bgnbd.log_likelihood).toBeCloseTo(-9582.4, 1);
    expect(gg.p).toBeCloseTo(6.25, 2);
    expect(gg.q).toBeCloseTo(3.74, 2);
    expect(Math.abs(gg.gamma - 15.44)).toBeLessThan(0.01);
    expect(gg.one_time_buyers_left_out).toBeGreaterThan(0);
    // Holdout rows after the calibration period are listed, not lost.
    expect(doc.input.used + doc.input.skipped).toBe(doc.input.rows);
    expect(doc.issues.filter((i: { reason: string }) => i.reason === 'after_as_of')).toHaveLength(
      doc.input.skipped,
    );
    expect(doc.customers).toHaveLength(2357);
    for (const c of doc.customers) {
      for (const k of ['x', 't_x', 'T', 'p_alive', 'expected_purchases', 'expected_spend', 'clv']) {
        expect(Number.isFinite(c[k])).toBe(true);
      }
      expect(c.p_alive).toBeGreaterThanOrEqual(0);
      expect(c.p_alive).toBeLessThanOrEqual(1);
    }
    // Adopter types need a product column, which CDNOW lacks: skipped with a reason, not a crash.
    expect(doc.skipped_methods.map((s: { id: string }) => s.id)).toContain('adopter');
    expect(doc.models.kmeans.k).toBeGreaterThanOrEqual(2);
  });
});
