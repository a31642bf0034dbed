package report

import (
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/schemas"
)

// fmnist is the bundled Fashion-MNIST sample the synthetic facts point at,
// so that their sample ids are real files for the thumbnails.
const fmnist = "../../fixtures/fashion-mnist-1k"

// fmnistFiles lists the fixture's images by class, sorted: the ids the
// synthetic facts use.
func fmnistFiles(t testing.TB) map[string][]string {
	t.Helper()
	classes, err := os.ReadDir(fmnist)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, c := range classes {
		if !c.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(fmnist, c.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f.Name(), ".png") {
				out[c.Name()] = append(out[c.Name()], c.Name()+"/"+f.Name())
			}
		}
		sort.Strings(out[c.Name()])
	}
	if len(out) != 10 {
		t.Fatalf("fixture has %d classes, want 10", len(out))
	}
	return out
}

// synthetic builds schema-valid facts with every section the report draws
// from (the ImageNet transcription lacks most of them): class counts,
// pixel histograms with 0/255 spikes, image sizes, exact and near
// duplicates, two lenses with density histograms, densest and sparsest
// samples, PCA of class means, confused pairs and outliers, a taxonomy and
// a label-issue estimate. The numbers are made up; the sample ids are real
// files of fixtures/fashion-mnist-1k.
func synthetic(t testing.TB) *facts.Document {
	t.Helper()
	files := fmnistFiles(t)
	classes := slices.Sorted(maps.Keys(files))
	// Uneven counts: the first classes are cut short.
	counts := map[string]int64{}
	var total int64
	for i, c := range classes {
		n := int64(100 - 10*max(0, 3-i)) // 70, 80, 90, then 100
		counts[c] = n
		total += n
	}
	id := func(c string, i int) string { return files[c][i] }
	sample := func(c string, i int, v float64) facts.Sample {
		return facts.Sample{ID: id(c, i), Class: c, Value: facts.F(v)}
	}
	hist := make([]int64, 256)
	for v := range hist {
		hist[v] = int64(200 + 50*math.Sin(float64(v)/20))
	}
	hist[0], hist[255] = 250000, 40000 // the clipping spikes
	var histTotal int64
	for _, n := range hist {
		histTotal += n
	}
	edges := []float64{}
	cnts := []int64{}
	for i := 0; i <= 20; i++ {
		edges = append(edges, float64(i)*0.05)
		if i < 20 {
			x := float64(i) - 8
			cnts = append(cnts, int64(120*math.Exp(-x*x/18)))
		}
	}
	lens := func(name string, shift float64) *facts.Lens {
		means := map[string][2]float64{}
		perClass := map[string]float64{}
		for i, c := range classes {
			a := 2 * math.Pi * float64(i) / float64(len(classes))
			means[c] = [2]float64{math.Cos(a)*3 + shift, math.Sin(a) * 2}
			perClass[c] = 0.2 + 0.05*float64(i)
		}
		var densest, sparsest []facts.Sample
		for i := 0; i < 12; i++ {
			c := "sandal"
			if i >= 10 {
				c = "sneaker"
			}
			densest = append(densest, sample(c, i, 0.95-float64(i)*0.001))
			sc := classes[i%3]
			sparsest = append(sparsest, sample(sc, 20+i, 0.05+float64(i)*0.002))
		}
		return &facts.Lens{Source: "builtin", Dims: 64, Samples: total, K: 10, Metric: "cosine", Exact: facts.B(true), Seed: facts.I(1),
			Density: &facts.Density{Formula: "1 / mean cosine distance to the k nearest neighbours, over its median",
				Histogram: &facts.Histogram{Edges: edges, Counts: cnts}, Peak: facts.F(0.425),
				Densest:  &facts.ClassSet{Size: 12, Samples: densest, Classes: map[string]int64{"sandal": 10, "sneaker": 2}, TopClass: "sandal", TopCount: 10, TopShare: facts.F(10.0 / 12)},
				Sparsest: &facts.ClassSet{Size: 12, Samples: sparsest, Classes: map[string]int64{classes[0]: 4, classes[1]: 4, classes[2]: 4}},
				PerClass: perClass},
			Outliers: &facts.Outliers{Rule: "mean k-NN distance > Q3 + 1.7 IQR", Count: facts.I(3),
				Samples: []facts.Sample{sample("bag", 50, 0.9), sample("dress", 51, 0.8), sample("coat", 52, 0.7)}},
			NearDuplicates: &facts.LensNearDuplicates{Factor: facts.F(0.13), MedianNNDistance: facts.F(0.21), Threshold: facts.F(0.0273), Count: 2,
				Sets: [][]string{{id("trouser", 5), id("trouser", 6)}}},
			Similarity: &facts.Similarity{Between: &facts.Between{Exhaustive: true, Classes: 10,
				Confused: []facts.Pair{
					{A: "shirt", B: "t-shirt_top", Confusion: facts.F(0.31)},
					{A: "coat", B: "pullover", Confusion: facts.F(0.27)},
					{A: "pullover", B: "shirt", Confusion: facts.F(0.22)},
					{A: "ankle_boot", B: "sneaker", Confusion: facts.F(0.08)},
				}}},
			PCA: &facts.PCA{Explained: []float64{0.41, 0.22}, ClassMeans: means},
		}
	}
	tax := &facts.Taxonomy{Source: "test: clothing vs footwear", Classes: map[string]facts.TaxonClass{}}
	for _, c := range classes {
		g := "clothing"
		switch c {
		case "ankle_boot", "sandal", "sneaker":
			g = "footwear"
		case "bag":
			g = "accessory"
		}
		tax.Classes[c] = facts.TaxonClass{Path: []string{c, g}, Group: g}
	}
	d := &facts.Document{
		SchemaVersion: facts.SchemaVersion,
		Dataset:       facts.Dataset{Name: "synthetic fashion", Layout: "imagefolder", Images: total, Classes: int64(len(classes))},
		Collector:     facts.Collector{Tool: "report test", Version: "1"},
		Integrity: &facts.Integrity{Files: total + 2, Decoded: facts.I(total), UnreadableN: facts.I(1),
			Unreadable: []facts.Finding{{Path: "coat/broken.png", Reason: "truncated", Detail: "unexpected EOF"}}, Unlabeled: 1, UnlabeledFiles: []string{"stray.png"}},
		Classes: &facts.Classes{ClassSummary: facts.ClassSummary{Count: int64(len(classes)), Total: total, Counts: counts,
			Mean: float64(total) / float64(len(classes)), Min: 70, Max: 100, MinClass: classes[0], MaxClass: classes[9]}},
		Images: &facts.Images{Count: total, Formats: map[string]int64{"PNG": total}, Modes: map[string]int64{"L": total},
			Resolution: &facts.Resolution{Min: &facts.Size{Width: 28, Height: 28}, Max: &facts.Size{Width: 64, Height: 48}, Distinct: 3,
				MostCommon: []facts.Size{{Width: 28, Height: 28, Count: total - 30}, {Width: 32, Height: 32, Count: 20}, {Width: 64, Height: 48, Count: 10}}}},
		Pixels: &facts.Pixels{Luma: "ITU-R 601-2", Channels: map[string]*facts.Channel{"L": {Histogram: hist, Total: histTotal}}},
		Duplicates: &facts.Duplicates{
			Exact: &facts.Groups{Method: "sha256 of decoded pixels", Groups: 2, Extra: 3, Images: 5, Sets: []facts.DupGroup{
				{IDs: []string{id("bag", 0), id("bag", 1), id("bag", 2)}, Classes: []string{"bag", "bag", "bag"}},
				{IDs: []string{id("shirt", 0), id("t-shirt_top", 0)}, Classes: []string{"shirt", "t-shirt_top"}}}},
			Near: &facts.Groups{Method: "pHash", MaxDistance: new(int), Groups: 1, Extra: 1, Images: 2, Sets: []facts.DupGroup{
				{IDs: []string{id("dress", 3), id("dress", 4)}}}},
		},
		Lenses:   map[string]*facts.Lens{"builtin": lens("builtin", 0), "clip": lens("clip", 1)},
		Taxonomy: tax,
		Labels: &facts.Labels{Estimated: []facts.Estimated{{Method: "confident_learning", Lens: "builtin", FilterBy: "prune_by_noise_rate", RankBy: "self_confidence",
			Population: total, Count: 3, Rate: facts.F(0.031), Issues: []facts.LabelIssue{
				{ID: id("shirt", 7), Given: "shirt", Suggested: "t-shirt_top", Score: facts.F(0.02)},
				{ID: id("pullover", 8), Given: "pullover", Suggested: "coat", Score: facts.F(0.05)},
				{ID: id("coat", 9), Given: "coat", Suggested: "pullover", Score: facts.F(0.09)}}}}},
	}
	// The document must be one a collector could write.
	b, err := d.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := schemas.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Facts, doc); err != nil {
		t.Fatalf("synthetic facts are not schema-valid: %v", err)
	}
	return d
}
