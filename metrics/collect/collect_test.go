package collect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"math/bits"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/idx"
	"github.com/qmcheck/qmcheck/schemas"
)

// copyDir copies a fixture tree into a temporary folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func collectFacts(t *testing.T, o Options) (*facts.Document, []byte) {
	t.Helper()
	c, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.Facts()
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	v, err := schemas.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Facts, v); err != nil {
		t.Fatalf("collected facts do not validate: %v", err)
	}
	return doc, b
}

// TestBadInput: every file of the bad-input corpus is either measured or
// listed with its reason, and nothing else is lost.
func TestBadInput(t *testing.T) {
	dir := copyDir(t, "../../fixtures/bad-images")
	modes := filepath.Join(dir, "modes")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("loop_b.jpg", filepath.Join(modes, "loop_a.jpg")))
	must(os.Symlink("loop_a.jpg", filepath.Join(modes, "loop_b.jpg")))
	must(os.Symlink("nowhere.png", filepath.Join(modes, "dangling.png")))
	ok, _ := os.ReadFile(filepath.Join(modes, "ok0.png"))
	must(os.WriteFile(filepath.Join(modes, "caf\xe9.png"), ok, 0o644))
	must(os.WriteFile(filepath.Join(modes, "noperm.png"), ok, 0o000))
	must(os.MkdirAll(filepath.Join(dir, "empty"), 0o755))
	root := os.Geteuid() == 0 // root reads files without permission bits

	doc, raw := collectFacts(t, Options{Root: dir, Workers: 3})
	if !utf8.Valid(raw) {
		t.Fatal("facts are not valid UTF-8")
	}
	in := doc.Integrity
	reasons := map[string]string{}
	for _, f := range in.Unreadable {
		reasons[f.Path] = f.Reason
	}
	want := map[string]string{
		"broken/zero.jpg":      "zero_byte",
		"broken/truncated.jpg": "truncated",
		"broken/truncated.png": "truncated",
		"broken/text.jpg":      "unsupported_format",
		"broken/bomb.png":      "too_many_pixels",
		"modes/loop_a.jpg":     "symlink_loop",
		"modes/loop_b.jpg":     "symlink_loop",
		"modes/dangling.png":   "unreadable",
	}
	if !root {
		want["modes/noperm.png"] = "unreadable"
	}
	for id, r := range want {
		if reasons[id] != r {
			t.Errorf("%s: reason %q, want %q", id, reasons[id], r)
		}
	}
	if len(reasons) != len(want) {
		t.Errorf("listed %v, want %v", reasons, want)
	}
	// Every file is measured or listed.
	if in.Files != *in.Decoded+*in.UnreadableN || in.Files != doc.Dataset.Images {
		t.Errorf("files %d = decoded %d + listed %d?", in.Files, *in.Decoded, *in.UnreadableN)
	}
	entries := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries++
		}
		return nil
	})
	if int64(entries) != in.Files+int64(len(in.Skipped)) {
		t.Errorf("%d directory entries, %d samples + %d skipped", entries, in.Files, len(in.Skipped))
	}
	if strings.Join(in.Skipped, ",") != "README.md,make.py" {
		t.Errorf("skipped %v", in.Skipped)
	}
	if in.Unlabeled != 1 || in.UnlabeledFiles[0] != "stray.png" {
		t.Errorf("unlabelled %d %v", in.Unlabeled, in.UnlabeledFiles)
	}
	warn := map[string]string{}
	for _, w := range in.Warnings {
		warn[w.Path] = w.Reason
	}
	for id, r := range map[string]string{"modes/png_named.jpg": "wrong_extension", "modes/animated.gif": "animated", `modes/caf\xe9.png`: "non_utf8_name"} {
		if warn[id] != r {
			t.Errorf("%s: warning %q, want %q (warnings %v)", id, warn[id], r, warn)
		}
	}
	im := doc.Images
	for mode, n := range map[string]int64{"CMYK": 1, "I;16": 1, "P": 2, "L": 1} {
		if im.Modes[mode] != n {
			t.Errorf("mode %s: %d images, want %d (modes %v)", mode, im.Modes[mode], n, im.Modes)
		}
	}
	if im.EffectivelyGray == nil || im.EffectivelyGray.Count != 1 || im.EffectivelyGray.Samples[0].ID != "modes/rgb_but_gray.png" {
		t.Errorf("effectively gray %+v", im.EffectivelyGray)
	}
	if im.Formats["GIF"] != 1 || im.Formats["PNG"] < 6 || im.Formats["JPEG"] != 2 {
		t.Errorf("formats %v", im.Formats)
	}
	c := doc.Classes
	if c.Count != 2 || strings.Join(c.Empty, ",") != "empty" || doc.Dataset.DeclaredClasses != 3 {
		t.Errorf("classes %d, empty %v, declared %d", c.Count, c.Empty, doc.Dataset.DeclaredClasses)
	}
	// The pixel limit is configurable: the bomb is refused from its header, and
	// a low limit refuses ordinary images too.
	doc2, _ := collectFacts(t, Options{Root: filepath.Join("..", "..", "fixtures", "bad-images", "modes"), MaxPixels: 1000})
	if doc2.Integrity.ByReason["too_many_pixels"] == 0 {
		t.Error("--max-pixels not applied")
	}
}

