package lens

import (
	"math"
	"slices"

	"github.com/qmcheck/qmcheck/metrics/facts"
)

// summarize returns count, sum, mean, population standard deviation, min,
// max and the nearest-rank quantiles p01 … p99 of xs (common.schema.json's
// stats). Sums run in index order, so the result is deterministic.
func summarize(xs []float64) *facts.Stats {
	n := len(xs)
	if n == 0 {
		return &facts.Stats{}
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(n)
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	q := map[string]float64{}
	for _, p := range []int{1, 5, 25, 50, 75, 95, 99} {
		q[pkey(p)] = nearestRank(s, float64(p))
	}
	return &facts.Stats{Count: int64(n), Sum: facts.F(sum), Mean: facts.F(mean), Std: facts.F(math.Sqrt(ss / float64(n))),
		Min: facts.F(s[0]), Max: facts.F(s[n-1]), Quantiles: q}
}

func pkey(p int) string { return "p" + string(rune('0'+p/10)) + string(rune('0'+p%10)) }

// nearestRank is the p-th percentile of sorted s by the nearest-rank rule:
// the value of rank ceil(p/100 · n), at least 1.
func nearestRank(s []float64, p float64) float64 {
	r := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(r, 1), len(s))-1]
}

// percentile is NumPy's default (linear) percentile of sorted s, as
// np.percentile(s, p): position (n − 1) · p / 100, linear between neighbours.
func percentile(s []float64, p float64) float64 {
	pos := float64(len(s)-1) * p / 100
	lo := int(math.Floor(pos))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	f := pos - float64(lo)
	return s[lo] + (s[lo+1]-s[lo])*f
}

// median is NumPy's median of sorted s: the middle value, or the mean of
// the two middle values.
func median(s []float64) float64 {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func sorted(xs []float64) []float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s
}

// histogram counts xs in bins equal bins over [lo, hi]; the last bin is
// closed, values outside are clamped into the end bins.
func histogram(xs []float64, lo, hi float64, bins int) *facts.Histogram {
	h := &facts.Histogram{Edges: make([]float64, bins+1), Counts: make([]int64, bins)}
	w := (hi - lo) / float64(bins)
	for i := range h.Edges {
		h.Edges[i] = lo + w*float64(i)
	}
	h.Edges[bins] = hi
	for _, x := range xs {
		b := int((x - lo) / w)
		h.Counts[min(max(b, 0), bins-1)]++
	}
	return h
}

// peak is the centre of the fullest bin of h (the first on a tie).
func peak(h *facts.Histogram) float64 {
	best := 0
	for i, c := range h.Counts {
		if c > h.Counts[best] {
			best = i
		}
	}
	return (h.Edges[best] + h.Edges[best+1]) / 2
}

// spearman is the Spearman rank correlation of paired xs and ys (average
// ranks for ties); ok is false when fewer than two pairs or either side is
// constant.
func spearman(xs, ys []float64) (float64, bool) {
	if len(xs) < 2 {
		return 0, false
	}
	rx, ry := ranks(xs), ranks(ys)
	var mx, my float64
	for i := range rx {
		mx += rx[i]
		my += ry[i]
	}
	mx /= float64(len(rx))
	my /= float64(len(ry))
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	r := sxy / math.Sqrt(sxx*syy)
	return math.Max(-1, math.Min(1, r)), true
}

// ranks are 1-based ranks of xs, ties sharing their average rank.
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case xs[a] < xs[b]:
			return -1
		case xs[a] > xs[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for t := i; t <= j; t++ {
			r[idx[t]] = avg
		}
		i = j + 1
	}
	return r
}
