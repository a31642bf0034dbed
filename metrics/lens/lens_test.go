package lens

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
	"github.com/qmcheck/qmcheck/schemas"
)

// validate checks a lens against the facts schema, inside a minimal
// document.
func validate(t *testing.T, lenses map[string]*facts.Lens) []byte {
	t.Helper()
	d := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "t"},
		Collector: facts.Collector{Tool: "qmcheck", Version: "test"}, Lenses: lenses, LensAgreement: Agree(lenses)}
	b, err := d.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := schemas.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Facts, doc); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFashionMNISTBuiltin(t *testing.T) {
	in := fashion(t)
	l, _, err := Measure(in, Options{Source: KindBuiltin, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b1 := validate(t, map[string]*facts.Lens{"builtin": l})
	// Deterministic, whatever the number of workers.
	l2, _, err := Measure(in, Options{Source: KindBuiltin, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if b2 := validate(t, map[string]*facts.Lens{"builtin": l2}); !bytes.Equal(b1, b2) {
		t.Error("facts differ between 1 and 3 workers")
	}

	if l.Samples != 1000 || l.Dims != BuiltinDims || *l.Exact != true || l.K != 10 {
		t.Errorf("header: %d samples, %d dims, exact %v, k %d", l.Samples, l.Dims, *l.Exact, l.K)
	}
	d := l.Density
	for _, set := range []*facts.ClassSet{d.Densest, d.Sparsest} {
		if set.Size != 12 || len(set.Samples) != 12 || set.TopCount < 1 || set.TopShare == nil {
			t.Errorf("set: %+v", set)
		}
	}
	// Trousers are the simplest silhouette: the builtin descriptor finds
	// them the densest class, and its densest set is all trousers.
	if d.Densest.TopClass != "trouser" || d.Densest.TopCount < 10 {
		t.Errorf("densest set: top %q × %d, want mostly trousers", d.Densest.TopClass, d.Densest.TopCount)
	}
	hi := ""
	for c, v := range d.PerClass {
		if hi == "" || v > d.PerClass[hi] {
			hi = c
		}
	}
	if len(d.PerClass) != 10 || hi != "trouser" {
		t.Errorf("per-class density %v: want 10 classes, trousers densest", d.PerClass)
	}
	if *d.Densest.Samples[0].Value < *d.Densest.Samples[11].Value || *d.Sparsest.Samples[0].Value > *d.Sparsest.Samples[11].Value {
		t.Error("sets not ordered by density")
	}

	// Between classes: every pair compared; the most confused pairs are the
	// upper-body garments.
	bt := l.Similarity.Between
	if !bt.Exhaustive || bt.Classes != 10 || len(bt.Pairs) != DefaultPairs || len(bt.Confused) == 0 {
		t.Fatalf("between: %+v", bt)
	}
	tops := map[string]bool{"shirt": true, "t-shirt_top": true, "pullover": true, "coat": true}
	for _, p := range bt.Confused[:4] {
		if !tops[p.A] || !tops[p.B] {
			t.Errorf("confused pair %s / %s is not two of shirt, t-shirt_top, pullover, coat", p.A, p.B)
		}
	}
	for i := 1; i < len(bt.Confused); i++ {
		if *bt.Confused[i].Confusion > *bt.Confused[i-1].Confusion {
			t.Error("confused pairs not ranked")
		}
	}
	// Within classes: every class more cohesive than the dataset.
	w := l.Similarity.Within
	if len(w.PerClass) != 10 || *w.Dataset <= 0 || *w.Dataset >= w.PerClass[w.MinClass] {
		t.Errorf("within: %+v", w)
	}
	// Spectrum: gray images leave the 48 chromatic bins constant.
	sp := l.Spectrum
	if sp.Dims != BuiltinDims || math.Abs(*sp.Sum-float64(BuiltinDims-48)) > 1e-3 || *sp.Smallest != 0 || *sp.Components95 < 2 || *sp.Components95 > BuiltinDims {
		t.Errorf("spectrum: dims %d sum %v smallest %v c95 %d", sp.Dims, *sp.Sum, *sp.Smallest, *sp.Components95)
	}
	if l.Outliers.Count == nil || *l.Outliers.Count == 0 || l.NearDuplicates == nil {
		t.Error("outliers or near duplicates missing")
	}
	if len(l.PCA.ClassMeans) != 10 || len(l.PCA.Explained) != 2 {
		t.Errorf("pca: %+v", l.PCA)
	}
}

// TestWithinEqualsNaive compares the O(N·D) within-class similarity with the
// mean of all pairwise cosines.
func TestWithinEqualsNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n, d := 60, 7
	x := &npy.Matrix[float32]{Rows: n, Cols: d, Data: make([]float32, n*d)}
	classes := make([]string, n)
	for i := 0; i < n; i++ {
		classes[i] = string(rune('a' + i%5))
		if i < 2 {
			classes[i] = "pair"
		}
		if i == 2 {
			classes[i] = "single"
		}
		for j := 0; j < d; j++ {
			x.Row(i)[j] = float32(r.NormFloat64() + float64(i%5))
		}
	}
	for j := 0; j < d; j++ {
		x.Row(7)[j] = 0 // a zero vector: cosine 0 with everything
	}
	ci := indexClasses(classes)
	v := newVectorSums(x, ci, knn.Cosine, 3)
	w := v.within(ci)
	cos := func(a, b []float32) float64 {
		var ab, aa, bb float64
		for i := range a {
			ab += float64(a[i]) * float64(b[i])
			aa += float64(a[i]) * float64(a[i])
			bb += float64(b[i]) * float64(b[i])
		}
		if aa == 0 || bb == 0 {
			return 0
		}
		return ab / math.Sqrt(aa*bb)
	}
	naive := func(rows []int) float64 {
		s, m := 0.0, 0
		for _, i := range rows {
			for _, j := range rows {
				if i != j {
					s += cos(x.Row(i), x.Row(j))
					m++
				}
			}
		}
		return s / float64(m)
	}
	byClass := map[string][]int{}
	var all []int
	for i, c := range classes {
		byClass[c] = append(byClass[c], i)
		all = append(all, i)
	}
	for c, rows := range byClass {
		got, ok := w.PerClass[c]
		if len(rows) < 2 {
			if ok {
				t.Errorf("class %s with one sample has a within-class value", c)
			}
			continue
		}
		if want := naive(rows); math.Abs(got-want) > 1e-12 {
			t.Errorf("class %s: %v, naive %v", c, got, want)
		}
	}
	if want := naive(all); math.Abs(*w.Dataset-want) > 1e-12 {
		t.Errorf("dataset: %v, naive %v", *w.Dataset, want)
	}
}

// TestOutliersEqualBruteForce builds a small dataset with planted outliers
// and checks the flags against a brute-force k-NN and the fence computed by
// hand.
func TestOutliersEqualBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	n, d, k := 150, 2, 5
	x := &npy.Matrix[float32]{Rows: n, Cols: d, Data: make([]float32, n*d)}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x.Row(i)[j] = float32(r.NormFloat64())
		}
	}
	x.Row(10)[0], x.Row(77)[1], x.Row(140)[0] = 12, -9, 7
	dbar := make([]float64, n)
	for i := 0; i < n; i++ {
		var ds []float64
		for j := 0; j < n; j++ {
			if j != i {
				ds = append(ds, math.Hypot(float64(x.Row(i)[0]-x.Row(j)[0]), float64(x.Row(i)[1]-x.Row(j)[1])))
			}
		}
		sort.Float64s(ds)
		for _, v := range ds[:k] {
			dbar[i] += v / float64(k)
		}
	}
	s := slices.Clone(dbar)
	sort.Float64s(s)
	q := func(p float64) float64 { // linear interpolation, as NumPy
		pos := p * float64(n-1)
		lo := int(pos)
		return s[lo] + (s[lo+1]-s[lo])*(pos-float64(lo))
	}
	fence := q(0.75) + 1.7*(q(0.75)-q(0.25))
	var want []int
	for i, v := range dbar {
		if v > fence {
			want = append(want, i)
		}
	}
	g, err := knn.Self(x, knn.Options{K: k, Metric: knn.Euclidean})
	if err != nil {
		t.Fatal(err)
	}
	gotFence, got := Outliers(g.MeanDistances())
	if !slices.Equal(got, want) || math.Abs(gotFence-fence) > 1e-4*fence {
		t.Errorf("outliers %v (fence %v), brute force %v (fence %v)", got, gotFence, want, fence)
	}
	for _, planted := range []int{10, 77, 140} {
		if !slices.Contains(got, planted) {
			t.Errorf("planted outlier %d not flagged", planted)
		}
	}
}

