package lens

import (
	"math"

	"github.com/qmcheck/qmcheck/metrics/raster"
)

// The builtin descriptor: four parts of fixed size, each of unit length, so
// that the cosine similarity of two builtin vectors is the mean of the
// cosine similarities of their parts.
const (
	builtinColour = 8 + 12*2*2 // achromatic value bins + hue × saturation × value
	hogCells      = 4          // HOG grid is hogCells × hogCells
	hogBins       = 9          // unsigned orientations over [0, π)
	builtinHOG    = hogCells * hogCells * hogBins
	builtinLBP    = 59 // 58 uniform 8-neighbour patterns + 1 for the rest
	tinySide      = 8
	builtinTiny   = tinySide * tinySide

	// BuiltinDims is the length of a builtin vector.
	BuiltinDims = builtinColour + builtinHOG + builtinLBP + builtinTiny

	// builtinSide is the longest side the descriptor works at: larger images
	// are box-averaged down by an integer factor first.
	builtinSide = 128
)

// Describe computes the builtin descriptor of img (8-bit gray or RGB, any
// size of at least 1 × 1; alpha is ignored) into dst, which must have length
// BuiltinDims (nil allocates), and returns it. It is pure Go, needs no
// model weights and is deterministic. The image is first box-averaged down by
// the smallest integer factor that brings its longer side to at most 128
// pixels. The parts, each scaled to unit length (then the whole vector is
// scaled to unit length):
//
//  1. colour: an HSV histogram — 8 achromatic bins by value for pixels with
//     saturation < 0.15 or value < 0.08 (every pixel of a gray image), and
//     12 hue × 2 saturation × 2 value bins for the others (56 values);
//  2. shape: a HOG-like grid — luma gradients by central differences, their
//     unsigned orientation in 9 bins (linear vote between the two nearest
//     bins) weighted by magnitude, in 4 × 4 cells (144 values);
//  3. texture: the histogram of uniform 8-neighbour local binary patterns of
//     the luma (58 uniform codes and one bin for all others, 59 values);
//  4. layout: the luma box-averaged to 8 × 8, minus its mean (64 values).
//
// Histograms (parts 1–3) enter as the square roots of their frequencies
// (Hellinger), so the cosine of two such parts is their Bhattacharyya
// coefficient. A part that is all zero (a flat image has no gradient) stays
// zero.
func Describe(img *raster.Image, dst []float32) []float32 {
	if dst == nil {
		dst = make([]float32, BuiltinDims)
	}
	clear(dst)
	p := workPlanes(img)
	parts := []struct {
		fill func(*planes, []float64)
		n    int
	}{
		{colourHistogram, builtinColour},
		{hog, builtinHOG},
		{lbp, builtinLBP},
		{tiny, builtinTiny},
	}
	out := make([]float64, 0, BuiltinDims)
	for _, part := range parts {
		v := make([]float64, part.n)
		part.fill(p, v)
		out = append(out, unit(v)...)
	}
	total := 0.0
	for _, x := range out {
		total += x * x
	}
	if total > 0 {
		total = 1 / math.Sqrt(total)
	}
	for i, x := range out {
		dst[i] = float32(x * total)
	}
	return dst
}

// unit scales v to unit length in place (a zero v stays zero) and returns it.
func unit(v []float64) []float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	if s == 0 {
		return v
	}
	s = 1 / math.Sqrt(s)
	for i := range v {
		v[i] *= s
	}
	return v
}

// hellinger replaces a histogram by the square roots of its frequencies.
func hellinger(v []float64) {
	s := 0.0
	for _, x := range v {
		s += x
	}
	if s == 0 {
		return
	}
	for i, x := range v {
		v[i] = math.Sqrt(x / s)
	}
}

// planes is the image at working size: luma and R, G, B in [0, 255] (the
// luma of an RGB image is 0.299 R + 0.587 G + 0.114 B of the averaged planes).
type planes struct {
	w, h    int
	l       []float64
	r, g, b []float64 // nil for a gray image
}

// workPlanes box-averages img by the integer factor f = ceil(max(W, H) /
// 128) (a side shorter than f is averaged whole), dropping the last W mod f
// columns and H mod f rows.
func workPlanes(img *raster.Image) *planes {
	f := max((max(img.Width, img.Height)+builtinSide-1)/builtinSide, 1)
	fx, fy := min(f, img.Width), min(f, img.Height)
	w, h := img.Width/fx, img.Height/fy
	p := &planes{w: w, h: h}
	down := func(src []byte, stride, ch, c int) []float64 {
		out := make([]float64, w*h)
		inv := 1 / float64(fx*fy)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				s := 0
				for dy := 0; dy < fy; dy++ {
					row := (y*fy + dy) * stride
					for dx := 0; dx < fx; dx++ {
						s += int(src[row+(x*fx+dx)*ch+c])
					}
				}
				out[y*w+x] = float64(s) * inv
			}
		}
		return out
	}
	if img.Channels == 3 {
		p.r = down(img.Pix, img.Width*3, 3, 0)
		p.g = down(img.Pix, img.Width*3, 3, 1)
		p.b = down(img.Pix, img.Width*3, 3, 2)
		p.l = make([]float64, w*h)
		for i := range p.l { // ITU-R 601-2 luma of the averaged colour
			p.l[i] = 0.299*p.r[i] + 0.587*p.g[i] + 0.114*p.b[i]
		}
	} else {
		p.l = down(img.Pix, img.Width, 1, 0)
	}
	return p
}