// TestDeterministic: worker count and batch size do not change a byte.
func TestDeterministic(t *testing.T) {
	_, a := collectFacts(t, Options{Root: "../../fixtures/fashion-mnist-1k", Workers: 1})
	_, b := collectFacts(t, Options{Root: "../../fixtures/fashion-mnist-1k", Workers: 4, BatchSize: 7})
	if !bytes.Equal(a, b) {
		t.Fatal("facts differ between runs")
	}
}

// TestResume: a run cancelled half-way resumes from its checkpoint into
// exactly the facts of an uninterrupted run.
func TestResume(t *testing.T) {
	root := "../../fixtures/fashion-mnist-1k"
	_, want := collectFacts(t, Options{Root: root})
	cp := filepath.Join(t.TempDir(), "facts.json.checkpoint")
	ctx, cancel := context.WithCancel(context.Background())
	o := Options{Root: root, Checkpoint: cp, BatchSize: 50, Workers: 2, Progress: func(done, _ int) {
		if done == 430 {
			cancel()
		}
	}}
	if _, err := Run(ctx, o); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want an interruption, got %v", err)
	}
	// What the interrupted run committed: every finished batch before the
	// first unfinished one (a header line, then one line per batch).
	committed := 0
	lines, _ := os.ReadFile(cp)
	for _, l := range bytes.Split(bytes.TrimSpace(lines), []byte("\n"))[1:] {
		var b struct{ Records []json.RawMessage }
		if err := json.Unmarshal(l, &b); err != nil {
			t.Fatal(err)
		}
		committed += len(b.Records)
	}
	if committed == 0 || committed%50 != 0 {
		t.Fatalf("the interrupted run committed %d samples", committed)
	}
	// A kill can also tear the last line.
	f, _ := os.OpenFile(cp, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"records": [{"id": "torn`)
	f.Close()
	o.Progress, o.Resume = nil, true
	var resumedFrom int
	o.Progress = func(done, _ int) {
		if resumedFrom == 0 {
			resumedFrom = done
		}
	}
	c, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if resumedFrom != committed+1 {
		t.Errorf("resumed at %d, %d samples committed: finished batches were not reused", resumedFrom, committed)
	}
	doc, _ := c.Facts()
	got, _ := doc.Marshal()
	if !bytes.Equal(got, want) {
		t.Fatal("resumed facts differ from an uninterrupted run")
	}
	// A checkpoint of other files is refused.
	o.Root = "../../fixtures/bad-images"
	if _, err := Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "other files or options") {
		t.Errorf("foreign checkpoint: %v", err)
	}
}

// TestShardsMerge: three shards merged give the single-run facts.
func TestShardsMerge(t *testing.T) {
	root := "../../fixtures/fashion-mnist-1k"
	_, want := collectFacts(t, Options{Root: root})
	var docs []*facts.Document
	var names []string
	total := 0
	for i := 0; i < 3; i++ {
		c, err := Run(context.Background(), Options{Root: root, ShardIndex: i, ShardCount: 3})
		if err != nil {
			t.Fatal(err)
		}
		total += len(c.Records)
		d, err := c.PartialFacts()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := d.Marshal()
		v, _ := schemas.DecodeJSON(b)
		if err := schemas.Validate(schemas.Facts, v); err != nil {
			t.Fatalf("partial facts: %v", err)
		}
		docs = append(docs, d)
		names = append(names, "part"+string(rune('0'+i)))
	}
	if total != 1000 {
		t.Fatalf("shards hold %d samples", total)
	}
	// Order does not matter.
	docs[0], docs[2] = docs[2], docs[0]
	names[0], names[2] = names[2], names[0]
	c, err := Merge(names, docs)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := c.Facts()
	got, _ := doc.Marshal()
	if !bytes.Equal(got, want) {
		t.Fatal("merged facts differ from a single run")
	}
	if _, err := Merge(names[:2], docs[:2]); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing shard: %v", err)
	}
}