// TestSpectrumEqualsNaive compares the spectrum with the eigenvalues of a
// correlation matrix computed directly in float64.
func TestSpectrumEqualsNaive(t *testing.T) {
	for _, n := range []int{5000, 4} { // 4 < d: the Gram path
		spectrumEqualsNaive(t, n)
	}
}

func spectrumEqualsNaive(t *testing.T, n int) {
	r := rand.New(rand.NewPCG(5, 6))
	d := 6
	x := &npy.Matrix[float32]{Rows: n, Cols: d, Data: make([]float32, n*d)}
	for i := 0; i < n; i++ {
		a := r.NormFloat64()
		row := x.Row(i)
		row[0] = float32(a + 0.1*r.NormFloat64())
		row[1] = float32(2*a + r.NormFloat64())
		row[2] = float32(r.NormFloat64())
		row[3] = 5 // constant
		row[4] = float32(r.ExpFloat64())
		row[5] = float32(-a + 0.5*r.NormFloat64())
	}
	ci := indexClasses(make([]string, n))
	v := newVectorSums(x, ci, knn.Euclidean, 2)
	sp := v.spectrum(x, knn.Euclidean, 2)
	mean := make([]float64, d)
	for i := 0; i < n; i++ {
		for j, a := range x.Row(i) {
			mean[j] += float64(a) / float64(n)
		}
	}
	cov := mat.NewSymDense(d, nil)
	for a := 0; a < d; a++ {
		for b := a; b < d; b++ {
			s := 0.0
			for i := 0; i < n; i++ {
				s += (float64(x.Row(i)[a]) - mean[a]) * (float64(x.Row(i)[b]) - mean[b])
			}
			cov.SetSym(a, b, s/float64(n))
		}
	}
	corr := mat.NewSymDense(d, nil)
	for a := 0; a < d; a++ {
		for b := a; b < d; b++ {
			if cov.At(a, a) > 1e-20 && cov.At(b, b) > 1e-20 {
				corr.SetSym(a, b, cov.At(a, b)/math.Sqrt(cov.At(a, a)*cov.At(b, b)))
			}
		}
	}
	var e mat.EigenSym
	e.Factorize(corr, false)
	want := e.Values(nil)
	slices.Reverse(want)
	for i := range want {
		if math.Abs(sp.Eigenvalues[i]-math.Max(want[i], 0)) > 1e-4 {
			t.Errorf("eigenvalue %d: %v, naive %v", i, sp.Eigenvalues[i], want[i])
		}
	}
	if math.Abs(*sp.Sum-5) > 1e-4 || *sp.Smallest != 0 || *sp.Components95 < 3 && n > d || *sp.Components95 > min(5, n-1) || len(sp.Eigenvalues) != d {
		t.Errorf("n %d: sum %v (want 5 non-constant dims), smallest %v, c95 %d", n, *sp.Sum, *sp.Smallest, *sp.Components95)
	}
}

