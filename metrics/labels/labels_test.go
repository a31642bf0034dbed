package labels

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio"
	"gonum.org/v1/gonum/mat"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/schemas"
)

func writeNpy(t *testing.T, dir, name string, v any) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := npyio.Write(f, v); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// good is a small valid problem: 6 samples, 3 classes.
func good() ([]int64, []float64) {
	return []int64{0, 0, 1, 1, 2, 2}, []float64{
		0.8, 0.1, 0.1,
		0.7, 0.2, 0.1,
		0.1, 0.8, 0.1,
		0.85, 0.1, 0.05, // labelled 1, looks like 0
		0.1, 0.1, 0.8,
		0.2, 0.1, 0.7,
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	y, p := good()
	cases := []struct {
		name   string
		labels any
		probs  any
		want   []string // substrings of the error, in order
	}{
		{"row sum", y, replace(p, 0, 0.5), []string{"pred_probs.npy", "row 0: probabilities sum to 0.7, want 1 ± 0.0001"}},
		{"NaN", y, replace(p, 4, math.NaN()), []string{"pred_probs.npy", "row 1, column 1 is NaN"}},
		{"negative", y, replace(replace(p, 3, -0.1), 4, 1.0), []string{"pred_probs.npy", "row 1, column 0: -0.1 is not a probability in [0, 1]"}},
		{"N mismatch", y[:5], p, []string{"pred_probs.npy", "6 rows, but", "labels.npy has 5 labels"}},
		{"label out of range", []int64{0, 0, 1, 7, 2, 2}, p, []string{"labels.npy", "row 3: label 7 is outside 0..2"}},
		{"negative label", []int64{0, 0, 1, -1, 2, 2}, p, []string{"labels.npy", "row 3: label -1 is outside 0..2"}},
		{"empty class", []int64{0, 0, 1, 1, 0, 0}, p, []string{"labels.npy", "class 2 has no example"}},
		{"float labels", []float64{0, 0, 1, 1, 2, 2}, p, []string{"labels.npy", "want an integer array"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			lp := writeNpy(t, dir, "labels.npy", c.labels)
			var pp string
			switch v := c.probs.(type) {
			case []float64:
				pp = writeMatrix(t, dir, "pred_probs.npy", v, 3)
			}
			_, _, err := Load(lp, pp)
			if err == nil {
				t.Fatal("accepted")
			}
			if !problem.IsInput(err) {
				t.Errorf("%T is not an input problem", err)
			}
			msg := err.Error()
			at := 0
			for _, w := range c.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error %q lacks %q", msg, w)
				}
				at += i
			}
		})
	}
	// One class only.
	dir := t.TempDir()
	lp := writeNpy(t, dir, "labels.npy", []int64{0, 0})
	pp := writeMatrix(t, dir, "pred_probs.npy", []float64{1, 1}, 1)
	if _, _, err := Load(lp, pp); err == nil || !strings.Contains(err.Error(), "want at least 2 classes") {
		t.Errorf("K = 1: %v", err)
	}
	// A 1-D pred_probs.
	pp = writeNpy(t, dir, "flat.npy", []float64{0.5, 0.5})
	if _, _, err := Load(lp, pp); err == nil || !strings.Contains(err.Error(), "want a 2-D array") {
		t.Errorf("1-D pred_probs: %v", err)
	}
	// Many bad rows are capped and counted.
	big := make([]float64, 0, 60)
	yy := make([]int64, 20)
	for i := 0; i < 20; i++ {
		big = append(big, 0.5, 0.1, 0.1)
		yy[i] = int64(i % 3)
	}
	lp = writeNpy(t, dir, "l20.npy", yy)
	pp = writeMatrix(t, dir, "p20.npy", big, 3)
	_, _, err := Load(lp, pp)
	var l *problem.List
	if !errors.As(err, &l) || len(l.Errors) != maxProblems+1 || !strings.Contains(l.Errors[maxProblems].Msg, "10 more rows") {
		t.Errorf("capped list: %v", err)
	}
}

func replace(p []float64, i int, v float64) []float64 {
	q := append([]float64(nil), p...)
	q[i] = v
	return q
}

func writeMatrix(t *testing.T, dir, name string, data []float64, cols int) string {
	t.Helper()
	// npyio writes a *mat.Dense with its 2-D shape.
	return writeNpy(t, dir, name, mat.NewDense(len(data)/cols, cols, data))
}

