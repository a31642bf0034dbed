package taxonomy

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator/problem"
)

// DefaultWordNetDir is where Debian's wordnet-base installs WordNet 3.0.
const DefaultWordNetDir = "/usr/share/wordnet"

// WordNetDB is the noun hierarchy of WordNet 3.0 (Princeton), read from its
// data.noun (one synset per line, keyed by its byte offset) and index.noun
// (the sense order of every lemma, which names the synsets). An ImageNet
// wnid is "n" followed by the 8-digit offset of a noun synset.
type WordNetDB struct {
	source  string
	synsets map[int64]*synset
}

type synset struct {
	offset    int64
	name      string  // NLTK-style: first lemma, lower case, ".n.", sense number ("dog.n.01")
	hypernyms []int64 // "@" pointers in file order, then "@i" (instance) pointers
	line      int     // line in data.noun
}

// LoadWordNet reads data.noun and index.noun from dir (DefaultWordNetDir
// when empty).
func LoadWordNet(dir string) (*WordNetDB, error) {
	if dir == "" {
		dir = DefaultWordNetDir
	}
	dataPath, indexPath := filepath.Join(dir, "data.noun"), filepath.Join(dir, "index.noun")
	df, err := os.Open(dataPath)
	if err != nil {
		return nil, &problem.Error{File: dataPath, Msg: fmt.Sprintf("WordNet 3.0 noun data: %v (Debian: apt-get install wordnet-base)", unwrapPath(err))}
	}
	defer df.Close()
	xf, err := os.Open(indexPath)
	if err != nil {
		return nil, &problem.Error{File: indexPath, Msg: fmt.Sprintf("WordNet 3.0 noun index: %v", unwrapPath(err))}
	}
	defer xf.Close()
	return ReadWordNet(df, xf, dataPath, indexPath)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// ReadWordNet parses WordNet 3.0's data.noun and index.noun (formats in
// wndb(5WN)); dataName and indexName locate errors. Every data line must
// start with its own byte offset, as WordNet's do: a file that fails this is
// not an unmodified data.noun. A malformed line is an error at file:line.
func ReadWordNet(data, index io.Reader, dataName, indexName string) (*WordNetDB, error) {
	w := &WordNetDB{source: dataName, synsets: map[int64]*synset{}}
	first := map[int64]string{} // offset → first lemma, lower case
	br := bufio.NewReaderSize(data, 1<<20)
	var off int64
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return nil, &problem.Error{File: dataName, Line: line, Msg: err.Error()}
		}
		start := off
		off += int64(len(b))
		s := strings.TrimRight(string(b), "\r\n")
		if strings.HasPrefix(s, "  ") || s == "" { // licence header
			continue
		}
		ss, lemma, perr := parseDataLine(s, start)
		if perr != "" {
			return nil, &problem.Error{File: dataName, Line: line, Msg: perr}
		}
		ss.line = line
		w.synsets[ss.offset] = ss
		first[ss.offset] = lemma
	}
	if len(w.synsets) == 0 {
		return nil, &problem.Error{File: dataName, Msg: "no noun synsets"}
	}
	// Sense numbers from index.noun: lemma pos synset_cnt p_cnt [ptr_symbol...]
	// sense_cnt tagsense_cnt synset_offset...
	senses := map[string][]int64{}
	sc := bufio.NewScanner(index)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.HasPrefix(s, "  ") || s == "" {
			continue
		}
		f := strings.Fields(s)
		bad := func(msg string) error {
			return &problem.Error{File: indexName, Line: line, Msg: "malformed index line: " + msg}
		}
		if len(f) < 6 {
			return nil, bad("too few fields")
		}
		n, err1 := strconv.Atoi(f[2])
		p, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || n < 1 || p < 0 || len(f) != 6+p+n {
			return nil, bad(fmt.Sprintf("want synset_cnt offsets after %s pointer symbols", f[3]))
		}
		offs := make([]int64, n)
		for i, o := range f[6+p:] {
			v, err := strconv.ParseInt(o, 10, 64)
			if err != nil || len(o) != 8 {
				return nil, bad(fmt.Sprintf("offset %q", o))
			}
			offs[i] = v
		}
		senses[f[0]] = offs
	}
	if err := sc.Err(); err != nil {
		return nil, &problem.Error{File: indexName, Msg: err.Error()}
	}
	for o, ss := range w.synsets {
		lemma := first[o]
		sense := 1
		for i, x := range senses[lemma] {
			if x == o {
				sense = i + 1
				break
			}
		}
		ss.name = fmt.Sprintf("%s.n.%02d", lemma, sense)
	}
	for _, ss := range w.synsets {
		for _, h := range ss.hypernyms {
			if _, ok := w.synsets[h]; !ok {
				return nil, &problem.Error{File: dataName, Line: ss.line, Msg: fmt.Sprintf("hypernym %08d of %s is not a noun synset", h, ss.name)}
			}
		}
	}
	return w, nil
}

