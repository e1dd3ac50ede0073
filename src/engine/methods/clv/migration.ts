/**
 * Migration ("always a share") model: a Markov chain over recency states (Pfeifer & Carraway 2000).
 * State s = periods since the last purchase (0 = bought this period), the last state S = "S or more".
 * From state s a customer buys next period with probability p_s (→ state 0), else moves to min(s+1, S).
 * Value over a horizon T: V = Σ_{t=0..T} [(1+d)⁻¹P]ᵗ R with R = (margin per purchase period, 0, …, 0).
 */
import type { PeriodHistories } from './history';

export interface MigrationModel {
  /** Number of states (S + 1). */
  states: number;
  /** Purchase probability per state (NaN where the data has no observation is replaced, see below). */
  purchaseProbability: number[];
  /** Observations (customer-periods) per state behind each probability. */
  observations: number[];
  /** Row-stochastic transition matrix, transition[from][to]. */
  transition: number[][];
}

/** Transition matrix of the recency chain from purchase probabilities per state. */
export function recencyTransition(p: readonly number[]): number[][] {
  const S = p.length - 1;
  return p.map((ps, s) => {
    const row = new Array<number>(p.length).fill(0);
    row[0] += ps;
    row[Math.min(s + 1, S)] += 1 - ps;
    return row;
  });
}

/**
 * Purchase probabilities per state from the period histories: each customer is followed from its first
 * purchase period to the as-of period. A state without observations takes the probability of the
 * nearest observed lower state (recency rarely makes buying likelier), or 0 when none is observed.
 */
export function estimateMigration(h: PeriodHistories, states: number): MigrationModel {
  const S = states - 1;
  const obs = new Float64Array(states);
  const buys = new Float64Array(states);
  for (let c = 0; c < h.n; c++) {
    const ks = h.active[c];
    if (ks.length === 0) continue;
    let s = 0;
    let j = 1; // next active period to meet
    for (let k = ks[0]; k >= 1; k--) {
      const bought = j < ks.length && ks[j] === k - 1;
      if (bought) j++;
      obs[s]++;
      if (bought) buys[s]++;
      s = bought ? 0 : Math.min(s + 1, S);
    }
  }
  const p: number[] = [];
  for (let s = 0; s < states; s++) p.push(obs[s] > 0 ? buys[s] / obs[s] : s > 0 ? p[s - 1] : 0);
  return {
    states,
    purchaseProbability: p,
    observations: Array.from(obs),
    transition: recencyTransition(p),
  };
}

/** V = Σ_{t=0..horizon} [(1+d)⁻¹P]ᵗ R by Horner's scheme (V ← R + δ·P·V). */
export function migrationValues(
  transition: readonly (readonly number[])[],
  reward: readonly number[],
  discount: number,
  horizon: number,
): number[] {
  const n = reward.length;
  const delta = 1 / (1 + discount);
  let v = reward.slice();
  for (let t = 0; t < horizon; t++) {
    const next = reward.slice();
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += transition[i][j] * v[j];
      next[i] += delta * s;
    }
    v = next;
  }
  return v;
}

/** Current state (periods since the last purchase, capped at S) of each customer at the as-of period. */
export function currentStates(h: PeriodHistories, states: number): Int32Array {
  const out = new Int32Array(h.n).fill(-1);
  for (let c = 0; c < h.n; c++) {
    const ks = h.active[c];
    if (ks.length > 0) out[c] = Math.min(ks[ks.length - 1], states - 1);
  }
  return out;
}
