"""scikit-learn's KMeans on the engine's k-means features, for the side-by-side benchmark.

Input: a little-endian float64 file of n x d z-scores (written by bench/models.bench.ts from the same
customers the engine clusters), n, d, k. Fits KMeans(k, init="k-means++", n_init=10, algorithm="lloyd",
tol=1e-4) as the engine does; then the automatic-k loop: k = 2..8, each fitted the same way, the
silhouette on a seeded sample of at most 5,000. Prints one JSON line with median fit seconds and inertia.
Usage: /usr/bin/python3 kmeans_sklearn.py FILE N D K RUNS
"""
import json
import sys
import time

import numpy as np
import sklearn
import threadpoolctl
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

path, n, d, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(path, dtype="<f8").reshape(n, d)


def fit(kk, seed=0):
    return KMeans(n_clusters=kk, init="k-means++", n_init=10, algorithm="lloyd", tol=1e-4, random_state=seed).fit(X)


fit(k)  # warm-up: first call pays for imports and thread-pool start
times, inertia = [], None
for r in range(runs):
    t = time.perf_counter()
    m = fit(k, r)
    times.append(time.perf_counter() - t)
    inertia = m.inertia_ if inertia is None else min(inertia, m.inertia_)

auto_times, best_k = [], None
for r in range(max(1, runs // 2)):
    t = time.perf_counter()
    scores = {}
    for kk in range(2, 9):
        labels = fit(kk, r).labels_
        scores[kk] = silhouette_score(X, labels, sample_size=min(5000, n), random_state=r)
    auto_times.append(time.perf_counter() - t)
    best_k = max(scores, key=lambda q: (scores[q], -q))

print(
    json.dumps(
        {
            "fit_seconds": float(np.median(times)),
            "inertia": float(inertia),
            "auto_seconds": float(np.median(auto_times)),
            "auto_k": int(best_k),
            "threads": threadpoolctl.threadpool_info()[0].get("num_threads") if threadpoolctl.threadpool_info() else None,
            "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__},
        }
    )
)
