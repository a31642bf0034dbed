package imagestats

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// The real CleanVision's raw properties on real images
// (fixtures/cleanvision-vectors, README inside).
type cvImage struct {
	File   string            `json:"file"`
	Mode   string            `json:"mode"`
	Format string            `json:"format"`
	Raw    map[string]any    `json:"raw"`
	Issues map[string]any    `json:"issues"`
	Hashes map[string]string `json:"hashes"`
}

func loadSet(t *testing.T, set string) []cvImage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "cleanvision-vectors", set, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Images []cvImage `json:"images"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Images
}

// npBytes lays the pixels out as numpy.asarray(PIL image).tobytes() does.
func npBytes(img *raster.Image) []byte {
	if img.Alpha == nil {
		return img.Pix
	}
	n := img.Width * img.Height
	out := make([]byte, 0, 4*n)
	for i := 0; i < n; i++ {
		out = append(out, img.Pix[3*i], img.Pix[3*i+1], img.Pix[3*i+2], img.Alpha[i])
	}
	return out
}

func num(v any) float64 { f, _ := v.(float64); return f }

func TestCleanVisionParity(t *testing.T) {
	for _, set := range []string{"fashion_mnist_test300", "debian_photos"} {
		t.Run(set, func(t *testing.T) {
			var dec imageio.Decoder
			m := NewMeasurer()
			identical, jpegs, worstP, worstBlur, worstSampled := 0, 0, 0.0, 0.0, 0.0
			for _, e := range loadSet(t, set) {
				b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "cleanvision-vectors", set, "images", e.File))
				if err != nil {
					t.Fatal(err)
				}
				var img raster.Image
				info, err := dec.Decode(b, &img)
				if err != nil {
					t.Fatalf("%s: %v", e.File, err)
				}
				if info.Mode != e.Mode {
					t.Errorf("%s: mode %s, PIL says %s", e.File, info.Mode, e.Mode)
				}
				r := m.Measure(&img, nil)
				sum := md5.Sum(npBytes(&img))
				same := hex.EncodeToString(sum[:]) == e.Hashes["md5_pixels"]
				if e.Format == "PNG" && !same {
					t.Errorf("%s: decoded PNG pixels differ from Pillow's", e.File)
				}
				if e.Format == "JPEG" {
					jpegs++
				}
				if !same {
					// Another decoder (Go's image/jpeg): close, not equal.
					for i, p := range Percentiles {
						key := "brightness_perc_" + trim(p)
						worstP = math.Max(worstP, math.Abs(r.BrightnessPerc[i]-num(e.Raw[key])))
					}
					continue
				}
				identical++
				near := func(what string, got, want, tol float64) {
					if math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
						t.Errorf("%s: %s = %v, CleanVision %v", e.File, what, got, want)
					}
				}
				for i, p := range Percentiles {
					key := "brightness_perc_" + trim(p)
					if img.Width*img.Height <= exactBrightness {
						near(key, r.BrightnessPerc[i], num(e.Raw[key]), 1e-12)
					} else { // sampled on a grid: close, not exact
						worstSampled = math.Max(worstSampled, math.Abs(r.BrightnessPerc[i]-num(e.Raw[key])))
					}
				}
				near("entropy", r.Entropy, num(e.Raw["entropy"]), 1e-12)
				near("size", r.SizeSqrt, num(e.Raw["size"]), 1e-12)
				near("aspect_ratio", r.AspectMin, num(e.Raw["aspect_ratio"]), 1e-12)
				if img.Width <= 64 && img.Height <= 64 {
					// No resampling involved: exact.
					near("blurriness", r.Blurriness, num(e.Raw["blurriness"]), 1e-9)
					near("blurriness_grayscale_std", r.GrayHistStd, num(e.Raw["blurriness_grayscale_std"]), 1e-9)
					near("blurry_score", r.BlurryScore, num(e.Issues["blurry_score"]), 1e-9)
				} else {
					worstBlur = math.Max(worstBlur, math.Abs(r.BlurryScore-num(e.Issues["blurry_score"])))
				}
			}
			if strings.Contains(imageio.Name(), "libjpeg-turbo") && identical != len(loadSet(t, set)) {
				t.Errorf("with libjpeg-turbo every image should decode to Pillow's pixels; %d did", identical)
			}
			t.Logf("%s (decoder %s): %d images decoded to exactly Pillow's pixels (md5), %d of them JPEGs; worst brightness-percentile gap on other pixels %.4f, on grid-sampled large images %.4f; worst blurry-score gap after area (not bicubic) downscaling %.4f",
				set, imageio.Name(), identical, jpegs, worstP, worstSampled, worstBlur)
			if worstSampled > 0.025 {
				t.Errorf("grid-sampled brightness percentiles differ by %.4f", worstSampled)
			}
			if worstP > 0.03 {
				t.Errorf("brightness percentiles of Go-decoded JPEGs differ by %.4f", worstP)
			}
			if worstBlur > 0.1 {
				t.Errorf("blurry score differs by %.4f after downscaling", worstBlur)
			}
		})
	}
}

func trim(p float64) string { return json.Number(jsonNum(p)).String() }

func jsonNum(p float64) string {
	b, _ := json.Marshal(p)
	return string(b)
}
