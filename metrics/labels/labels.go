// Package labels estimates label errors in a classification dataset.
//
// It reimplements, from their documented behaviour and checked against the
// real outputs in fixtures/cleanlab-vectors, the confident-learning functions
// of cleanlab 2.9.0 (Northcutt, Jiang & Chuang, "Confident Learning:
// Estimating Uncertainty in Dataset Labels", JAIR 2021):
//
//   - count: ConfidentThresholds, ConfidentJoint, Calibrate, EstimateJoint,
//     EstimateLatent, NumLabelIssues;
//   - filter: FindLabelIssues with every filter_by method, frac_noise and
//     min_examples_per_class;
//   - rank: QualityScores (self_confidence, normalized_margin,
//     confidence_weighted_entropy, optionally on threshold-adjusted
//     probabilities), Rank, OODScores;
//   - CleanLearning's label path (CleanLearn) and Datalab's model-free k-NN
//     label path (KNNPredProbs, KNNLabelIssues).
//
// Inputs are out-of-sample predicted probabilities (an N×K row-major matrix,
// rows summing to 1) and the given labels (N values in 0..K-1). Check
// validates them and locates every problem. Outputs are deterministic: every
// sort is stable (ties broken by ascending row index) and every sum runs in a
// fixed order, NumPy's pairwise order where cleanlab's result depends on it.
//
// The package measures; it never judges. Estimate turns a result into the
// facts' labels.estimated entry.
package labels

import (
	"fmt"
	"math"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

// Matrix is a dense row-major float64 matrix (N rows of K predicted
// probabilities).
type Matrix = npy.Matrix[float64]

// Counts is a K×K count matrix, rows indexed by the given label.
type Counts [][]int

// Constants of cleanlab's arithmetic.
const (
	// floatCmp is cleanlab's FLOATING_POINT_COMPARISON (1e-6): the slack of
	// the "confident" comparison and the tie-break added to the given label.
	floatCmp = 1e-6
	// thresholdFloor is the lower bound of a per-class threshold (2e-6).
	thresholdFloor = 2 * floatCmp
	// clipLow is cleanlab's CLIPPING_LOWER_BOUND.
	clipLow = 1e-6
	// tiny is cleanlab's TINY_VALUE, the floor of every divisor.
	tiny = 1e-100
	// absentThreshold is the threshold of a class with no given label: no
	// probability reaches it.
	absentThreshold = 2.0
)

// RowSumTolerance is how far a row of predicted probabilities may sum from 1
// before Check rejects it.
const RowSumTolerance = 1e-4

// Check validates labels against an N×K matrix of predicted probabilities:
// K ≥ 2, one label per row, every label in 0..K-1, every class given to at
// least one sample, every probability finite and in [0, 1], every row summing
// to 1 within RowSumTolerance. labelsFile and probsFile name the inputs in
// the errors. It returns nil or a *problem.List (at most maxProblems entries
// of each kind, the rest counted).
func Check(labels []int, p *Matrix, labelsFile, probsFile string) error {
	l := &problem.List{What: "label input"}
	add := func(file, format string, args ...any) {
		l.Errors = append(l.Errors, &problem.Error{File: file, Msg: fmt.Sprintf(format, args...)})
	}
	if p.Cols < 2 {
		add(probsFile, "shape (%d, %d): want at least 2 classes (columns)", p.Rows, p.Cols)
	}
	if p.Rows != len(labels) {
		add(probsFile, "%d rows, but %s has %d labels: want one row per label", p.Rows, labelsFile, len(labels))
	}
	if len(labels) == 0 {
		add(labelsFile, "no labels")
	}
	if len(l.Errors) > 0 {
		return l
	}
	k := p.Cols
	bad := 0
	seen := make([]int, k)
	for i, y := range labels {
		if y < 0 || y >= k {
			if bad < maxProblems {
				add(labelsFile, "row %d: label %d is outside 0..%d (%s has %d columns)", i, y, k-1, probsFile, k)
			}
			bad++
			continue
		}
		seen[y]++
	}
	if bad > maxProblems {
		add(labelsFile, "%d more labels out of range", bad-maxProblems)
	}
	if bad == 0 {
		var empty []int
		for c, n := range seen {
			if n == 0 {
				empty = append(empty, c)
			}
		}
		if len(empty) > 0 {
			add(labelsFile, "class %s has no example (%s has %d columns): every class needs at least one given label", listInts(empty), probsFile, k)
		}
	}
	bad = 0
	for i := 0; i < p.Rows; i++ {
		row := p.Row(i)
		msg := ""
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1 {
				msg = fmt.Sprintf("row %d, column %d: %v is not a probability in [0, 1]", i, j, v)
				break
			}
		}
		if msg == "" {
			if s := pairwiseSum(row); math.Abs(s-1) > RowSumTolerance {
				msg = fmt.Sprintf("row %d: probabilities sum to %.6g, want 1 ± %g", i, s, RowSumTolerance)
			}
		}
		if msg != "" {
			if bad < maxProblems {
				add(probsFile, "%s", msg)
			}
			bad++
		}
	}
	if bad > maxProblems {
		add(probsFile, "%d more rows with bad probabilities", bad-maxProblems)
	}
	if len(l.Errors) > 0 {
		return l
	}
	return nil
}

