// Package taxonomy places a dataset's classes in a hierarchy (WordNet for
// ImageNet, or any class → ancestors file) and measures how the classes spread
// over it: classes per node, the largest group of close kinds, a broad
// partition (biotic / artifact / other), concentration, abstract classes.
// It measures; it does not judge.
package taxonomy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Class is one class placed in the hierarchy.
type Class struct {
	Name      string   // the dataset's class name
	ID        string   // an external identifier (an ImageNet wnid)
	Node      string   // the class's own node (a WordNet synset)
	Path      []string // nodes from the class's node up to the root, first path
	Ancestors []string // every node above the class over all paths
	Paths     int      // number of distinct paths to the root
}

// Taxonomy is a set of classes in one hierarchy.
type Taxonomy struct {
	Source  string
	Classes []Class
}

// Defaults used when Options leave them zero.
const (
	DefaultMaxHeight = 5
	DefaultLevel     = 6
)

// Options tune the measurements.
type Options struct {
	// MaxHeight bounds the levels between a node and its classes for the node
	// to count as a group of close kinds (largest sibling group).
	MaxHeight int
	// Level is the depth below the root at which classes are grouped for the
	// concentration measures.
	Level int
	// Partition maps a group name to the node that defines it; a class goes to
	// the first group (in Order) whose node is among its ancestors, else to
	// "other".
	Partition map[string]string
	Order     []string
	// Abstract is the node below which a class counts as abstract.
	Abstract string
	// PerLevel adds, for every depth below the root, how the classes group
	// there (facts.Taxonomy.Levels).
	PerLevel bool
}

// WordNet is the partition and abstract root for WordNet 3.0 noun synsets:
// biotic = organism.n.01, artifact = artifact.n.01, other; abstract =
// abstraction.n.06.
var WordNet = Options{
	Partition: map[string]string{"biotic": "organism.n.01", "artifact": "artifact.n.01"},
	Order:     []string{"biotic", "artifact"},
	Abstract:  "abstraction.n.06",
}

// jsonlRow is one line of a taxonomy JSONL file as written by
// wordnet_taxonomy.py (ImageNet-1k: imagenet1k_taxonomy.jsonl).
type jsonlRow struct {
	Index     int      `json:"index"`
	Names     string   `json:"names"`
	Wnid      string   `json:"wnid"`
	Synset    string   `json:"synset"`
	Path      []string `json:"path"`
	NPaths    int      `json:"n_paths"`
	Ancestors []string `json:"ancestors"`
}

// Key says how a taxonomy file's rows are named as dataset classes.
type Key int

const (
	// ByID names a class by its identifier (an ImageNet wnid, as ImageNet's
	// folders are named).
	ByID Key = iota
	// ByName names a class by the first name of its name list ("tench" of
	// "tench, Tinca tinca"); when two classes share a first name (ImageNet's
	// two "crane" and two "maillot"), each gets its identifier appended:
	// "crane (n02012849)".
	ByName
)

// ReadJSONL reads a WordNet taxonomy in JSON lines: one class per line with
// its wnid, names, synset, first path (class → root) and all ancestors.
func ReadJSONL(r io.Reader, source string, key Key) (*Taxonomy, error) {
	t := &Taxonomy{Source: source}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	seen := map[string]int{}
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var row jsonlRow
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, &problem.Error{File: source, Line: line, Msg: err.Error()}
		}
		if len(row.Path) == 0 {
			return nil, &problem.Error{File: source, Line: line, Msg: fmt.Sprintf("class %s has no path", row.Wnid)}
		}
		on := map[string]bool{}
		for _, n := range row.Path {
			if on[n] {
				return nil, &problem.Error{File: source, Line: line, Msg: fmt.Sprintf("class %s: cycle: %q appears twice on its path", row.Wnid, n)}
			}
			on[n] = true
		}
		n := row.Wnid
		if key == ByName {
			n = strings.TrimSpace(strings.SplitN(row.Names, ",", 2)[0])
		}
		if n == "" {
			return nil, &problem.Error{File: source, Line: line, Msg: "class without a name or id"}
		}
		if prev, dup := seen[row.Wnid]; dup {
			return nil, &problem.Error{File: source, Line: line, Msg: fmt.Sprintf("id %q already on line %d", row.Wnid, prev)}
		}
		seen[row.Wnid] = line
		paths := row.NPaths
		if paths < 1 {
			paths = 1
		}
		t.Classes = append(t.Classes, Class{Name: n, ID: row.Wnid, Node: row.Synset, Path: row.Path, Ancestors: row.Ancestors, Paths: paths})
	}
	if err := sc.Err(); err != nil {
		return nil, &problem.Error{File: source, Line: line, Msg: err.Error()}
	}
	if len(t.Classes) == 0 {
		return nil, &problem.Error{File: source, Msg: "no classes"}
	}
	count := map[string]int{}
	for _, c := range t.Classes {
		count[c.Name]++
	}
	for i, c := range t.Classes {
		if count[c.Name] > 1 {
			t.Classes[i].Name = fmt.Sprintf("%s (%s)", c.Name, c.ID)
		}
	}
	return t, nil
}

