package taxonomy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/schemas"
)

// wordnet loads Debian's WordNet 3.0 or skips.
func wordnet(t *testing.T) *WordNetDB {
	t.Helper()
	if _, err := os.Stat(filepath.Join(DefaultWordNetDir, "data.noun")); err != nil {
		t.Skipf("WordNet 3.0 not installed (%v): apt-get install wordnet-base", err)
	}
	wn, err := LoadWordNet("")
	if err != nil {
		t.Fatal(err)
	}
	return wn
}

// TestWordNetImageNet places the 1,000 ILSVRC-2012 classes from data.noun
// and checks every class against the JSONL fixture (made from the same
// WordNet by another program), then the counts the seed report gets wrong.
func TestWordNetImageNet(t *testing.T) {
	wn := wordnet(t)
	want := imagenet(t)
	refs := make([]ClassRef, len(want.Classes))
	for i, c := range want.Classes {
		refs[i] = ClassRef{Name: c.Name, Wnid: c.ID}
	}
	got, err := wn.Taxonomy(refs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Classes) != 1000 {
		t.Fatalf("%d classes", len(got.Classes))
	}
	for i, c := range got.Classes {
		if !reflect.DeepEqual(c, want.Classes[i]) {
			t.Errorf("class %d:\n got %+v\nwant %+v", i, c, want.Classes[i])
		}
	}
	f := got.Facts(WordNet)
	for node, n := range map[string]int64{"dog.n.01": 118, "animal.n.01": 398, "artifact.n.01": 522, "organism.n.01": 410} {
		if f.Nodes[node] != n {
			t.Errorf("classes under %s = %d, want %d", node, f.Nodes[node], n)
		}
	}
	if g := f.LargestSiblingGroup; g == nil || g.Node != "dog.n.01" || g.Count != 118 {
		t.Errorf("largest sibling group %+v", g)
	}
	if f.Partition["biotic"].Count != 410 || f.Partition["artifact"].Count != 522 {
		t.Errorf("partition %+v %+v", f.Partition["biotic"], f.Partition["artifact"])
	}
	// Apart from the source, the same facts as from the JSONL.
	w := want.Facts(WordNet)
	f.Source, w.Source = "", ""
	if !reflect.DeepEqual(f, w) {
		t.Error("facts from data.noun differ from facts from the JSONL")
	}
	if s, ok := wn.Synset("n02084071"); !ok || s != "dog.n.01" {
		t.Errorf("n02084071 = %q", s)
	}
	// Through Load, as the collector's --taxonomy wordnet does.
	wnids := make([]string, 0, 3)
	for _, c := range want.Classes[:3] {
		wnids = append(wnids, c.ID)
	}
	tx, err := Load("wordnet", wnids)
	if err != nil || len(tx.Classes) != 3 || tx.Classes[0].Node != "tench.n.01" {
		t.Errorf("Load(wordnet): %v %+v", err, tx)
	}
	// Unknown and malformed wnids are listed together.
	_, err = wn.Taxonomy([]ClassRef{{Name: "dog", Wnid: "n02084071"}, {Name: "x", Wnid: "n99999999"}, {Name: "y", Wnid: "dog"}, {Name: "dog", Wnid: "n02084071"}})
	var l *problem.List
	if !errors.As(err, &l) || len(l.Errors) != 3 ||
		!strings.Contains(l.Errors[0].Msg, `class "x": unknown wnid n99999999`) ||
		!strings.Contains(l.Errors[1].Msg, `"dog" is not a WordNet noun id`) ||
		!strings.Contains(l.Errors[2].Msg, `class "dog" named twice`) {
		t.Errorf("errors: %v", err)
	}
}