// TestNearPairsMatchBruteForce checks multi-index hashing against comparing
// every pair, and that it compares far fewer.
func TestNearPairsMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var hs []uint64
	for i := 0; i < 4000; i++ {
		hs = append(hs, r.Uint64())
	}
	for i := 0; i < 300; i++ { // planted near copies
		h := hs[r.Intn(len(hs))]
		for f := r.Intn(8); f > 0; f-- {
			h ^= 1 << r.Intn(64)
		}
		hs = append(hs, h)
	}
	for _, d := range []int{0, 3, 6, 8} {
		got, comps := nearPairs(hs, d)
		var want [][2]int
		for i := range hs {
			for j := i + 1; j < len(hs); j++ {
				if bits.OnesCount64(hs[i]^hs[j]) <= d {
					want = append(want, [2]int{i, j})
				}
			}
		}
		if len(got) != len(want) {
			t.Fatalf("d=%d: %d pairs, brute force %d", d, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("d=%d: pair %d is %v, want %v", d, i, got[i], want[i])
			}
		}
		all := int64(len(hs) * (len(hs) - 1) / 2)
		if comps*10 > all {
			t.Errorf("d=%d: %d comparisons of %d pairs", d, comps, all)
		}
	}
}

// TestFashionMNISTTest10k: the 10,000-image Fashion-MNIST test split from
// Debian's dataset-fashion-mnist, exported to PNG folders: 10 classes of
// 1,000, all 28×28 gray, nothing unreadable, and the L histogram equal to the
// byte counts of the IDX file itself.
func TestFashionMNISTTest10k(t *testing.T) {
	images := filepath.Join(idx.DebianDir, "t10k-images-idx3-ubyte.gz")
	if _, err := os.Stat(images); err != nil {
		t.Skip("Debian package dataset-fashion-mnist is not installed (.ci/run installs it)")
	}
	out := t.TempDir()
	n, err := idx.ExportPNG(images, filepath.Join(idx.DebianDir, "t10k-labels-idx1-ubyte.gz"), idx.FashionMNIST, out, 0)
	if err != nil || n != 10000 {
		t.Fatalf("export: %d %v", n, err)
	}
	doc, _ := collectFacts(t, Options{Root: out})
	c := doc.Classes
	if c.Count != 10 || c.Min != 1000 || c.Max != 1000 || c.Total != 10000 {
		t.Errorf("classes %d, %d..%d, total %d", c.Count, c.Min, c.Max, c.Total)
	}
	res := doc.Images.Resolution
	if res.Distinct != 1 || res.Min.Width != 28 || res.Min.Height != 28 || doc.Images.Modes["L"] != 10000 || *doc.Integrity.UnreadableN != 0 {
		t.Errorf("resolution %+v, modes %v, unreadable %d", res, doc.Images.Modes, *doc.Integrity.UnreadableN)
	}
	_, pix, err := idx.Read(images)
	if err != nil {
		t.Fatal(err)
	}
	var want [256]int64
	for _, v := range pix {
		want[v]++
	}
	got := doc.Pixels.Channels["L"].Histogram
	for v := range want {
		if got[v] != want[v] {
			t.Fatalf("L[%d] = %d, the IDX file has %d", v, got[v], want[v])
		}
	}
	if _, ok := doc.Pixels.Channels["R"]; ok {
		t.Error("gray images counted in R")
	}
}

// TestCrossSplitLeakage: the same picture in train and test, once copied
// byte for byte and once re-encoded, is found across the splits.
func TestCrossSplitLeakage(t *testing.T) {
	root := t.TempDir()
	src := "../../fixtures/fashion-mnist-1k"
	cp := func(from, to string) {
		b, err := os.ReadFile(filepath.Join(src, from))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(root, to)), 0o755)
		os.WriteFile(filepath.Join(root, to), b, 0o644)
	}
	cp("bag/1014.png", "train/bag/1014.png")
	cp("bag/1015.png", "train/bag/1015.png")
	cp("coat/10.png", "train/coat/10.png")
	cp("bag/1014.png", "test/bag/1014.png") // the same file in test
	cp("coat/109.png", "test/coat/109.png")
	doc, _ := collectFacts(t, Options{Root: root})
	cs := doc.Duplicates.CrossSplit
	if cs == nil || cs.Groups != 1 || cs.Images != 2 || strings.Join(cs.Sets[0].IDs, ",") != "test/bag/1014.png,train/bag/1014.png" ||
		strings.Join(cs.Sets[0].Splits, ",") != "test,train" {
		t.Fatalf("cross split %+v", cs)
	}
	if doc.Duplicates.Exact.Groups != 1 || doc.Duplicates.ExactBytes.Groups != 1 || len(doc.Dataset.Splits) != 2 {
		t.Errorf("exact %+v bytes %+v splits %v", doc.Duplicates.Exact, doc.Duplicates.ExactBytes, doc.Dataset.Splits)
	}
}
