package labels

import (
	"fmt"
	"math"
	"slices"
)

// ScoreMethod names a label quality score.
type ScoreMethod string

// The label quality scores of cleanlab rank.get_label_quality_scores. Each is
// in [0, 1]; lower means the given label is more likely wrong.
const (
	// SelfConfidence is p[y], the probability of the given label.
	SelfConfidence ScoreMethod = "self_confidence"
	// NormalizedMargin is (p[y] − max_{j≠y} p[j] + 1) / 2.
	NormalizedMargin ScoreMethod = "normalized_margin"
	// ConfidenceWeightedEntropy is ln(1 + s) / max(s, 1e-6) with
	// s = H(p) / max(p[y], 1e-6), H the entropy normalised by ln K.
	ConfidenceWeightedEntropy ScoreMethod = "confidence_weighted_entropy"
)

// ScoreMethods lists every ScoreMethod, the default first.
var ScoreMethods = []ScoreMethod{SelfConfidence, NormalizedMargin, ConfidenceWeightedEntropy}

// ParseScoreMethod checks a score name.
func ParseScoreMethod(s string) (ScoreMethod, error) {
	for _, m := range ScoreMethods {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown score %q (want one of %v)", s, ScoreMethods)
}

// QualityScores returns one label quality score per sample (cleanlab
// rank.get_label_quality_scores). With adjust, the probabilities are first
// shifted by the per-class thresholds (AdjustPredProbs); adjust is not
// defined for ConfidenceWeightedEntropy.
func QualityScores(labels []int, p *Matrix, method ScoreMethod, adjust bool) ([]float64, error) {
	if method == "" {
		method = SelfConfidence
	}
	if _, err := ParseScoreMethod(string(method)); err != nil {
		return nil, err
	}
	if adjust {
		if method == ConfidenceWeightedEntropy {
			return nil, fmt.Errorf("adjusted probabilities are not defined for %s", method)
		}
		p = AdjustPredProbs(p, ConfidentThresholds(labels, p))
	}
	out := make([]float64, len(labels))
	k := p.Cols
	for i, y := range labels {
		row := p.Row(i)
		sc := row[y]
		switch method {
		case SelfConfidence:
			out[i] = sc
		case NormalizedMargin:
			other := math.Inf(-1)
			for j, v := range row {
				if j != y && v > other {
					other = v
				}
			}
			out[i] = (sc - other + 1) / 2
		case ConfidenceWeightedEntropy:
			s := normalizedEntropy(row, k) / math.Max(sc, clipLow)
			out[i] = math.Log(s+1) / math.Max(s, clipLow)
		}
	}
	return out, nil
}

// AdjustPredProbs subtracts each class's threshold from its column, adds the
// largest threshold back so that nothing is negative, and renormalises every
// row to sum to 1 (cleanlab internal.label_quality_utils
// _subtract_confident_thresholds). Classes the model favours beyond their
// threshold are thus no longer favoured everywhere.
func AdjustPredProbs(p *Matrix, thresholds []float64) *Matrix {
	tmax := math.Inf(-1)
	for _, t := range thresholds {
		tmax = math.Max(tmax, t)
	}
	out := &Matrix{Rows: p.Rows, Cols: p.Cols, Data: make([]float64, len(p.Data))}
	for i := 0; i < p.Rows; i++ {
		row, dst := p.Row(i), out.Row(i)
		for j, v := range row {
			dst[j] = v - thresholds[j] + tmax
		}
		s := pairwiseSum(dst)
		for j := range dst {
			dst[j] /= s
		}
	}
	return out
}

// normalizedEntropy is −Σ_j p_j ln p_j / ln K (0 ln 0 = 0), in [0, 1].
func normalizedEntropy(row []float64, k int) float64 {
	t := make([]float64, len(row))
	for j, v := range row {
		if v != 0 {
			t[j] = v * math.Log(v)
		}
	}
	return -pairwiseSum(t) / math.Log(float64(k))
}

// Rank orders the flagged samples by a label quality score, lowest (most
// likely wrong) first, ties by index (cleanlab rank.order_label_issues with a
// stable sort).
func Rank(mask []bool, labels []int, p *Matrix, method ScoreMethod) ([]int, error) {
	scores, err := QualityScores(labels, p, method, false)
	if err != nil {
		return nil, err
	}
	var idx []int
	for i, m := range mask {
		if m {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return byValueThenIndex(scores, a, b) })
	return idx, nil
}

// OODScores scores every sample's predicted probabilities for being out of
// distribution (cleanlab outlier.OutOfDistribution().fit_score(pred_probs,
// labels), method "entropy" with adjusted probabilities): 1 − the normalised
// entropy of AdjustPredProbs(p), in [0, 1]; lower is more atypical.
func OODScores(labels []int, p *Matrix) []float64 {
	adj := AdjustPredProbs(p, ConfidentThresholds(labels, p))
	out := make([]float64, p.Rows)
	for i := range out {
		out[i] = 1 - normalizedEntropy(adj.Row(i), p.Cols)
	}
	return out
}
