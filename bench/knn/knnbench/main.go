// Command knnbench is qmcheck's side of the k-NN benchmark (bench/knn/run.py):
// it reads L2-normalised float32 vectors from a .npy, runs the exact k-NN
// self search of metrics/knn (k = 10, cosine), cleanlab's density and
// outlier rule (metrics/lens), and writes the same JSON summary as the
// Python peers. Build with -tags openblas for the OpenBLAS multiply.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/lens"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

func main() {
	k := flag.Int("k", 10, "neighbours")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: knnbench [-k 10] EMB.npy OUT.json")
		os.Exit(2)
	}
	t0 := time.Now()
	x, err := npy.ReadMatrix32(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	t1 := time.Now()
	g, err := knn.Self(x, knn.Options{K: *k})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dbar := g.MeanDistances()
	density, scale := lens.Density(dbar)
	fence, outliers := lens.Outliers(dbar)
	t2 := time.Now()
	idx := make([]int, len(dbar))
	for i := range idx {
		idx[i] = i
	}
	order := func(far bool) []int {
		o := slices.Clone(idx)
		slices.SortStableFunc(o, func(a, b int) int {
			da, db := dbar[a], dbar[b]
			if far {
				da, db = db, da
			}
			switch {
			case da < db:
				return -1
			case da > db:
				return 1
			}
			return 0
		})
		return o[:12]
	}
	var head [][]int32
	for q := 0; q < min(200, g.Rows()); q++ {
		n, _ := g.Neighbors(q)
		head = append(head, n)
	}
	mean := 0.0
	for _, d := range density {
		mean += d
	}
	if outliers == nil {
		outliers = []int{}
	}
	b, _ := json.Marshal(map[string]any{
		"tool": "qmcheck knn (" + knn.Backend + ")", "load_s": t1.Sub(t0).Seconds(), "knn_s": t2.Sub(t1).Seconds(),
		"median_dbar": scale, "mean_density": mean / float64(len(density)), "fence": fence, "outliers": outliers,
		"densest": order(false), "sparsest": order(true), "neighbors_head": head,
	})
	if err := os.WriteFile(flag.Arg(1), b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
