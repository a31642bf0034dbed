package lens

import (
	"maps"
	"math"
	"slices"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

// DensityFormula is recorded as /lenses/<name>/density/formula.
const DensityFormula = "density_i = exp(-dbar_i / median(dbar)), dbar_i = mean distance from sample i to its k nearest neighbours (cleanlab's outlier score): 1 = neighbours at distance 0, 1/e = the median sample, towards 0 = isolated; in (0, 1], comparable across datasets and lenses"

// Measure computes the facts of one lens (see the package comment). With N
// samples up to o.ExactLimit the k-NN search is exact (/exact true). Above
// it, every sample is searched against a fixed-seed reference sample of
// o.Reference samples (/exact false, /reference_sample, /seed): densities,
// their summary, per-class means, outliers and k-NN confusion use those
// neighbours; the K densest and K sparsest sets are then re-measured
// exactly (the o.Candidates samples at each end get their exact k-NN among
// all N samples, valued against the median over the first 1,000 reference
// samples), and near duplicates are not measured (the section is absent).
//
// The second result is the exact k-NN graph of all samples, for callers that
// reuse it (the model-free label estimate); nil in reference-sample mode.
func Measure(in Input, o Options) (*facts.Lens, *knn.Graph, error) {
	o = o.withDefaults()
	if err := in.check(o); err != nil {
		return nil, nil, err
	}
	x := in.Vectors
	n := x.Rows
	ko := knn.Options{K: o.K, Metric: o.Metric, Workers: o.Workers}
	ci := indexClasses(in.Classes)
	out := &facts.Lens{Source: o.Source, Model: o.Model, Dims: x.Cols, Samples: int64(n), K: o.K, Metric: string(o.Metric)}

	var g *knn.Graph     // neighbours of every sample (among all, or the reference)
	var exact *knn.Graph // g when the search was exact
	var dens *densities
	if n <= o.ExactLimit {
		var err error
		if g, err = knn.Self(x, ko); err != nil {
			return nil, nil, err
		}
		exact = g
		dens = newDensities(g.MeanDistances())
		dens.exactSets(o.Extremes)
		out.Exact = facts.B(true)
		out.NearDuplicates = nearDuplicateFacts(g, in.IDs, o.Listed)
	} else {
		r := min(o.Reference, n-1)
		draw := referenceSample(n, r, uint64(o.Seed))
		ref := slices.Sorted(slices.Values(draw))
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		var err error
		if g, err = knn.Search(x, all, ref, ko); err != nil {
			return nil, nil, err
		}
		dens = newDensities(g.MeanDistances())
		if err := dens.refinedSets(x, ko, o.Extremes, o.Candidates, draw[:min(1000, r)]); err != nil {
			return nil, nil, err
		}
		out.Exact = facts.B(false)
		out.ReferenceSample = int64(r)
		out.Seed = &o.Seed
	}

	out.Density = dens.facts(in, ci, o)
	out.Outliers = outlierFacts(dens.dbar, in, o.Listed)

	v := newVectorSums(x, ci, o.Metric, o.Workers)
	out.Similarity = &facts.Similarity{Within: v.within(ci), Between: v.between(ci, g, o)}
	out.Spectrum = v.spectrum(x, o.Metric, o.Workers)
	out.PCA = v.pca(ci)
	if in.Taxonomy != nil {
		shares, err := taxonomyShares(in.Taxonomy, ci, out, v, in.Classes)
		if err != nil {
			return nil, nil, err
		}
		out.TaxonomyShares = shares
	}
	return out, exact, nil
}

// densities holds the mean k-NN distance of every sample and the density
// derived from it, plus the chosen densest and sparsest sets.
type densities struct {
	dbar     []float64
	scale    float64 // median dbar, floored at 100 machine epsilons
	density  []float64
	densest  []member
	sparsest []member
}

// member is a sample in a densest or sparsest set, with its density.
type member struct {
	i       int
	density float64
}

func newDensities(dbar []float64) *densities {
	d := &densities{dbar: dbar}
	d.density, d.scale = Density(dbar)
	return d
}

// Density returns the density of every sample from its mean k-NN distance
// (DensityFormula): exp(−dbar_i / s), s = max(median dbar, 100 × float64
// epsilon) — cleanlab's outlier score, in (0, 1]; and s.
func Density(dbar []float64) (density []float64, scale float64) {
	scale = scaleOf(dbar)
	density = make([]float64, len(dbar))
	for i, x := range dbar {
		density[i] = math.Exp(-x / scale)
	}
	return density, scale
}

// scaleOf is cleanlab's scaling factor: the median of dbar, at least
// 100 × the float64 machine epsilon.
func scaleOf(dbar []float64) float64 {
	return math.Max(median(sorted(dbar)), 100*0x1p-52)
}

// byDistance returns sample numbers ordered by dbar (ascending, or
// descending when far), ties by lower sample number.
func byDistance(dbar []float64, idx []int, far bool) []int {
	out := slices.Clone(idx)
	slices.SortStableFunc(out, func(a, b int) int {
		da, db := dbar[a], dbar[b]
		if far {
			da, db = -da, -db
		}
		switch {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return a - b
	})
	return out
}

func (d *densities) exactSets(k int) {
	all := make([]int, len(d.dbar))
	for i := range all {
		all[i] = i
	}
	k = min(k, len(all))
	for _, i := range byDistance(d.dbar, all, false)[:k] {
		d.densest = append(d.densest, member{i, d.density[i]})
	}
	for _, i := range byDistance(d.dbar, all, true)[:k] {
		d.sparsest = append(d.sparsest, member{i, d.density[i]})
	}
}

// refinedSets chooses the densest and sparsest sets in reference mode: the
// m candidates at each end by reference-sample distance get their exact
// k-NN among all samples, and the k nearest (farthest) by exact mean distance
// are kept, valued by exp(−dbar / s) with s the median exact dbar of the
// calibration samples calib.
func (d *densities) refinedSets(x *npy.Matrix[float32], ko knn.Options, k, m int, calib []int) error {
	n := len(d.dbar)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	m = min(max(m, k), n)
	k = min(k, n)
	near := byDistance(d.dbar, all, false)[:m]
	far := byDistance(d.dbar, all, true)[:m]
	queries := slices.Concat(near, far, calib)
	g, err := knn.Search(x, queries, all, ko)
	if err != nil {
		return err
	}
	exact := make([]float64, n) // exact dbar of the queries, by sample
	mean := g.MeanDistances()
	for q, i := range queries {
		exact[i] = mean[q]
	}
	cal := make([]float64, len(calib))
	for j, i := range calib {
		cal[j] = exact[i]
	}
	s := scaleOf(cal)
	for _, i := range byDistance(exact, near, false)[:k] {
		d.densest = append(d.densest, member{i, math.Exp(-exact[i] / s)})
	}
	for _, i := range byDistance(exact, far, true)[:k] {
		d.sparsest = append(d.sparsest, member{i, math.Exp(-exact[i] / s)})
	}
	return nil
}

// facts writes the density section.
func (d *densities) facts(in Input, ci *classIndex, o Options) *facts.Density {
	h := histogram(d.density, 0, 1, DefaultBins)
	out := &facts.Density{Formula: DensityFormula, Stats: summarize(d.density), Histogram: h, Peak: facts.F(peak(h)),
		Densest: classSet(d.densest, in), Sparsest: classSet(d.sparsest, in), PerClass: map[string]float64{}}
	sum := make([]float64, len(ci.names))
	for i, c := range ci.of {
		if c >= 0 {
			sum[c] += d.density[i]
		}
	}
	for c, name := range ci.names {
		out.PerClass[name] = sum[c] / float64(ci.size[c])
	}
	if len(out.PerClass) == 0 {
		out.PerClass = nil
	}
	return out
}

// classSet describes a densest or sparsest set: its samples with their
// densities, the samples per class, the most frequent class (the first by
// name on a tie), its count and share, and the range of the densities.
func classSet(ms []member, in Input) *facts.ClassSet {
	cs := &facts.ClassSet{Size: int64(len(ms)), Classes: map[string]int64{}}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, m := range ms {
		cs.Samples = append(cs.Samples, facts.Sample{ID: in.IDs[m.i], Class: in.Classes[m.i], Value: facts.F(m.density)})
		if c := in.Classes[m.i]; c != "" {
			cs.Classes[c]++
		}
		lo, hi = math.Min(lo, m.density), math.Max(hi, m.density)
	}
	for _, c := range slices.Sorted(maps.Keys(cs.Classes)) {
		if cs.Classes[c] > cs.TopCount {
			cs.TopClass, cs.TopCount = c, cs.Classes[c]
		}
	}
	if cs.TopCount > 0 {
		cs.TopShare = facts.F(float64(cs.TopCount) / float64(cs.Size))
	}
	if len(cs.Classes) == 0 {
		cs.Classes = nil
	}
	if len(ms) > 0 {
		cs.Range = []float64{lo, hi}
	}
	return cs
}

// outlierFence is cleanlab's outlier fence on the mean k-NN distances:
// Q3 + (1/θ − 1)·IQR with NumPy's linear percentiles and θ =
// OutlierThreshold (a 1.7 × IQR fence).
func outlierFence(dbar []float64) float64 {
	s := sorted(dbar)
	q1, q3 := percentile(s, 25), percentile(s, 75)
	return q3 + (1/OutlierThreshold-1)*(q3-q1)
}

// Outliers applies cleanlab's outlier rule to the mean k-NN distances dbar
// (one per sample): the fence is Q3 + (1/θ − 1)·IQR of dbar, NumPy's linear
// percentiles, θ = OutlierThreshold (a 1.7 × IQR fence); flagged lists the
// samples with dbar above the fence, in sample order.
func Outliers(dbar []float64) (fence float64, flagged []int) {
	fence = outlierFence(dbar)
	for i, x := range dbar {
		if x > fence {
			flagged = append(flagged, i)
		}
	}
	return fence, flagged
}

func outlierFacts(dbar []float64, in Input, listed int) *facts.Outliers {
	fence, flagged := Outliers(dbar)
	out := &facts.Outliers{Rule: "mean k-NN distance > Q3 + 1.7 × IQR of the mean k-NN distances (cleanlab, threshold 0.37037)",
		Fence: facts.F(fence), Count: facts.I(int64(len(flagged))), Classes: map[string]int64{}}
	for _, i := range flagged {
		if c := in.Classes[i]; c != "" {
			out.Classes[c]++
		}
	}
	for _, i := range byDistance(dbar, flagged, true)[:min(listed, len(flagged))] {
		out.Samples = append(out.Samples, facts.Sample{ID: in.IDs[i], Class: in.Classes[i], Value: facts.F(dbar[i])})
	}
	if len(out.Classes) == 0 {
		out.Classes = nil
	}
	return out
}

// NearDuplicates applies cleanlab's near-duplicate rule to an exact graph:
// m = max(median nearest-neighbour distance, 1e-6); sample i's set holds its
// neighbours closer than factor × m, made symmetric (j joins i's set when i
// is in j's), in neighbour order then in order of discovery.
func NearDuplicates(g *knn.Graph, factor float64) (m, threshold float64, sets [][]int32) {
	n := g.Rows()
	d1 := make([]float64, n)
	for i := range d1 {
		_, d := g.Neighbors(i)
		d1[i] = d[0]
	}
	m = math.Max(median(sorted(d1)), 1e-6)
	threshold = factor * m
	sets = make([][]int32, n)
	for i := 0; i < n; i++ {
		idx, d := g.Neighbors(i)
		for r, j := range idx {
			if d[r] < threshold {
				sets[i] = append(sets[i], j)
			}
		}
	}
	for i := 0; i < n; i++ {
		for _, j := range sets[i] {
			if !slices.Contains(sets[j], int32(i)) {
				sets[j] = append(sets[j], int32(i))
			}
		}
	}
	return m, threshold, sets
}

// nearDuplicateFacts writes the near-duplicate section: the count of samples
// with a near duplicate, and the groups (connected components of the
// near-duplicate relation, members in sample order, groups by first member),
// at most listed of them.
func nearDuplicateFacts(g *knn.Graph, ids []string, listed int) *facts.LensNearDuplicates {
	m, thr, sets := NearDuplicates(g, NearDuplicateFactor)
	out := &facts.LensNearDuplicates{Factor: facts.F(NearDuplicateFactor), MedianNNDistance: facts.F(m), Threshold: facts.F(thr)}
	parent := make([]int, len(sets))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, s := range sets {
		if len(s) > 0 {
			out.Count++
		}
		for _, j := range s {
			a, b := find(i), find(int(j))
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i, s := range sets {
		if len(s) == 0 {
			continue
		}
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	for _, r := range roots[:min(listed, len(roots))] {
		var names []string
		for _, i := range groups[r] {
			names = append(names, ids[i])
		}
		out.Sets = append(out.Sets, names)
	}
	return out
}

// referenceSample draws r distinct sample numbers of [0, n) with a
// splitmix64 generator seeded by seed (a partial Fisher–Yates shuffle;
// uint64 modulo reduction), in draw order. The same (n, r, seed) always gives
// the same sample.
func referenceSample(n, r int, seed uint64) []int {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	state := seed
	next := func() uint64 {
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := 0; i < r; i++ {
		j := i + int(next()%uint64(n-i))
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm[:r:r]
}