// parseDataLine reads "offset lex_filenum ss_type w_cnt (word lex_id)×w_cnt
// p_cnt (symbol offset pos source/target)×p_cnt ... | gloss".
func parseDataLine(s string, at int64) (*synset, string, string) {
	head, _, _ := strings.Cut(s, " | ")
	f := strings.Fields(head)
	if len(f) < 4 {
		return nil, "", "malformed synset line: too few fields"
	}
	off, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || len(f[0]) != 8 {
		return nil, "", fmt.Sprintf("malformed synset line: offset %q", f[0])
	}
	if off != at {
		return nil, "", fmt.Sprintf("synset offset %s does not match its byte offset %d: not WordNet's data.noun, or modified", f[0], at)
	}
	if f[2] != "n" {
		return nil, "", fmt.Sprintf("synset %s has part of speech %q: want a noun (n)", f[0], f[2])
	}
	wc, err := strconv.ParseInt(f[3], 16, 64)
	if err != nil || wc < 1 || len(f) < 5+2*int(wc) {
		return nil, "", fmt.Sprintf("synset %s: malformed word count %q", f[0], f[3])
	}
	lemma := strings.ToLower(f[4])
	i := 4 + 2*int(wc)
	pc, err := strconv.Atoi(f[i])
	if err != nil || pc < 0 || len(f) < i+1+4*pc {
		return nil, "", fmt.Sprintf("synset %s: malformed pointer count %q", f[0], f[i])
	}
	ss := &synset{offset: off}
	var inst []int64
	for p := 0; p < pc; p++ {
		sym, to, pos := f[i+1+4*p], f[i+2+4*p], f[i+3+4*p]
		if sym != "@" && sym != "@i" || pos != "n" {
			continue
		}
		v, err := strconv.ParseInt(to, 10, 64)
		if err != nil || len(to) != 8 {
			return nil, "", fmt.Sprintf("synset %s: malformed pointer offset %q", f[0], to)
		}
		if sym == "@" {
			ss.hypernyms = append(ss.hypernyms, v)
		} else {
			inst = append(inst, v)
		}
	}
	ss.hypernyms = append(ss.hypernyms, inst...)
	return ss, lemma, ""
}

// Synset names the noun synset of a wnid ("n02084071" → "dog.n.01").
func (w *WordNetDB) Synset(wnid string) (string, bool) {
	o, ok := parseWnid(wnid)
	if !ok {
		return "", false
	}
	ss, ok := w.synsets[o]
	if !ok {
		return "", false
	}
	return ss.name, true
}

func parseWnid(s string) (int64, bool) {
	if len(s) != 9 || s[0] != 'n' {
		return 0, false
	}
	v, err := strconv.ParseInt(s[1:], 10, 64)
	return v, err == nil
}

// ClassRef names a dataset class and its WordNet noun id.
type ClassRef struct {
	Name string // the dataset's class name
	Wnid string // "n" + 8-digit data.noun offset
}

