"""scipy's optimiser on the BG/NBD likelihood (and Gamma-Gamma's) of the CDNOW summary, side by side.

The log-likelihoods are the standard vectorised forms (as in the `lifetimes` package), over
log-parameters, minimised by scipy.optimize.minimize with Nelder-Mead (what `lifetimes` uses) and with
BFGS (scipy's default for an unconstrained problem); the faster of the two is the one to beat.
Prints one JSON line with median seconds and the fitted parameters.
Usage: /usr/bin/python3 bgnbd_scipy.py cdnow_customers_summary_with_transactions.csv RUNS
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import gammaln

data = np.genfromtxt(sys.argv[1], delimiter=",", names=True)
runs = int(sys.argv[2])
x, tx, T, zbar = data["x"], data["t_x"], data["T"], data["zbar"]


def bgnbd_nll(v):
    r, alpha, a, b = np.exp(v)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) / len(x)


rep = x > 0
gx, gz = x[rep], zbar[rep]


def gg_nll(v):
    p, q, g = np.exp(v)
    ll = (
        gammaln(p * gx + q) - gammaln(p * gx) - gammaln(q) + q * np.log(g)
        + (p * gx - 1) * np.log(gz) + p * gx * np.log(gx) - (p * gx + q) * np.log(g + gx * gz)
    )
    return -np.mean(ll)


def timed(fn):
    ts, res = [], None
    for _ in range(runs):
        t = time.perf_counter()
        res = fn()
        ts.append(time.perf_counter() - t)
    return float(np.median(ts)), res


x0 = np.zeros(4)
nm_s, nm = timed(lambda: minimize(bgnbd_nll, x0, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 20000}))
bf_s, bf = timed(lambda: minimize(bgnbd_nll, x0, method="BFGS"))
gg_s, gg = timed(lambda: minimize(gg_nll, np.zeros(3), method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 20000}))
best = min(nm_s, bf_s)
r, alpha, a, b = np.exp(nm.x if nm.fun <= bf.fun else bf.x)
print(
    json.dumps(
        {
            "bgnbd_nelder_mead_seconds": nm_s,
            "bgnbd_bfgs_seconds": bf_s,
            "bgnbd_seconds": best,
            "bgnbd_method": "Nelder-Mead" if nm_s <= bf_s else "BFGS",
            "gamma_gamma_seconds": gg_s,
            "params": {"r": r, "alpha": alpha, "a": a, "b": b},
            "log_likelihood": float(-min(nm.fun, bf.fun) * len(x)),
            "gg_params": dict(zip(["p", "q", "gamma"], np.exp(gg.x).tolist())),
            "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__},
        }
    )
)