// TestPCAOfClassMeans: with 2-D vectors the projection keeps every distance
// between class means and explains all their variance.
func TestPCAOfClassMeans(t *testing.T) {
	means := map[string][2]float64{"a": {0, 0}, "b": {3, 1}, "c": {-1, 4}, "d": {2, -2}}
	var classes []string
	x := &npy.Matrix[float32]{Cols: 2}
	for _, c := range []string{"a", "b", "c", "d"} {
		for _, off := range [][2]float64{{0.5, 0}, {-0.5, 0}, {0, 0.25}, {0, -0.25}} {
			x.Data = append(x.Data, float32(means[c][0]+off[0]), float32(means[c][1]+off[1]))
			x.Rows++
			classes = append(classes, c)
		}
	}
	ci := indexClasses(classes)
	v := newVectorSums(x, ci, knn.Euclidean, 1)
	p := v.pca(ci)
	if math.Abs(p.Explained[0]+p.Explained[1]-1) > 1e-9 || p.Explained[0] < p.Explained[1] {
		t.Errorf("explained %v", p.Explained)
	}
	dist := func(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
	for a := range means {
		for b := range means {
			if got, want := dist(p.ClassMeans[a], p.ClassMeans[b]), dist(means[a], means[b]); math.Abs(got-want) > 1e-5 {
				t.Errorf("%s–%s: %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestAgree(t *testing.T) {
	mk := func(top string, densest, sparsest map[string]int64, per map[string]float64) *facts.Lens {
		return &facts.Lens{Density: &facts.Density{Densest: &facts.ClassSet{Classes: densest, TopClass: top},
			Sparsest: &facts.ClassSet{Classes: sparsest}, PerClass: per}}
	}
	a := mk("x", map[string]int64{"x": 10, "y": 2}, map[string]int64{"z": 3}, map[string]float64{"x": 0.9, "y": 0.5, "z": 0.1})
	b := mk("x", map[string]int64{"x": 5, "w": 7}, map[string]int64{"z": 1, "y": 2}, map[string]float64{"x": 0.8, "y": 0.2, "z": 0.3})
	if Agree(map[string]*facts.Lens{"a": a}) != nil {
		t.Error("agreement of one lens")
	}
	ag := Agree(map[string]*facts.Lens{"b": b, "a": a})
	p := ag.Pairs[0]
	if p.A != "a" || p.B != "b" || *p.DensestClassOverlap != 1.0/3 || *p.SparsestClassOverlap != 0.5 || !*p.SameTopClass {
		t.Errorf("%+v", p)
	}
	if math.Abs(*p.DensityRankCorrelation-0.5) > 1e-12 { // ranks x,y,z: (3,2,1) vs (3,1,2)
		t.Errorf("spearman %v", *p.DensityRankCorrelation)
	}
}

func TestTaxonomyShares(t *testing.T) {
	in := fashion(t)
	tax := &facts.Taxonomy{Source: "test", Classes: map[string]facts.TaxonClass{}, Partition: map[string]*facts.Part{"footwear": {}, "other": {}}}
	for _, c := range in.Classes {
		g := "other"
		if c == "sandal" || c == "sneaker" || c == "ankle_boot" {
			g = "footwear"
		}
		tax.Classes[c] = facts.TaxonClass{Group: g}
	}
	in.Taxonomy = tax
	l, _, err := Measure(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	validate(t, map[string]*facts.Lens{"builtin": l})
	fw, ot := l.TaxonomyShares["footwear"], l.TaxonomyShares["other"]
	if *fw.Classes != 0.3 || *fw.Samples != 0.3 || math.Abs(*fw.Dispersion+*ot.Dispersion-1) > 1e-12 || *fw.Densest+*ot.Densest != 1 {
		t.Errorf("footwear %+v other %+v", fw, ot)
	}
	for c := range tax.Classes {
		tax.Classes[c] = facts.TaxonClass{Group: "other"}
	}
	if l, _, err := Measure(in, Options{}); err != nil || l.TaxonomyShares != nil {
		t.Errorf("one group: shares %v, error %v; want none", l.TaxonomyShares, err)
	}
	delete(tax.Classes, "bag")
	if _, _, err := Measure(in, Options{}); err == nil {
		t.Error("a class missing from the taxonomy was accepted")
	}
}

// TestReferenceModeRecall runs 100,000 clustered vectors exactly and in
// reference-sample mode: the densest and sparsest 12 must keep recall ≥ 0.95
// of the exact sets.
func TestReferenceModeRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("100k exact search: skipped in -short")
	}
	n, d := 100_000, 16
	r := rand.New(rand.NewPCG(42, 1))
	x := &npy.Matrix[float32]{Rows: n, Cols: d, Data: make([]float32, n*d)}
	centres := make([][]float64, 50)
	spread := make([]float64, 50)
	for c := range centres {
		centres[c] = make([]float64, d)
		for j := range centres[c] {
			centres[c][j] = r.NormFloat64()
		}
		spread[c] = 0.05 + 0.3*r.Float64()
	}
	ids, classes := make([]string, n), make([]string, n)
	for i := 0; i < n; i++ {
		c := r.IntN(50)
		for j := range x.Row(i) {
			x.Row(i)[j] = float32(centres[c][j] + spread[c]*r.NormFloat64())
		}
		ids[i] = string(rune('A'+c%26)) + string(rune('a'+i%26)) + itoa(i)
		classes[i] = itoa(c)
	}
	in := Input{Vectors: x, IDs: ids, Classes: classes}
	exact, _, err := Measure(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref, _, err := Measure(in, Options{ExactLimit: 50_000})
	if err != nil {
		t.Fatal(err)
	}
	if *ref.Exact || ref.ReferenceSample != DefaultReference || *ref.Seed != DefaultSeed || ref.NearDuplicates != nil {
		t.Errorf("reference mode header: exact %v, sample %d, seed %v", *ref.Exact, ref.ReferenceSample, ref.Seed)
	}
	recall := func(a, b *facts.ClassSet) float64 {
		in := map[string]bool{}
		for _, s := range a.Samples {
			in[s.ID] = true
		}
		hit := 0
		for _, s := range b.Samples {
			if in[s.ID] {
				hit++
			}
		}
		return float64(hit) / float64(len(a.Samples))
	}
	rd, rs := recall(exact.Density.Densest, ref.Density.Densest), recall(exact.Density.Sparsest, ref.Density.Sparsest)
	t.Logf("recall of the exact sets: densest %.3f, sparsest %.3f; outliers exact %d, reference %d", rd, rs, *exact.Outliers.Count, *ref.Outliers.Count)
	if rd < 0.95 || rs < 0.95 {
		t.Errorf("recall densest %.3f, sparsest %.3f: want ≥ 0.95", rd, rs)
	}
	validate(t, map[string]*facts.Lens{"exact": exact, "reference": ref})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
