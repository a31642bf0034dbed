// Package knn finds exact k nearest neighbours of vectors: blocked matrix
// multiplication (BLAS Sgemm through gonum's blas32) followed by a per-row
// top-k selection, in parallel over GOMAXPROCS workers, with bounded memory
// (tiles of at most Tile × Tile scores per worker, never an N × N matrix).
//
// # Contract
//
//   - Metrics. Cosine distance d(x, y) = 1 − x·y / (|x| |y|), clipped to
//     [0, 2], with d = 1 when either vector is zero (scikit-learn's
//     convention); Euclidean distance d(x, y) = |x − y|.
//   - Exactness. Candidates are screened in float32 (Sgemm); the best
//     K + Margin candidates of each row are then re-measured in float64 from
//     the original vectors, and the K nearest are kept. The result equals an
//     exact float64 brute-force search unless more than Margin vectors lie
//     within float32 rounding (~1e-6 relative) of a row's K-th distance.
//   - Self and ties. A row is never its own neighbour. Neighbours are ordered
//     by distance, then bitwise-identical rows (exact duplicates) before
//     others at the same distance, then by lower index: a stable sort, so the
//     output is deterministic and independent of the number of workers.
//     Exact duplicates are at distance exactly 0, which reproduces cleanlab's
//     exact-duplicate correction of its k-NN graph (duplicates first, in
//     ascending index order, up to K of them).
//   - Memory. Self keeps one float32 copy of the vectors (unit rows for
//     cosine, centred rows for Euclidean), plus N × (K + Margin) candidates;
//     Search copies the smaller of the query and base sets. Each worker holds
//     one Tile × Tile float32 score tile.
//   - Input. Vectors are the rows of an npy.Matrix[float32]; they must be
//     finite (metrics/npy rejects NaN and infinities when it reads a file).
//
// Build with -tags openblas to run Sgemm in OpenBLAS (cgo,
// gonum.org/v1/netlib, Debian libopenblas-dev): about 7× faster than the
// pure-Go default on the machines measured (docs/benchmarks.md).
package knn

import (
	"errors"
	"fmt"
	"math"
	"runtime"

	"github.com/qmcheck/qmcheck/metrics/npy"
)

// Metric is a distance between two vectors.
type Metric string

// The metrics the package computes.
const (
	Cosine    Metric = "cosine"
	Euclidean Metric = "euclidean"
)

// Defaults used when Options leave a field zero.
const (
	DefaultK      = 10
	DefaultMargin = 8
	DefaultTile   = 1024
)

// Options tune a search. The zero value means K = 10, cosine, all CPUs.
type Options struct {
	K       int    // neighbours per row (DefaultK)
	Metric  Metric // Cosine (default) or Euclidean
	Workers int    // parallel workers (runtime.GOMAXPROCS(0))
	// Margin is the number of extra float32 candidates re-measured in float64
	// per row (DefaultMargin).
	Margin int
	// Tile is the number of rows per block of the blocked multiply
	// (DefaultTile).
	Tile int
}

