import { estimateRetention, retentionClv } from './retention';
import type { PeriodHistories } from './history';

describe('retention model', () => {
  test('Berger & Nasr (1998) case 1: 568.78', () => {
    const v = retentionClv({ margin: 260, cost: 50, retention: 0.75, discount: 0.2, periods: 10 });
    expect(v.toFixed(2)).toBe('568.78');
  });
  test('no retention: only the first period counts', () => {
    expect(retentionClv({ margin: 100, retention: 0, discount: 0.1, periods: 5 })).toBe(100);
  });
  test('retention estimated as the share of active customer-periods followed by a purchase', () => {
    // Customer A bought 3, 2 and 0 periods ago; B 4 and 3; C only 0 (no next period).
    const h: PeriodHistories = {
      n: 3,
      active: [Int32Array.from([3, 2, 0]), Int32Array.from([4, 3]), Int32Array.from([0])],
      value: [Float64Array.from([10, 20, 30]), Float64Array.from([40, 50]), Float64Array.from([60])],
      oldest: 4,
    };
    const est = estimateRetention(h);
    // Periods with a next period: A3 (→A2 yes), A2 (→A1 no), B4 (→B3 yes), B3 (→B2 no): 2 of 4.
    expect(est.base).toBe(4);
    expect(est.retained).toBe(2);
    expect(est.retention).toBe(0.5);
    expect(est.valuePerActivePeriod).toBeCloseTo(210 / 6, 12);
  });
});
