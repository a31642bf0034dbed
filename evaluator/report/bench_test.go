package report

import (
	"fmt"
	"io"
	"math"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/metrics/facts"
)

// BenchmarkHTML1000Classes renders the page for ImageNet-sized facts: 1,000
// classes with counts, a taxonomy and one lens with a PCA of 1,000 class
// means and 50 confused pairs (no thumbnails).
//
//	go test ./evaluator/report -run '^$' -bench HTML1000 -benchtime 5x
func BenchmarkHTML1000Classes(b *testing.B) {
	d := synthetic(b)
	counts := map[string]int64{}
	means := map[string][2]float64{}
	tax := &facts.Taxonomy{Source: "bench", Classes: map[string]facts.TaxonClass{}}
	var pairs []facts.Pair
	for i := 0; i < 1000; i++ {
		c := fmt.Sprintf("class %04d", i)
		counts[c] = int64(732 + (i*7919)%569)
		a := float64(i) * 0.1
		means[c] = [2]float64{math.Cos(a) * float64(i%37), math.Sin(a) * float64(i%41)}
		tax.Classes[c] = facts.TaxonClass{Path: []string{c}, Group: []string{"biotic", "artifact", "other"}[i%3]}
		if i < 50 {
			pairs = append(pairs, facts.Pair{A: c, B: fmt.Sprintf("class %04d", i+500), Confusion: facts.F(0.5 - float64(i)*0.005)})
		}
	}
	d.Classes.Counts = counts
	d.Taxonomy = tax
	l := d.Lenses["builtin"]
	l.PCA.ClassMeans = means
	l.Similarity.Between.Confused = pairs
	delete(d.Lenses, "clip")
	r := &evaluator.Report{Profile: evaluator.ProfileInfo{Name: "iso5259-2", Namespace: "iso"},
		Verdicts: []evaluator.Verdict{{QM: "Bal-ML-3", Verdict: "pass", Severity: "high", Finding: "f", Evidence: []evaluator.Evidence{}}}}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		w := &countWriter{}
		if err := HTML(w, d, r, Options{}); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric(float64(size)/1e6, "MB/page")
}

type countWriter struct{ n int }

func (c *countWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
