package labels

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/npy"
)

// synthetic makes n noisy-softmax-like rows over k classes with about 10%
// of the labels flipped (seeded).
func synthetic(n, k int) ([]int, *Matrix) {
	r := rand.New(rand.NewPCG(1, 2))
	y := make([]int, n)
	p := &Matrix{Rows: n, Cols: k, Data: make([]float64, n*k)}
	for i := range y {
		truth := i % k
		y[i] = truth
		if r.Float64() < 0.1 {
			y[i] = r.IntN(k)
		}
		row := p.Row(i)
		s := 0.0
		for j := range row {
			row[j] = r.ExpFloat64()
			if j == truth {
				row[j] += 3 * float64(k) * r.Float64()
			}
			s += row[j]
		}
		for j := range row {
			row[j] /= s
		}
	}
	return y, p
}

func benchFind(b *testing.B, y []int, p *Matrix) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FindLabelIssues(y, p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindLabelIssuesVector is find_label_issues (prune_by_noise_rate)
// on the largest reference case, 5,000 × 10.
func BenchmarkFindLabelIssuesVector(b *testing.B) {
	dir := filepath.Join(vectors, "cl_k10_n5000_noise20_zipf_seed18")
	y, err := npy.ReadInts(filepath.Join(dir, "labels.npy"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := npy.ReadMatrix64(filepath.Join(dir, "pred_probs.npy"))
	if err != nil {
		b.Fatal(err)
	}
	benchFind(b, y, p)
}

// BenchmarkFindLabelIssues50kx100 is find_label_issues on 50,000 × 100.
func BenchmarkFindLabelIssues50kx100(b *testing.B) {
	y, p := synthetic(50000, 100)
	benchFind(b, y, p)
}

// BenchmarkCleanLearn50kx100 is CleanLearning's whole label path on
// 50,000 × 100.
func BenchmarkCleanLearn50kx100(b *testing.B) {
	y, p := synthetic(50000, 100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CleanLearn(y, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKNNLabelIssues50k is Datalab's k-NN label path on a random
// 10-NN graph of 50,000 samples in 100 classes.
func BenchmarkKNNLabelIssues50k(b *testing.B) {
	y, _ := synthetic(50000, 100)
	r := rand.New(rand.NewPCG(3, 4))
	nb := make([][]int, len(y))
	for i := range nb {
		for len(nb[i]) < 10 {
			if j := r.IntN(len(y)); j != i {
				nb[i] = append(nb[i], j)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := KNNLabelIssues(nb, y, 100, 10); err != nil {
			b.Fatal(err)
		}
	}
}
