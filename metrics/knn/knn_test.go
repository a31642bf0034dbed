package knn

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/npy"
)

// brute is the reference: every pair in float64, sorted by distance, exact
// duplicates first, then by row number.
func brute(x *npy.Matrix[float32], queries, base []int, k int, m Metric) ([][]int32, [][]float64) {
	idx := make([][]int32, len(queries))
	dist := make([][]float64, len(queries))
	for qi, q := range queries {
		type e struct {
			d     float64
			other bool
			j     int
		}
		var all []e
		a := x.Row(q)
		for _, j := range base {
			if j == q {
				continue
			}
			b := x.Row(j)
			var d float64
			same := true
			for c := range a {
				if a[c] != b[c] {
					same = false
				}
			}
			if m == Euclidean {
				for c := range a {
					t := float64(a[c]) - float64(b[c])
					d += t * t
				}
				d = math.Sqrt(d)
			} else {
				var ab, aa, bb float64
				for c := range a {
					ab += float64(a[c]) * float64(b[c])
					aa += float64(a[c]) * float64(a[c])
					bb += float64(b[c]) * float64(b[c])
				}
				if aa == 0 || bb == 0 {
					d = 1
				} else {
					d = math.Min(2, math.Max(0, 1-ab/(math.Sqrt(aa)*math.Sqrt(bb))))
				}
			}
			if same {
				d = 0
			}
			all = append(all, e{d, !same, j})
		}
		sort.SliceStable(all, func(i, j int) bool {
			if all[i].d != all[j].d {
				return all[i].d < all[j].d
			}
			if all[i].other != all[j].other {
				return !all[i].other
			}
			return all[i].j < all[j].j
		})
		for _, x := range all[:k] {
			idx[qi] = append(idx[qi], int32(x.j))
			dist[qi] = append(dist[qi], x.d)
		}
	}
	return idx, dist
}

