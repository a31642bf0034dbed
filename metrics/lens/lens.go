// Package lens measures a dataset through an embedding "lens": a named
// mapping of each sample to a vector. The vectors come from the builtin
// descriptor (Describe, pure Go, no model weights) or from any model's
// output in a .npy or CSV file (Spec.Load). Measure turns the vectors, the
// sample ids and their classes into the facts of one lens (facts.Lens):
//
//   - k-NN density of every sample, its summary, histogram and peak, the K
//     densest and K sparsest samples with their classes, the mean density of
//     each class;
//   - outliers by cleanlab's rule and near duplicates by cleanlab's rule;
//   - within-class similarity of every class (exhaustive, O(N·D)) and the
//     dataset-wide baseline; between-class centroid similarity of every pair
//     of classes and the k-NN confusion of each pair;
//   - the eigenvalue spectrum of the correlation matrix and a 2-D PCA of the
//     class means;
//   - the shares of taxonomy groups in the classes, samples, densest,
//     sparsest, outliers and dispersion, when a taxonomy is given.
//
// Agree compares two or more lenses. The package measures; thresholds and
// verdicts live in the policies.
package lens

import (
	"fmt"
	"runtime"
	"slices"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

// Defaults used when Options leave a field zero.
const (
	DefaultK          = 10      // neighbours per sample (cleanlab's DEFAULT_K)
	DefaultExtremes   = 12      // size of the densest and sparsest sets (the seed report's 12)
	DefaultExactLimit = 200_000 // largest N searched exactly
	DefaultReference  = 20_000  // reference sample size above the limit
	DefaultSeed       = 1       // seed of the reference sample
	DefaultCandidates = 1_000   // candidates re-measured exactly at each end in reference mode
	DefaultListed     = 100     // samples or groups listed per finding
	DefaultPairs      = 20      // class pairs listed
	DefaultBins       = 20      // density histogram bins over [0, 1]

	// OutlierThreshold is cleanlab's feature-outlier threshold θ: a sample is
	// an outlier when its mean k-NN distance exceeds Q3 + (1/θ − 1)·IQR, a
	// 1.7 × IQR fence.
	OutlierThreshold = 0.37037
	// NearDuplicateFactor is cleanlab's near-duplicate factor: a neighbour
	// closer than 0.13 × the median nearest-neighbour distance.
	NearDuplicateFactor = 0.13
)

// Input is one lens's vectors and the samples they describe: row i of
// Vectors is sample IDs[i] of class Classes[i] ("" for an unlabelled
// sample, which counts in every per-sample measure but in no class).
type Input struct {
	Vectors  *npy.Matrix[float32]
	IDs      []string
	Classes  []string
	Taxonomy *facts.Taxonomy // optional: taxonomy shares need it
}

// Options tune Measure. The zero value uses the defaults above, cosine
// distance and every CPU.
type Options struct {
	K          int
	Metric     knn.Metric
	Extremes   int
	ExactLimit int   // N above this uses a reference sample
	Reference  int   // reference sample size
	Seed       int64 // reference sample seed (0: DefaultSeed)
	Candidates int
	Listed     int
	Pairs      int
	Workers    int
	Source     string // recorded as /lenses/<name>/source
	Model      string // recorded as /lenses/<name>/model
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.K, DefaultK)
	def(&o.Extremes, DefaultExtremes)
	def(&o.ExactLimit, DefaultExactLimit)
	def(&o.Reference, DefaultReference)
	def(&o.Candidates, DefaultCandidates)
	def(&o.Listed, DefaultListed)
	def(&o.Pairs, DefaultPairs)
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Metric == "" {
		o.Metric = knn.Cosine
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// classIndex numbers the distinct non-empty classes in name order.
type classIndex struct {
	names []string // sorted
	of    []int    // class number of each sample, -1 when unlabelled
	size  []int    // samples per class
}

func indexClasses(classes []string) *classIndex {
	set := map[string]bool{}
	for _, c := range classes {
		if c != "" {
			set[c] = true
		}
	}
	ci := &classIndex{of: make([]int, len(classes))}
	for c := range set {
		ci.names = append(ci.names, c)
	}
	slices.Sort(ci.names)
	num := make(map[string]int, len(ci.names))
	for i, c := range ci.names {
		num[c] = i
	}
	ci.size = make([]int, len(ci.names))
	for i, c := range classes {
		if c == "" {
			ci.of[i] = -1
			continue
		}
		ci.of[i] = num[c]
		ci.size[ci.of[i]]++
	}
	return ci
}

func (in Input) check(o Options) error {
	x := in.Vectors
	if x == nil || x.Rows == 0 || x.Cols == 0 {
		return fmt.Errorf("lens: no vectors")
	}
	if len(in.IDs) != x.Rows || len(in.Classes) != x.Rows {
		return fmt.Errorf("lens: %d vectors, %d ids, %d classes: want one of each per sample", x.Rows, len(in.IDs), len(in.Classes))
	}
	if x.Rows <= o.K {
		return &problem.Error{Msg: fmt.Sprintf("lens: %d samples: the k-NN measures need more than k = %d", x.Rows, o.K)}
	}
	return nil
}
