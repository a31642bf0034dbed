package labels

import (
	"fmt"

	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Method names of the facts' labels.estimated entries.
const (
	// MethodPredProbs is confident learning on predicted probabilities.
	MethodPredProbs = "confident_learning"
	// MethodKNN is confident learning on the k-NN probabilities of a lens.
	MethodKNN = "knn_confident_learning"
)

// EstimateOptions say how to report an estimate in the facts.
type EstimateOptions struct {
	// Method is MethodPredProbs or MethodKNN (default MethodPredProbs).
	Method string
	// Lens names the embedding the k-NN graph came from (MethodKNN).
	Lens string
	// FilterBy is the rule (default PruneByNoiseRate).
	FilterBy FilterBy
	// RankBy orders the suspects (default SelfConfidence).
	RankBy ScoreMethod
	// MinExamplesPerClass as in Options; 0 means CleanLearning's 10.
	MinExamplesPerClass int
	// IDs names every sample (len N); nil uses the row index.
	IDs []string
	// Classes names every class (len K); nil uses the class index.
	Classes []string
	// Limit bounds the suspects listed, most likely wrong first; 0 lists
	// all. Count always counts all.
	Limit int
}

// Estimate runs confident learning on labels and predicted probabilities
// and reports it as a facts entry: the samples flagged (count, over
// population N), the estimated noise rate 1 − trace(Q) of the calibrated
// joint, and the suspects ranked by RankBy (lowest score first), each with
// its id, given class, suggested class (argmax p) and score. Inputs must pass
// Check. Deterministic: the same inputs give the same entry.
func Estimate(labels []int, p *Matrix, o EstimateOptions) (*facts.Estimated, error) {
	if o.Method == "" {
		o.Method = MethodPredProbs
	}
	if o.FilterBy == "" {
		o.FilterBy = PruneByNoiseRate
	}
	if o.RankBy == "" {
		o.RankBy = SelfConfidence
	}
	if o.MinExamplesPerClass == 0 {
		o.MinExamplesPerClass = CleanLearningMinExamples
	}
	if o.IDs != nil && len(o.IDs) != len(labels) {
		return nil, fmt.Errorf("%d sample ids for %d labels", len(o.IDs), len(labels))
	}
	if o.Classes != nil && len(o.Classes) != p.Cols {
		return nil, fmt.Errorf("%d class names for %d classes", len(o.Classes), p.Cols)
	}
	cj := CalibratedConfidentJoint(labels, p)
	is, err := FindLabelIssues(labels, p, Options{FilterBy: o.FilterBy, MinExamplesPerClass: o.MinExamplesPerClass, ConfidentJoint: cj})
	if err != nil {
		return nil, err
	}
	ranked, err := Rank(is.Mask, labels, p, o.RankBy)
	if err != nil {
		return nil, err
	}
	scores, _ := QualityScores(labels, p, o.RankBy, false)
	rate := noiseRateOf(jointOf(cj))
	e := &facts.Estimated{
		Method:     o.Method,
		Lens:       o.Lens,
		FilterBy:   string(o.FilterBy),
		RankBy:     string(o.RankBy),
		Population: int64(len(labels)),
		Count:      int64(len(ranked)),
		Rate:       facts.F(rate),
	}
	if o.Limit > 0 && len(ranked) > o.Limit {
		ranked = ranked[:o.Limit]
	}
	name := func(names []string, i int) string {
		if names == nil {
			return fmt.Sprint(i)
		}
		return names[i]
	}
	for _, i := range ranked {
		e.Issues = append(e.Issues, facts.LabelIssue{
			ID:        name(o.IDs, i),
			Given:     name(o.Classes, labels[i]),
			Suggested: name(o.Classes, argmax(p.Row(i))),
			Score:     facts.F(scores[i]),
		})
	}
	return e, nil
}

// EstimateKNN is the model-free estimate: KNNPredProbs on a k-NN graph of a
// lens (neighbors[i] lists sample i's neighbours, nearest first), then
// Estimate with Method MethodKNN. It returns the entry and the k-NN
// probabilities.
func EstimateKNN(neighbors [][]int, labels []int, numClasses, k int, o EstimateOptions) (*facts.Estimated, *Matrix, error) {
	p, err := KNNPredProbs(neighbors, labels, numClasses, k)
	if err != nil {
		return nil, nil, err
	}
	if err := Check(labels, p, "labels", "k-NN probabilities"); err != nil {
		return nil, nil, err
	}
	o.Method = MethodKNN
	e, err := Estimate(labels, p, o)
	return e, p, err
}