// dataNoun writes a data.noun in WordNet's format, each line starting with
// its own byte offset; synsets are (lemma, hypernym lemmas...), and a
// hypernym named with a leading "!" is an instance hypernym.
func dataNoun(t *testing.T, synsets [][]string) (dir string, offsets map[string]int) {
	t.Helper()
	dir = t.TempDir()
	header := "  1 This is a test file in the WordNet format.  \n"
	offsets = map[string]int{}
	// Every line has the same length for a given number of pointers, so two
	// passes fix the offsets.
	var body string
	for pass := 0; pass < 2; pass++ {
		body = header
		for _, s := range synsets {
			offsets[s[0]] = len(body)
			line := fmt.Sprintf("%08d 03 n 01 %s 0 %03d", len(body), s[0], len(s)-1)
			for _, h := range s[1:] {
				sym := "@"
				if strings.HasPrefix(h, "!") {
					sym, h = "@i", h[1:]
				}
				line += fmt.Sprintf(" %s %08d n 0000", sym, offsets[h])
			}
			body += line + " | gloss of " + s[0] + "  \n"
		}
	}
	index := ""
	for _, s := range synsets {
		index += fmt.Sprintf("%s n 1 0 1 0 %08d  \n", s[0], offsets[s[0]])
	}
	if err := os.WriteFile(filepath.Join(dir, "data.noun"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.noun"), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, offsets
}

func TestWordNetFormat(t *testing.T) {
	syn := [][]string{{"entity"}, {"thing", "entity"}, {"animal", "thing"}, {"pet", "entity"}, {"dog", "animal", "pet"}, {"rex", "!dog"}}
	dir, off := dataNoun(t, syn)
	wn, err := LoadWordNet(dir)
	if err != nil {
		t.Fatal(err)
	}
	id := func(n string) string { return fmt.Sprintf("n%08d", off[n]) }
	tx, err := wn.Taxonomy([]ClassRef{{Name: "Rex", Wnid: id("rex")}, {Name: "Dog", Wnid: id("dog")}})
	if err != nil {
		t.Fatal(err)
	}
	rex := tx.Classes[0]
	if rex.Node != "rex.n.01" || rex.Paths != 2 || strings.Join(rex.Path, " ") != "rex.n.01 dog.n.01 animal.n.01 thing.n.01 entity.n.01" ||
		strings.Join(rex.Ancestors, " ") != "animal.n.01 dog.n.01 entity.n.01 pet.n.01 thing.n.01" {
		t.Errorf("rex %+v", rex)
	}

	// A line whose offset is not its byte offset.
	b, _ := os.ReadFile(filepath.Join(dir, "data.noun"))
	bad := strings.Replace(string(b), fmt.Sprintf("%08d 03", off["pet"]), fmt.Sprintf("%08d 03", off["pet"]+1), 1)
	_, err = ReadWordNet(strings.NewReader(bad), strings.NewReader(""), "data.noun", "index.noun")
	var pe *problem.Error
	if !errors.As(err, &pe) || pe.File != "data.noun" || pe.Line != 5 || !strings.Contains(pe.Msg, "does not match its byte offset") {
		t.Errorf("shifted offset: %v", err)
	}
	// A truncated line.
	lines := strings.Split(string(b), "\n")
	lines[3] = lines[3][:20]
	_, err = ReadWordNet(strings.NewReader(strings.Join(lines, "\n")), strings.NewReader(""), "data.noun", "index.noun")
	if !errors.As(err, &pe) || pe.Line != 4 {
		t.Errorf("truncated line: %v", err)
	}
	// A hypernym cycle: entity's hypernym is dog.
	cyc := [][]string{{"entity", "dog"}, {"animal", "entity"}, {"dog", "animal"}}
	dir2, cycOff := dataNoun(t, cyc)
	wn2, err := LoadWordNet(dir2)
	if err != nil {
		t.Fatal(err)
	}
	_, err = wn2.Taxonomy([]ClassRef{{Name: "dog", Wnid: fmt.Sprintf("n%08d", cycOff["dog"])}})
	if err == nil || !strings.Contains(err.Error(), "hypernym cycle dog.n.01 > animal.n.01 > entity.n.01 > dog.n.01") {
		t.Errorf("cycle: %v", err)
	}
	// Missing files name the package.
	if _, err := LoadWordNet(t.TempDir()); err == nil || !strings.Contains(err.Error(), "wordnet-base") {
		t.Errorf("missing WordNet: %v", err)
	}
}

func TestReadPaths(t *testing.T) {
	src := `# class > parent > ... > root
tabby > cat > feline > mammal > animal
lion > big cat > feline
big cat > feline
pet cat > cat
cat > pet > animal

sports car > car > vehicle > artifact
`
	tx, err := ReadPaths(strings.NewReader(src), "tree.txt")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, c := range tx.Classes {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "tabby,lion,big cat,pet cat,cat,sports car" {
		t.Errorf("classes %v", names)
	}
	tabby := tx.Classes[0]
	if tabby.Paths != 2 || strings.Join(tabby.Path, ">") != "tabby>cat>feline>mammal>animal" || strings.Join(tabby.Ancestors, ",") != "animal,cat,feline,mammal,pet" {
		t.Errorf("tabby %+v", tabby)
	}
	if l := tx.Classes[1]; strings.Join(l.Path, ">") != "lion>big cat>feline>mammal>animal" || l.Paths != 1 {
		t.Errorf("lion %+v", l)
	}
	sel, err := tx.Select([]string{"sports car", "tabby"})
	if err != nil || len(sel.Classes) != 2 || sel.Classes[0].Name != "sports car" {
		t.Errorf("select: %v %+v", err, sel)
	}
	f := sel.Facts(Options{Partition: map[string]string{"biotic": "animal", "artifact": "artifact"}, Order: []string{"biotic", "artifact"}})
	if f.Partition["biotic"].Count != 1 || f.Partition["artifact"].Count != 1 {
		t.Errorf("partition %+v", f.Partition)
	}
	_, err = tx.Select([]string{"tabby", "unicorn", "griffin"})
	var l *problem.List
	if !errors.As(err, &l) || len(l.Errors) != 2 || l.Errors[0].File != "tree.txt" || !strings.Contains(l.Errors[0].Msg, `unknown class "unicorn"`) {
		t.Errorf("unknown classes: %v", err)
	}

	bad := []struct{ src, want string }{
		{"a > b\nb > c\nc > a\n", "tree.txt:3: cycle a > b > c > a"},
		{"a > b > a\n", `tree.txt:1: "a" appears twice on the line`},
		{"a > b\na > c\n", `tree.txt:2: class "a" already listed on line 1`},
		{"a >  > b\n", "tree.txt:1: empty name in position 2"},
		{"# nothing\n", "tree.txt: no classes"},
	}
	for _, b := range bad {
		_, err := ReadPaths(strings.NewReader(b.src), "tree.txt")
		if err == nil || !strings.Contains(err.Error(), b.want) || !problem.IsInput(err) {
			t.Errorf("%q: %v, want %q", b.src, err, b.want)
		}
	}
	// Load dispatches on the spec.
	p := filepath.Join(t.TempDir(), "tree.txt")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if tx, err := Load(p, []string{"lion"}); err != nil || len(tx.Classes) != 1 {
		t.Errorf("Load(paths): %v", err)
	}
	if tx, err := Load("../../fixtures/imagenet-report/imagenet1k_taxonomy.jsonl", []string{"n02085620", "n01440764"}); err != nil || tx.Classes[0].Node != "chihuahua.n.03" {
		t.Errorf("Load(jsonl by wnid): %v %+v", err, tx)
	}
	if tx, err := Load("../../fixtures/imagenet-report/imagenet1k_taxonomy.jsonl", []string{"tench", "crane (n02012849)"}); err != nil || tx.Classes[1].ID != "n02012849" {
		t.Errorf("Load(jsonl by name): %v", err)
	}
	if _, err := Load("../../fixtures/imagenet-report/imagenet1k_taxonomy.jsonl", []string{"tench", "unicorn"}); err == nil || !strings.Contains(err.Error(), `unknown class "unicorn"`) {
		t.Errorf("Load(jsonl unknown): %v", err)
	}
	if _, err := Load("nope.txt", nil); err == nil || !problem.IsInput(err) {
		t.Errorf("Load(missing): %v", err)
	}
}

func TestJSONLErrorsAreLocated(t *testing.T) {
	for src, want := range map[string]string{
		"{\"wnid\": \"n1\", \"names\": \"a\", \"path\": [\"a\"]}\n{oops\n":        "t.jsonl:2:",
		"{\"wnid\": \"n1\", \"names\": \"a\", \"path\": []}\n":                    "t.jsonl:1: class n1 has no path",
		"{\"wnid\": \"n1\", \"names\": \"a\", \"path\": [\"a\", \"b\", \"a\"]}\n": `t.jsonl:1: class n1: cycle: "a" appears twice`,
	} {
		_, err := ReadJSONL(strings.NewReader(src), "t.jsonl", ByName)
		if err == nil || !strings.Contains(err.Error(), want) || !problem.IsInput(err) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

func TestLevels(t *testing.T) {
	tx := imagenet(t)
	o := WordNet
	o.PerLevel = true
	f := tx.Facts(o)
	if len(f.Levels) < DefaultLevel {
		t.Fatalf("%d levels", len(f.Levels))
	}
	at := f.Levels[DefaultLevel-1]
	if at.Depth != DefaultLevel || at.Groups != f.Concentration.Groups || at.Gini != f.Concentration.Gini || at.NormalizedEntropy != f.Concentration.NormalizedEntropy {
		t.Errorf("level %d %+v vs concentration %+v", DefaultLevel, at, f.Concentration)
	}
	// Depth 1 below entity.n.01: physical_entity and abstraction.
	if l := f.Levels[0]; l.Groups != 2 || l.Largest != "physical_entity.n.01" || l.LargestCount != 997 {
		t.Errorf("level 1 %+v", l)
	}
	for i := 1; i < len(f.Levels); i++ {
		if f.Levels[i].Groups < f.Levels[i-1].Groups {
			t.Errorf("groups shrink from depth %d to %d", i, i+1)
		}
	}
	if last := f.Levels[len(f.Levels)-1]; last.Groups != 1000 || last.Gini != 0 {
		t.Errorf("deepest level %+v", last)
	}
	// The facts validate.
	doc := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "x"}, Collector: facts.Collector{Tool: "t", Version: "1"}, Taxonomy: f}
	b, _ := doc.Marshal()
	v, err := schemas.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Facts, v); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkWordNetImageNet loads WordNet 3.0 and places the 1,000 ImageNet
// classes.
func BenchmarkWordNetImageNet(b *testing.B) {
	if _, err := os.Stat(filepath.Join(DefaultWordNetDir, "data.noun")); err != nil {
		b.Skip("wordnet-base not installed")
	}
	f, err := os.Open("../../fixtures/imagenet-report/imagenet1k_taxonomy.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	want, err := ReadJSONL(f, "t", ByID)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	refs := make([]ClassRef, len(want.Classes))
	for i, c := range want.Classes {
		refs[i] = ClassRef{Name: c.Name, Wnid: c.ID}
	}
	for b.Loop() {
		wn, err := LoadWordNet("")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := wn.Taxonomy(refs); err != nil {
			b.Fatal(err)
		}
	}
}
