#!/usr/bin/python3
"""k-NN density and outliers with faiss (IndexFlatIP, exact inner product on
L2-normalised vectors, search k = 11 and drop self), then cleanlab's outlier
rule in NumPy: the peer of qmcheck's k-NN engine in bench/knn/run.py.

  /usr/bin/python3 bench/knn/faiss_knn.py DIR/emb.npy OUT.json
"""
import sys
import time

import numpy as np

t0 = time.perf_counter()
import faiss  # noqa: E402

from common import finish  # noqa: E402

x = np.load(sys.argv[1])
t1 = time.perf_counter()
faiss.normalize_L2(x)
index = faiss.IndexFlatIP(x.shape[1])
index.add(x)
sim, idx = index.search(x, 11)
# drop each row's own entry (the first, unless a tie put it elsewhere)
own = idx == np.arange(len(x))[:, None]
keep = ~own
keep[~own.any(axis=1), -1] = False
dist = np.clip(1 - sim[keep].reshape(len(x), 10), 0, 2)
finish(sys.argv[2], "faiss " + faiss.__version__, t0, t1, dist, idx[keep].reshape(len(x), 10))