func TestSmallProblem(t *testing.T) {
	y64, data := good()
	dir := t.TempDir()
	y, p, err := Load(writeNpy(t, dir, "labels.npy", y64), writeMatrix(t, dir, "pred_probs.npy", data, 3))
	if err != nil {
		t.Fatal(err)
	}
	is, err := FindLabelIssues(y, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := is.Indices(); len(got) != 1 || got[0] != 3 {
		t.Errorf("issues %v, want [3]", got)
	}
	if _, err := FindLabelIssues(y, p, Options{FilterBy: "bogus"}); err == nil {
		t.Error("unknown filter accepted")
	}
	if _, err := QualityScores(y, p, ConfidenceWeightedEntropy, true); err == nil {
		t.Error("adjusted confidence_weighted_entropy accepted")
	}
	e, err := Estimate(y, p, EstimateOptions{MinExamplesPerClass: 1, IDs: []string{"a", "b", "c", "d", "e", "f"}, Classes: []string{"cat", "dog", "fox"}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Count != 1 || len(e.Issues) != 1 || e.Issues[0] != (facts.LabelIssue{ID: "d", Given: "dog", Suggested: "cat", Score: e.Issues[0].Score}) || *e.Issues[0].Score != 0.1 {
		t.Errorf("estimate %+v", e)
	}
	// The entry is valid facts.
	doc := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "x", Images: 6}, Collector: facts.Collector{Tool: "t", Version: "1"},
		Labels: &facts.Labels{Estimated: []facts.Estimated{*e}}}
	b, _ := doc.Marshal()
	v, err := schemas.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Facts, v); err != nil {
		t.Fatal(err)
	}
}

func TestKNNPredProbsErrors(t *testing.T) {
	y := []int{0, 1, 0}
	if _, err := KNNPredProbs([][]int{{1}, {0}}, y, 2, 1); err == nil {
		t.Error("short graph accepted")
	}
	if _, err := KNNPredProbs([][]int{{1}, {0}, {2}}, y, 2, 1); err == nil || !strings.Contains(err.Error(), "row 2: 0 neighbours other than itself") {
		t.Errorf("self-only row: %v", err)
	}
	if _, err := KNNPredProbs([][]int{{1}, {5}, {0}}, y, 2, 1); err == nil || !strings.Contains(err.Error(), "neighbour 5") {
		t.Errorf("bad neighbour: %v", err)
	}
	p, err := KNNPredProbs([][]int{{2, 1}, {2, 0}, {0, 1}}, y, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.5, 0.5, 1, 0, 0.5, 0.5}
	for i, v := range want {
		if math.Abs(p.Data[i]-v) > 1e-15 {
			t.Fatalf("p = %v, want %v", p.Data, want)
		}
	}
}

func TestPairwiseSum(t *testing.T) {
	// Sums that fall differently in naive and pairwise order: compare with
	// exact integer arithmetic scaled.
	for _, n := range []int{0, 1, 7, 8, 9, 127, 128, 129, 1000, 4099} {
		xs := make([]float64, n)
		want := 0.0
		for i := range xs {
			xs[i] = float64(i%13) * 0.5
			want += xs[i]
		}
		if got := pairwiseSum(xs); got != want { // halves are exact
			t.Errorf("n=%d: %v, want %v", n, got, want)
		}
	}
	// The order itself: 1e16 + 1 + 1 ... differs between orders.
	xs := []float64{1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	// NumPy: eight accumulators then the rest: ((1e16+1)+(1+1))+((1+1)+(1+1)) + 1 + 1
	want := ((xs[0] + xs[1]) + (xs[2] + xs[3])) + ((xs[4] + xs[5]) + (xs[6] + xs[7]))
	want += xs[8]
	want += xs[9]
	if got := pairwiseSum(xs); got != want {
		t.Errorf("pairwise order: %v, want %v", got, want)
	}
}

func TestSmallestIsTheStableOrderPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{1, 5, 100, 1000} {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(10)) / 10 // many ties
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		sort.SliceStable(want, func(a, b int) bool { return xs[want[a]] < xs[want[b]] })
		for _, m := range []int{0, 1, 3, n / 10, n / 2, n, n + 5} {
			got := smallest(xs, m)
			w := want[:max(0, min(m, n))]
			if len(got) != len(w) || (len(w) > 0 && !reflect.DeepEqual(got, w)) {
				t.Fatalf("n=%d m=%d: %v, want %v", n, m, got, w)
			}
		}
	}
}
