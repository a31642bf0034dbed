package knn

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/qmcheck/qmcheck/metrics/npy"
)

// cand is one screened candidate neighbour: its float32 score (higher is
// nearer) and its row number.
type cand struct {
	s   float32
	idx int32
}

// worse reports whether a ranks below b: a lower score, or the same score
// and a higher row number. It is a total order on distinct rows, so the kept
// candidates do not depend on the order in which they arrive.
func worse(a, b cand) bool { return a.s < b.s || (a.s == b.s && a.idx > b.idx) }

// heaps keeps the best c candidates of each of n queries in min-heaps whose
// root is the worst kept candidate.
type heaps struct {
	c    int
	h    []cand
	fill []int32
	thr  []float32 // score of the root once the heap is full, else -Inf
}

func newHeaps(n, c int) *heaps {
	hs := &heaps{c: c, h: make([]cand, n*c), fill: make([]int32, n), thr: make([]float32, n)}
	for i := range hs.thr {
		hs.thr[i] = float32(math.Inf(-1))
	}
	return hs
}

// push offers e to query q's heap.
func (hs *heaps) push(q int, e cand) {
	h := hs.h[q*hs.c : (q+1)*hs.c]
	n := int(hs.fill[q])
	if n < hs.c {
		i := n
		h[i] = e
		for i > 0 {
			p := (i - 1) / 2
			if !worse(h[i], h[p]) {
				break
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
		n++
		hs.fill[q] = int32(n)
		if n == hs.c {
			hs.thr[q] = h[0].s
		}
		return
	}
	if !worse(h[0], e) {
		return
	}
	h[0] = e
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && worse(h[r], h[l]) {
			m = r
		}
		if !worse(h[m], h[i]) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	hs.thr[q] = h[0].s
}

// scanRows offers each score of a tile (rows a of the tile belong to
// queries q0+a; column b is row cols[b] of x) to its row's heap, skipping a
// query's own row (self[a], or -1).
func (hs *heaps) scanRows(tile []float32, rows, width, q0 int, cols []int32, self func(a int) int32) {
	for a := 0; a < rows; a++ {
		q := q0 + a
		me := self(a)
		thr := hs.thr[q]
		for b, v := range tile[a*width : a*width+width] {
			if v >= thr {
				j := cols[b]
				if j == me {
					continue
				}
				hs.push(q, cand{v, j})
				thr = hs.thr[q]
			}
		}
	}
}

// scanCols offers each score of a tile to its column's heap: column b is
// query q0+b, row a is row rowIdx[a] of x. Used for the lower triangle of
// the symmetric self search.
func (hs *heaps) scanCols(tile []float32, rows, width, q0 int, rowIdx []int32) {
	thr := hs.thr[q0 : q0+width]
	for a := 0; a < rows; a++ {
		i := rowIdx[a]
		for b, v := range tile[a*width : a*width+width] {
			if v >= thr[b] {
				hs.push(q0+b, cand{v, i})
			}
		}
	}
}

// search is one k-NN computation.
type search struct {
	x       *npy.Matrix[float32]
	o       Options
	c       int // candidates kept per query: K + Margin
	queries []int
	base    []int
	norms   []float64 // float64 norms of every row of x (cosine)
	centre  []float32 // column means of x (Euclidean screens centred rows)
	out     *heaps
}

func newSearch(x *npy.Matrix[float32], o Options, queries, base []int) *search {
	s := &search{x: x, o: o, c: o.K + o.Margin, queries: queries, base: base}
	if o.Metric == Cosine {
		s.norms = make([]float64, x.Rows)
		parallel(x.Rows, o.Workers, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				s.norms[i] = norm64(x.Row(i))
			}
		})
	} else {
		// Distances do not change when every row moves by the same vector;
		// centring keeps |a|² + |b|² − 2 a·b from cancelling in float32.
		sum := make([]float64, x.Cols)
		for i := 0; i < x.Rows; i++ {
			for j, v := range x.Row(i) {
				sum[j] += float64(v)
			}
		}
		s.centre = make([]float32, x.Cols)
		for j, v := range sum {
			s.centre[j] = float32(v / float64(x.Rows))
		}
	}
	return s
}

// gather copies rows idx of x into dst in screen form (unit rows for
// cosine, centred rows for Euclidean), and for Euclidean returns their
// squared norms in sq.
func (s *search) gather(idx []int, dst []float32, sq []float32) {
	d := s.x.Cols
	for r, i := range idx {
		row := dst[r*d : (r+1)*d]
		copy(row, s.x.Row(i))
		switch s.o.Metric {
		case Cosine:
			if n := s.norms[i]; n > 0 {
				f := float32(1 / n)
				for j := range row {
					row[j] *= f
				}
			}
		case Euclidean:
			for j := range row {
				row[j] -= s.centre[j]
			}
			sq[r] = float32(sqNorm64(row))
		}
	}
}

