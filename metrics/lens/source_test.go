package lens

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

func TestParseSpec(t *testing.T) {
	s, err := ParseSpec("clip.v2=npy:emb/clip.npy,ids=emb/ids.txt,model=ViT-B/32,k=15,metric=euclidean")
	if err != nil {
		t.Fatal(err)
	}
	want := Spec{Name: "clip.v2", Kind: KindNPY, Path: "emb/clip.npy", IDs: "emb/ids.txt", Model: "ViT-B/32", K: 15, Metric: knn.Euclidean,
		Raw: "npy:emb/clip.npy,ids=emb/ids.txt,model=ViT-B/32,k=15,metric=euclidean"}
	if s != want {
		t.Errorf("%+v", s)
	}
	if s.Source() != "npy:clip.npy" {
		t.Errorf("source %q", s.Source())
	}
	if s, err := ParseSpec("L1=builtin"); err != nil || s.Kind != KindBuiltin || s.Source() != "builtin" {
		t.Errorf("%+v %v", s, err)
	}
	for _, bad := range []string{"builtin", "a b=builtin", "x=builtin:file", "x=npy:", "x=hdf5:f.h5", "x=npy:f.npy,k=0",
		"x=npy:f.npy,metric=manhattan", "x=npy:f.npy,colour=red", "x=csv:f.csv,ids=i.txt", "x=npy:f.npy,model"} {
		_, err := ParseSpec(bad)
		var u *problem.Usage
		if !errors.As(err, &u) {
			t.Errorf("%q: got %v, want a usage error", bad, err)
		}
	}
	if _, err := ParseSpecs([]string{"a=builtin", "b=npy:x.npy", "a=csv:y.csv"}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate names: %v", err)
	}
}

// writeNPY writes a 2-D float32 .npy file.
func writeNPY(t *testing.T, path string, rows [][]float32) {
	t.Helper()
	m := &npy.Matrix[float32]{Rows: len(rows), Cols: len(rows[0])}
	for _, r := range rows {
		m.Data = append(m.Data, r...)
	}
	if err := npy.WriteMatrix32(path, m); err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	at := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	vec := filepath.Join(dir, "v.npy")
	writeNPY(t, vec, [][]float32{{1, 0}, {0, 1}, {1, 1}})
	ids := []string{"a", "b", "c"}

	// Dataset order.
	m, err := Spec{Kind: KindNPY, Path: vec}.Load(ids)
	if err != nil || m.Row(2)[0] != 1 {
		t.Fatalf("%v %v", m, err)
	}
	// An ids file reorders; the sidecar FILE.ids is found by itself.
	at("v.npy.ids", "c\na\nb\n")
	m, err = Spec{Kind: KindNPY, Path: vec}.Load(ids)
	if err != nil || m.Row(0)[0] != 0 || m.Row(0)[1] != 1 || m.Row(1)[1] != 1 || m.Row(2)[0] != 1 || m.Row(2)[1] != 0 {
		t.Fatalf("reordered: %v %v", m, err)
	}
	os.Remove(vec + ".ids")

	wantErr := func(what string, err error, parts ...string) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: accepted", what)
		}
		if !problem.IsInput(err) {
			t.Errorf("%s: %v is not an input problem", what, err)
		}
		for _, p := range parts {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("%s: %q does not mention %q", what, err, p)
			}
		}
	}
	_, err = Spec{Kind: KindNPY, Path: vec}.Load([]string{"a", "b"})
	wantErr("row count", err, "v.npy", "3 rows", "2 samples")
	_, err = Spec{Kind: KindNPY, Path: vec, IDs: at("ids1", "a\nb\n")}.Load(ids)
	wantErr("ids count", err, "ids1", "2 ids for the 3 rows")
	_, err = Spec{Kind: KindNPY, Path: vec, IDs: at("ids2", "a\nzz\nb\n")}.Load(ids)
	wantErr("unknown id", err, "ids2:2", `"zz"`, "not a sample")
	_, err = Spec{Kind: KindNPY, Path: vec, IDs: at("ids3", "a\nb\na\n")}.Load(ids)
	wantErr("repeated id", err, "ids3:3", "repeats row 0")
	_, err = Spec{Kind: KindNPY, Path: vec, IDs: at("ids4", "a\n\nb\n")}.Load(ids)
	wantErr("empty id", err, "ids4:2", "empty id")
	_, err = Spec{Kind: KindNPY, Path: vec, IDs: at("ids5", "a\nb\nc\n")}.Load([]string{"a", "b", "c", "d"})
	wantErr("missing sample", err, "ids5", `no vector for sample "d"`)

	nan := filepath.Join(dir, "nan.npy")
	writeNPY(t, nan, [][]float32{{1, 0}, {0, float32(nanValue())}, {1, 1}})
	_, err = Spec{Kind: KindNPY, Path: nan}.Load(ids)
	wantErr("NaN", err, "nan.npy", "row 1, column 1", "NaN")

	// CSV.
	m, err = Spec{Kind: KindCSV, Path: at("ok.csv", "id,x,y\nb,0,1\nc,1,1\na,1,0\n")}.Load(ids)
	if err != nil || m.Row(0)[0] != 1 || m.Row(1)[1] != 1 {
		t.Fatalf("csv: %v %v", m, err)
	}
	m, err = Spec{Kind: KindCSV, Path: at("noid.csv", "x,y\n1,0\n0,1\n1,1\n")}.Load(ids)
	if err != nil || m.Rows != 3 || m.Cols != 2 {
		t.Fatalf("csv without ids: %v %v", m, err)
	}
	_, err = Spec{Kind: KindCSV, Path: at("bad.csv", "id,x,y\na,1,0\nb,nan,1\nc,1,1\n")}.Load(ids)
	wantErr("csv NaN", err, "bad.csv:3:3", `column "x"`, "not a finite number")
	_, err = Spec{Kind: KindCSV, Path: at("short.csv", "id,x,y\na,1,0\nb,1\n")}.Load(ids)
	wantErr("csv short row", err, "short.csv:3")
	_, err = Spec{Kind: KindCSV, Path: at("unknown.csv", "id,x\na,1\nb,2\nq,3\n")}.Load(ids)
	wantErr("csv unknown id", err, "unknown.csv:4", `"q"`)
}

func TestReadLabels(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "l.csv")
	os.WriteFile(p, []byte("path,id,label\nx,a,cat\ny,b,\nz,c,dog\n"), 0o644)
	ids, classes, err := ReadLabels(p)
	if err != nil || strings.Join(ids, ",") != "a,b,c" || strings.Join(classes, ",") != "cat,,dog" {
		t.Fatalf("%v %v %v", ids, classes, err)
	}
	os.WriteFile(p, []byte("id,class\na,cat\na,dog\n"), 0o644)
	if _, _, err := ReadLabels(p); err == nil || !strings.Contains(err.Error(), "l.csv:3") {
		t.Errorf("repeated id: %v", err)
	}
	os.WriteFile(p, []byte("name,class\na,cat\n"), 0o644)
	if _, _, err := ReadLabels(p); err == nil || !strings.Contains(err.Error(), "want an id column") {
		t.Errorf("no id column: %v", err)
	}
}
