package lens

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/raster"
)

func nanValue() float64 { return math.NaN() }

func norm(v []float32) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func randomImage(w, h, ch int, seed uint64) *raster.Image {
	r := rand.New(rand.NewPCG(seed, 1))
	m := &raster.Image{Width: w, Height: h, Channels: ch, Pix: make([]byte, w*h*ch)}
	for i := range m.Pix {
		m.Pix[i] = byte(r.IntN(256))
	}
	return m
}

func TestDescribeShapes(t *testing.T) {
	for _, m := range []*raster.Image{
		randomImage(1, 1, 1, 1), randomImage(2, 300, 3, 2), randomImage(28, 28, 1, 3), randomImage(640, 480, 3, 4),
		{Width: 5, Height: 5, Channels: 1, Pix: make([]byte, 25)}, // flat black
	} {
		v := Describe(m, nil)
		if len(v) != BuiltinDims || math.Abs(norm(v)-1) > 1e-6 {
			t.Errorf("%d×%d×%d: %d dims, norm %v", m.Width, m.Height, m.Channels, len(v), norm(v))
		}
		for i, x := range v {
			if math.IsNaN(float64(x)) {
				t.Fatalf("%d×%d: NaN at %d", m.Width, m.Height, i)
			}
		}
	}
}

// A gray image and the same image stored as RGB describe alike.
func TestDescribeGrayEqualsGrayRGB(t *testing.T) {
	g := randomImage(40, 30, 1, 9)
	rgb := &raster.Image{Width: 40, Height: 30, Channels: 3, Pix: make([]byte, 40*30*3)}
	for i, p := range g.Pix {
		rgb.Pix[3*i], rgb.Pix[3*i+1], rgb.Pix[3*i+2] = p, p, p
	}
	a, b := Describe(g, nil), Describe(rgb, nil)
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > 1e-6 {
			t.Fatalf("dim %d: gray %v, gray RGB %v", i, a[i], b[i])
		}
	}
}

// The parts see colour, shape, texture and layout: changing each changes
// the descriptor, and cosine similarity orders them sensibly.
func TestDescribeSees(t *testing.T) {
	solid := func(r, g, b byte) *raster.Image {
		m := &raster.Image{Width: 32, Height: 32, Channels: 3, Pix: make([]byte, 32*32*3)}
		for i := 0; i < 32*32; i++ {
			m.Pix[3*i], m.Pix[3*i+1], m.Pix[3*i+2] = r, g, b
		}
		return m
	}
	stripes := func(vertical bool) *raster.Image {
		m := &raster.Image{Width: 32, Height: 32, Channels: 1, Pix: make([]byte, 32*32)}
		for y := 0; y < 32; y++ {
			for x := 0; x < 32; x++ {
				k := x
				if !vertical {
					k = y
				}
				if k/4%2 == 0 {
					m.Pix[y*32+x] = 220
				}
			}
		}
		return m
	}
	cos := func(a, b *raster.Image) float64 {
		u, v := Describe(a, nil), Describe(b, nil)
		s := 0.0
		for i := range u {
			s += float64(u[i]) * float64(v[i])
		}
		return s
	}
	red, darkRed, blue := solid(220, 20, 20), solid(200, 30, 30), solid(20, 20, 220)
	if cos(red, darkRed) <= cos(red, blue) {
		t.Errorf("colour: red~dark red %v should exceed red~blue %v", cos(red, darkRed), cos(red, blue))
	}
	v, h := stripes(true), stripes(false)
	if cos(v, v) < 0.999999 || cos(v, h) > 0.9 {
		t.Errorf("orientation: vertical~horizontal stripes %v", cos(v, h))
	}
}

func TestDescribeDeterministic(t *testing.T) {
	m := randomImage(300, 200, 3, 5)
	a, b := Describe(m, nil), Describe(m, make([]float32, BuiltinDims))
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("not deterministic")
		}
	}
}

// BenchmarkDescribe times the builtin descriptor of one ImageNet-sized RGB
// image (500 × 375, box-averaged to 125 × 93 first) and of one 28 × 28 gray
// Fashion-MNIST-sized image.
func BenchmarkDescribe(b *testing.B) {
	for _, c := range []struct {
		name string
		img  *raster.Image
	}{{"rgb500x375", randomImage(500, 375, 3, 1)}, {"gray28x28", randomImage(28, 28, 1, 2)}} {
		b.Run(c.name, func(b *testing.B) {
			dst := make([]float32, BuiltinDims)
			for range b.N {
				Describe(c.img, dst)
			}
		})
	}
}
