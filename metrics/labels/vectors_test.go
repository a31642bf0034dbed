package labels

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/npy"
)

// The reference vectors: the real cleanlab 2.9.0's outputs on synthetic
// inputs (fixtures/cleanlab-vectors/README.md).
const vectors = "../../fixtures/cleanlab-vectors"

// tol is the README's float tolerance (floats were stored rounded to 9
// decimals).
const tol = 1e-8

func cases(t *testing.T, prefix string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectors, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ Cases []string }
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range c.Cases {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	if len(out) < 5 {
		t.Fatalf("only %d %s cases", len(out), prefix)
	}
	return out
}

func readCase(t *testing.T, name string) ([]int, map[string]json.RawMessage) {
	t.Helper()
	dir := filepath.Join(vectors, name)
	y, err := npy.ReadInts(filepath.Join(dir, "labels.npy"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp map[string]json.RawMessage
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	return y, exp
}

func decode[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// checker compares outputs with the expected values and records which keys
// it compared, so that a key nobody checks fails the test.
type checker struct {
	t       *testing.T
	checked map[string]bool
}

func (c *checker) floats(key string, got []float64, want json.RawMessage) {
	c.t.Helper()
	c.checked[key] = true
	w := decode[[]float64](c.t, want)
	if len(got) != len(w) {
		c.t.Errorf("%s: %d values, want %d", key, len(got), len(w))
		return
	}
	bad := 0
	for i := range w {
		if math.Abs(got[i]-w[i]) > tol {
			if bad < 3 {
				c.t.Errorf("%s[%d] = %.12g, want %.12g", key, i, got[i], w[i])
			}
			bad++
		}
	}
	if bad > 3 {
		c.t.Errorf("%s: %d values differ", key, bad)
	}
}

func (c *checker) matrix(key string, got [][]float64, want json.RawMessage) {
	c.t.Helper()
	c.checked[key] = true
	w := decode[[][]float64](c.t, want)
	if len(got) != len(w) {
		c.t.Errorf("%s: %d rows, want %d", key, len(got), len(w))
		return
	}
	for i := range w {
		if len(got[i]) != len(w[i]) {
			c.t.Errorf("%s row %d: %d values, want %d", key, i, len(got[i]), len(w[i]))
			continue
		}
		for j := range w[i] {
			if math.Abs(got[i][j]-w[i][j]) > tol {
				c.t.Errorf("%s[%d][%d] = %.12g, want %.12g", key, i, j, got[i][j], w[i][j])
			}
		}
	}
}

func (c *checker) exact(key string, got any, want json.RawMessage) {
	c.t.Helper()
	c.checked[key] = true
	w := reflect.New(reflect.TypeOf(got))
	if err := json.Unmarshal(want, w.Interface()); err != nil {
		c.t.Fatalf("%s: %v", key, err)
	}
	if !reflect.DeepEqual(normNil(got), normNil(w.Elem().Interface())) {
		c.t.Errorf("%s:\n got %v\nwant %v", key, got, w.Elem().Interface())
	}
}

// normNil treats a nil slice as empty.
func normNil(v any) any {
	if x, ok := v.([]int); ok && x == nil {
		return []int{}
	}
	return v
}

// done fails on every key of exp that was not compared, except the ones
// listed as descriptive.
func (c *checker) done(prefix string, exp map[string]json.RawMessage, descriptive ...string) {
	c.t.Helper()
	for k := range exp {
		key := prefix + k
		if !c.checked[key] && !contains(descriptive, k) {
			c.t.Errorf("expected.json key %q is not checked", key)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func floatMatrix(c Counts) [][]float64 {
	out := make([][]float64, len(c))
	for i, row := range c {
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = float64(v)
		}
	}
	return out
}

// TestConfidentLearningParity walks every cl_* case and compares every
// cleanlab output in expected.json.
func TestConfidentLearningParity(t *testing.T) {
	for _, name := range cases(t, "cl_") {
		t.Run(name, func(t *testing.T) {
			y, exp := readCase(t, name)
			p, err := npy.ReadMatrix64(filepath.Join(vectors, name, "pred_probs.npy"))
			if err != nil {
				t.Fatal(err)
			}
			if err := Check(y, p, "labels.npy", "pred_probs.npy"); err != nil {
				t.Fatal(err)
			}
			c := &checker{t: t, checked: map[string]bool{}}
			var warnings []string
			warn := func(ws []string) {
				for _, w := range ws {
					if !contains(warnings, w) {
						warnings = append(warnings, w)
					}
				}
			}

			c.floats("get_confident_thresholds", ConfidentThresholds(y, p), exp["get_confident_thresholds"])
			raw, off := ConfidentJoint(y, p, nil)
			cal := Calibrate(raw, y)
			c.exact("compute_confident_joint", [][]int(cal), exp["compute_confident_joint"])
			c.exact("compute_confident_joint_calibrate_false", [][]int(raw), exp["compute_confident_joint_calibrate_false"])
			c.exact("compute_confident_joint_off_diagonal_indices", off, exp["compute_confident_joint_off_diagonal_indices"])
			c.matrix("estimate_joint", EstimateJoint(y, p), exp["estimate_joint"])

			lat := EstimateLatent(cal, y)
			el := decode[map[string]json.RawMessage](t, exp["estimate_latent"])
			c.floats("estimate_latent.py", lat.Py, el["py"])
			c.matrix("estimate_latent.noise_matrix", lat.NoiseMatrix, el["noise_matrix"])
			c.matrix("estimate_latent.inverse_noise_matrix", lat.InverseNoiseMatrix, el["inverse_noise_matrix"])
			c.done("estimate_latent.", el)
			c.checked["estimate_latent"] = true

			nli := decode[map[string]json.RawMessage](t, exp["num_label_issues"])
			for key := range nli {
				m := OffDiagonal
				if v, ok := strings.CutPrefix(key, "estimation_method="); ok {
					m = Estimation(v)
				} else if key != "default" {
					t.Fatalf("num_label_issues key %q", key)
				}
				n, err := NumLabelIssues(y, p, m)
				if err != nil {
					t.Fatal(err)
				}
				c.exact("num_label_issues."+key, n, nli[key])
			}
			c.checked["num_label_issues"] = true

			fli := decode[map[string]json.RawMessage](t, exp["find_label_issues"])
			for key := range fli {
				o := parseOptions(t, key)
				is, err := FindLabelIssues(y, p, o)
				if err != nil {
					t.Fatal(err)
				}
				warn(is.Warnings)
				c.exact("find_label_issues."+key, is.Indices(), fli[key])
			}
			c.checked["find_label_issues"] = true

			ranked := decode[map[string]json.RawMessage](t, exp["find_label_issues_ranked"])
			for key := range ranked {
				parts := strings.Split(key, ",")
				if len(parts) != 2 || parts[0] != "filter_by=prune_by_noise_rate" {
					t.Fatalf("ranked key %q", key)
				}
				r, _ := strings.CutPrefix(parts[1], "return_indices_ranked_by=")
				is, err := FindLabelIssues(y, p, Options{})
				if err != nil {
					t.Fatal(err)
				}
				idx, err := Rank(is.Mask, y, p, ScoreMethod(r))
				if err != nil {
					t.Fatal(err)
				}
				c.exact("find_label_issues_ranked."+key, idx, ranked[key])
			}
			c.checked["find_label_issues_ranked"] = true

			qs := decode[map[string]json.RawMessage](t, exp["get_label_quality_scores"])
			for key := range qs {
				m, adjust := "", false
				for _, kv := range strings.Split(key, ",") {
					switch {
					case strings.HasPrefix(kv, "method="):
						m = strings.TrimPrefix(kv, "method=")
					case kv == "adjust_pred_probs=True":
						adjust = true
					default:
						t.Fatalf("quality score key %q", key)
					}
				}
				s, err := QualityScores(y, p, ScoreMethod(m), adjust)
				if err != nil {
					t.Fatal(err)
				}
				c.floats("get_label_quality_scores."+key, s, qs[key])
			}
			c.checked["get_label_quality_scores"] = true

			c.floats("ood_pred_probs_scores", OODScores(y, p), exp["ood_pred_probs_scores"])

			cl, err := CleanLearn(y, p)
			if err != nil {
				t.Fatal(err)
			}
			warn(cl.Issues.Warnings)
			cle := decode[map[string]json.RawMessage](t, exp["clean_learning_find_label_issues"])
			c.exact("clean_learning_find_label_issues.is_label_issue_indices", cl.Issues.Indices(), cle["is_label_issue_indices"])
			c.exact("clean_learning_find_label_issues.predicted_label", cl.PredictedLabel, cle["predicted_label"])
			c.floats("clean_learning_find_label_issues.py", cl.Py, cle["py"])
			c.matrix("clean_learning_find_label_issues.noise_matrix", cl.NoiseMatrix, cle["noise_matrix"])
			c.matrix("clean_learning_find_label_issues.inverse_noise_matrix", cl.InverseNoiseMatrix, cle["inverse_noise_matrix"])
			c.exact("clean_learning_find_label_issues.confident_joint", [][]int(cl.ConfidentJoint), cle["confident_joint"])
			c.done("clean_learning_find_label_issues.", cle)
			c.checked["clean_learning_find_label_issues"] = true

			// No cl_ output depends on how NumPy breaks ties.
			tie := decode[struct {
				Differing []string `json:"outputs_differing_under_stable_argsort"`
			}](t, exp["argsort_tie_check"])
			if len(tie.Differing) != 0 {
				t.Errorf("tie-dependent outputs %v: compare them with stable_argsort_results", tie.Differing)
			}
			c.checked["argsort_tie_check"] = true

			sort.Strings(warnings)
			want := decode[[]string](t, exp["warnings"])
			sort.Strings(want)
			if fmt.Sprint(warnings) != fmt.Sprint(want) {
				t.Errorf("warnings %q, want %q", warnings, want)
			}
			c.checked["warnings"] = true
			c.done("", exp, "case", "kind", "cleanlab", "params", "synthetic_truth")
		})
	}
}

func parseOptions(t *testing.T, key string) Options {
	t.Helper()
	var o Options
	for _, kv := range strings.Split(key, ",") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "filter_by":
			o.FilterBy = FilterBy(v)
		case "frac_noise":
			if _, err := fmt.Sscan(v, &o.FracNoise); err != nil {
				t.Fatal(err)
			}
		case "min_examples_per_class":
			if _, err := fmt.Sscan(v, &o.MinExamplesPerClass); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("find_label_issues key %q", key)
		}
	}
	return o
}

// euclideanNeighbors is the brute-force k-NN of every row of x in float64
// Euclidean distance, self excluded, nearest first, ties by index: the
// neighbours scikit-learn's KNeighborsClassifier (default metric) gives
// cleanlab's label check.
func euclideanNeighbors(x *npy.Matrix[float64], k int) [][]int {
	out := make([][]int, x.Rows)
	d := make([]float64, x.Rows)
	idx := make([]int, x.Rows)
	for i := 0; i < x.Rows; i++ {
		a := x.Row(i)
		for j := 0; j < x.Rows; j++ {
			b := x.Row(j)
			s := 0.0
			for c := range a {
				e := a[c] - b[c]
				s += e * e
			}
			d[j] = s
			idx[j] = j
		}
		sort.SliceStable(idx, func(p, q int) bool { return d[idx[p]] < d[idx[q]] })
		nb := make([]int, 0, k)
		for _, j := range idx {
			if j != i && len(nb) < k {
				nb = append(nb, j)
			}
		}
		out[i] = nb
	}
	return out
}

// TestKNNLabelParity compares Datalab's label check on every knn_* case.
// The other keys of those cases (the shared k-NN graph, outlier and
// near-duplicate checks) belong to metrics/knn.
func TestKNNLabelParity(t *testing.T) {
	for _, name := range cases(t, "knn_") {
		t.Run(name, func(t *testing.T) {
			y, exp := readCase(t, name)
			x, err := npy.ReadMatrix64(filepath.Join(vectors, name, "features.npy"))
			if err != nil {
				t.Fatal(err)
			}
			dm := decode[map[string]json.RawMessage](t, exp["datalab_issue_managers"])
			le := decode[map[string]json.RawMessage](t, dm["label"])
			k := decode[int](t, le["k"])
			graph := decode[struct {
				Metric  string  `json:"metric"`
				Indices [][]int `json:"indices"`
			}](t, exp["knn_graph"])
			// cleanlab's classifier is Euclidean: its shared graph is too
			// when the features have at most 3 dimensions.
			nb := graph.Indices
			if graph.Metric == "cosine" {
				nb = euclideanNeighbors(x, k)
			}
			numClasses := 0
			for _, v := range y {
				numClasses = max(numClasses, v+1)
			}
			r, err := KNNLabelIssues(nb, y, numClasses, k)
			if err != nil {
				t.Fatal(err)
			}
			c := &checker{t: t, checked: map[string]bool{"k": true}}
			got := make([][]float64, r.PredProbs.Rows)
			for i := range got {
				got[i] = r.PredProbs.Row(i)
			}
			c.matrix("knn_pred_probs", got, le["knn_pred_probs"])
			want := le["is_label_issue_indices"]
			tie := decode[struct {
				Differing []string                   `json:"outputs_differing_under_stable_argsort"`
				Stable    map[string]json.RawMessage `json:"stable_argsort_results"`
			}](t, exp["argsort_tie_check"])
			for _, d := range tie.Differing {
				if d != "label.is_label_issue_indices" {
					continue
				}
				want = tie.Stable[d]
			}
			c.exact("is_label_issue_indices", r.Issues.Indices(), want)
			c.floats("label_score", r.LabelQuality, le["label_score"])
			c.exact("predicted_label", r.PredictedLabel, le["predicted_label"])
			c.floats("confident_thresholds", r.Thresholds, le["confident_thresholds"])
			c.done("", le)
		})
	}
}

// TestEstimateKNNOnAVector reports Datalab's k-NN label check as a facts
// entry: the count is the issues cleanlab flags, ranked by self-confidence.
func TestEstimateKNNOnAVector(t *testing.T) {
	y, exp := readCase(t, "knn_d2_n80_k2_seed42")
	graph := decode[struct {
		Indices [][]int `json:"indices"`
	}](t, exp["knn_graph"])
	le := decode[map[string]json.RawMessage](t, decode[map[string]json.RawMessage](t, exp["datalab_issue_managers"])["label"])
	want := decode[[]int](t, le["is_label_issue_indices"])
	ids := make([]string, len(y))
	for i := range ids {
		ids[i] = fmt.Sprintf("img/%03d.png", i)
	}
	e, p, err := EstimateKNN(graph.Indices, y, 2, DefaultK, EstimateOptions{Lens: "builtin", IDs: ids, Classes: []string{"cat", "dog"}, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if e.Method != MethodKNN || e.Lens != "builtin" || e.Population != 80 || e.Count != int64(len(want)) || len(e.Issues) != 3 {
		t.Fatalf("estimate %+v", e)
	}
	if want := 1 - trace(EstimateJoint(y, p)); *e.Rate != want {
		t.Errorf("rate %v, want %v", *e.Rate, want)
	}
	for i, is := range e.Issues {
		var row int
		fmt.Sscanf(is.ID, "img/%03d.png", &row)
		if !slices.Contains(want, row) || is.Given == is.Suggested || (i > 0 && *is.Score < *e.Issues[i-1].Score) {
			t.Errorf("issue %d: %+v", i, is)
		}
	}
}

func trace(q [][]float64) float64 {
	s := 0.0
	for i := range q {
		s += q[i][i]
	}
	return s
}
