package labels

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// ConfidentThresholds returns the per-class thresholds of confident learning
// (cleanlab count.get_confident_thresholds):
//
//	t_k = mean{ p[i][k] : labels[i] = k },
//
// the average self-confidence of the samples given class k, in [0, 1]. A
// class no sample is given gets 2, so that no probability reaches it. Every
// threshold is floored at 2e-6.
func ConfidentThresholds(labels []int, p *Matrix) []float64 {
	k := numClasses(p)
	byClass := make([][]float64, k)
	for i, y := range labels {
		byClass[y] = append(byClass[y], p.Data[i*k+y])
	}
	t := make([]float64, k)
	for c, v := range byClass {
		if len(v) == 0 {
			t[c] = absentThreshold
		} else {
			t[c] = pairwiseSum(v) / float64(len(v))
		}
		t[c] = math.Max(t[c], thresholdFloor)
	}
	return t
}

// ConfidentJoint counts, for each given class i and "confidently guessed"
// class j, the samples labelled i whose guess is j (cleanlab
// count.compute_confident_joint with calibrate=False). A sample's confident
// set is {j : p[s][j] ≥ t_j − 1e-6}; an empty set leaves the sample out, a
// single class is the guess, several classes give argmax p[s]. Every diagonal
// cell is raised to at least 1. offDiagonal lists, ascending, the samples
// counted off the diagonal (guess ≠ given label). thresholds nil means
// ConfidentThresholds(labels, p).
func ConfidentJoint(labels []int, p *Matrix, thresholds []float64) (cj Counts, offDiagonal []int) {
	k := numClasses(p)
	if thresholds == nil {
		thresholds = ConfidentThresholds(labels, p)
	}
	cut := make([]float64, k)
	for j, t := range thresholds {
		cut[j] = t - floatCmp
	}
	cj = newCounts(k)
	for i, y := range labels {
		row := p.Row(i)
		n, first := 0, -1
		for j, v := range row {
			if v >= cut[j] {
				if n == 0 {
					first = j
				}
				n++
			}
		}
		if n == 0 {
			continue
		}
		guess := first
		if n > 1 {
			guess = argmax(row)
		}
		cj[y][guess]++
		if guess != y {
			offDiagonal = append(offDiagonal, i)
		}
	}
	for j := range cj {
		cj[j][j] = max(cj[j][j], 1)
	}
	return cj, offDiagonal
}

// CalibratedConfidentJoint is ConfidentJoint followed by Calibrate: cleanlab
// count.compute_confident_joint with its default calibrate=True.
func CalibratedConfidentJoint(labels []int, p *Matrix) Counts {
	cj, _ := ConfidentJoint(labels, p, nil)
	return Calibrate(cj, labels)
}

// Calibrate rescales a confident joint so that row i sums to n_i, the number
// of samples given class i, and the whole to N (cleanlab
// count.calibrate_confident_joint):
//
//	C'[i][j] = C[i][j] / Σ_j C[i][j] · n_i;  C'' = C' / ΣC' · N,
//
// then rounds each row to integers that keep the row's rounded total
// (roundPreservingSum).
func Calibrate(cj Counts, labels []int) Counts {
	k := len(cj)
	counts := labelCounts(labels, k)
	n := 0
	for _, c := range counts {
		n += c
	}
	cal := make([][]float64, k)
	for i, row := range cj {
		s := 0
		for _, v := range row {
			s += v
		}
		den := math.Max(float64(s), tiny)
		cal[i] = make([]float64, k)
		for j, v := range row {
			cal[i][j] = float64(v) / den * float64(counts[i])
		}
	}
	// NumPy sums the transposed intermediate in its memory order: column by
	// column of cal.
	flat := make([]float64, 0, k*k)
	for j := 0; j < k; j++ {
		for i := 0; i < k; i++ {
			flat = append(flat, cal[i][j])
		}
	}
	total := math.Max(pairwiseSum(flat), tiny)
	out := make(Counts, k)
	for i := range cal {
		for j := range cal[i] {
			cal[i][j] = cal[i][j] / total * float64(n)
		}
		out[i] = roundPreservingSum(cal[i])
	}
	return out
}

