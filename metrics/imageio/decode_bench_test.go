package imageio

import (
	"bytes"
	"image"
	"image/color"
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

// TestYCbCrMatchesImageColor checks the table conversion against
// image/color.YCbCrToRGB on every combination of a grid of values and on a
// decoded 4:2:0 JPEG.
func TestYCbCrMatchesImageColor(t *testing.T) {
	for y := 0; y < 256; y += 3 {
		for cb := 0; cb < 256; cb += 5 {
			for cr := 0; cr < 256; cr += 7 {
				m := image.NewYCbCr(image.Rect(0, 0, 1, 1), image.YCbCrSubsampleRatio444)
				m.Y[0], m.Cb[0], m.Cr[0] = uint8(y), uint8(cb), uint8(cr)
				var img raster.Image
				img.Width, img.Height = 1, 1
				ycbcrToRGB(m, &img)
				r, g, b := color.YCbCrToRGB(uint8(y), uint8(cb), uint8(cr))
				if img.Pix[0] != r || img.Pix[1] != g || img.Pix[2] != b {
					t.Fatalf("Y %d Cb %d Cr %d: %v, want %d %d %d", y, cb, cr, img.Pix, r, g, b)
				}
			}
		}
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "cleanvision-vectors", "debian_photos", "images", "opencv_aero1.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var img raster.Image
	img.Width, img.Height = src.Bounds().Dx(), src.Bounds().Dy()
	ycbcrToRGB(src.(*image.YCbCr), &img)
	for y := 0; y < img.Height; y += 7 {
		for x := 0; x < img.Width; x += 5 {
			c := color.RGBAModel.Convert(src.At(x, y)).(color.RGBA)
			i := (y*img.Width + x) * 3
			if img.Pix[i] != c.R || img.Pix[i+1] != c.G || img.Pix[i+2] != c.B {
				t.Fatalf("(%d, %d): %v, want %v", x, y, img.Pix[i:i+3], c)
			}
		}
	}
}

func BenchmarkYCbCrToRGB(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "cleanvision-vectors", "debian_photos", "images", "opencv_aero1.jpg"))
	if err != nil {
		b.Fatal(err)
	}
	src, _ := jpeg.Decode(bytes.NewReader(data))
	var img raster.Image
	img.Width, img.Height = src.Bounds().Dx(), src.Bounds().Dy()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ycbcrToRGB(src.(*image.YCbCr), &img)
	}
}
