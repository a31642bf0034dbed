package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

// cleanlabLens prepares the inputs of 'qmcheck lens' from a cleanlab k-NN
// fixture: its features, an ids file and a labels CSV.
func cleanlabLens(t *testing.T) (vectors, ids, labels string) {
	t.Helper()
	dir := "../../fixtures/cleanlab-vectors/knn_d16_n1000_k5_seed48"
	y, err := npy.ReadInts(filepath.Join(dir, "labels.npy"))
	if err != nil {
		t.Fatal(err)
	}
	var idl, lab strings.Builder
	lab.WriteString("id,class\n")
	for i := len(y) - 1; i >= 0; i-- { // labels in reverse order: the ids file puts the rows right
		fmt.Fprintf(&lab, "r%d,c%d\n", i, y[i])
	}
	for i := range y {
		fmt.Fprintf(&idl, "r%d\n", i)
	}
	return filepath.Join(dir, "features.npy"), writeFile(t, "ids.txt", idl.String()), writeFile(t, "labels.csv", lab.String())
}

func TestLensCommandMatchesCleanlab(t *testing.T) {
	vectors, ids, labels := cleanlabLens(t)
	code, out, errs := qmcheck(t, "lens", "--vectors", vectors, "--ids", ids, "--labels", labels, "--model", "synthetic")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var l facts.Lens
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	// cleanlab flags 13 outliers and 36 near duplicates on these features
	// (fixtures/cleanlab-vectors/knn_d16_n1000_k5_seed48/expected.json).
	if *l.Outliers.Count != 13 || l.NearDuplicates.Count != 36 || l.Samples != 1000 || l.Source != "npy:features.npy" || l.Model != "synthetic" {
		t.Errorf("outliers %d, near duplicates %d, samples %d, source %q", *l.Outliers.Count, l.NearDuplicates.Count, l.Samples, l.Source)
	}
	if math := *l.NearDuplicates.MedianNNDistance; math < 0.05749249 || math > 0.0574925 {
		t.Errorf("median NN distance %v, cleanlab 0.057492498", math)
	}
	if !strings.Contains(errs, "exact k-NN") {
		t.Errorf("stderr: %q", errs)
	}
}

func TestLensIntoFactsThenCheck(t *testing.T) {
	vectors, ids, labels := cleanlabLens(t)
	doc := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "synthetic", Images: 1000, Classes: 5},
		Collector: facts.Collector{Tool: "test", Version: "0"}}
	b, _ := doc.Marshal()
	path := writeFile(t, "facts.json", string(b))
	for _, name := range []string{"A", "B"} {
		args := []string{"lens", "--vectors", vectors, "--ids", ids, "--labels", labels, "--name", name, "--into", path}
		if name == "B" {
			args = append(args, "--metric", "euclidean")
		}
		if code, _, errs := qmcheck(t, args...); code != 0 {
			t.Fatalf("lens %s: exit %d: %s", name, code, errs)
		}
	}
	d, err := readDocument(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lenses) != 2 || d.LensAgreement == nil || len(d.LensAgreement.Pairs) != 1 {
		t.Fatalf("lenses %d, agreement %+v", len(d.Lenses), d.LensAgreement)
	}
	_, out, _ := qmcheck(t, "check", "--format", "json", path)
	var r struct {
		Verdicts []struct{ QM, Verdict, Finding string } `json:"verdicts"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	measured := map[string]bool{"Acc-ML-4": true, "Sim-ML-1": true, "Sim-ML-2": true, "Sim-ML-3": true}
	for _, v := range r.Verdicts {
		if measured[v.QM] {
			delete(measured, v.QM)
			if v.Verdict == "na" || v.Verdict == "error" {
				t.Errorf("%s: %s (%s)", v.QM, v.Verdict, v.Finding)
			}
		}
	}
	if len(measured) > 0 {
		t.Errorf("no verdict for %v", measured)
	}
}

func TestLensBadInput(t *testing.T) {
	vectors, ids, labels := cleanlabLens(t)
	short := writeFile(t, "short.txt", "r0\nr1\n")
	nan := writeFile(t, "nan.csv", "id,x,y\nr0,1,2\nr1,NaN,3\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lens", "--vectors", vectors}, "required"},
		{[]string{"lens", "--vectors", vectors, "--ids", short, "--labels", labels}, "2 ids for the 1000 rows"},
		{[]string{"lens", "--vectors", vectors, "--labels", labels}, "v"}, // without ids: 1000 rows in label order is fine
		{[]string{"lens", "--vectors", nan, "--labels", labels}, "nan.csv:3:4"},
		{[]string{"lens", "--vectors", vectors, "--ids", ids, "--labels", labels, "--metric", "l1"}, "--metric"},
		{[]string{"lens", "--vectors", vectors, "--ids", ids, "--labels", labels, "--into", "x.json"}, "--name"},
	} {
		code, _, errs := qmcheck(t, c.args...)
		if c.want == "v" {
			if code != 0 {
				t.Errorf("%v: exit %d: %s", c.args, code, errs)
			}
			continue
		}
		if code != exitInput || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q: want 2 and %q", c.args, code, errs, c.want)
		}
	}
}
