"""Shared tail of the Python peers: cleanlab's density and outlier rule on a
k-NN result, and the JSON summary that bench/knn/run.py compares."""
import json
import time

import numpy as np


def finish(out, tool, t0, t1, dist, idx):
    dbar = dist.astype(np.float64).mean(axis=1)
    scale = max(np.median(dbar), 100 * np.finfo(np.float64).eps)
    density = np.exp(-dbar / scale)
    q1, q3 = np.percentile(dbar, [25, 75])
    fence = q3 + (1 / 0.37037 - 1) * (q3 - q1)
    outliers = np.flatnonzero(dbar > fence)
    t2 = time.perf_counter()
    with open(out, "w") as f:
        json.dump({
            "tool": tool,
            "load_s": t1 - t0,
            "knn_s": t2 - t1,
            "median_dbar": float(np.median(dbar)),
            "mean_density": float(density.mean()),
            "fence": float(fence),
            "outliers": outliers.tolist(),
            "densest": np.argsort(dbar, kind="stable")[:12].tolist(),
            "sparsest": np.argsort(-dbar, kind="stable")[:12].tolist(),
            "neighbors_head": idx[:200].tolist(),
        }, f)