func sqNorm64(a []float32) float64 {
	t := 0.0
	for _, v := range a {
		t += float64(v) * float64(v)
	}
	return t
}

// transposeBelow is the vector length below which the pure-Go multiply
// uses a transposed copy of the base block.
const transposeBelow = 64

// multiply writes the scores of rows a (ra of them) against rows b (rb) into
// tile (ra × rb, row-major): the dot product for cosine (unit rows), minus
// the squared distance for Euclidean.
func (s *search) multiply(a []float32, ra int, sqa []float32, b []float32, rb int, sqb []float32, tile []float32) {
	d := s.x.Cols
	c := blas32.General{Rows: ra, Cols: rb, Stride: rb, Data: tile[:ra*rb]}
	if d < transposeBelow && Backend == "gonum" {
		// gonum's A·Bᵀ kernel is a dot product per score; for short vectors
		// its A·B kernel (axpy over rows of B) is faster, on a transposed copy.
		bt := make([]float32, rb*d)
		for j := 0; j < rb; j++ {
			for l := 0; l < d; l++ {
				bt[l*rb+j] = b[j*d+l]
			}
		}
		blas32.Gemm(blas.NoTrans, blas.NoTrans, 1,
			blas32.General{Rows: ra, Cols: d, Stride: d, Data: a[:ra*d]},
			blas32.General{Rows: d, Cols: rb, Stride: rb, Data: bt}, 0, c)
	} else {
		blas32.Gemm(blas.NoTrans, blas.Trans, 1,
			blas32.General{Rows: ra, Cols: d, Stride: d, Data: a[:ra*d]},
			blas32.General{Rows: rb, Cols: d, Stride: d, Data: b[:rb*d]}, 0, c)
	}
	if s.o.Metric == Euclidean {
		for i := 0; i < ra; i++ {
			row := tile[i*rb : (i+1)*rb]
			for j := range row {
				row[j] = 2*row[j] - sqa[i] - sqb[j]
			}
		}
	}
}

// self runs the symmetric search of every row against every row: tiles
// (I, J) with I <= J only; tile (I, J) feeds the heaps of block I by rows
// and, off the diagonal, the heaps of block J by columns.
func (s *search) self() {
	n, d, t := s.x.Rows, s.x.Cols, s.o.Tile
	screen := make([]float32, n*d)
	var sq []float32
	if s.o.Metric == Euclidean {
		sq = make([]float32, n)
	}
	parallel(n, s.o.Workers, func(lo, hi int) {
		var part []float32
		if sq != nil {
			part = sq[lo:hi]
		}
		s.gather(s.queries[lo:hi], screen[lo*d:hi*d], part)
	})
	rowIdx := make([]int32, n)
	for i := range rowIdx {
		rowIdx[i] = int32(i)
	}
	s.out = newHeaps(n, s.c)
	nb := (n + t - 1) / t
	locks := make([]sync.Mutex, nb)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < s.o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tile := make([]float32, t*t)
			for {
				bi := int(next.Add(1) - 1)
				if bi >= nb {
					return
				}
				i0, i1 := bi*t, min((bi+1)*t, n)
				for bj := bi; bj < nb; bj++ {
					j0, j1 := bj*t, min((bj+1)*t, n)
					var sqa, sqb []float32
					if sq != nil {
						sqa, sqb = sq[i0:i1], sq[j0:j1]
					}
					s.multiply(screen[i0*d:i1*d], i1-i0, sqa, screen[j0*d:j1*d], j1-j0, sqb, tile)
					locks[bi].Lock()
					s.out.scanRows(tile, i1-i0, j1-j0, i0, rowIdx[j0:j1], func(a int) int32 { return int32(i0 + a) })
					locks[bi].Unlock()
					if bj != bi {
						locks[bj].Lock()
						s.out.scanCols(tile, i1-i0, j1-j0, j0, rowIdx[i0:i1])
						locks[bj].Unlock()
					}
				}
			}
		}()
	}
	wg.Wait()
}

