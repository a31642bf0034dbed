package imageio

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/raster"
)

func BenchmarkDecodeCorpus(b *testing.B) {
	dir := os.Getenv("QMCHECK_JPEG_CORPUS")
	if dir == "" {
		b.Skip("set QMCHECK_JPEG_CORPUS to a folder of JPEG files")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.jpg"))
	var data [][]byte
	for _, f := range files[:200] {
		d, _ := os.ReadFile(f)
		data = append(data, d)
	}
	var d Decoder
	var img raster.Image
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Decode(data[i%len(data)], &img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStdlibJPEGOnly(b *testing.B) {
	dir := os.Getenv("QMCHECK_JPEG_CORPUS")
	if dir == "" {
		b.Skip("set QMCHECK_JPEG_CORPUS")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.jpg"))
	var data [][]byte
	for _, f := range files[:200] {
		d, _ := os.ReadFile(f)
		data = append(data, d)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := jpeg.Decode(bytes.NewReader(data[i%len(data)])); err != nil {
			b.Fatal(err)
		}
	}
}