// maxProblems bounds the problems Check lists of one kind.
const maxProblems = 10

// Load reads labels (a 1-D integer .npy) and predicted probabilities (a 2-D
// float .npy) and checks them (Check). Every error is a *problem.List or a
// *problem.Error naming the file.
func Load(labelsPath, probsPath string) ([]int, *Matrix, error) {
	y, err := npy.ReadInts(labelsPath)
	if err != nil {
		return nil, nil, &problem.Error{File: labelsPath, Msg: trimPath(err, labelsPath)}
	}
	p, err := npy.ReadMatrix64(probsPath)
	if err != nil {
		return nil, nil, &problem.Error{File: probsPath, Msg: trimPath(err, probsPath)}
	}
	if err := Check(y, p, labelsPath, probsPath); err != nil {
		return nil, nil, err
	}
	return y, p, nil
}

// trimPath drops a leading "path: " from an error that already names the
// file, since problem.Error prints the file itself.
func trimPath(err error, path string) string {
	s := err.Error()
	if len(s) > len(path)+2 && s[:len(path)] == path && s[len(path):len(path)+2] == ": " {
		return s[len(path)+2:]
	}
	return s
}

func listInts(xs []int) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(x)
	}
	return s
}

// numClasses is the number of columns, the K of the problem.
func numClasses(p *Matrix) int { return p.Cols }

// labelCounts counts the given labels per class (0 for a class never given).
func labelCounts(labels []int, k int) []int {
	c := make([]int, k)
	for _, y := range labels {
		c[y]++
	}
	return c
}

// argmax returns the first index of the largest value.
func argmax(row []float64) int {
	best := 0
	for j, v := range row {
		if v > row[best] {
			best = j
		}
	}
	return best
}

// PredictedLabels returns argmax p[i] for every row (the first class on a
// tie).
func PredictedLabels(p *Matrix) []int {
	out := make([]int, p.Rows)
	for i := range out {
		out[i] = argmax(p.Row(i))
	}
	return out
}

// pairwiseSum adds xs in NumPy's order for a contiguous float64 reduction
// (numpy/core/src/umath/loops_utils.h pairwise_sum): below 8 values a plain
// loop; up to 128 values eight interleaved accumulators combined as
// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder; above that, the
// two halves (split at a multiple of 8) recursively. Using the same order as
// cleanlab's NumPy keeps every sum bit-identical, so thresholds and ties fall
// the same way.
func pairwiseSum(xs []float64) float64 {
	n := len(xs)
	switch {
	case n < 8:
		s := 0.0
		for _, v := range xs {
			s += v
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], xs[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := 0; j < 8; j++ {
				r[j] += xs[i+j]
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += xs[i]
		}
		return s
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseSum(xs[:n2]) + pairwiseSum(xs[n2:])
}
