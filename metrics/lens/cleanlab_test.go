package lens

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

type cleanlabCase struct {
	KNN struct {
		Metric string `json:"metric"`
		K      int    `json:"k"`
	} `json:"knn_graph"`
	OOD struct {
		Scores  []float64 `json:"scores"`
		Scaling float64   `json:"scaling_factor"`
	} `json:"ood_features"`
	DL struct {
		Outlier struct {
			Indices        []int     `json:"is_outlier_issue_indices"`
			Score          []float64 `json:"outlier_score"`
			IssueThreshold float64   `json:"issue_threshold"`
			Scaling        float64   `json:"scaling_factor"`
		} `json:"outlier"`
		NearDuplicate struct {
			Indices []int     `json:"is_near_duplicate_issue_indices"`
			Score   []float64 `json:"near_duplicate_score"`
			Sets    [][]int32 `json:"near_duplicate_sets"`
			Median  float64   `json:"median_nn_distance"`
		} `json:"near_duplicate"`
	} `json:"datalab_issue_managers"`
}

func loadCleanlab(t *testing.T, dir string) (*npy.Matrix[float32], *cleanlabCase) {
	t.Helper()
	x, err := npy.ReadMatrix32(filepath.Join(dir, "features.npy"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c cleanlabCase
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return x, &c
}

// TestCleanlabOutliersAndNearDuplicates checks the outlier fence, flags and
// scores (our density), and the near-duplicate median, flags and sets,
// against cleanlab's outputs on the same features
// (fixtures/cleanlab-vectors/knn_*: OutlierIssueManager,
// NearDuplicateIssueManager, OutOfDistribution).
func TestCleanlabOutliersAndNearDuplicates(t *testing.T) {
	dirs, _ := filepath.Glob("../../fixtures/cleanlab-vectors/knn_*")
	if len(dirs) == 0 {
		t.Fatal("no cleanlab k-NN fixtures")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			x, c := loadCleanlab(t, dir)
			m := knn.Euclidean
			if c.KNN.Metric == "cosine" {
				m = knn.Cosine
			}
			g, err := knn.Self(x, knn.Options{K: c.KNN.K, Metric: m})
			if err != nil {
				t.Fatal(err)
			}
			dbar := g.MeanDistances()
			d := newDensities(dbar)
			near(t, "scaling factor", d.scale, c.DL.Outlier.Scaling, 1e-8)
			near(t, "OOD scaling factor", d.scale, c.OOD.Scaling, 1e-8)
			for i := range d.density {
				near(t, "outlier score", d.density[i], c.DL.Outlier.Score[i], 1e-8)
				near(t, "OOD score", d.density[i], c.OOD.Scores[i], 1e-8)
			}
			fence, flagged := Outliers(dbar)
			near(t, "issue threshold", fence, c.DL.Outlier.IssueThreshold, 1e-8)
			if !slices.Equal(flagged, c.DL.Outlier.Indices) {
				t.Errorf("outliers %v, cleanlab %v", flagged, c.DL.Outlier.Indices)
			}

			med, thr, sets := NearDuplicates(g, NearDuplicateFactor)
			near(t, "median NN distance", med, c.DL.NearDuplicate.Median, 1e-8)
			near(t, "threshold", thr, NearDuplicateFactor*c.DL.NearDuplicate.Median, 1e-8)
			var flaggedND []int
			for i, s := range sets {
				if len(s) > 0 {
					flaggedND = append(flaggedND, i)
				}
				got, want := slices.Sorted(slices.Values(s)), slices.Sorted(slices.Values(c.DL.NearDuplicate.Sets[i]))
				if !slices.Equal(got, want) {
					t.Errorf("row %d: near-duplicate set %v, cleanlab %v", i, got, want)
				}
				// cleanlab's score 1 − exp(−d₁/m), 0 when d₁ is close to 0.
				_, dist := g.Neighbors(i)
				score := 1 - math.Exp(-dist[0]/med)
				if math.Abs(dist[0]) <= 1e-8 {
					score = 0
				}
				near(t, "near-duplicate score", score, c.DL.NearDuplicate.Score[i], 1e-6)
			}
			if !slices.Equal(flaggedND, c.DL.NearDuplicate.Indices) {
				t.Errorf("near duplicates %v, cleanlab %v", flaggedND, c.DL.NearDuplicate.Indices)
			}
			if len(flagged) == 0 || len(flaggedND) == 0 {
				t.Error("the fixture should plant outliers and near duplicates")
			}
		})
	}
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Fatalf("%s: %.12g, cleanlab %.12g", what, got, want)
	}
}