// cross runs the search of queries against base. The smaller set is put in
// screen form once; the larger is streamed in tiles by the workers. When the
// queries stream, each worker owns the heaps of its query tiles; when the
// base streams, each worker keeps heaps for all queries, merged at the end.
func (s *search) cross() {
	d, t, w := s.x.Cols, s.o.Tile, s.o.Workers
	nq, nbase := len(s.queries), len(s.base)
	baseIdx := make([]int32, nbase)
	for i, r := range s.base {
		baseIdx[i] = int32(r)
	}
	selfOf := func(q0 int) func(a int) int32 {
		return func(a int) int32 { return int32(s.queries[q0+a]) }
	}
	if nq > nbase {
		screen := make([]float32, nbase*d)
		sq := make([]float32, nbase)
		s.gather(s.base, screen, sq)
		s.out = newHeaps(nq, s.c)
		blocks := (nq + t - 1) / t
		var next atomic.Int64
		var wg sync.WaitGroup
		for range w {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tile := make([]float32, t*t)
				qbuf := make([]float32, t*d)
				qsq := make([]float32, t)
				for {
					bq := int(next.Add(1) - 1)
					if bq >= blocks {
						return
					}
					q0, q1 := bq*t, min((bq+1)*t, nq)
					s.gather(s.queries[q0:q1], qbuf, qsq)
					for j0 := 0; j0 < nbase; j0 += t {
						j1 := min(j0+t, nbase)
						s.multiply(qbuf, q1-q0, qsq, screen[j0*d:j1*d], j1-j0, sq[j0:j1], tile)
						s.out.scanRows(tile, q1-q0, j1-j0, q0, baseIdx[j0:j1], selfOf(q0))
					}
				}
			}()
		}
		wg.Wait()
		return
	}
	screen := make([]float32, nq*d)
	sq := make([]float32, nq)
	s.gather(s.queries, screen, sq)
	blocks := (nbase + t - 1) / t
	own := make([]*heaps, w)
	var next atomic.Int64
	var wg sync.WaitGroup
	for wi := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tile := make([]float32, t*t)
			bbuf := make([]float32, t*d)
			bsq := make([]float32, t)
			for {
				bb := int(next.Add(1) - 1)
				if bb >= blocks {
					return
				}
				if own[wi] == nil {
					own[wi] = newHeaps(nq, s.c)
				}
				j0, j1 := bb*t, min((bb+1)*t, nbase)
				s.gather(s.base[j0:j1], bbuf, bsq)
				for q0 := 0; q0 < nq; q0 += t {
					q1 := min(q0+t, nq)
					s.multiply(screen[q0*d:q1*d], q1-q0, sq[q0:q1], bbuf, j1-j0, bsq, tile)
					own[wi].scanRows(tile, q1-q0, j1-j0, q0, baseIdx[j0:j1], selfOf(q0))
				}
			}
		}()
	}
	wg.Wait()
	s.out = newHeaps(nq, s.c)
	for _, hs := range own {
		if hs == nil {
			continue
		}
		for q := 0; q < nq; q++ {
			for _, e := range hs.h[q*hs.c : q*hs.c+int(hs.fill[q])] {
				s.out.push(q, e)
			}
		}
	}
}

// finish re-measures each query's candidates in float64 and keeps the K
// nearest: by distance, exact duplicates first, then by row number.
func (s *search) finish() *Graph {
	k, nq := s.o.K, len(s.queries)
	g := &Graph{K: k, Index: make([]int32, nq*k), Dist: make([]float64, nq*k)}
	type item struct {
		d     float64
		other bool // not an exact duplicate of the query
		idx   int32
	}
	parallel(nq, s.o.Workers, func(lo, hi int) {
		items := make([]item, 0, s.c)
		for q := lo; q < hi; q++ {
			qi := s.queries[q]
			a := s.x.Row(qi)
			items = items[:0]
			for _, e := range s.out.h[q*s.c : q*s.c+int(s.out.fill[q])] {
				b := s.x.Row(int(e.idx))
				var na, nb float64
				if s.norms != nil {
					na, nb = s.norms[qi], s.norms[e.idx]
				}
				dist := distance(s.o.Metric, a, b, na, nb)
				other := true
				if dist < 1e-6 && identical(a, b) {
					dist, other = 0, false
				}
				items = append(items, item{dist, other, e.idx})
			}
			slices.SortFunc(items, func(x, y item) int {
				switch {
				case x.d != y.d:
					if x.d < y.d {
						return -1
					}
					return 1
				case x.other != y.other:
					if !x.other {
						return -1
					}
					return 1
				default:
					return int(x.idx) - int(y.idx)
				}
			})
			for r := 0; r < k; r++ {
				g.Index[q*k+r] = items[r].idx
				g.Dist[q*k+r] = items[r].d
			}
		}
	})
	return g
}

// parallel runs f over [0, n) split into contiguous chunks on w workers.
func parallel(n, w int, f func(lo, hi int)) {
	if w < 1 {
		w = 1
	}
	chunk := max((n+w-1)/w, 1)
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}