// Shares returns, for each group of the partition, the share of a set's
// members that belong to it: counts maps class → members of that class in
// the set (for example the classes of the densest-K samples). A class the
// taxonomy does not know is an error.
func Shares(f *facts.Taxonomy, counts map[string]int64) (map[string]float64, error) {
	var total float64
	by := map[string]float64{}
	for g := range f.Partition {
		by[g] = 0
	}
	for c, n := range counts {
		tc, ok := f.Classes[c]
		if !ok {
			return nil, fmt.Errorf("class %q is not in the taxonomy", c)
		}
		by[tc.Group] += float64(n)
		total += float64(n)
	}
	if total == 0 {
		return nil, fmt.Errorf("empty set")
	}
	for g := range by {
		by[g] /= total
	}
	return by, nil
}

// Facts measures the taxonomy:
//
//   - nodes: classes below each node over any path (nodes above two or more
//     classes);
//   - largest_sibling_group: on the tree of first paths, the node with the
//     most classes among nodes whose classes sit at most MaxHeight levels
//     below it (ties: the deeper node, then by name);
//   - partition: classes per group of o.Partition, with their shares;
//   - concentration: at depth Level below the root (first paths; a class
//     shallower than Level is its own group), the Gini coefficient of the
//     group sizes, G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄), and the normalised
//     entropy H / ln n of the group shares (1 when n = 1);
//   - abstract_classes: classes with o.Abstract among their ancestors;
//   - levels (with o.PerLevel): the same grouping at every depth from 1 to
//     the deepest class, with the largest group of each.
func (t *Taxonomy) Facts(o Options) *facts.Taxonomy {
	if o.MaxHeight == 0 {
		o.MaxHeight = DefaultMaxHeight
	}
	if o.Level == 0 {
		o.Level = DefaultLevel
	}
	k := float64(len(t.Classes))
	out := &facts.Taxonomy{Source: t.Source, Classes: map[string]facts.TaxonClass{}, Nodes: map[string]int64{}}

	anyPath := map[string]int64{}
	tree := map[string]int64{} // classes below a node on first paths
	height := map[string]int{} // most levels between a node and its classes
	depth := map[string]int{}  // levels below the root
	members := map[string][]string{}
	for _, c := range t.Classes {
		for _, a := range c.Ancestors {
			anyPath[a]++
		}
		for i, n := range c.Path[1:] {
			tree[n]++
			height[n] = max(height[n], i+1)
			depth[n] = len(c.Path) - 2 - i
			members[n] = append(members[n], c.Name)
		}
	}
	for n, c := range anyPath {
		if c >= 2 {
			out.Nodes[n] = c
		}
	}

	// Largest group of close kinds.
	best := ""
	for n, c := range tree {
		if height[n] > o.MaxHeight || c < 2 {
			continue
		}
		if best == "" || c > tree[best] || (c == tree[best] && (depth[n] > depth[best] || (depth[n] == depth[best] && n < best))) {
			best = n
		}
	}
	if best != "" {
		m := append([]string(nil), members[best]...)
		sort.Strings(m)
		out.LargestSiblingGroup = &facts.SiblingGroup{Node: best, Count: tree[best], Share: float64(tree[best]) / k, MaxHeight: o.MaxHeight, Members: m}
	}

	// Partition.
	if len(o.Order) > 0 {
		out.Partition = map[string]*facts.Part{}
		for _, g := range append(append([]string{}, o.Order...), "other") {
			out.Partition[g] = &facts.Part{Node: o.Partition[g]}
		}
	}
	for _, c := range t.Classes {
		tc := facts.TaxonClass{ID: c.ID, Node: c.Node, Path: c.Path, Paths: c.Paths}
		if out.Partition != nil {
			tc.Group = group(c, o)
			out.Partition[tc.Group].Count++
		}
		out.Classes[c.Name] = tc
		if o.Abstract != "" && contains(c.Ancestors, o.Abstract) {
			out.AbstractClasses = append(out.AbstractClasses, c.Name)
		}
	}
	for _, p := range out.Partition {
		p.Share = float64(p.Count) / k
	}
	sort.Strings(out.AbstractClasses)

	// Concentration at Level, and at every level when asked.
	out.Concentration = &facts.Concentration{Level: o.Level}
	out.Concentration.Groups, _, _, out.Concentration.Gini, out.Concentration.NormalizedEntropy = t.level(o.Level)
	if o.PerLevel {
		deepest := 0
		for _, c := range t.Classes {
			deepest = max(deepest, len(c.Path)-1)
		}
		for d := 1; d <= deepest; d++ {
			l := facts.TaxonLevel{Depth: d}
			l.Groups, l.Largest, l.LargestCount, l.Gini, l.NormalizedEntropy = t.level(d)
			out.Levels = append(out.Levels, l)
		}
	}
	return out
}