func (o Options) withDefaults() (Options, error) {
	if o.K == 0 {
		o.K = DefaultK
	}
	if o.Metric == "" {
		o.Metric = Cosine
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Margin <= 0 {
		o.Margin = DefaultMargin
	}
	if o.Tile <= 0 {
		o.Tile = DefaultTile
	}
	if o.K < 1 {
		return o, fmt.Errorf("knn: k = %d: want at least 1", o.K)
	}
	if o.Metric != Cosine && o.Metric != Euclidean {
		return o, fmt.Errorf("knn: unknown metric %q (want %q or %q)", o.Metric, Cosine, Euclidean)
	}
	return o, nil
}

func check(x *npy.Matrix[float32]) error {
	if x == nil || x.Rows < 1 || x.Cols < 1 {
		return errors.New("knn: no vectors")
	}
	if len(x.Data) != x.Rows*x.Cols {
		return fmt.Errorf("knn: %d values for %d rows × %d columns", len(x.Data), x.Rows, x.Cols)
	}
	return nil
}

// Graph is a k-NN graph: for query row q, Index[q*K:(q+1)*K] are the
// neighbours (row numbers of the searched vectors), nearest first, and Dist
// the matching distances (float64, ascending).
type Graph struct {
	K     int
	Index []int32
	Dist  []float64
}

// Rows is the number of query rows.
func (g *Graph) Rows() int { return len(g.Index) / g.K }

// Neighbors returns the neighbours of query row q and their distances
// (views).
func (g *Graph) Neighbors(q int) ([]int32, []float64) {
	return g.Index[q*g.K : (q+1)*g.K], g.Dist[q*g.K : (q+1)*g.K]
}

// MeanDistances returns, for each query row, the mean distance to its K
// neighbours (summed nearest first).
func (g *Graph) MeanDistances() []float64 {
	n := g.Rows()
	out := make([]float64, n)
	for q := 0; q < n; q++ {
		_, d := g.Neighbors(q)
		s := 0.0
		for _, x := range d {
			s += x
		}
		out[q] = s / float64(g.K)
	}
	return out
}

// Self returns the exact k-NN graph of the rows of x among themselves: row i
// of the graph lists the K rows nearest to row i, itself excluded. It needs
// K < x.Rows. The symmetric score matrix is computed once per pair of
// tiles (upper triangle only): about half the multiply of a plain search.
func Self(x *npy.Matrix[float32], o Options) (*Graph, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := check(x); err != nil {
		return nil, err
	}
	if o.K >= x.Rows {
		return nil, fmt.Errorf("knn: k = %d needs more than %d rows", o.K, x.Rows)
	}
	all := make([]int, x.Rows)
	for i := range all {
		all[i] = i
	}
	s := newSearch(x, o, all, all)
	s.self()
	return s.finish(), nil
}

// Search returns, for each row listed in queries (row numbers of x), its K
// nearest rows among those listed in base; a row is never its own neighbour.
// Graph row q belongs to queries[q]; its Index values are row numbers of x.
// It needs at least K base rows other than each query.
func Search(x *npy.Matrix[float32], queries, base []int, o Options) (*Graph, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := check(x); err != nil {
		return nil, err
	}
	for _, set := range [][]int{queries, base} {
		for _, r := range set {
			if r < 0 || r >= x.Rows {
				return nil, fmt.Errorf("knn: row %d out of range [0, %d)", r, x.Rows)
			}
		}
	}
	if len(queries) == 0 {
		return &Graph{K: o.K}, nil
	}
	if o.K >= len(base) {
		return nil, fmt.Errorf("knn: k = %d needs more than %d base rows", o.K, len(base))
	}
	s := newSearch(x, o, queries, base)
	s.cross()
	return s.finish(), nil
}

// distance is the float64 distance of rows a and b of x, with the rows'
// float64 norms na, nb (cosine only).
func distance(m Metric, a, b []float32, na, nb float64) float64 {
	if m == Euclidean {
		s := 0.0
		for i, x := range a {
			d := float64(x) - float64(b[i])
			s += d * d
		}
		return math.Sqrt(s)
	}
	if na == 0 || nb == 0 {
		return 1
	}
	s := 0.0
	for i, x := range a {
		s += float64(x) * float64(b[i])
	}
	d := 1 - s/(na*nb)
	if d < 0 {
		d = 0
	} else if d > 2 {
		d = 2
	}
	return d
}

// norm64 is the float64 Euclidean norm of a float32 row.
func norm64(a []float32) float64 {
	s := 0.0
	for _, x := range a {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// identical reports whether two rows are equal value for value, as
// np.unique compares rows (so +0 equals −0).
func identical(a, b []float32) bool {
	for i, x := range a {
		if x != b[i] {
			return false
		}
	}
	return true
}
