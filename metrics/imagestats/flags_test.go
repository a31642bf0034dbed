package imagestats

import (
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/raster"
	"github.com/qmcheck/qmcheck/metrics/summary"
)

// TestCleanVisionFlags: with CleanVision's default thresholds applied to
// these raw values (as the iso5259-2 profile does), every image gets the
// flags the real CleanVision gave it — including odd_size's Tukey fences.
func TestCleanVisionFlags(t *testing.T) {
	for _, set := range []string{"fashion_mnist_test300", "debian_photos"} {
		var dec imageio.Decoder
		m := NewMeasurer()
		images := loadSet(t, set)
		var sizes []float64
		res := make([]Result, len(images))
		modes := make([]string, len(images))
		for i, e := range images {
			b, _ := os.ReadFile(filepath.Join("..", "..", "fixtures", "cleanvision-vectors", set, "images", e.File))
			var img raster.Image
			info, err := dec.Decode(b, &img)
			if err != nil {
				t.Fatal(err)
			}
			res[i] = m.Measure(&img, nil)
			modes[i] = info.Mode
			sizes = append(sizes, res[i].SizeSqrt)
		}
		sort.Float64s(sizes)
		q1, q3 := summary.Percentile(sizes, 25), summary.Percentile(sizes, 75)
		lo, hi := q1-3*(q3-q1), q3+3*(q3-q1)
		counts := map[string]int{}
		for i, e := range images {
			r := res[i]
			got := map[string]bool{
				"dark":             r.BrightnessPerc[6] < 0.32,
				"light":            1-r.BrightnessPerc[1] < 0.05,
				"low_information":  math.Min(1, 0.1*r.Entropy) < 0.3,
				"odd_aspect_ratio": r.AspectMin < 0.35,
				"blurry":           r.BlurryScore < 0.29,
				"grayscale":        modes[i] == "L",
				"odd_size":         r.SizeSqrt < lo || r.SizeSqrt > hi,
			}
			for k, v := range got {
				want, _ := e.Issues["is_"+k+"_issue"].(bool)
				if v != want {
					t.Errorf("%s %s: %s = %v, CleanVision %v", set, e.File, k, v, want)
				}
				if v {
					counts[k]++
				}
			}
		}
		t.Logf("%s: flags %v", set, counts)
	}
}

// TestFusedPass checks the full-resolution pass (Go, or C in the turbojpeg
// build) against a plain per-pixel reference.
func TestFusedPass(t *testing.T) {
	for _, n := range []int{1, 2, 3, 1001} {
		pix := make([]byte, 3*n)
		for i := range pix {
			pix[i] = byte(i*131 + i*i*7)
		}
		var h Histograms
		luma := make([]byte, n)
		gray := fused(pix, luma, &h)
		var want Histograms
		for i := 0; i < n; i++ {
			r, g, b := uint32(pix[3*i]), uint32(pix[3*i+1]), uint32(pix[3*i+2])
			l := byte((19595*r + 38470*g + 7471*b + 0x8000) >> 16)
			want[R][r]++
			want[G][g]++
			want[B][b]++
			want[L][l]++
			if luma[i] != l {
				t.Fatalf("%s: n=%d luma[%d] = %d, want %d", fusedName, n, i, luma[i], l)
			}
		}
		if h != want || gray {
			t.Fatalf("%s: n=%d histograms differ (gray %v)", fusedName, n, gray)
		}
		grayPix := []byte{7, 7, 7, 200, 200, 200}
		if !fused(grayPix, make([]byte, 2), &Histograms{}) {
			t.Fatalf("%s: equal channels not reported gray", fusedName)
		}
	}
}
