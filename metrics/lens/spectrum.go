package lens

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/mat"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

const (
	spectrumBlock  = 2048 // rows per float32 block of the covariance
	spectrumGroups = 8    // fixed partial sums, so the result ignores the worker count
)

// spectrum returns the eigenvalues of the correlation matrix of the vectors
// the metric sees (unit rows for cosine, raw rows for Euclidean): the
// covariance of the vectors with each dimension centred and scaled to unit
// variance. A constant dimension (variance 0) is standardised to 0, so it
// adds an eigenvalue 0 and the eigenvalues sum to the number of
// non-constant dimensions. The covariance is accumulated in float64 from
// float32 blocks (BLAS Ssyrk); eigenvalues come from gonum's EigenSym,
// largest first, with rounding below 0 set to 0. components_95 is the fewest
// leading eigenvalues whose sum reaches 95% of the total.
//
// With more dimensions than samples (a raw-pixel lens of a small dataset)
// the d × d correlation matrix has rank below n, and its non-zero
// eigenvalues are those of the n × n Gram matrix of the standardised rows,
// which is what is factorised then (the remaining d − n eigenvalues are 0).
func (v *vectorSums) spectrum(x *npy.Matrix[float32], m knn.Metric, workers int) *facts.Spectrum {
	d, n := x.Cols, x.Rows
	mean := make([]float64, d)
	for j, s := range v.spaceAll {
		mean[j] = s / float64(n)
	}
	var ev []float64
	if d > n {
		ev = v.gramEigenvalues(x, m, mean)
	} else {
		ev = v.covEigenvalues(x, m, mean, workers)
	}
	if ev == nil {
		return nil
	}
	total := 0.0
	for i, e := range ev {
		ev[i] = math.Max(e, 0)
		total += ev[i]
	}
	c95, run := 0, 0.0
	for i, e := range ev {
		run += e
		if run >= 0.95*total {
			c95 = i + 1
			break
		}
	}
	return &facts.Spectrum{Normalization: "correlation (each dimension centred and scaled to unit variance; constant dimensions 0) of the " + spaceName(m),
		Dims: d, Eigenvalues: ev, Largest: facts.F(ev[0]), Smallest: facts.F(ev[d-1]), Sum: facts.F(total), Components95: &c95}
}

