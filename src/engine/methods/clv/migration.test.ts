import { currentStates, estimateMigration, migrationValues, recencyTransition } from './migration';
import type { PeriodHistories } from './history';

describe('migration model', () => {
  test('hand-computed 3-state chain', () => {
    const P = recencyTransition([0.5, 0.3, 0.1]);
    expect(P).toEqual([
      [0.5, 0.5, 0],
      [0.3, 0, 0.7],
      [0.1, 0, 0.9],
    ]);
    // V = R + δPR + δ²P²R, δ = 1/1.1, R = (10, 0, 0): PR = (5, 3, 1), P²R = (4, 2.2, 1.4).
    const v = migrationValues(P, [10, 0, 0], 0.1, 2);
    expect(v[0]).toBeCloseTo(10 + 5 / 1.1 + 4 / 1.21, 12);
    expect(v[1]).toBeCloseTo(3 / 1.1 + 2.2 / 1.21, 12);
    expect(v[2]).toBeCloseTo(1 / 1.1 + 1.4 / 1.21, 12);
    expect(v[0].toFixed(4)).toBe('17.8512');
  });
  test('long horizons converge to (I − δP)⁻¹R', () => {
    const P = recencyTransition([0.5, 0.3, 0.1]);
    const v = migrationValues(P, [10, 0, 0], 0.1, 2000);
    // Check the fixed point V = R + δPV.
    for (let i = 0; i < 3; i++) {
      const pv = P[i].reduce((s, p, j) => s + p * v[j], 0);
      expect(v[i]).toBeCloseTo((i === 0 ? 10 : 0) + pv / 1.1, 8);
    }
  });
  test('purchase probabilities per recency state from histories', () => {
    // A: bought 4, 3, 1 periods ago → states 0 (buy), 0 (no), 1 (buy), 0 (no) going forward.
    // B: bought 2 periods ago only → states 0 (no), 1 (no).
    const h: PeriodHistories = {
      n: 2,
      active: [Int32Array.from([4, 3, 1]), Int32Array.from([2])],
      value: [Float64Array.from([1, 1, 1]), Float64Array.from([1])],
      oldest: 4,
    };
    const m = estimateMigration(h, 3);
    // State 0: A4→buy, A3→no, A1→no, B2→no: 1/4. State 1: A2→buy, B1→no: 1/2. State 2: none → 1/2.
    expect(m.observations).toEqual([4, 2, 0]);
    expect(m.purchaseProbability).toEqual([0.25, 0.5, 0.5]);
    expect(Array.from(currentStates(h, 3))).toEqual([1, 2]);
  });
});
