/**
 * Deterministic unconstrained minimisers for the small maximum-likelihood problems of the CLV models
 * (parameters in log-space): Nelder–Mead with restarts, then a BFGS polish with numeric gradients.
 */

// Module-level aliases: a global lookup of Math is slow inside vm sandboxes (jest) and costs nothing here.
const { abs, max } = Math;
const { isFinite } = Number;

export type Objective = (x: Float64Array) => number;

export interface MinimizeOptions {
  /** Function-value tolerance (absolute, on the simplex spread / between iterations). */
  tol?: number;
  /** Maximum objective evaluations over the whole run. */
  maxEvaluations?: number;
  /** Initial simplex step in each coordinate. */
  step?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  converged: boolean;
}

/** f made total: non-finite values become +Infinity-like so the optimiser just steps away from them. */
function safe(f: Objective): Objective {
  return (x) => {
    const v = f(x);
    return isFinite(v) ? v : 1e300;
  };
}

/** Nelder–Mead (standard coefficients 1, 2, 0.5, 0.5) from x0; stops when the simplex values agree. */
export function nelderMead(f: Objective, x0: Float64Array, opts: MinimizeOptions = {}): MinimizeResult {
  const tol = opts.tol ?? 1e-10;
  const maxEval = opts.maxEvaluations ?? 20_000;
  const step = opts.step ?? 0.5;
  const g = safe(f);
  const n = x0.length;
  const pts: Float64Array[] = [];
  const vals = new Float64Array(n + 1);
  let evals = 0;
  const ev = (x: Float64Array): number => {
    evals++;
    return g(x);
  };
  pts.push(Float64Array.from(x0));
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    p[i] += step;
    pts.push(p);
  }
  for (let i = 0; i <= n; i++) vals[i] = ev(pts[i]);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  let converged = false;
  while (evals < maxEval) {
    // Ties broken by index keep the run deterministic.
    order.sort((i, j) => vals[i] - vals[j] || i - j);
    const best = order[0];
    const worst = order[n];
    const second = order[n - 1];
    if (abs(vals[worst] - vals[best]) <= tol * (1 + abs(vals[best]))) {
      let spread = 0;
      for (let i = 0; i <= n; i++)
        for (let d = 0; d < n; d++) spread = max(spread, abs(pts[i][d] - pts[best][d]));
      if (spread < 1e-7) {
        converged = true;
        break;
      }
      if (abs(vals[worst] - vals[best]) === 0 && spread < 1e-4) {
        converged = true;
        break;
      }
    }
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = pts[order[k]];
      for (let d = 0; d < n; d++) centroid[d] += p[d] / n;
    }
    const pw = pts[worst];
    for (let d = 0; d < n; d++) xr[d] = centroid[d] + (centroid[d] - pw[d]);
    const fr = ev(xr);
    if (fr < vals[best]) {
      for (let d = 0; d < n; d++) xe[d] = centroid[d] + 2 * (centroid[d] - pw[d]);
      const fe = ev(xe);
      if (fe < fr) {
        pw.set(xe);
        vals[worst] = fe;
      } else {
        pw.set(xr);
        vals[worst] = fr;
      }
      continue;
    }
    if (fr < vals[second]) {
      pw.set(xr);
      vals[worst] = fr;
      continue;
    }
    const outside = fr < vals[worst];
    for (let d = 0; d < n; d++)
      xc[d] = outside ? centroid[d] + 0.5 * (xr[d] - centroid[d]) : centroid[d] + 0.5 * (pw[d] - centroid[d]);
    const fc = ev(xc);
    if (fc < (outside ? fr : vals[worst])) {
      pw.set(xc);
      vals[worst] = fc;
      continue;
    }
    // Shrink towards the best point.
    const pb = pts[best];
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      for (let d = 0; d < n; d++) pts[i][d] = pb[d] + 0.5 * (pts[i][d] - pb[d]);
      vals[i] = ev(pts[i]);
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[bi]) bi = i;
  return { x: Float64Array.from(pts[bi]), value: vals[bi], evaluations: evals, converged };
}