// level groups the classes by their first-path node at depth d below the
// root (a class shallower than d is its own group) and returns the number of
// groups, the largest (ties: the first name), its size, and the Gini
// coefficient and normalised entropy of the group sizes.
func (t *Taxonomy) level(d int) (groups int64, largest string, size int64, gini, entropy float64) {
	by := map[string]float64{}
	for _, c := range t.Classes {
		i := max(len(c.Path)-1-d, 0) // index of the node at depth d
		by[c.Path[i]]++
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Strings(names)
	sizes := make([]float64, 0, len(by))
	for _, n := range names {
		if by[n] > by[largest] || largest == "" {
			largest = n
		}
		sizes = append(sizes, by[n])
	}
	sort.Float64s(sizes) // a fixed summation order: the same bits every run
	return int64(len(sizes)), largest, int64(by[largest]), Gini(sizes), NormalizedEntropy(sizes)
}

func group(c Class, o Options) string {
	for _, g := range o.Order {
		if contains(c.Ancestors, o.Partition[g]) || c.Node == o.Partition[g] {
			return g
		}
	}
	return "other"
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Gini is Σ_i Σ_j |x_i − x_j| / (2 n² x̄) over non-negative sizes: 0 when
// all are equal, approaching 1 when one holds everything. 0 for fewer than
// two sizes or a zero total.
func Gini(x []float64) float64 {
	n := float64(len(x))
	if n < 2 {
		return 0
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	var sum, weighted float64
	for i, v := range s {
		sum += v
		weighted += float64(2*(i+1)-len(s)-1) * v // Σ_i (2i − n − 1) x_(i)
	}
	if sum == 0 {
		return 0
	}
	return weighted / (n * sum)
}

// NormalizedEntropy is H(p) / ln n for p_i = x_i / Σx: 1 when all groups are
// equal (and when n = 1), towards 0 as one group takes all.
// Sums run in the order of x; pass a sorted x for results that do not depend
// on where the sizes came from.
func NormalizedEntropy(x []float64) float64 {
	if len(x) < 2 {
		return 1
	}
	var sum float64
	for _, v := range x {
		sum += v
	}
	if sum == 0 {
		return 1
	}
	var h float64
	for _, v := range x {
		if v > 0 {
			p := v / sum
			h -= p * math.Log(p)
		}
	}
	// Rounding can push H / ln n of equal groups a hair above 1.
	return math.Min(h/math.Log(float64(len(x))), 1)
}