func colourHistogram(p *planes, v []float64) {
	for i, l := range p.l {
		r, g, b := l, l, l
		if p.r != nil {
			r, g, b = p.r[i], p.g[i], p.b[i]
		}
		r, g, b = r/255, g/255, b/255
		mx, mn := r, r
		if g > mx {
			mx = g
		} else if g < mn {
			mn = g
		}
		if b > mx {
			mx = b
		} else if b < mn {
			mn = b
		}
		c := mx - mn
		s := 0.0
		if mx > 0 {
			s = c / mx
		}
		if s < 0.15 || mx < 0.08 {
			v[min(int(mx*8), 7)]++
			continue
		}
		var hue float64 // in [0, 6)
		switch mx {
		case r:
			if hue = (g - b) / c; hue < 0 {
				hue += 6
			}
		case g:
			hue = (b-r)/c + 2
		default:
			hue = (r-g)/c + 4
		}
		hb := min(int(hue*2), 11)
		sb, vb := 0, 0
		if s >= 0.5 {
			sb = 1
		}
		if mx >= 0.5 {
			vb = 1
		}
		v[8+hb*4+sb*2+vb]++
	}
	hellinger(v)
}

func hog(p *planes, v []float64) {
	w, h, l := p.w, p.h, p.l
	at := func(x, y int) float64 { return l[min(max(y, 0), h-1)*w+min(max(x, 0), w-1)] }
	for y := 0; y < h; y++ {
		cy := y * hogCells / h
		for x := 0; x < w; x++ {
			gx := at(x+1, y) - at(x-1, y)
			gy := at(x, y+1) - at(x, y-1)
			m := math.Hypot(gx, gy)
			if m == 0 {
				continue
			}
			theta := math.Atan2(gy, gx)
			if theta < 0 {
				theta += math.Pi
			}
			pos := theta/math.Pi*hogBins - 0.5 // bin centres at (i + 0.5) π / 9
			lo := int(math.Floor(pos))
			frac := pos - float64(lo)
			cell := (cy*hogCells + x*hogCells/w) * hogBins
			v[cell+(lo+hogBins)%hogBins] += m * (1 - frac)
			v[cell+(lo+1+hogBins)%hogBins] += m * frac
		}
	}
	hellinger(v)
}

// uniformIndex maps an 8-bit LBP code to its bin: 0..57 for the 58 codes
// with at most two 0/1 transitions around the circle, 58 for the rest.
var uniformIndex = func() [256]int {
	var t [256]int
	next := 0
	for c := 0; c < 256; c++ {
		tr := 0
		for i := 0; i < 8; i++ {
			if (c>>i)&1 != (c>>((i+1)%8))&1 {
				tr++
			}
		}
		if tr <= 2 {
			t[c] = next
			next++
		} else {
			t[c] = 58
		}
	}
	return t
}()

func lbp(p *planes, v []float64) {
	w, h, l := p.w, p.h, p.l
	dx := [8]int{-1, 0, 1, 1, 1, 0, -1, -1}
	dy := [8]int{-1, -1, -1, 0, 1, 1, 1, 0}
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			c := l[y*w+x]
			code := 0
			for i := 0; i < 8; i++ {
				if l[(y+dy[i])*w+x+dx[i]] >= c {
					code |= 1 << i
				}
			}
			v[uniformIndex[code]]++
		}
	}
	hellinger(v)
}

func tiny(p *planes, v []float64) {
	var n [builtinTiny]float64
	for y := 0; y < p.h; y++ {
		ty := y * tinySide / p.h
		for x := 0; x < p.w; x++ {
			i := ty*tinySide + x*tinySide/p.w
			v[i] += p.l[y*p.w+x]
			n[i]++
		}
	}
	mean, cells := 0.0, 0
	for i := range v {
		if n[i] > 0 {
			v[i] /= n[i]
			mean += v[i]
			cells++
		}
	}
	mean /= float64(cells)
	spread := 0.0
	for i := range v {
		if n[i] > 0 {
			v[i] -= mean
			spread = math.Max(spread, math.Abs(v[i]))
		}
	}
	if spread < 1e-6 { // a flat image: rounding, not layout
		clear(v)
	}
}

// MaxPixels is the largest image (in pixels) a pixels lens takes: beyond it
// one dimension per pixel makes the spectrum's d × d matrix impractical, and
// the builtin descriptor is the better lens anyway.
const MaxPixels = 4096

// Pixels is the raw-pixel lens of img: its 8-bit luma (the gray values, or
// Pillow's integer ITU-R 601-2 luma of an RGB image), row by row, one
// dimension per pixel, as values 0..255. Vectors of two images compare only
// when the images share one size; callers check that. It is the naive
// baseline lens (the tiny-image representation at native size): it sees
// brightness layout pixel by pixel and nothing else, not even a one-pixel
// shift.
func Pixels(img *raster.Image) []float32 {
	l := img.Luma()
	v := make([]float32, len(l))
	for i, b := range l {
		v[i] = float32(b)
	}
	return v
}