// roundPreservingSum rounds xs to integers whose sum is the rounded sum of xs
// (cleanlab internal.util.round_preserving_sum): round half to even, then,
// while the totals differ by d, move |d| entries by one towards the total,
// chosen by their residue x − round(x) in a stable ascending order: when the
// sum is too small, the last |d| of that order gain 1 (largest residue first,
// and among equal residues the later entry first); when too large, the first
// |d| lose 1 (smallest residue first, the earlier entry first).
func roundPreservingSum(xs []float64) []int {
	ints := make([]float64, len(xs))
	for i, x := range xs {
		ints[i] = math.RoundToEven(x)
	}
	want := math.RoundToEven(pairwiseSum(xs))
	have := math.RoundToEven(pairwiseSum(ints))
	res := make([]float64, len(xs))
	for math.Abs(have-want) > floatCmp {
		diff := math.RoundToEven(want - have)
		changes := min(int(math.Abs(diff)), len(xs))
		for i := range xs {
			res[i] = xs[i] - ints[i]
		}
		order := argsortStable(res)
		for c := 0; c < changes; c++ {
			if diff > 0 {
				ints[order[len(order)-1-c]]++
			} else {
				ints[order[c]]--
			}
		}
		have = math.RoundToEven(pairwiseSum(ints))
	}
	out := make([]int, len(xs))
	for i, v := range ints {
		out[i] = int(v)
	}
	return out
}

// argsortStable returns the indices that sort xs ascending, equal values in
// index order (numpy.argsort(kind="stable")).
func argsortStable(xs []float64) []int {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return byValueThenIndex(xs, a, b) })
	return idx
}

// byValueThenIndex orders a before b when xs[a] < xs[b], or when they are
// equal and a < b: a total order, so any sort gives the stable result.
func byValueThenIndex(xs []float64, a, b int) int {
	switch {
	case xs[a] < xs[b]:
		return -1
	case xs[a] > xs[b]:
		return 1
	}
	return cmp.Compare(a, b)
}

