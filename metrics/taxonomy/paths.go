package taxonomy

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator/problem"
)

// ReadPaths reads a class hierarchy from a simple text file: one class per
// line, followed by its ancestors up to the root, separated by ">":
//
//	# class > parent > ... > root
//	tabby > cat > feline > carnivore > mammal > animal
//	lion > big cat > feline > carnivore > mammal > animal
//	sports car > car > vehicle > artifact
//
// Blank lines and lines starting with # are skipped; names are trimmed. The
// lines together define a graph (each name's parents, in order of first
// mention), so a node may have several parents and a class several paths.
// A class's Path is its first path in that graph (the first parent at every
// step), Ancestors the union of all its paths. Errors, each at file:line: an
// empty name, a class listed twice, a name repeated on a line, and a cycle
// (the line whose link closes it).
func ReadPaths(r io.Reader, source string) (*Taxonomy, error) {
	parents := map[string][]string{}
	where := map[[2]string]int{} // child, parent → line that first linked them
	var names []string
	line := map[string]int{}
	l := &problem.List{What: "taxonomy"}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for n := 1; sc.Scan(); n++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		parts := strings.Split(s, ">")
		bad := ""
		onLine := map[string]bool{}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
			switch {
			case parts[i] == "":
				bad = fmt.Sprintf("empty name in position %d (want class > parent > ... > root)", i+1)
			case onLine[parts[i]]:
				bad = fmt.Sprintf("%q appears twice on the line: a path cannot pass a node twice", parts[i])
			}
			if bad != "" {
				break
			}
			onLine[parts[i]] = true
		}
		if bad == "" {
			if prev, dup := line[parts[0]]; dup {
				bad = fmt.Sprintf("class %q already listed on line %d", parts[0], prev)
			}
		}
		if bad != "" {
			l.Errors = append(l.Errors, &problem.Error{File: source, Line: n, Msg: bad})
			continue
		}
		line[parts[0]] = n
		names = append(names, parts[0])
		for i := 0; i+1 < len(parts); i++ {
			c, p := parts[i], parts[i+1]
			key := [2]string{c, p}
			if _, ok := where[key]; !ok {
				where[key] = n
				parents[c] = append(parents[c], p)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &problem.Error{File: source, Msg: err.Error()}
	}
	if len(l.Errors) > 0 {
		return nil, l
	}
	if len(names) == 0 {
		return nil, &problem.Error{File: source, Msg: "no classes"}
	}
	g := &graph{parents: parents, where: where, memo: map[string][][]string{}}
	t := &Taxonomy{Source: source}
	for _, c := range names {
		paths, err := g.paths(c, nil)
		if err != nil {
			l.Errors = append(l.Errors, &problem.Error{File: source, Line: err.line, Msg: err.msg})
			continue
		}
		anc := map[string]bool{}
		for _, p := range paths {
			for _, a := range p[1:] {
				anc[a] = true
			}
		}
		cl := Class{Name: c, Node: c, Path: paths[0], Paths: len(paths)}
		for a := range anc {
			cl.Ancestors = append(cl.Ancestors, a)
		}
		sort.Strings(cl.Ancestors)
		t.Classes = append(t.Classes, cl)
	}
	if len(l.Errors) > 0 {
		return nil, dedupe(l)
	}
	return t, nil
}

type graph struct {
	parents map[string][]string
	where   map[[2]string]int
	memo    map[string][][]string
}

type cycleError struct {
	line int
	msg  string
}

// paths lists the distinct paths from n to a root, n first.
func (g *graph) paths(n string, stack []string) ([][]string, *cycleError) {
	if p, ok := g.memo[n]; ok {
		return p, nil
	}
	for i, s := range stack {
		if s == n {
			cyc := append(append([]string{}, stack[i:]...), n)
			last := g.where[[2]string{stack[len(stack)-1], n}]
			return nil, &cycleError{line: last, msg: "cycle " + strings.Join(cyc, " > ")}
		}
	}
	ps := g.parents[n]
	if len(ps) == 0 {
		g.memo[n] = [][]string{{n}}
		return g.memo[n], nil
	}
	var out [][]string
	seen := map[string]bool{}
	for _, p := range ps {
		sub, err := g.paths(p, append(stack, n))
		if err != nil {
			return nil, err
		}
		for _, q := range sub {
			path := append([]string{n}, q...)
			key := strings.Join(path, "\x00")
			if !seen[key] {
				seen[key] = true
				out = append(out, path)
			}
		}
	}
	g.memo[n] = out
	return out, nil
}

// dedupe keeps one report of each located message (a cycle is found from
// every class below it).
func dedupe(l *problem.List) *problem.List {
	out := &problem.List{What: l.What}
	seen := map[string]bool{}
	for _, e := range l.Errors {
		k := fmt.Sprint(e.Line, e.Msg)
		if !seen[k] {
			seen[k] = true
			out.Errors = append(out.Errors, e)
		}
	}
	return out
}

// Select keeps the classes of a dataset, in the order given: every name
// must be a class of t (errors list each unknown class, located in t's
// source); classes of t that the dataset lacks are dropped.
func (t *Taxonomy) Select(classes []string) (*Taxonomy, error) {
	by := make(map[string]Class, len(t.Classes))
	for _, c := range t.Classes {
		by[c.Name] = c
	}
	out := &Taxonomy{Source: t.Source}
	l := &problem.List{What: "taxonomy"}
	for _, n := range classes {
		c, ok := by[n]
		if !ok {
			if len(l.Errors) < 20 {
				l.Errors = append(l.Errors, &problem.Error{File: t.Source, Msg: fmt.Sprintf("unknown class %q: the dataset has it, the taxonomy does not", n)})
			}
			continue
		}
		out.Classes = append(out.Classes, c)
	}
	if len(l.Errors) > 0 {
		return nil, l
	}
	return out, nil
}

// Load reads a taxonomy named by spec for a dataset's classes:
//
//   - "wordnet" or "wordnet:DIR": WordNet 3.0 from DefaultWordNetDir or DIR;
//     the classes are wnids (ImageNet's folder names);
//   - a file ending in .jsonl: ReadJSONL, matching the classes by wnid or,
//     when they are not wnids, by first name;
//   - any other file: ReadPaths.
//
// classes nil keeps every class of the file (not allowed for WordNet). An
// unknown class is an error.
func Load(spec string, classes []string) (*Taxonomy, error) {
	if spec == "wordnet" || strings.HasPrefix(spec, "wordnet:") {
		if len(classes) == 0 {
			return nil, &problem.Usage{Msg: "taxonomy wordnet: no classes to place"}
		}
		wn, err := LoadWordNet(strings.TrimPrefix(strings.TrimPrefix(spec, "wordnet"), ":"))
		if err != nil {
			return nil, err
		}
		refs := make([]ClassRef, len(classes))
		for i, c := range classes {
			refs[i] = ClassRef{Name: c, Wnid: c}
		}
		return wn.Taxonomy(refs)
	}
	f, err := os.Open(spec)
	if err != nil {
		return nil, &problem.Error{File: spec, Msg: fmt.Sprintf("taxonomy: %v", unwrapPath(err))}
	}
	defer f.Close()
	var t *Taxonomy
	if strings.HasSuffix(spec, ".jsonl") {
		key := ByID
		for _, c := range classes {
			if _, ok := parseWnid(c); !ok {
				key = ByName
				break
			}
		}
		t, err = ReadJSONL(f, spec, key)
	} else {
		t, err = ReadPaths(f, spec)
	}
	if err != nil || classes == nil {
		return t, err
	}
	return t.Select(classes)
}