// gramEigenvalues returns the d eigenvalues, largest first, of the
// correlation matrix when d > n, from the n × n Gram matrix Z Zᵀ / n of the
// standardised rows Z (the covariance path's float32 products, float64
// factorisation), padded with zeros.
func (v *vectorSums) gramEigenvalues(x *npy.Matrix[float32], m knn.Metric, mean []float64) []float64 {
	d, n := x.Cols, x.Rows
	scale := func(i int) float64 {
		if m == knn.Cosine {
			return v.unitNorm[i]
		}
		return 1
	}
	ss := make([]float64, d)
	for i := 0; i < n; i++ {
		f := scale(i)
		for j, a := range x.Row(i) {
			c := float64(a)*f - mean[j]
			ss[j] += c * c
		}
	}
	inv := make([]float64, d) // 1/sd, 0 for a constant dimension
	for j, s := range ss {
		if s > 0 {
			inv[j] = 1 / math.Sqrt(s/float64(n))
		}
	}
	z := make([]float32, n*d)
	for i := 0; i < n; i++ {
		f := scale(i)
		for j, a := range x.Row(i) {
			z[i*d+j] = float32((float64(a)*f - mean[j]) * inv[j])
		}
	}
	g := make([]float32, n*n)
	blas32.Syrk(blas.NoTrans, 1, blas32.General{Rows: n, Cols: d, Stride: d, Data: z},
		0, blas32.Symmetric{Uplo: blas.Upper, N: n, Stride: n, Data: g})
	gram := mat.NewSymDense(n, nil)
	for r := 0; r < n; r++ {
		for s := r; s < n; s++ {
			gram.SetSym(r, s, float64(g[r*n+s])/float64(n))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(gram, false) {
		return nil
	}
	ev := make([]float64, d)
	small := eig.Values(nil)
	for i := range small {
		ev[i] = small[len(small)-1-i]
	}
	return ev
}

// covEigenvalues returns the eigenvalues, largest first, of the d × d
// correlation matrix accumulated from the covariance.
func (v *vectorSums) covEigenvalues(x *npy.Matrix[float32], m knn.Metric, mean []float64, workers int) []float64 {
	d, n := x.Cols, x.Rows
	mean32 := make([]float32, d)
	for j := range mean {
		mean32[j] = float32(mean[j])
	}
	blocks := (n + spectrumBlock - 1) / spectrumBlock
	groups := min(spectrumGroups, blocks)
	partial := make([][]float64, groups)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(min(workers, groups), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := make([]float32, spectrumBlock*d)
			c := make([]float32, d*d)
			for {
				gi := int(next.Add(1) - 1)
				if gi >= groups {
					return
				}
				acc := make([]float64, d*d)
				for b := gi * blocks / groups; b < (gi+1)*blocks/groups; b++ {
					r0, r1 := b*spectrumBlock, min((b+1)*spectrumBlock, n)
					for i := r0; i < r1; i++ {
						row := z[(i-r0)*d : (i-r0+1)*d]
						f := float32(1)
						if m == knn.Cosine {
							f = float32(v.unitNorm[i])
						}
						for j, a := range x.Row(i) {
							row[j] = a*f - mean32[j]
						}
					}
					blas32.Syrk(blas.Trans, 1, blas32.General{Rows: r1 - r0, Cols: d, Stride: d, Data: z[:(r1-r0)*d]},
						0, blas32.Symmetric{Uplo: blas.Upper, N: d, Stride: d, Data: c})
					for r := 0; r < d; r++ {
						for s := r; s < d; s++ {
							acc[r*d+s] += float64(c[r*d+s])
						}
					}
				}
				partial[gi] = acc
			}
		}()
	}
	wg.Wait()
	cov := make([]float64, d*d)
	for _, p := range partial {
		for i, a := range p {
			cov[i] += a
		}
	}
	sd := make([]float64, d)
	for j := range sd {
		if c := cov[j*d+j] / float64(n); c > 0 {
			sd[j] = math.Sqrt(c)
		}
	}
	corr := mat.NewSymDense(d, nil)
	for r := 0; r < d; r++ {
		for s := r; s < d; s++ {
			if sd[r] == 0 || sd[s] == 0 {
				continue
			}
			corr.SetSym(r, s, cov[r*d+s]/float64(n)/(sd[r]*sd[s]))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(corr, false) {
		return nil
	}
	ev := eig.Values(nil)
	slices.Reverse(ev)
	return ev
}

func spaceName(m knn.Metric) string {
	if m == knn.Cosine {
		return "unit-length vectors"
	}
	return "vectors"
}

// pca projects the class means (means of the vectors the metric sees) on
// their first two principal components, with the share of the class means'
// total variance each explains. Classes weigh equally. Each component's
// sign makes its largest coordinate (by magnitude; the first class by name on
// a tie) positive. Nil with fewer than two classes.
func (v *vectorSums) pca(ci *classIndex) *facts.PCA {
	k, d := len(ci.names), v.d
	if k < 2 {
		return nil
	}
	z := mat.NewDense(k, d, nil)
	centre := make([]float64, d)
	for c := range ci.names {
		for j := 0; j < d; j++ {
			x := v.space[c][j] / float64(ci.size[c])
			z.Set(c, j, x)
			centre[j] += x / float64(k)
		}
	}
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			z.Set(c, j, z.At(c, j)-centre[j])
		}
	}
	// With k <= d the Gram matrix Z Zᵀ (k × k) has the non-zero eigenvalues of
	// ZᵀZ, and its eigenvectors scaled by √λ are the class coordinates; with
	// k > d the coordinates are Z times the eigenvectors of ZᵀZ (d × d).
	var sym mat.SymDense
	if k <= d {
		sym.SymOuterK(1, z)
	} else {
		sym.SymOuterK(1, z.T())
	}
	var eig mat.EigenSym
	if !eig.Factorize(&sym, true) {
		return nil
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	total := 0.0
	for _, e := range vals {
		total += math.Max(e, 0)
	}
	out := &facts.PCA{ClassMeans: map[string][2]float64{}}
	coords := [2][]float64{}
	m := len(vals)
	for p := 0; p < 2; p++ {
		col := m - 1 - p // EigenSym sorts ascending
		if col < 0 {
			out.Explained = append(out.Explained, 0)
			coords[p] = make([]float64, k)
			continue
		}
		e := math.Max(vals[col], 0)
		share := 0.0
		if total > 0 {
			share = e / total
		}
		out.Explained = append(out.Explained, share)
		coords[p] = make([]float64, k)
		for c := 0; c < k; c++ {
			if k <= d {
				coords[p][c] = vecs.At(c, col) * math.Sqrt(e)
			} else {
				coords[p][c] = mat.Dot(z.RowView(c), vecs.ColView(col))
			}
		}
		best := 0
		for c := range coords[p] {
			if math.Abs(coords[p][c]) > math.Abs(coords[p][best]) {
				best = c
			}
		}
		flip := 1.0
		if coords[p][best] < 0 {
			flip = -1
		}
		for c := range coords[p] {
			coords[p][c] = coords[p][c]*flip + 0 // + 0 turns −0 into 0
		}
	}
	for c, name := range ci.names {
		out.ClassMeans[name] = [2]float64{coords[0][c], coords[1][c]}
	}
	return out
}