/** Central-difference gradient. */
function gradient(f: Objective, x: Float64Array, fx: number, out: Float64Array): number {
  let evals = 0;
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const h = 1e-5 * max(1, abs(x[i]));
    y[i] = x[i] + h;
    const fp = f(y);
    y[i] = x[i] - h;
    const fm = f(y);
    y[i] = x[i];
    evals += 2;
    out[i] = isFinite(fp) && isFinite(fm) ? (fp - fm) / (2 * h) : 0;
  }
  void fx;
  return evals;
}

/** BFGS with numeric gradients and a backtracking (Armijo) line search; a polish after Nelder–Mead. */
export function bfgs(f: Objective, x0: Float64Array, opts: MinimizeOptions = {}): MinimizeResult {
  const g = safe(f);
  const n = x0.length;
  const maxEval = opts.maxEvaluations ?? 5_000;
  let x = Float64Array.from(x0);
  let fx = g(x);
  let evals = 1;
  const grad = new Float64Array(n);
  evals += gradient(g, x, fx, grad);
  // Inverse Hessian approximation, row-major.
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const dir = new Float64Array(n);
  const gNew = new Float64Array(n);
  let converged = false;
  for (let iter = 0; iter < 200 && evals < maxEval; iter++) {
    let gnorm = 0;
    for (let i = 0; i < n; i++) gnorm = max(gnorm, abs(grad[i]));
    if (gnorm < 1e-7) {
      converged = true;
      break;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * grad[j];
      dir[i] = s;
      slope += s * grad[i];
    }
    if (slope >= 0) {
      // Not a descent direction: reset to steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        dir[i] = -grad[i];
      }
      slope = -grad.reduce((s, v) => s + v * v, 0);
    }
    let t = 1;
    let xNew = new Float64Array(n);
    let fNew = Infinity;
    for (let k = 0; k < 40; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * dir[i];
      fNew = g(xNew);
      evals++;
      if (fNew <= fx + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(fNew < fx)) {
      converged = true; // no progress possible at this precision
      break;
    }
    evals += gradient(g, xNew, fNew, gNew);
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - grad[i];
      sy += s[i] * yv[i];
    }
    const improvement = fx - fNew;
    x = xNew;
    xNew = new Float64Array(n);
    fx = fNew;
    grad.set(gNew);
    if (sy > 1e-12) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * yv[j];
        Hy[i] = v;
      }
      let yHy = 0;
      for (let i = 0; i < n; i++) yHy += yv[i] * Hy[i];
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
    if (improvement < 1e-13 * (1 + abs(fx))) {
      converged = true;
      break;
    }
  }
  return { x, value: fx, evaluations: evals, converged };
}

/** Nelder–Mead restarted from its own optimum until it stops improving, then a BFGS polish. */
export function minimize(f: Objective, x0: Float64Array, opts: MinimizeOptions = {}): MinimizeResult {
  // BFGS first: on smooth likelihoods it converges in a few dozen gradient steps (as scipy's default does).
  const first = bfgs(f, x0, opts);
  let evaluations = first.evaluations;
  if (first.converged && Number.isFinite(first.value)) {
    // A short simplex probe around the answer guards against BFGS stopping on a flat or kinked stretch.
    const probe = nelderMead(f, first.x, { ...opts, step: 0.05, maxEvaluations: 60 });
    evaluations += probe.evaluations;
    if (!(probe.value < first.value - 1e-9 * (1 + abs(first.value)))) return { ...first, evaluations };
  }
  // The robust path: Nelder–Mead with restarts until it stops improving, then a BFGS polish.
  let best = nelderMead(f, x0, opts);
  evaluations += best.evaluations;
  for (let restart = 0; restart < 5; restart++) {
    const next = nelderMead(f, best.x, { ...opts, step: 0.1 });
    evaluations += next.evaluations;
    const gain = best.value - next.value;
    if (next.value < best.value) best = next;
    if (gain < 1e-9 * (1 + abs(best.value))) break;
  }
  const polished = bfgs(f, best.x, opts);
  evaluations += polished.evaluations;
  if (polished.value < best.value) best = { ...polished };
  if (first.value < best.value) best = first;
  return { x: best.x, value: best.value, evaluations, converged: best.converged || polished.converged };
}
