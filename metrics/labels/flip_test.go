package labels_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/idx"
	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/labels"
	"github.com/qmcheck/qmcheck/metrics/lens"
	"github.com/qmcheck/qmcheck/metrics/npy"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// flipSeed fixes every random choice of the experiment.
const flipSeed = 5

// flipRates are the shares of labels flipped.
var flipRates = []float64{0, 0.05, 0.10, 0.20}

// flipRow is the outcome at one flip rate.
type flipRow struct {
	rate             float64 // share of labels flipped
	flipped          int
	estRate          float64 // estimated noise rate (1 − trace of the calibrated joint)
	flagged          int     // samples the filter flags
	precF, recF      float64 // of the flagged set against the flipped set
	atEst            int     // round(estRate × N)
	precEst, recEst  float64 // of the atEst lowest self-confidences
	excess, excessOK float64 // estRate − estRate at 0 flips
}

// flipExperiment describes the images with the builtin lens, builds the
// exact cosine 10-NN graph (the vectors have unit length, so it is also the
// Euclidean graph cleanlab's classifier would use), flips labels at each
// rate to a uniformly drawn other class with a fixed seed, and runs the
// model-free label check.
func flipExperiment(t testing.TB, images []*raster.Image, y []int, k int) []flipRow {
	t.Helper()
	n := len(images)
	x := &npy.Matrix[float32]{Rows: n, Cols: lens.BuiltinDims, Data: make([]float32, n*lens.BuiltinDims)}
	for i, img := range images {
		lens.Describe(img, x.Row(i))
	}
	g, err := knn.Self(x, knn.Options{K: labels.DefaultK, Metric: knn.Cosine})
	if err != nil {
		t.Fatal(err)
	}
	nb := labels.FlatNeighbors(g.Index, g.K)
	var rows []flipRow
	base := 0.0
	for _, rate := range flipRates {
		noisy := append([]int(nil), y...)
		r := rand.New(rand.NewPCG(flipSeed, uint64(rate*1000)))
		m := int(math.Round(rate * float64(n)))
		flipped := map[int]bool{}
		for _, i := range r.Perm(n)[:m] {
			noisy[i] = (y[i] + 1 + r.IntN(k-1)) % k
			flipped[i] = true
		}
		res, err := labels.KNNLabelIssues(nb, noisy, k, labels.DefaultK)
		if err != nil {
			t.Fatal(err)
		}
		row := flipRow{rate: rate, flipped: m, estRate: res.NoiseRate, flagged: res.Issues.Count()}
		row.precF, row.recF = pr(res.Issues.Indices(), flipped)
		row.atEst = int(math.Round(res.NoiseRate * float64(n)))
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return res.LabelQuality[order[a]] < res.LabelQuality[order[b]] })
		row.precEst, row.recEst = pr(order[:row.atEst], flipped)
		if rate == 0 {
			base = res.NoiseRate
		}
		row.excess = res.NoiseRate - base
		rows = append(rows, row)
	}
	return rows
}

// pr is the precision and recall of a flagged set against the truth (1 for
// an empty denominator).
func pr(flagged []int, truth map[int]bool) (float64, float64) {
	hit := 0
	for _, i := range flagged {
		if truth[i] {
			hit++
		}
	}
	p, r := 1.0, 1.0
	if len(flagged) > 0 {
		p = float64(hit) / float64(len(flagged))
	}
	if len(truth) > 0 {
		r = float64(hit) / float64(len(truth))
	}
	return p, r
}

func flipTable(name string, n int, rows []flipRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, N = %d, builtin lens, cosine 10-NN, seed %d\n", name, n, flipSeed)
	fmt.Fprintln(&b, "| flipped | estimated noise rate | excess over 0% | flagged | precision | recall | at n̂ = rate×N: n̂ | precision | recall |")
	fmt.Fprintln(&b, "|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %.0f%% (%d) | %.2f%% | %+.2f pp | %d | %.3f | %.3f | %d | %.3f | %.3f |\n",
			100*r.rate, r.flipped, 100*r.estRate, 100*r.excess, r.flagged, r.precF, r.recF, r.atEst, r.precEst, r.recEst)
	}
	return b.String()
}

// TestFlipExperimentFashionMNIST1k runs the experiment on the 1,000
// Fashion-MNIST images of the fixture (100 per class), decoded by the
// collector's decoder. The bounds are loose: they catch a broken pipeline,
// not a slightly different figure.
func TestFlipExperimentFashionMNIST1k(t *testing.T) {
	paths, err := filepath.Glob("../../fixtures/fashion-mnist-1k/*/*.png")
	if err != nil || len(paths) != 1000 {
		t.Fatalf("want 1,000 fixture images, found %d (%v)", len(paths), err)
	}
	slices.Sort(paths)
	classes := map[string]int{}
	for i, name := range idx.FashionMNIST {
		classes[name] = i
	}
	var d imageio.Decoder
	images := make([]*raster.Image, len(paths))
	y := make([]int, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		images[i] = &raster.Image{}
		if _, err := d.Decode(b, images[i]); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		c, ok := classes[filepath.Base(filepath.Dir(p))]
		if !ok {
			t.Fatalf("%s: unknown class folder", p)
		}
		y[i] = c
	}
	rows := flipExperiment(t, images, y, 10)
	t.Log("\n" + flipTable("fixtures/fashion-mnist-1k", len(y), rows))
	checkFlips(t, rows)
	// Deterministic: the same run gives the same figures.
	if again := flipExperiment(t, images, y, 10); fmt.Sprint(again) != fmt.Sprint(rows) {
		t.Error("the experiment is not deterministic")
	}
}

// checkFlips holds the experiment to loose bounds: they catch a broken
// pipeline, not a slightly different figure.
func checkFlips(t *testing.T, rows []flipRow) {
	t.Helper()
	for i, r := range rows {
		if i > 0 && r.estRate <= rows[i-1].estRate {
			t.Errorf("estimated rate does not grow with the flips: %.4f at %.0f%%, %.4f before", r.estRate, 100*r.rate, rows[i-1].estRate)
		}
		if r.rate >= 0.1 && (r.recEst < 0.5 || r.precF < 0.3) {
			t.Errorf("at %.0f%% flipped: precision %.3f, recall at n̂ %.3f", 100*r.rate, r.precF, r.recEst)
		}
		if r.rate > 0 && math.Abs(r.excess-r.rate) > 0.05 {
			t.Errorf("at %.0f%% flipped the estimate grew by %.2f pp", 100*r.rate, 100*r.excess)
		}
	}
}

// TestFlipExperimentFashionMNIST10k runs the experiment on the 10,000 test
// images read straight from Debian's IDX files (about 5 s).
func TestFlipExperimentFashionMNIST10k(t *testing.T) {
	dims, pix, err := idx.Read(filepath.Join(idx.DebianDir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		t.Skipf("Debian package dataset-fashion-mnist not installed: %v", err)
	}
	_, lab, err := idx.Read(filepath.Join(idx.DebianDir, "t10k-labels-idx1-ubyte.gz"))
	if err != nil {
		t.Fatal(err)
	}
	n, h, w := dims[0], dims[1], dims[2]
	images := make([]*raster.Image, n)
	y := make([]int, n)
	for i := range images {
		images[i] = &raster.Image{Width: w, Height: h, Channels: 1, Pix: pix[i*h*w : (i+1)*h*w]}
		y[i] = int(lab[i])
	}
	rows := flipExperiment(t, images, y, 10)
	t.Log("\n" + flipTable("Fashion-MNIST test split (t10k)", n, rows))
	checkFlips(t, rows)
}