// Taxonomy places classes in WordNet: each class's node is its synset, its
// paths follow hypernyms ("@") and instance hypernyms ("@i") to the root,
// plain hypernyms first, each in file order; Path is the first path (first
// hypernym at every step), Ancestors the union of all paths (class excluded)
// and Paths their number. A malformed or unknown wnid, or a class named
// twice, is an error; all of them are listed in one *problem.List.
func (w *WordNetDB) Taxonomy(classes []ClassRef) (*Taxonomy, error) {
	t := &Taxonomy{Source: "WordNet 3.0 (" + w.source + ")"}
	l := &problem.List{What: "taxonomy"}
	seen := map[string]bool{}
	memo := map[int64][][]int64{}
	for _, c := range classes {
		o, ok := parseWnid(c.Wnid)
		switch {
		case c.Name == "":
			l.Errors = append(l.Errors, &problem.Error{File: w.source, Msg: fmt.Sprintf("class with wnid %q has no name", c.Wnid)})
			continue
		case seen[c.Name]:
			l.Errors = append(l.Errors, &problem.Error{File: w.source, Msg: fmt.Sprintf("class %q named twice", c.Name)})
			continue
		case !ok:
			l.Errors = append(l.Errors, &problem.Error{File: w.source, Msg: fmt.Sprintf("class %q: %q is not a WordNet noun id (want n followed by 8 digits)", c.Name, c.Wnid)})
			continue
		}
		seen[c.Name] = true
		ss, ok := w.synsets[o]
		if !ok {
			l.Errors = append(l.Errors, &problem.Error{File: w.source, Msg: fmt.Sprintf("class %q: unknown wnid %s (no noun synset at offset %08d)", c.Name, c.Wnid, o)})
			continue
		}
		paths, err := w.paths(o, memo, nil)
		if err != nil {
			l.Errors = append(l.Errors, &problem.Error{File: w.source, Line: ss.line, Msg: fmt.Sprintf("class %q: %v", c.Name, err)})
			continue
		}
		t.Classes = append(t.Classes, w.class(c, ss, paths))
	}
	if len(l.Errors) > 0 {
		return nil, l
	}
	if len(t.Classes) == 0 {
		return nil, &problem.Error{File: w.source, Msg: "no classes"}
	}
	return t, nil
}

func (w *WordNetDB) class(c ClassRef, ss *synset, paths [][]int64) Class {
	anc := map[string]bool{}
	for _, p := range paths {
		for _, o := range p[1:] {
			anc[w.synsets[o].name] = true
		}
	}
	out := Class{Name: c.Name, ID: c.Wnid, Node: ss.name, Paths: len(paths)}
	for _, o := range paths[0] {
		out.Path = append(out.Path, w.synsets[o].name)
	}
	for a := range anc {
		out.Ancestors = append(out.Ancestors, a)
	}
	sort.Strings(out.Ancestors)
	return out
}

// paths lists the distinct paths from o to a root, o first. stack holds the
// synsets being expanded, to report a cycle instead of looping.
func (w *WordNetDB) paths(o int64, memo map[int64][][]int64, stack []int64) ([][]int64, error) {
	if p, ok := memo[o]; ok {
		return p, nil
	}
	for i, s := range stack {
		if s == o {
			names := make([]string, 0, len(stack)-i+1)
			for _, x := range append(stack[i:], o) {
				names = append(names, w.synsets[x].name)
			}
			return nil, fmt.Errorf("hypernym cycle %s", strings.Join(names, " > "))
		}
	}
	ss := w.synsets[o]
	if len(ss.hypernyms) == 0 {
		memo[o] = [][]int64{{o}}
		return memo[o], nil
	}
	var out [][]int64
	seen := map[string]bool{}
	for _, h := range ss.hypernyms {
		sub, err := w.paths(h, memo, append(stack, o))
		if err != nil {
			return nil, err
		}
		for _, p := range sub {
			q := append([]int64{o}, p...)
			key := fmt.Sprint(q)
			if !seen[key] {
				seen[key] = true
				out = append(out, q)
			}
		}
	}
	memo[o] = out
	return out, nil
}
