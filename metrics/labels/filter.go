package labels

import (
	"fmt"
)

// FilterBy names a rule that decides which samples are label issues.
type FilterBy string

// The filter_by methods of cleanlab filter.find_label_issues.
const (
	// PruneByNoiseRate (the default): for given class k and each other class
	// j, flag the PCM[j][k] samples labelled k with the largest margin
	// p_j − p_k, where PCM is the transposed calibrated confident joint kept
	// to min_examples_per_class per class and scaled by frac_noise.
	PruneByNoiseRate FilterBy = "prune_by_noise_rate"
	// PruneByClass: for class k, flag the samples labelled k whose p_k is
	// below the (n_k − PCM[k][k])-th smallest p_k of the class.
	PruneByClass FilterBy = "prune_by_class"
	// Both: the samples both of the above flag.
	Both FilterBy = "both"
	// ConfidentLearning: the off-diagonal samples of the confident joint.
	ConfidentLearning FilterBy = "confident_learning"
	// PredictedNeqGiven: argmax p differs from the given label.
	PredictedNeqGiven FilterBy = "predicted_neq_given"
	// LowNormalizedMargin: the NumLabelIssues samples with the lowest
	// normalized margin.
	LowNormalizedMargin FilterBy = "low_normalized_margin"
	// LowSelfConfidence: the NumLabelIssues samples with the lowest
	// self-confidence.
	LowSelfConfidence FilterBy = "low_self_confidence"
)

// FilterMethods lists every FilterBy, the default first.
var FilterMethods = []FilterBy{PruneByNoiseRate, PruneByClass, Both, ConfidentLearning, PredictedNeqGiven, LowNormalizedMargin, LowSelfConfidence}

