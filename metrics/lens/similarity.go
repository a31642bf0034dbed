package lens

import (
	"math"
	"slices"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

// vectorSums holds per-class sums of the unit vectors (for cosine
// similarity) and of the vectors the metric sees (unit rows for cosine, raw
// rows for Euclidean; for the spectrum, PCA and dispersion).
type vectorSums struct {
	d        int
	unitNorm []float64   // 1/|x_i| (0 for a zero row)
	unit     [][]float64 // per class: Σ x_i / |x_i|
	nonzero  []int       // per class: rows with |x_i| > 0
	unitAll  []float64   // over every sample
	nzAll    int
	space    [][]float64 // per class: Σ v_i (v = the metric's vectors)
	sq       []float64   // per class: Σ |v_i|²
	spaceAll []float64
	n        int
}

// newVectorSums sums in sample order; the work is split by dimension, so
// the sums do not depend on the number of workers.
func newVectorSums(x *npy.Matrix[float32], ci *classIndex, m knn.Metric, workers int) *vectorSums {
	k, d := len(ci.names), x.Cols
	v := &vectorSums{d: d, n: x.Rows, unitNorm: make([]float64, x.Rows), nonzero: make([]int, k),
		unit: make2(k, d), space: make2(k, d), sq: make([]float64, k), unitAll: make([]float64, d), spaceAll: make([]float64, d)}
	for i := 0; i < x.Rows; i++ {
		s := 0.0
		for _, a := range x.Row(i) {
			s += float64(a) * float64(a)
		}
		c := ci.of[i]
		if s > 0 {
			v.unitNorm[i] = 1 / math.Sqrt(s)
			v.nzAll++
			if c >= 0 {
				v.nonzero[c]++
			}
		}
		if c >= 0 {
			if m == knn.Cosine {
				if s > 0 {
					v.sq[c]++
				}
			} else {
				v.sq[c] += s
			}
		}
	}
	parallelDims(d, workers, func(lo, hi int) {
		for i := 0; i < x.Rows; i++ {
			row := x.Row(i)[lo:hi]
			f := v.unitNorm[i]
			sf := 1.0
			if m == knn.Cosine {
				sf = f
			}
			c := ci.of[i]
			for j, a := range row {
				u := float64(a) * f
				s := float64(a) * sf
				v.unitAll[lo+j] += u
				v.spaceAll[lo+j] += s
				if c >= 0 {
					v.unit[c][lo+j] += u
					v.space[c][lo+j] += s
				}
			}
		}
	})
	return v
}

func make2(a, b int) [][]float64 {
	flat := make([]float64, a*b)
	out := make([][]float64, a)
	for i := range out {
		out[i] = flat[i*b : (i+1)*b]
	}
	return out
}

// parallelDims runs f over dimension ranges of [0, d).
func parallelDims(d, w int, f func(lo, hi int)) {
	w = max(min(w, d), 1)
	done := make(chan struct{}, w)
	chunk := (d + w - 1) / w
	started := 0
	for lo := 0; lo < d; lo += chunk {
		started++
		go func(lo, hi int) {
			f(lo, hi)
			done <- struct{}{}
		}(lo, min(lo+chunk, d))
	}
	for range started {
		<-done
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// meanPairwiseCosine is the mean cosine similarity over the n(n−1) ordered
// pairs of distinct samples, from the sum s of their unit vectors and the
// number z of non-zero rows (a zero row has cosine 0 with every row):
// (|s|² − z) / (n(n − 1)), clipped to [−1, 1]. It needs n ≥ 2.
func meanPairwiseCosine(s []float64, z, n int) float64 {
	v := (dot(s, s) - float64(z)) / (float64(n) * float64(n-1))
	return math.Max(-1, math.Min(1, v))
}

// within is the within-class similarity of every class with two samples or
// more, and the same over the whole dataset.
func (v *vectorSums) within(ci *classIndex) *facts.Within {
	w := &facts.Within{Exhaustive: facts.B(true), PerClass: map[string]float64{}, Dataset: facts.F(meanPairwiseCosine(v.unitAll, v.nzAll, v.n))}
	var vals []float64
	for c, name := range ci.names {
		if ci.size[c] < 2 {
			continue
		}
		x := meanPairwiseCosine(v.unit[c], v.nonzero[c], ci.size[c])
		w.PerClass[name] = x
		vals = append(vals, x)
		if w.MinClass == "" || x < w.PerClass[w.MinClass] {
			w.MinClass = name
		}
		if w.MaxClass == "" || x > w.PerClass[w.MaxClass] {
			w.MaxClass = name
		}
	}
	if len(vals) == 0 {
		w.PerClass = nil
		return w
	}
	w.Stats = summarize(vals)
	return w
}

// pairKey orders a class pair (a < b by class number).
type pairKey struct{ a, b int }

// between compares every pair of classes: the cosine of their centroids
// (means of unit vectors) and the k-NN confusion of the pair from graph g
// (row i of g is sample i; neighbours are sample numbers):
// confusion(a, b) = (e(a→b) / (n_a k) + e(b→a) / (n_b k)) / 2, e(a→b) being
// the k-NN edges from samples of a to samples of b. Pairs lists the o.Pairs
// most similar centroid pairs, Confused the o.Pairs most confused pairs
// (confusion > 0); both rank ties by class names.
func (v *vectorSums) between(ci *classIndex, g *knn.Graph, o Options) *facts.Between {
	k := len(ci.names)
	b := &facts.Between{Exhaustive: true, Classes: int64(k)}
	if k < 2 {
		return b
	}
	// k-NN confusion.
	edges := map[pairKey]int64{} // directed: a → b
	var cross, total int64
	for i := 0; i < g.Rows(); i++ {
		a := ci.of[i]
		if a < 0 {
			continue
		}
		idx, _ := g.Neighbors(i)
		for _, j := range idx {
			c := ci.of[j]
			if c < 0 {
				continue
			}
			total++
			if c != a {
				cross++
				edges[pairKey{a, c}]++
			}
		}
	}
	if total > 0 {
		b.KNNCrossClass = facts.F(float64(cross) / float64(total))
	}
	confusion := map[pairKey]float64{}
	for e, cnt := range edges {
		p := pairKey{min(e.a, e.b), max(e.a, e.b)}
		confusion[p] += float64(cnt) / float64(ci.size[e.a]*g.K) / 2
	}
	// Centroid cosines of every pair.
	norm := make([]float64, k)
	for c := range norm {
		norm[c] = math.Sqrt(dot(v.unit[c], v.unit[c]))
	}
	type scored struct {
		p pairKey
		x float64
	}
	better := func(x, y scored) int { // higher first, then by names
		switch {
		case x.x > y.x:
			return -1
		case x.x < y.x:
			return 1
		case x.p.a != y.p.a:
			return x.p.a - y.p.a
		}
		return x.p.b - y.p.b
	}
	cosine := func(p pairKey) (float64, bool) {
		if norm[p.a] == 0 || norm[p.b] == 0 {
			return 0, false
		}
		return math.Max(-1, math.Min(1, dot(v.unit[p.a], v.unit[p.b])/(norm[p.a]*norm[p.b]))), true
	}
	// Each worker keeps its best o.Pairs by cosine; the union is ranked.
	rows := make([][]scored, k)
	parallelDims(k, o.Workers, func(lo, hi int) {
		for a := lo; a < hi; a++ {
			var best []scored
			for c := a + 1; c < k; c++ {
				if x, ok := cosine(pairKey{a, c}); ok {
					best = append(best, scored{pairKey{a, c}, x})
				}
			}
			slices.SortFunc(best, better)
			rows[a] = best[:min(len(best), o.Pairs)]
		}
	})
	var top []scored
	for _, r := range rows {
		top = append(top, r...)
	}
	slices.SortFunc(top, better)
	pair := func(p pairKey) facts.Pair {
		out := facts.Pair{A: ci.names[p.a], B: ci.names[p.b]}
		if x, ok := cosine(p); ok {
			out.Cosine = facts.F(x)
		}
		out.Confusion = facts.F(confusion[p])
		return out
	}
	for _, s := range top[:min(len(top), o.Pairs)] {
		b.Pairs = append(b.Pairs, pair(s.p))
	}
	var conf []scored
	for p, x := range confusion {
		conf = append(conf, scored{p, x})
	}
	slices.SortFunc(conf, better)
	for _, s := range conf[:min(len(conf), o.Pairs)] {
		b.Confused = append(b.Confused, pair(s.p))
	}
	return b
}