// clustered makes n vectors of d dims around c centres, with some exact
// duplicates, a zero vector and some ties (integer-valued rows).
func clustered(n, d, c int, seed uint64) *npy.Matrix[float32] {
	r := rand.New(rand.NewPCG(seed, 7))
	m := &npy.Matrix[float32]{Rows: n, Cols: d, Data: make([]float32, n*d)}
	centres := make([][]float64, c)
	for i := range centres {
		centres[i] = make([]float64, d)
		for j := range centres[i] {
			centres[i][j] = r.NormFloat64() * 3
		}
	}
	for i := 0; i < n; i++ {
		ce := centres[r.IntN(c)]
		row := m.Row(i)
		for j := range row {
			row[j] = float32(ce[j] + r.NormFloat64())
		}
		if i%17 == 3 { // integer-valued rows tie often
			for j := range row {
				row[j] = float32(math.Round(float64(row[j]) / 2))
			}
		}
	}
	for i := 5; i+7 < n; i += 23 { // exact duplicates, some in groups
		copy(m.Row(i+7), m.Row(i))
		if i%2 == 1 && i+11 < n {
			copy(m.Row(i+11), m.Row(i))
		}
	}
	if n > 40 {
		for j := range m.Row(40) {
			m.Row(40)[j] = 0
		}
	}
	return m
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func compare(t *testing.T, name string, g *Graph, idx [][]int32, dist [][]float64) {
	t.Helper()
	bad := 0
	for q := range idx {
		gi, gd := g.Neighbors(q)
		for r := range idx[q] {
			if gi[r] != idx[q][r] || math.Abs(gd[r]-dist[q][r]) > 1e-12 {
				if bad < 5 {
					t.Errorf("%s: query %d rank %d: got %d at %.17g, want %d at %.17g", name, q, r, gi[r], gd[r], idx[q][r], dist[q][r])
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d neighbours differ from brute force", name, bad)
	}
}

func TestSelfEqualsBruteForce(t *testing.T) {
	for _, m := range []Metric{Cosine, Euclidean} {
		for _, c := range []struct{ n, d, k, tile, workers int }{
			{30, 3, 5, 7, 1}, {300, 16, 10, 64, 2}, {513, 40, 10, 128, 3}, {200, 2, 4, 1024, 4},
		} {
			x := clustered(c.n, c.d, 5, uint64(c.n))
			g, err := Self(x, Options{K: c.k, Metric: m, Tile: c.tile, Workers: c.workers})
			if err != nil {
				t.Fatal(err)
			}
			idx, dist := brute(x, seq(c.n), seq(c.n), c.k, m)
			compare(t, fmt.Sprintf("%s n=%d d=%d tile=%d", m, c.n, c.d, c.tile), g, idx, dist)
		}
	}
}

func TestSearchEqualsBruteForce(t *testing.T) {
	x := clustered(400, 24, 6, 3)
	r := rand.New(rand.NewPCG(1, 2))
	many := r.Perm(400)[:300]
	few := r.Perm(400)[:50]
	for _, m := range []Metric{Cosine, Euclidean} {
		for _, c := range []struct {
			name          string
			queries, base []int
		}{
			{"many queries, few base", many, few},
			{"few queries, many base", few, many},
			{"overlapping", seq(400), seq(400)},
		} {
			for _, w := range []int{1, 3} {
				g, err := Search(x, c.queries, c.base, Options{K: 7, Metric: m, Tile: 32, Workers: w})
				if err != nil {
					t.Fatal(err)
				}
				idx, dist := brute(x, c.queries, c.base, 7, m)
				compare(t, fmt.Sprintf("%s %s workers=%d", m, c.name, w), g, idx, dist)
			}
		}
	}
}

func TestDeterministicAcrossWorkersAndTiles(t *testing.T) {
	x := clustered(700, 32, 4, 11)
	ref, err := Self(x, Options{Workers: 1, Tile: 700})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{Workers: 2, Tile: 64}, {Workers: 5, Tile: 100}, {Workers: 3, Tile: 1}} {
		g, err := Self(x, o)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ref.Index {
			if g.Index[i] != ref.Index[i] || g.Dist[i] != ref.Dist[i] {
				t.Fatalf("%+v: entry %d differs: %d %v vs %d %v", o, i, g.Index[i], g.Dist[i], ref.Index[i], ref.Dist[i])
			}
		}
	}
}

func TestErrors(t *testing.T) {
	x := clustered(5, 3, 1, 1)
	if _, err := Self(x, Options{K: 5}); err == nil {
		t.Error("k = rows accepted")
	}
	if _, err := Self(x, Options{Metric: "manhattan"}); err == nil {
		t.Error("unknown metric accepted")
	}
	if _, err := Search(x, []int{0}, []int{9}, Options{K: 1}); err == nil {
		t.Error("row out of range accepted")
	}
	if _, err := Self(&npy.Matrix[float32]{Rows: 2, Cols: 2, Data: make([]float32, 3)}, Options{K: 1}); err == nil {
		t.Error("short data accepted")
	}
}

// TestCleanlabGraphs checks the graph against the k-NN graphs that cleanlab
// (scikit-learn NearestNeighbors, plus cleanlab's exact-duplicate
// correction) built on the same features (fixtures/cleanlab-vectors).
func TestCleanlabGraphs(t *testing.T) {
	dirs, _ := filepath.Glob("../../fixtures/cleanlab-vectors/knn_*")
	if len(dirs) == 0 {
		t.Fatal("no cleanlab k-NN fixtures")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			x, err := npy.ReadMatrix32(filepath.Join(dir, "features.npy"))
			if err != nil {
				t.Fatal(err)
			}
			var exp struct {
				KNN struct {
					Metric  string      `json:"metric"`
					K       int         `json:"k"`
					Indices [][]int32   `json:"indices"`
					Dist    [][]float64 `json:"distances"`
					Tie     []int       `json:"tie_ambiguous_rows"`
				} `json:"knn_graph"`
			}
			b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &exp); err != nil {
				t.Fatal(err)
			}
			m := Euclidean
			if exp.KNN.Metric == "cosine" {
				m = Cosine
			}
			if (x.Cols > 3) != (m == Cosine) {
				t.Fatalf("cleanlab used %s on %d dims", exp.KNN.Metric, x.Cols)
			}
			g, err := Self(x, Options{K: exp.KNN.K, Metric: m})
			if err != nil {
				t.Fatal(err)
			}
			tie := map[int]bool{}
			for _, r := range exp.KNN.Tie {
				tie[r] = true
			}
			for q := 0; q < x.Rows; q++ {
				gi, gd := g.Neighbors(q)
				for r := range gi {
					if d := math.Abs(gd[r] - exp.KNN.Dist[q][r]); d > 1e-8 {
						t.Fatalf("row %d rank %d: distance %.9f, cleanlab %.9f", q, r, gd[r], exp.KNN.Dist[q][r])
					}
					if !tie[q] && gi[r] != exp.KNN.Indices[q][r] {
						t.Fatalf("row %d rank %d: neighbour %d, cleanlab %d", q, r, gi[r], exp.KNN.Indices[q][r])
					}
				}
			}
		})
	}
}

// Far from the origin, |a|² + |b|² − 2a·b cancels in float32; the screen
// works on centred rows, so the neighbours stay exact.
func TestEuclideanFarFromOrigin(t *testing.T) {
	x := clustered(300, 8, 4, 21)
	for i := range x.Data {
		x.Data[i] = 5000 + x.Data[i]/16
	}
	g, err := Self(x, Options{K: 6, Metric: Euclidean, Tile: 64})
	if err != nil {
		t.Fatal(err)
	}
	idx, dist := brute(x, seq(300), seq(300), 6, Euclidean)
	compare(t, "offset 5000", g, idx, dist)
}