// ParseFilterBy checks a filter_by name.
func ParseFilterBy(s string) (FilterBy, error) {
	for _, f := range FilterMethods {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown filter_by %q (want one of %v)", s, FilterMethods)
}

// Options tune FindLabelIssues; the zero value is cleanlab's defaults.
type Options struct {
	// FilterBy is the rule (default PruneByNoiseRate).
	FilterBy FilterBy
	// FracNoise in (0, 1] scales the number of issues pruned per class
	// pair (0 means 1, all of them). Scaled counts are truncated.
	FracNoise float64
	// MinExamplesPerClass is how many samples of each given class the
	// pruning methods leave unflagged at least; classes with no more
	// samples than this are not pruned at all (a warning says so). 0 means
	// 1, cleanlab's default; CleanLearning uses 10.
	MinExamplesPerClass int
	// ConfidentJoint, when set, is the calibrated confident joint to prune
	// with (the confident_learning method always recomputes it).
	ConfidentJoint Counts
}

// Issues is the result of FindLabelIssues.
type Issues struct {
	// Mask[i] is true when sample i is flagged.
	Mask []bool
	// Warnings are cleanlab's warnings, each once, in the order raised.
	Warnings []string
}

// Indices lists the flagged samples in ascending order.
func (s *Issues) Indices() []int {
	var out []int
	for i, m := range s.Mask {
		if m {
			out = append(out, i)
		}
	}
	return out
}

// Count is the number of flagged samples.
func (s *Issues) Count() int {
	n := 0
	for _, m := range s.Mask {
		if m {
			n++
		}
	}
	return n
}

func (s *Issues) warn(msg string) {
	for _, w := range s.Warnings {
		if w == msg {
			return
		}
	}
	s.Warnings = append(s.Warnings, msg)
}

// FindLabelIssues flags the samples whose given label is likely wrong
// (cleanlab filter.find_label_issues). For every method except the two low_*
// ones, a flagged sample is un-flagged again when argmax p equals its label
// after 1e-6 is added to the label's probability. Inputs must pass Check.
func FindLabelIssues(labels []int, p *Matrix, o Options) (*Issues, error) {
	if o.FilterBy == "" {
		o.FilterBy = PruneByNoiseRate
	}
	if _, err := ParseFilterBy(string(o.FilterBy)); err != nil {
		return nil, err
	}
	if o.FracNoise == 0 {
		o.FracNoise = 1
	}
	if o.FracNoise < 0 || o.FracNoise > 1 {
		return nil, fmt.Errorf("frac_noise %v: want a share in (0, 1]", o.FracNoise)
	}
	if o.MinExamplesPerClass == 0 {
		o.MinExamplesPerClass = 1
	}
	if o.MinExamplesPerClass < 0 {
		return nil, fmt.Errorf("min_examples_per_class %d: want a count", o.MinExamplesPerClass)
	}
	n, k := len(labels), numClasses(p)
	res := &Issues{Mask: make([]bool, n)}
	cj := o.ConfidentJoint
	var offDiagonal []int
	if cj == nil || o.FilterBy == ConfidentLearning {
		var raw Counts
		raw, offDiagonal = ConfidentJoint(labels, p, nil)
		cj = Calibrate(raw, labels)
	}
	if len(cj) != k {
		return nil, fmt.Errorf("confident joint is %d×%d, want %d×%d", len(cj), len(cj), k, k)
	}
	switch o.FilterBy {
	case LowSelfConfidence, LowNormalizedMargin:
		m := SelfConfidence
		if o.FilterBy == LowNormalizedMargin {
			m = NormalizedMargin
		}
		scores, _ := QualityScores(labels, p, m, false)
		num, _ := NumLabelIssues(labels, p, OffDiagonal)
		for _, i := range smallest(scores, num) {
			res.Mask[i] = true
		}
		return res, nil
	case PruneByNoiseRate, PruneByClass, Both:
		pcm := keepAtLeastNPerClass(transpose(cj), o.MinExamplesPerClass, o.FracNoise)
		counts := labelCounts(labels, k)
		members := make([][]int, k)
		for i, y := range labels {
			members[y] = append(members[y], i)
		}
		for c := 0; c < k; c++ {
			if counts[c] <= o.MinExamplesPerClass {
				res.warn(fmt.Sprintf("May not flag all label issues in class: %d, it has too few examples (see `min_examples_per_class` argument)", c))
				continue
			}
			var byClass, byCount []bool
			if o.FilterBy != PruneByNoiseRate {
				byClass = pruneByClass(c, members[c], p, counts[c]-pcm[c][c])
			}
			if o.FilterBy != PruneByClass {
				byCount = pruneByCount(c, members[c], p, pcm)
			}
			for m, i := range members[c] {
				switch o.FilterBy {
				case PruneByNoiseRate:
					res.Mask[i] = byCount[m]
				case PruneByClass:
					res.Mask[i] = byClass[m]
				default:
					res.Mask[i] = byClass[m] && byCount[m]
				}
			}
		}
	case ConfidentLearning:
		for _, i := range offDiagonal {
			res.Mask[i] = true
		}
	case PredictedNeqGiven:
		for i, y := range labels {
			res.Mask[i] = argmax(p.Row(i)) != y
		}
	}
	agree := predictedMatchesGiven(labels, p)
	for i := range res.Mask {
		if agree[i] {
			res.Mask[i] = false
		}
	}
	return res, nil
}

// pruneByClass flags, among the members of class c, the numErrors with the
// smallest p_c (a stable sort: on a tie the earlier sample first).
func pruneByClass(c int, members []int, p *Matrix, numErrors int) []bool {
	out := make([]bool, len(members))
	if numErrors <= 0 {
		return out
	}
	v := make([]float64, len(members))
	for m, i := range members {
		v[m] = p.Data[i*p.Cols+c]
	}
	for _, m := range smallest(v, numErrors) {
		out[m] = true
	}
	return out
}

// pruneByCount flags, among the members of class c and for each other class
// j, the PCM[j][c] with the largest margin p_j − p_c (a stable sort of the
// negated margins: on a tie the earlier sample first).
func pruneByCount(c int, members []int, p *Matrix, pcm Counts) []bool {
	out := make([]bool, len(members))
	k := p.Cols
	neg := make([]float64, len(members))
	for j := 0; j < k; j++ {
		num := pcm[j][c]
		if j == c || num <= 0 {
			continue
		}
		for m, i := range members {
			neg[m] = -(p.Data[i*k+j] - p.Data[i*k+c])
		}
		for _, m := range smallest(neg, num) {
			out[m] = true
		}
	}
	return out
}

// keepAtLeastNPerClass adjusts a prune-count matrix (the transposed
// confident joint, PCM[true][given]) so that every column keeps at least n
// on its diagonal: the diagonal is raised to n and the column's non-zero
// off-diagonal entries lowered evenly by the amount added (never below 0).
// Off-diagonal entries are then scaled by fracNoise, the diagonal takes up
// what they lost, and every entry is truncated to an integer
// (cleanlab filter._keep_at_least_n_per_class and _reduce_prune_counts).
func keepAtLeastNPerClass(pcm Counts, n int, fracNoise float64) Counts {
	k := len(pcm)
	m := make([][]float64, k)
	for i := range m {
		m[i] = make([]float64, k)
	}
	for j := 0; j < k; j++ {
		nonzero := 0
		for i := 0; i < k; i++ {
			if pcm[i][j] != 0 {
				nonzero++
			}
		}
		per := max(float64(nonzero)-1, 1)
		newDiag := max(pcm[j][j], n)
		diff := float64(newDiag - pcm[j][j])
		for i := 0; i < k; i++ {
			v := float64(pcm[i][j]) - diff/per
			if v < 0 {
				v = 0
			}
			m[i][j] = v
		}
		m[j][j] = float64(newDiag)
	}
	out := newCounts(k)
	for j := 0; j < k; j++ {
		lost := 0.0
		for i := 0; i < k; i++ {
			if i != j {
				lost += m[i][j] - m[i][j]*fracNoise
			}
		}
		for i := 0; i < k; i++ {
			if i == j {
				out[i][j] = int(m[j][j] + lost)
			} else {
				out[i][j] = int(m[i][j] * fracNoise)
			}
		}
	}
	return out
}

func transpose(c Counts) Counts {
	out := newCounts(len(c))
	for i := range c {
		for j := range c[i] {
			out[j][i] = c[i][j]
		}
	}
	return out
}
