package facts

import (
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/schemas"
)

// full fills every section, so that the Go types and the JSON Schema are
// checked against each other field by field.
func full() *Document {
	st := &Stats{Count: 3, Sum: F(6), Mean: F(2), Std: F(0.8), Min: F(1), Max: F(3), Quantiles: map[string]float64{"p50": 2}}
	h := &Histogram{Edges: []float64{0, 1, 2}, Counts: []int64{1, 2}}
	s := []Sample{{ID: "a/1.png", Class: "a", Split: "train", Value: F(0.1)}}
	set := &ClassSet{Size: 2, Samples: s, Classes: map[string]int64{"a": 2}, TopClass: "a", TopCount: 2, TopShare: F(1), Range: []float64{0.1, 0.2}}
	d := 2
	hist := make([]int64, 256)
	hist[0] = 5
	return &Document{
		SchemaVersion: SchemaVersion,
		Dataset: Dataset{Name: "t", Task: "image-classification", Layout: "imagefolder-splits", Root: "t", Source: "s",
			Fingerprint: "sha256:" + strings.Repeat("0", 64), Images: 3, Classes: 2, DeclaredClasses: 2,
			Splits: map[string]Split{"train": {Images: 3, Classes: 2}}, Shard: &Shard{Index: 0, Count: 2}},
		Collector: Collector{Tool: "qmcheck", Version: "0", Decoder: "go", Options: map[string]any{"k": 1}},
		Integrity: &Integrity{Files: 4, Decoded: I(3), UnreadableN: I(1), ByReason: map[string]int64{"truncated": 1},
			Unreadable: []Finding{{Path: "b/2.jpg", Reason: "truncated", Detail: "unexpected EOF"}}, UnlabeledFiles: []string{"x.png"}, Unlabeled: 1, Skipped: []string{"README"}},
		Classes: &Classes{ClassSummary: ClassSummary{Count: 2, Total: 3, Counts: map[string]int64{"a": 2, "b": 1}, Mean: 1.5, Std: F(0.5), Min: 1, Max: 2, MinClass: "b", MaxClass: "a", Empty: []string{"c"}},
			BySplit: map[string]ClassSummary{"train": {Count: 2, Mean: 1.5, Min: 1, Max: 2}}},
		Images: &Images{Count: 3, Formats: map[string]int64{"PNG": 3}, Modes: map[string]int64{"L": 3}, EffectivelyGray: &SampleCount{Count: 1, Samples: s},
			Width: st, Height: st, Pixels: st, Bytes: st, AspectRatio: st, Brightness: st, Contrast: st,
			Resolution: &Resolution{Min: &Size{Width: 1, Height: 1}, Max: &Size{Width: 3, Height: 3}, Distinct: 2, MostCommon: []Size{{Width: 1, Height: 1, Count: 2}}},
			Quality:    map[string]*Property{"entropy": {Description: "bits", Stats: st, Histogram: h, Window: &Window{Direction: "below", Bound: F(4)}, Samples: s}}},
		Pixels:     &Pixels{Luma: "ITU-R 601-2", Channels: map[string]*Channel{"L": {Histogram: hist, Total: 5}, "B": {Spikes: []Spike{{Value: 255, Count: 9, Approximate: true}}}}},
		Duplicates: &Duplicates{Exact: &Groups{Method: "sha256", Groups: 1, Extra: 1, Images: 2, Sets: []DupGroup{{IDs: []string{"a", "b"}}}}, Near: &Groups{MaxDistance: &d, Groups: 1, Extra: 1, Images: 2, Comparisons: 9, Sets: []DupGroup{{IDs: []string{"a", "c"}, Distance: &d, Splits: []string{"train", "test"}, Classes: []string{"a"}}}}},
		Lenses: map[string]*Lens{"builtin": {Source: "builtin", Dims: 8, Samples: 3, K: 2, Metric: "cosine", Exact: B(true), Seed: I(1),
			Density:        &Density{Formula: "f", Stats: st, Histogram: h, Peak: F(0.5), Densest: set, Sparsest: set, PerClass: map[string]float64{"a": 1}},
			Outliers:       &Outliers{Rule: "r", Fence: F(1), Count: I(1), Samples: s, Classes: map[string]int64{"a": 1}},
			NearDuplicates: &LensNearDuplicates{Factor: F(0.13), MedianNNDistance: F(0.2), Threshold: F(0.026), Count: 2, Sets: [][]string{{"a", "b"}}},
			Similarity: &Similarity{Within: &Within{Exhaustive: B(true), PerClass: map[string]float64{"a": 0.5}, Dataset: F(0.1), Stats: st, MinClass: "a", MaxClass: "a"},
				Between: &Between{Exhaustive: true, Classes: 2, Pairs: []Pair{{A: "a", B: "b", Cosine: F(0.9), Confusion: F(0.1)}}, Confused: []Pair{{A: "a", B: "b", Confusion: F(0.1)}}, KNNCrossClass: F(0.2)}},
			Spectrum:       &Spectrum{Normalization: "correlation", Dims: 8, Eigenvalues: []float64{4, 2}, Largest: F(4), Smallest: F(0.1), Sum: F(8), Components95: &d},
			PCA:            &PCA{Explained: []float64{0.5, 0.2}, ClassMeans: map[string][2]float64{"a": {1, 2}}},
			TaxonomyShares: map[string]*GroupShare{"biotic": {Classes: F(0.5), Samples: F(0.5), Densest: F(1), Sparsest: F(0), Outliers: F(0), Dispersion: F(0.6)}}}},
		LensAgreement: &Agreement{Pairs: []LensPair{{A: "x", B: "y", DensestClassOverlap: F(0.5), DensityRankCorrelation: F(0.9), SameTopClass: B(true)}}},
		Taxonomy: &Taxonomy{Source: "wn", Classes: map[string]TaxonClass{"a": {ID: "n1", Node: "a.n.01", Path: []string{"a.n.01", "entity.n.01"}, Paths: 1, Group: "biotic"}},
			Nodes: map[string]int64{"entity.n.01": 2}, LargestSiblingGroup: &SiblingGroup{Node: "x", Count: 2, Share: 1, MaxHeight: 5, Members: []string{"a", "b"}},
			Partition: map[string]*Part{"biotic": {Node: "organism.n.01", Count: 1, Share: 0.5}}, Concentration: &Concentration{Level: 6, Groups: 2, Gini: 0.1, NormalizedEntropy: 0.9},
			AbstractClasses: []string{"b"}, Levels: []TaxonLevel{{Depth: 1, Groups: 2, Largest: "x", LargestCount: 1, Gini: 0.1, NormalizedEntropy: 0.9}}},
		Labels: &Labels{External: []External{{Source: "s", Scope: "val", Population: 10, Checked: 5, Validated: 1, Rate: 0.1}},
			Estimated: []Estimated{{Method: "confident_learning", Lens: "builtin", FilterBy: "prune_by_noise_rate", Population: 3, Count: 1, Rate: F(0.3), Issues: []LabelIssue{{ID: "a", Given: "a", Suggested: "b", Score: F(0.1)}}}}},
		Datacard: map[string]any{"labelling": map[string]any{"method": "crowd"}},
		Notes:    map[string]string{"/dataset/images": "n"},
	}
}

func TestTypesMatchTheSchema(t *testing.T) {
	b, err := full().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := schemas.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Facts, doc); err != nil {
		t.Fatal(err)
	}
	again, _ := full().Marshal()
	if string(again) != string(b) {
		t.Error("marshalling is not deterministic")
	}
}

func TestMinimalDocument(t *testing.T) {
	d := &Document{SchemaVersion: SchemaVersion, Dataset: Dataset{Name: "x"}, Collector: Collector{Tool: "t", Version: "1"}}
	b, _ := d.Marshal()
	doc, _ := schemas.DecodeJSON(b)
	if err := schemas.Validate(schemas.Facts, doc); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "integrity") {
		t.Error("an unmeasured section was written")
	}
}
