#!/usr/bin/python3
"""k-NN density and outliers with scikit-learn NearestNeighbors(algorithm=
"brute", metric="cosine"), k = 10 with self excluded (kneighbors() on the
fitted data), then cleanlab's outlier rule: a peer of qmcheck's k-NN engine
in bench/knn/run.py.

  /usr/bin/python3 bench/knn/sklearn_knn.py DIR/emb.npy OUT.json
"""
import sys
import time

import numpy as np

t0 = time.perf_counter()
import sklearn  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402

from common import finish  # noqa: E402

x = np.load(sys.argv[1])
t1 = time.perf_counter()
nn = NearestNeighbors(n_neighbors=10, algorithm="brute", metric="cosine", n_jobs=-1).fit(x)
dist, idx = nn.kneighbors()
finish(sys.argv[2], "scikit-learn " + sklearn.__version__, t0, t1, dist, idx)
