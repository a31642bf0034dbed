#!/usr/bin/python3
"""Side-by-side k-NN benchmark: qmcheck's metrics/knn (pure Go and OpenBLAS
builds) against faiss (IndexFlatIP) and scikit-learn (brute force), on the
same clustered, L2-normalised float32 embeddings, k = 10 (faiss: 11 with
self), each followed by cleanlab's density and outlier rule. Every tool runs
--runs times, one after the other, under /usr/bin/time -v; the table gives
the median wall time (whole process: start, load, search, outliers), the
median search + outlier time the tool reports itself, the peak RSS, and how
far the results agree with faiss's.

  /usr/bin/python3 bench/knn/run.py --n 100000 --d 512 --runs 3 --dir /tmp/knnbench

Needs Go, /usr/bin/python3 with numpy, python3-faiss, python3-sklearn, and
libopenblas-dev for the OpenBLAS build. Run from the repository root.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, out, env=None):
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True,
                       env=dict(os.environ, **(env or {})))
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    with open(out) as f:
        r = json.load(f)
    return secs, rss / 1024 / 1024, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--d", type=int, default=512)
    ap.add_argument("--clusters", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sklearn-runs", type=int, default=1, help="scikit-learn is slow: fewer runs")
    ap.add_argument("--dir", default="/tmp/qmcheck-knnbench")
    ap.add_argument("--tools", default="go-openblas,faiss,faiss-1blas,go-gonum,sklearn")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    emb = os.path.join(a.dir, "emb.npy")
    if not os.path.exists(emb):
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen.py"), "--n", str(a.n), "--d", str(a.d),
                        "--clusters", str(a.clusters), "--out", a.dir], check=True)
    bins = {}
    for tag in ("gonum", "openblas"):
        b = os.path.join(a.dir, "knnbench-" + tag)
        flags = ["-tags", "openblas"] if tag == "openblas" else []
        subprocess.run(["go", "build"] + flags + ["-o", b, "./bench/knn/knnbench"], check=True)
        bins[tag] = b
    cmds = {
        "go-gonum": [bins["gonum"]],
        "go-openblas": [bins["openblas"]],
        "faiss": ["/usr/bin/python3", os.path.join(HERE, "faiss_knn.py")],
        # faiss as Debian ships it uses OpenBLAS's threads for the multiply
        # and OpenMP's for the heaps; one BLAS thread avoids their contention.
        "faiss-1blas": ["/usr/bin/python3", os.path.join(HERE, "faiss_knn.py")],
        "sklearn": ["/usr/bin/python3", os.path.join(HERE, "sklearn_knn.py")],
    }
    tools = a.tools.split(",")
    res = {t: [] for t in tools}
    for run in range(a.runs):
        for t in tools:
            if t == "sklearn" and run >= a.sklearn_runs:
                continue
            out = os.path.join(a.dir, f"{t}.json")
            env = {"OPENBLAS_NUM_THREADS": "1"} if t == "faiss-1blas" else None
            wall, rss, r = timed(cmds[t] + [emb, out], out, env)
            if t == "faiss-1blas":
                r["tool"] += " (OPENBLAS_NUM_THREADS=1)"
            res[t].append((wall, r["knn_s"], rss, r))
            print(f"run {run + 1} {t}: wall {wall:.1f}s, search+outliers {r['knn_s']:.1f}s, RSS {rss:.2f} GiB", flush=True)
    ref = res["faiss"][0][3] if "faiss" in res else None
    print(f"\n{a.n:,} × {a.d} float32, k = 10, {a.runs} runs each ({a.sklearn_runs} for scikit-learn), medians\n")
    print("| tool | wall (s) | search + outliers (s) | vs faiss (wall) | peak RSS (GiB) | outliers | outlier Jaccard vs faiss | densest-12 / sparsest-12 same as faiss | neighbour lists of rows 0-199 equal to faiss |")
    print("|---|---|---|---|---|---|---|---|---|")
    fw = statistics.median(w for w, _, _, _ in res["faiss"]) if "faiss" in res else None
    for t in tools:
        wall = statistics.median(w for w, _, _, _ in res[t])
        knn = statistics.median(k for _, k, _, _ in res[t])
        rss = max(r for _, _, r, _ in res[t])
        r = res[t][0][3]
        ratio = f"{wall / fw:.2f}×" if fw else "—"
        jac = same = heads = "—"
        if ref:
            o, p = set(r["outliers"]), set(ref["outliers"])
            jac = f"{len(o & p) / max(len(o | p), 1):.4f}"
            same = f"{len(set(r['densest']) & set(ref['densest']))}/12, {len(set(r['sparsest']) & set(ref['sparsest']))}/12"
            heads = f"{sum(x == y for x, y in zip(r['neighbors_head'], ref['neighbors_head']))}/200"
        print(f"| {r['tool']} | {wall:.1f} | {knn:.1f} | {ratio} | {rss:.2f} | {len(r['outliers'])} | {jac} | {same} | {heads} |")


if __name__ == "__main__":
    main()
