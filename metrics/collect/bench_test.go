package collect

import (
	"context"
	"os"
	"testing"
)

// BenchmarkCollect measures a folder of images end to end (discovery,
// decoding, measurement, aggregation). Set QMCHECK_BENCH_DIR to the folder,
// e.g. a corpus from make_jpeg_corpus.py; bench/collect/run.sh compares it
// with the Python peers on the same files.
func BenchmarkCollect(b *testing.B) {
	dir := os.Getenv("QMCHECK_BENCH_DIR")
	if dir == "" {
		b.Skip("set QMCHECK_BENCH_DIR to a folder of images")
	}
	for i := 0; i < b.N; i++ {
		c, err := Run(context.Background(), Options{Root: dir})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Facts(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(c.Records))/b.Elapsed().Seconds()*float64(i+1)/float64(b.N), "img/s")
	}
}
