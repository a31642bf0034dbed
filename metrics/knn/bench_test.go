package knn

import "testing"

// BenchmarkSelf times the exact self search of 20,000 clustered 512-d
// vectors (k = 10, cosine). The side-by-side comparison with faiss and
// scikit-learn is bench/knn/run.sh.
func BenchmarkSelf(b *testing.B) {
	x := clustered(20000, 512, 100, 1)
	b.ResetTimer()
	for range b.N {
		if _, err := Self(x, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2*20000*20000*512/2)/b.Elapsed().Seconds()*float64(b.N)/1e9, "GFLOP/s")
}
