package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree writes files (path → content; "" makes a folder) under a temp root.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	png, err := os.ReadFile("../../fixtures/fashion-mnist-1k/bag/1014.png")
	if err != nil {
		t.Fatal(err)
	}
	for p, c := range files {
		full := filepath.Join(root, p)
		if strings.HasSuffix(p, "/") {
			os.MkdirAll(full, 0o755)
			continue
		}
		os.MkdirAll(filepath.Dir(full), 0o755)
		b := []byte(c)
		if c == "png" {
			b = png
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func ids(d *Dataset) string {
	var out []string
	for _, s := range d.Samples {
		out = append(out, s.ID+"="+s.Split+"/"+s.Class)
	}
	return strings.Join(out, " ")
}

func TestImageFolderWithSplits(t *testing.T) {
	root := tree(t, map[string]string{
		"train/cat/1.png": "png", "train/dog/2.png": "png", "train/dog/deep/3.png": "png",
		"test/cat/4.png": "png", "test/bird/": "", "test/loose.png": "png", "labels.csv": "x",
	})
	d, err := Discover(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Layout != "imagefolder-splits" || strings.Join(d.Splits, ",") != "test,train" {
		t.Fatalf("layout %s splits %v", d.Layout, d.Splits)
	}
	want := "test/cat/4.png=test/cat test/loose.png=test/ train/cat/1.png=train/cat train/dog/2.png=train/dog train/dog/deep/3.png=train/dog"
	if got := ids(d); got != want {
		t.Errorf("samples\n%s\nwant\n%s", got, want)
	}
	if strings.Join(d.Classes, ",") != "bird,cat,dog" || strings.Join(d.Empty, ",") != "bird" || strings.Join(d.Skipped, ",") != "labels.csv" {
		t.Errorf("classes %v empty %v skipped %v", d.Classes, d.Empty, d.Skipped)
	}
	// Not every top-level folder is a split name: plain ImageFolder.
	d, _ = Discover(filepath.Join(root, "train"), Options{})
	if d.Layout != "imagefolder" || len(d.Samples) != 3 {
		t.Errorf("%s %d", d.Layout, len(d.Samples))
	}
}

func TestManifests(t *testing.T) {
	root := tree(t, map[string]string{
		"img/a.png": "png", "img/b.png": "png", "img/c.png": "png",
		"m.csv":   "path,label,split\nimg/a.png,cat,train\nimg/b.png,dog,test\nimg/gone.png,dog,train\nimg/c.png,,train\n",
		"m.jsonl": `{"file_name": "img/a.png", "label": 3}` + "\n" + `{"file_name": "img/b.png", "label": "dog"}` + "\n",
	})
	d, err := Discover(root, Options{Manifest: filepath.Join(root, "m.csv")})
	if err != nil {
		t.Fatal(err)
	}
	if d.Layout != "manifest-csv" || d.BadRows != 1 {
		t.Errorf("layout %s bad rows %d", d.Layout, d.BadRows)
	}
	byID := map[string]Sample{}
	for _, s := range d.Samples {
		byID[s.ID] = s
	}
	if s := byID["img/gone.png"]; s.Problem == nil || s.Problem.Reason != "missing_file" {
		t.Errorf("missing file: %+v", s)
	}
	if byID["img/a.png"].Class != "cat" || byID["img/b.png"].Split != "test" || byID["img/c.png"].Class != "" {
		t.Errorf("%v", byID)
	}
	d, err = Discover(root, Options{Manifest: filepath.Join(root, "m.jsonl")})
	if err != nil || d.Layout != "manifest-jsonl" || d.Samples[0].Class != "3" {
		t.Errorf("jsonl: %v %+v", err, d)
	}
	for name, body := range map[string]string{
		"escape.csv": "path,label\n../etc/passwd.png,x\n",
		"dup.csv":    "path,label\nimg/a.png,x\nimg/a.png,y\n",
		"nopath.csv": "file,whatever\n",
		"bad.jsonl":  "{\"path\": \"img/a.png\"}\nnot json\n",
	} {
		os.WriteFile(filepath.Join(root, name), []byte(body), 0o644)
		if name == "nopath.csv" {
			os.WriteFile(filepath.Join(root, name), []byte("name,label\nimg/a.png,x\n"), 0o644)
		}
		if _, err := Discover(root, Options{Manifest: filepath.Join(root, name)}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestHuggingFaceImageFolder(t *testing.T) {
	root := tree(t, map[string]string{
		"train/metadata.jsonl": `{"file_name": "x.png", "label": "cat"}` + "\n" + `{"file_name": "y.png", "label": "dog"}` + "\n",
		"train/x.png":          "png", "train/y.png": "png", "train/unlisted.png": "png",
		"test/metadata.csv": "file_name,label\nz.png,cat\n", "test/z.png": "png",
	})
	d, err := Discover(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "test/z.png=test/cat train/unlisted.png=train/ train/x.png=train/cat train/y.png=train/dog"
	if d.Layout != "hf-imagefolder" || ids(d) != want {
		t.Errorf("%s\n%s\nwant\n%s", d.Layout, ids(d), want)
	}
	if strings.Join(d.Skipped, ",") != "test/metadata.csv,train/metadata.jsonl" {
		t.Errorf("skipped %v", d.Skipped)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{"a.png": "a.png", "caf\xe9.png": `caf\xe9.png`, `a\xff.png`: `a\\xff.png`, "é.png": "é.png"} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}
