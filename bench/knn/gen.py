#!/usr/bin/python3
"""Write random but clustered, L2-normalised float32 embeddings as .npy, and
their labels as CSV (id,class), with a fixed seed: the data of the k-NN
benchmark (bench/knn/run.py). Row i belongs to cluster labels[i]; each cluster
has a Gaussian centre and its own spread, so densities differ by cluster; a
share --noise of the rows (default 0.5%) are directions drawn at random,
near no centre: the outliers to find.

  /usr/bin/python3 bench/knn/gen.py --n 100000 --d 512 --clusters 100 --out DIR
"""
import argparse
import os

import numpy as np
from numpy.lib.format import open_memmap


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--d", type=int, required=True)
    ap.add_argument("--clusters", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--noise", type=float, default=0.005)
    ap.add_argument("--out", required=True, help="directory for emb.npy and labels.csv")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    centres = rng.standard_normal((a.clusters, a.d)).astype(np.float32)
    spread = rng.uniform(0.4, 1.2, a.clusters).astype(np.float32)
    labels = rng.integers(0, a.clusters, a.n)
    x = open_memmap(os.path.join(a.out, "emb.npy"), mode="w+", dtype="<f4", shape=(a.n, a.d))
    step = 50_000
    for i in range(0, a.n, step):
        j = min(i + step, a.n)
        lab = labels[i:j]
        v = centres[lab] + spread[lab, None] * rng.standard_normal((j - i, a.d), dtype=np.float32)
        noise = rng.random(j - i) < a.noise
        v[noise] = 3 * rng.standard_normal((int(noise.sum()), a.d), dtype=np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        x[i:j] = v
    x.flush()
    del x
    with open(os.path.join(a.out, "labels.csv"), "w") as f:
        f.write("id,class\n")
        for i, c in enumerate(labels):
            f.write(f"s{i:07d},c{c:04d}\n")


if __name__ == "__main__":
    main()