// smallest returns the indices of the m smallest values of xs in the order
// of argsortStable (the first m of it), without sorting all of xs when m is
// small: a bounded max-heap keeps the m best seen so far.
func smallest(xs []float64, m int) []int {
	n := len(xs)
	m = min(m, n)
	if m <= 0 {
		return nil
	}
	if m*8 > n {
		return argsortStable(xs)[:m]
	}
	less := func(a, b int) bool { return byValueThenIndex(xs, a, b) < 0 }
	h := make([]int, 0, m) // max-heap: h[0] is the worst kept
	down := func(i int) {
		for {
			l, r, big := 2*i+1, 2*i+2, i
			if l < len(h) && less(h[big], h[l]) {
				big = l
			}
			if r < len(h) && less(h[big], h[r]) {
				big = r
			}
			if big == i {
				return
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	for i := 0; i < n; i++ {
		if len(h) < m {
			h = append(h, i)
			for c := len(h) - 1; c > 0; {
				parent := (c - 1) / 2
				if !less(h[parent], h[c]) {
					break
				}
				h[parent], h[c] = h[c], h[parent]
				c = parent
			}
			continue
		}
		if less(i, h[0]) {
			h[0] = i
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b int) int { return byValueThenIndex(xs, a, b) })
	return h
}

// EstimateJoint is the calibrated confident joint normalised to sum to 1,
// Q[i][j] ≈ P(given = i, true = j) (cleanlab count.estimate_joint). Its trace
// is the estimated share of correct labels.
func EstimateJoint(labels []int, p *Matrix) [][]float64 {
	return jointOf(CalibratedConfidentJoint(labels, p))
}

func jointOf(cal Counts) [][]float64 {
	s := 0
	for _, row := range cal {
		for _, v := range row {
			s += v
		}
	}
	den := math.Max(float64(s), tiny)
	q := make([][]float64, len(cal))
	for i, row := range cal {
		q[i] = make([]float64, len(row))
		for j, v := range row {
			q[i][j] = float64(v) / den
		}
	}
	return q
}

// NoiseRate is 1 − trace(EstimateJoint): the estimated share of wrong
// labels, in [0, 1].
func NoiseRate(labels []int, p *Matrix) float64 {
	return noiseRateOf(jointOf(CalibratedConfidentJoint(labels, p)))
}

func noiseRateOf(q [][]float64) float64 {
	tr := 0.0
	for i := range q {
		tr += q[i][i]
	}
	return 1 - tr
}

// Latent holds the latent estimates of confident learning.
type Latent struct {
	// Py is the estimated prior of the true labels, P(true = k).
	Py []float64 `json:"py"`
	// NoiseMatrix[i][j] = P(given = i | true = j); columns sum to 1.
	NoiseMatrix [][]float64 `json:"noise_matrix"`
	// InverseNoiseMatrix[i][j] = P(true = i | given = j); columns sum to 1.
	InverseNoiseMatrix [][]float64 `json:"inverse_noise_matrix"`
}

// EstimateLatent derives the prior of the true labels and the two noise
// matrices from a (calibrated) confident joint C (cleanlab
// count.estimate_latent with py_method "cnt"):
//
//	NM[i][j]  = C[i][j] / Σ_i C[i][j]      P(given i | true j)
//	INV[i][j] = C[j][i] / Σ_i C[j][i]      P(true i | given j)
//	py_k      = INV[k][k] / NM[k][k] · n_k / N, clipped to [1e-6, 1], rescaled to sum 1
//
// and clips every off-diagonal noise rate to [0, 0.9999] before rescaling
// each column to sum to 1.
func EstimateLatent(cj Counts, labels []int) Latent {
	k := len(cj)
	counts := labelCounts(labels, k)
	n := 0
	for _, c := range counts {
		n += c
	}
	ps := make([]float64, k)
	for i, c := range counts {
		ps[i] = float64(c) / float64(n)
	}
	rowSum := make([]float64, k)
	colSum := make([]float64, k)
	for i, row := range cj {
		for j, v := range row {
			rowSum[i] += float64(v)
			colSum[j] += float64(v)
		}
	}
	nm := make([][]float64, k)
	inv := make([][]float64, k)
	for i := 0; i < k; i++ {
		nm[i] = make([]float64, k)
		inv[i] = make([]float64, k)
		for j := 0; j < k; j++ {
			nm[i][j] = float64(cj[i][j]) / math.Max(colSum[j], tiny)
			inv[i][j] = float64(cj[j][i]) / math.Max(rowSum[j], tiny)
		}
	}
	py := make([]float64, k)
	for i := range py {
		py[i] = inv[i][i] / math.Max(nm[i][i], tiny) * ps[i]
	}
	py = clipValues(py, clipLow, 1, 1)
	return Latent{Py: py, NoiseMatrix: clipNoiseRates(nm), InverseNoiseMatrix: clipNoiseRates(inv)}
}

// clipValues clips x to [low, high] and rescales it to sum to newSum.
func clipValues(x []float64, low, high, newSum float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.Min(math.Max(v, low), high)
	}
	s := math.Max(pairwiseSum(out), tiny)
	for i := range out {
		out[i] = out[i] * newSum / s
	}
	return out
}

// clipNoiseRates clips the off-diagonal entries of m to [0, 0.9999] and
// rescales every column to sum to 1 (columns summed top to bottom).
func clipNoiseRates(m [][]float64) [][]float64 {
	k := len(m)
	out := make([][]float64, k)
	for i := range m {
		out[i] = make([]float64, k)
		for j, v := range m[i] {
			if i != j {
				v = math.Min(math.Max(v, 0), 0.9999)
			}
			out[i][j] = v
		}
	}
	for j := 0; j < k; j++ {
		s := 0.0
		for i := 0; i < k; i++ {
			s += out[i][j]
		}
		s = math.Max(s, tiny)
		for i := 0; i < k; i++ {
			out[i][j] /= s
		}
	}
	return out
}

// Estimation names a way to count label issues without listing them.
type Estimation string

// The estimation methods of NumLabelIssues.
const (
	// OffDiagonal counts the off-diagonal samples of the uncalibrated
	// confident joint whose argmax is not their given label (cleanlab's
	// default).
	OffDiagonal Estimation = "off_diagonal"
	// OffDiagonalCalibrated is round((1 − trace Q)·N) for the estimated joint Q.
	OffDiagonalCalibrated Estimation = "off_diagonal_calibrated"
)

// NumLabelIssues estimates how many labels are wrong (cleanlab
// count.num_label_issues), in 0..N.
func NumLabelIssues(labels []int, p *Matrix, method Estimation) (int, error) {
	switch method {
	case OffDiagonal, "":
		_, off := ConfidentJoint(labels, p, nil)
		keep := predictedMatchesGiven(labels, p)
		n := 0
		for _, i := range off {
			if !keep[i] {
				n++
			}
		}
		return n, nil
	case OffDiagonalCalibrated:
		rate := noiseRateOf(jointOf(Calibrate(CalibratedConfidentJoint(labels, p), labels)))
		return int(math.RoundToEven(rate * float64(len(labels)))), nil
	}
	return 0, fmt.Errorf("unknown estimation method %q (want %s or %s)", method, OffDiagonal, OffDiagonalCalibrated)
}

// predictedMatchesGiven reports, per sample, whether argmax p equals the
// given label once 1e-6 is added to the given label's probability (the
// tie-break with which cleanlab un-flags samples the model agrees with).
func predictedMatchesGiven(labels []int, p *Matrix) []bool {
	out := make([]bool, len(labels))
	for i, y := range labels {
		row := p.Row(i)
		best, bv := 0, row[0]
		if y == 0 {
			bv += floatCmp
		}
		for j := 1; j < len(row); j++ {
			v := row[j]
			if j == y {
				v += floatCmp
			}
			if v > bv {
				best, bv = j, v
			}
		}
		out[i] = best == y
	}
	return out
}

func newCounts(k int) Counts {
	c := make(Counts, k)
	for i := range c {
		c[i] = make([]int, k)
	}
	return c
}
