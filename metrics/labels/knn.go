package labels

import (
	"fmt"
)

// CleanLearningMinExamples is the min_examples_per_class that cleanlab's
// CleanLearning (and so Datalab's label check) prunes with.
const CleanLearningMinExamples = 10

// CleanLearningResult is what CleanLearning's label path computes from
// predicted probabilities.
type CleanLearningResult struct {
	// Issues flags the label issues: FindLabelIssues with
	// prune_by_noise_rate, min_examples_per_class 10 and the calibrated
	// confident joint.
	Issues *Issues
	// LabelQuality is the self-confidence of every sample.
	LabelQuality []float64
	// PredictedLabel is argmax p for every sample.
	PredictedLabel []int
	// ConfidentJoint is the calibrated confident joint.
	ConfidentJoint Counts
	Latent
	// NoiseRate is 1 − trace of the estimated joint.
	NoiseRate float64
}

// CleanLearn runs the label path of cleanlab classification.CleanLearning
// .find_label_issues(labels, pred_probs) with its defaults: the calibrated
// confident joint, the latent estimates from it, prune_by_noise_rate with
// min_examples_per_class 10, self-confidence scores and argmax predictions.
// Inputs must pass Check.
func CleanLearn(labels []int, p *Matrix) (*CleanLearningResult, error) {
	cj := CalibratedConfidentJoint(labels, p)
	is, err := FindLabelIssues(labels, p, Options{FilterBy: PruneByNoiseRate, MinExamplesPerClass: CleanLearningMinExamples, ConfidentJoint: cj})
	if err != nil {
		return nil, err
	}
	q, _ := QualityScores(labels, p, SelfConfidence, false)
	return &CleanLearningResult{
		Issues:         is,
		LabelQuality:   q,
		PredictedLabel: PredictedLabels(p),
		ConfidentJoint: cj,
		Latent:         EstimateLatent(cj, labels),
		NoiseRate:      noiseRateOf(jointOf(cj)),
	}, nil
}

// KNNPredProbs turns a k-nearest-neighbour graph into out-of-sample-like
// predicted probabilities, as cleanlab's Datalab does when it has features
// and no model: a KNeighborsClassifier(k+1) with uniform weights, fitted and
// queried on the same samples, gives c_j / (k+1) for the votes c_j of the
// sample and its k nearest neighbours; the sample's own vote is removed,
//
//	p'_j = (c_j/(k+1) − [j = y]/(k+1)) · (k+1) / k,
//
// which is the share of the k neighbours labelled j, computed in cleanlab's
// floating-point order. neighbors[i] lists sample i's neighbours nearest
// first; entries equal to i are skipped and the first k others are used
// (cleanlab's classifier measures Euclidean distance on the features,
// whatever metric its shared k-NN graph uses). Every row needs k neighbours;
// labels must lie in 0..numClasses-1.
func KNNPredProbs(neighbors [][]int, labels []int, numClasses, k int) (*Matrix, error) {
	n := len(labels)
	if len(neighbors) != n {
		return nil, fmt.Errorf("k-NN graph has %d rows, want one per label (%d)", len(neighbors), n)
	}
	if k < 1 {
		return nil, fmt.Errorf("k = %d: want at least 1 neighbour", k)
	}
	if numClasses < 2 {
		return nil, fmt.Errorf("%d classes: want at least 2", numClasses)
	}
	for i, y := range labels {
		if y < 0 || y >= numClasses {
			return nil, fmt.Errorf("row %d: label %d is outside 0..%d", i, y, numClasses-1)
		}
	}
	p := &Matrix{Rows: n, Cols: numClasses, Data: make([]float64, n*numClasses)}
	kp1 := float64(k + 1)
	votes := make([]float64, numClasses)
	for i, nb := range neighbors {
		clear(votes)
		votes[labels[i]]++ // the sample's own vote
		used := 0
		for _, j := range nb {
			if used == k {
				break
			}
			if j == i {
				continue
			}
			if j < 0 || j >= n {
				return nil, fmt.Errorf("row %d: neighbour %d is outside 0..%d", i, j, n-1)
			}
			votes[labels[j]]++
			used++
		}
		if used < k {
			return nil, fmt.Errorf("row %d: %d neighbours other than itself, want %d", i, used, k)
		}
		row := p.Row(i)
		for j, c := range votes {
			v := c / kp1
			if j == labels[i] {
				v -= 1 / kp1
			}
			row[j] = v * kp1 / float64(k)
		}
	}
	return p, nil
}

// KNNResult is Datalab's label check run on a k-NN graph.
type KNNResult struct {
	// PredProbs are the k-NN probabilities (KNNPredProbs).
	PredProbs *Matrix
	// Thresholds are the per-class thresholds on them.
	Thresholds []float64
	CleanLearningResult
}

// KNNLabelIssues is the model-free label path of cleanlab's Datalab
// (LabelIssueManager given features and no pred_probs): KNNPredProbs, then
// CleanLearn on those probabilities. Every class must have at least one
// label. DefaultK is Datalab's k.
func KNNLabelIssues(neighbors [][]int, labels []int, numClasses, k int) (*KNNResult, error) {
	p, err := KNNPredProbs(neighbors, labels, numClasses, k)
	if err != nil {
		return nil, err
	}
	if err := Check(labels, p, "labels", "k-NN probabilities"); err != nil {
		return nil, err
	}
	cl, err := CleanLearn(labels, p)
	if err != nil {
		return nil, err
	}
	return &KNNResult{PredProbs: p, Thresholds: ConfidentThresholds(labels, p), CleanLearningResult: *cl}, nil
}

// DefaultK is the number of neighbours cleanlab's Datalab uses.
const DefaultK = 10

// FlatNeighbors splits a row-major neighbour list (k per row, as
// metrics/knn's Graph.Index) into one slice per row, for KNNPredProbs.
func FlatNeighbors(index []int32, k int) [][]int {
	out := make([][]int, len(index)/k)
	for i := range out {
		out[i] = make([]int, k)
		for j := range out[i] {
			out[i][j] = int(index[i*k+j])
		}
	}
	return out
}
