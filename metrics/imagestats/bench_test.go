package imagestats

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// BenchmarkMeasure times the per-image measurement of a 640×480 photo
// (decoding excluded).
func BenchmarkMeasure(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "cleanvision-vectors", "debian_photos", "images", "opencv_aero1.jpg"))
	if err != nil {
		b.Fatal(err)
	}
	var d imageio.Decoder
	var img raster.Image
	if _, err := d.Decode(data, &img); err != nil {
		b.Fatal(err)
	}
	m := NewMeasurer()
	var acc Histograms
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Measure(&img, &acc)
	}
}
