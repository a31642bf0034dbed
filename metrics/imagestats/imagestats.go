// Package imagestats measures one decoded image: exact per-channel value
// histograms, brightness and contrast, CleanVision's raw properties
// (brightness percentiles, entropy, blurriness, size, aspect ratio), whether
// a colour image is effectively gray, and the hashes behind exact and near
// duplicate search. It measures; thresholds belong to the profile.
//
// All per-pixel work happens in one fused pass over the decoded plane
// (histograms, luma, brightness keys, gray check); everything else is
// derived from the histograms or from small thumbnails.
package imagestats

import (
	"math"
	"math/bits"
	"sort"

	"github.com/cespare/xxhash/v2"

	"github.com/qmcheck/qmcheck/metrics/raster"
)

// Channel indexes Histograms.
const (
	R = iota
	G
	B
	L
	A
)

// ChannelNames are the facts' names for the channels, in index order.
var ChannelNames = [5]string{"R", "G", "B", "L", "A"}

// Histograms are exact per-channel value counts over many images: R, G and B
// count colour images only; L counts every image (luma of colour images,
// the values of gray ones); A counts the alpha of images that have one.
type Histograms [5][256]int64

// Add adds o to h.
func (h *Histograms) Add(o *Histograms) {
	for c := range h {
		for v := range h[c] {
			h[c][v] += o[c][v]
		}
	}
}

// brightnessKeys returns 241 R² + 691 G² + 68 B² (gray: the value) of the
// pixels at (x, y) with x and y multiples of s: the order of these keys is
// the order of CleanVision's brightness sqrt(0.241 R² + 0.691 G² +
// 0.068 B²)/255.
func (m *Measurer) brightnessKeys(img *raster.Image, s int) []uint32 {
	w, h := img.Width, img.Height
	cnt := ((w + s - 1) / s) * ((h + s - 1) / s)
	if cap(m.keys) < cnt {
		m.keys = make([]uint32, cnt)
	}
	keys := m.keys[:0]
	sr, sg, sb := &m.sq[0], &m.sq[1], &m.sq[2]
	for y := 0; y < h; y += s {
		if img.Channels == 1 {
			row := img.Pix[y*w : (y+1)*w]
			for x := 0; x < w; x += s {
				keys = append(keys, uint32(row[x]))
			}
			continue
		}
		row := img.Pix[3*y*w : 3*(y+1)*w]
		for x := 0; x < w; x += s {
			q := row[3*x : 3*x+3 : 3*x+3]
			keys = append(keys, sr[q[0]]+sg[q[1]]+sb[q[2]])
		}
	}
	return keys
}

// Percentiles are the brightness percentiles CleanVision records.
var Percentiles = [7]float64{1, 5, 10, 15, 90, 95, 99}

// Result is what one image measures.
type Result struct {
	Mean, Std       float64 // of the luma plane, 0..255
	EffectivelyGray bool    // stored with colour channels, R = G = B everywhere
	// BrightnessPerc are numpy's linear percentiles (Percentiles) of the
	// per-pixel brightness sqrt(0.241 R² + 0.691 G² + 0.068 B²) / 255 (gray:
	// value / 255), as CleanVision computes them: p99 is its dark score, 1 − p5
	// its light score. Exact over every pixel for images of up to 65,536
	// pixels; above, over the pixels of a regular grid of stride
	// ⌈sqrt(n/65,536)⌉ (about 65,536 of them).
	BrightnessPerc [7]float64
	// Entropy is PIL's Image.entropy(): −Σ p log2 p over the histogram of all
	// bands of the stored image (R, G, B and, when present, alpha; or L).
	Entropy float64
	// Blurriness is the standard deviation of PIL's FIND_EDGES filter on a
	// gray copy at most 64 px on its longer side, GrayHistStd the standard
	// deviation of that copy's 256-bin histogram, BlurryScore CleanVision's
	// combination min(1, 1 − e^(−0.01 b) + h′) with h′ = 1 − e^(−0.01 h) when
	// h′ > 0.18, else 0. The copy is made by area averaging (CleanVision uses
	// Pillow's bicubic resize); images at most 64 px are used as they are.
	Blurriness, GrayHistStd, BlurryScore float64
	SizeSqrt                             float64 // sqrt(w)·sqrt(h)
	AspectMin                            float64 // min(w/h, h/w)
	// PixelHash is xxHash64 of the decoded pixel bytes with the dimensions and
	// channel count: equal for images with the same pixels.
	PixelHash uint64
	// PHash is a 64-bit perceptual hash: the 8×8 lowest frequencies of the
	// 2-D DCT-II of a 32×32 gray copy, each bit set when the coefficient is
	// above their median (ImageHash's phash layout, bit 63 first).
	PHash uint64
}

// Measurer holds scratch buffers; use one per goroutine.
type Measurer struct {
	luma []byte
	keys []uint32
	top  [1 << 14]int32 // counts of keys >> 12, filled by the pixel pass
	low  [][1 << 12]int32
	red  []byte     // the luma plane box-reduced by an integer factor
	hist Histograms // the current image's counts
	sq   [3][256]uint32
}

// NewMeasurer prepares the lookup tables.
func NewMeasurer() *Measurer {
	m := &Measurer{}
	for v := 0; v < 256; v++ {
		u := uint32(v)
		m.sq[0][v] = 241 * u * u
		m.sq[1][v] = 691 * u * u
		m.sq[2][v] = 68 * u * u
	}
	return m
}

// exactBrightness is the most pixels whose brightness percentiles are taken
// over every pixel; larger images are sampled on a regular grid of about this
// many pixels.
const exactBrightness = 65536

// Measure measures img and adds its pixel counts to acc (when not nil).
func (m *Measurer) Measure(img *raster.Image, acc *Histograms) Result {
	w, h := img.Width, img.Height
	n := w * h
	m.hist = Histograms{}
	hist := &m.hist
	var res Result
	// The one full-resolution pass: exact histograms, the luma plane and the
	// gray check (fused in fused.go / fused_turbo.go).
	var luma []byte
	if img.Channels == 1 {
		luma = img.Pix[:n]
		hl := &hist[L]
		for _, v := range luma {
			hl[v]++
		}
	} else {
		if cap(m.luma) < n {
			m.luma = make([]byte, n)
		}
		luma = m.luma[:n]
		res.EffectivelyGray = fused(img.Pix[:3*n], luma, hist)
	}
	// Brightness keys: of every pixel for images up to exactBrightness pixels,
	// else of the pixels on a grid of stride s in both directions.
	s := int(math.Ceil(math.Sqrt(float64(n) / exactBrightness)))
	keys := m.brightnessKeys(img, s)
	m.top = [1 << 14]int32{}
	top := &m.top
	for _, k := range keys {
		top[k>>12]++
	}
	if img.Alpha != nil {
		ha := &hist[A]
		for _, a := range img.Alpha[:n] {
			ha[a]++
		}
	}
	if acc != nil {
		if img.Channels == 1 {
			for v := 0; v < 256; v++ {
				acc[L][v] += hist[L][v]
			}
		} else {
			for c := R; c <= L; c++ {
				for v := 0; v < 256; v++ {
					acc[c][v] += hist[c][v]
				}
			}
		}
		if img.Alpha != nil {
			for v := 0; v < 256; v++ {
				acc[A][v] += hist[A][v]
			}
		}
	}

	// Mean and standard deviation of L, from its histogram.
	var s1, s2 float64
	for v, c := range hist[L] {
		s1 += float64(c) * float64(v)
		s2 += float64(c) * float64(v) * float64(v)
	}
	res.Mean = s1 / float64(n)
	res.Std = math.Sqrt(math.Max(0, s2/float64(n)-res.Mean*res.Mean))

	// PIL's entropy over the bands of the stored image.
	if img.Channels == 1 {
		res.Entropy = entropy(hist[L:L+1], img.Alpha != nil, &hist[A])
	} else {
		res.Entropy = entropy(hist[R:B+1], img.Alpha != nil, &hist[A])
	}

	res.BrightnessPerc = m.brightnessPercentiles(keys, top, img.Channels == 1)
	res.SizeSqrt = math.Sqrt(float64(w)) * math.Sqrt(float64(h))
	res.AspectMin = math.Min(float64(w)/float64(h), float64(h)/float64(w))
	// Both small copies come from one cheap pass: the blur thumbnail, and the
	// 32×32 copy the perceptual hash is taken from, made from the thumbnail.
	small, tw, th := m.thumb(luma, w, h)
	res.Blurriness, res.GrayHistStd = blur(small, tw, th)
	res.BlurryScore = BlurryScore(res.Blurriness, res.GrayHistStd)
	res.PHash = phash(small, tw, th)
	res.PixelHash = pixelHash(img)
	return res
}

// BlurryScore is CleanVision's blurry score from the raw blurriness b and
// the gray-histogram standard deviation gstd: min(1, 1 − e^(−0.01 b) + h′),
// h′ = 1 − e^(−0.01 gstd) when h′ > 0.18, else 0. Lower is blurrier.
func BlurryScore(b, gstd float64) float64 {
	s := 1 - math.Exp(-0.01*b)
	if hp := 1 - math.Exp(-0.01*gstd); hp > 0.18 {
		s += hp
	}
	return math.Min(1, s)
}

func entropy(bands [][256]int64, withAlpha bool, alpha *[256]int64) float64 {
	var total float64
	all := bands
	if withAlpha {
		all = append(append([][256]int64{}, bands...), *alpha)
	}
	for _, b := range all {
		for _, c := range b {
			total += float64(c)
		}
	}
	if total == 0 {
		return 0
	}
	var e float64
	for _, b := range all {
		for _, c := range b {
			if c > 0 {
				p := float64(c) / total
				e -= p * math.Log2(p)
			}
		}
	}
	return e
}

// brightnessPercentiles selects the order statistics numpy's linear
// percentile needs from the integer keys 241 R² + 691 G² + 68 B² (gray: the
// value), which order pixels as their brightness does, and converts only
// those.
func (m *Measurer) brightnessPercentiles(keys []uint32, top *[1 << 14]int32, gray bool) [7]float64 {
	n := len(keys)
	var out [7]float64
	if n == 0 {
		return out
	}
	// The ranks needed: floor(h) and floor(h)+1 for h = (n−1)·q/100.
	var ranks []int
	for _, q := range Percentiles {
		hpos := float64(n-1) * q / 100
		lo := int(math.Floor(hpos))
		ranks = append(ranks, lo)
		if lo+1 < n {
			ranks = append(ranks, lo+1)
		}
	}
	vals := m.selectRanks(keys, top, ranks)
	value := func(k uint32) float64 {
		if gray {
			return float64(k) / 255
		}
		return math.Sqrt(float64(k)/1000) / 255
	}
	for i, q := range Percentiles {
		hpos := float64(n-1) * q / 100
		lo := int(math.Floor(hpos))
		a := value(vals[lo])
		if lo+1 >= n {
			out[i] = a
			continue
		}
		b := value(vals[lo+1])
		// numpy's _lerp: a + (b − a)·t, and b − (b − a)·(1 − t) when t ≥ 0.5.
		t := hpos - float64(lo)
		d := b - a
		if t >= 0.5 {
			out[i] = b - d*(1-t)
		} else {
			out[i] = a + d*t
		}
	}
	return out
}

// selectRanks returns the values at the given ranks of the sorted keys
// (keys is left unchanged) by a two-level radix selection: counts of the
// top bits find the bucket of each rank, counts of the low 12 bits inside
// those buckets find the value. Two passes over the keys, no sorting.
func (m *Measurer) selectRanks(keys []uint32, top *[1 << 14]int32, ranks []int) map[int]uint32 {
	const shift = 12 // keys < 65,025,001 < 2^26: 2^14 buckets of 2^12 values
	sorted := append([]int(nil), ranks...)
	sort.Ints(sorted)
	type want struct{ rank, bucket, offset int }
	var ws []want
	b, cum := 0, 0
	for _, r := range sorted {
		for cum+int(top[b]) <= r {
			cum += int(top[b])
			b++
		}
		ws = append(ws, want{r, b, r - cum})
	}
	// Low-bit counts of the buckets that hold a wanted rank.
	slot := map[int]int{}
	for _, w := range ws {
		if _, ok := slot[w.bucket]; !ok {
			slot[w.bucket] = len(slot)
		}
	}
	var mark [1 << 14]int8
	for i := range mark {
		mark[i] = -1
	}
	for bk, s := range slot {
		mark[bk] = int8(s)
	}
	if len(m.low) < len(slot) {
		m.low = make([][1 << shift]int32, len(slot))
	}
	low := m.low[:len(slot)]
	for i := range low {
		low[i] = [1 << shift]int32{}
	}
	for _, k := range keys {
		if s := mark[k>>shift]; s >= 0 {
			low[s][k&(1<<shift-1)]++
		}
	}
	out := map[int]uint32{}
	for _, w := range ws {
		c := &low[slot[w.bucket]]
		cum := 0
		for v, n := range c {
			if cum+int(n) > w.offset {
				out[w.rank] = uint32(w.bucket)<<shift | uint32(v)
				break
			}
			cum += int(n)
		}
	}
	return out
}

// thumb box-averages the luma plane into the thumbnail CleanVision measures
// blur on: floor(w/r) × floor(h/r), r = max(w, h)/64, each output pixel the
// rounded mean of the source pixels whose index maps to it (x·tw/w, y·th/h).
// Images at most 64 px on their longer side are returned as they are.
func (m *Measurer) thumb(luma []byte, w, h int) ([]byte, int, int) {
	r := float64(max(w, h)) / 64
	if r <= 1 {
		return luma, w, h
	}
	tw, th := max(int(math.Floor(float64(w)/r)), 1), max(int(math.Floor(float64(h)/r)), 1)
	if cap(m.red) < tw*th {
		m.red = make([]byte, tw*th)
	}
	out := m.red[:tw*th]
	// Output column tx averages the source columns [x0[tx], x0[tx+1]): the
	// x with x·tw/w == tx, a contiguous run.
	x0 := make([]int, tw+1)
	for tx := 0; tx <= tw; tx++ {
		x0[tx] = (tx*w + tw - 1) / tw
	}
	acc := make([]uint32, tw)
	y := 0
	for ty := 0; ty < th; ty++ {
		clear(acc)
		rows := uint32(0)
		for ; y < h && y*th/h == ty; y++ {
			rows++
			row := luma[y*w : (y+1)*w]
			for tx := range acc {
				var s uint32
				for _, v := range row[x0[tx]:x0[tx+1]] {
					s += uint32(v)
				}
				acc[tx] += s
			}
		}
		for tx, s := range acc {
			d := uint32(x0[tx+1]-x0[tx]) * rows
			out[ty*tw+tx] = byte((s + d/2) / d)
		}
	}
	return out, tw, th
}

// blur computes CleanVision's blurriness inputs on a gray copy whose longer
// side is at most 64 px (see thumb): the standard deviation of the FIND_EDGES filter
// (3×3 kernel 8 at the centre, −1 around; border pixels copied, as PIL does)
// and of the copy's 256-bin histogram.
func blur(small []byte, tw, th int) (float64, float64) {
	var hist [256]float64
	edges := make([]float64, 0, tw*th)
	for y := 0; y < th; y++ {
		for x := 0; x < tw; x++ {
			v := small[y*tw+x]
			hist[v]++
			if y == 0 || y == th-1 || x == 0 || x == tw-1 {
				edges = append(edges, float64(v))
				continue
			}
			s := 8*int(v) -
				int(small[(y-1)*tw+x-1]) - int(small[(y-1)*tw+x]) - int(small[(y-1)*tw+x+1]) -
				int(small[y*tw+x-1]) - int(small[y*tw+x+1]) -
				int(small[(y+1)*tw+x-1]) - int(small[(y+1)*tw+x]) - int(small[(y+1)*tw+x+1])
			edges = append(edges, float64(min(max(s, 0), 255)))
		}
	}
	return stddev(edges), stddev(hist[:])
}

func stddev(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	var s float64
	for _, v := range x {
		s += v
	}
	mean := s / float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(len(x)))
}

// Area resizes an 8-bit plane to tw×th: each output pixel is the average of
// the source area it covers (fractional pixels weighted by their overlap),
// rounded; when enlarging, bilinear interpolation between pixel centres.
func Area(src []byte, w, h, tw, th int) []byte {
	out := make([]byte, tw*th)
	if tw >= w && th >= h {
		// Enlarging: bilinear between source pixel centres.
		for y := 0; y < th; y++ {
			sy := (float64(y)+0.5)*float64(h)/float64(th) - 0.5
			y0 := int(math.Floor(sy))
			fy := sy - float64(y0)
			y0c, y1c := clampI(y0, 0, h-1), clampI(y0+1, 0, h-1)
			for x := 0; x < tw; x++ {
				sx := (float64(x)+0.5)*float64(w)/float64(tw) - 0.5
				x0 := int(math.Floor(sx))
				fx := sx - float64(x0)
				x0c, x1c := clampI(x0, 0, w-1), clampI(x0+1, 0, w-1)
				v := (1-fy)*((1-fx)*float64(src[y0c*w+x0c])+fx*float64(src[y0c*w+x1c])) +
					fy*((1-fx)*float64(src[y1c*w+x0c])+fx*float64(src[y1c*w+x1c]))
				out[y*tw+x] = byte(math.Round(v))
			}
		}
		return out
	}
	// Area average, separable: columns first into float rows.
	xw := weights(w, tw)
	yw := weights(h, th)
	rows := make([]float64, h*tw)
	for y := 0; y < h; y++ {
		row := src[y*w : (y+1)*w]
		for x, ws := range xw {
			var s float64
			for _, e := range ws {
				s += float64(row[e.i]) * e.w
			}
			rows[y*tw+x] = s
		}
	}
	for y, ws := range yw {
		for x := 0; x < tw; x++ {
			var s float64
			for _, e := range ws {
				s += rows[e.i*tw+x] * e.w
			}
			out[y*tw+x] = byte(math.Round(math.Min(255, s)))
		}
	}
	return out
}

type weight struct {
	i int
	w float64
}

// weights gives, for each of m output cells over n input pixels, the input
// pixels it covers and their normalised overlap (m ≤ n).
func weights(n, m int) [][]weight {
	out := make([][]weight, m)
	scale := float64(n) / float64(m)
	for j := 0; j < m; j++ {
		a, b := float64(j)*scale, float64(j+1)*scale
		for i := int(math.Floor(a)); i < n && float64(i) < b; i++ {
			lo, hi := math.Max(a, float64(i)), math.Min(b, float64(i+1))
			if hi > lo {
				out[j] = append(out[j], weight{i, (hi - lo) / scale})
			}
		}
	}
	return out
}

func clampI(v, lo, hi int) int { return min(max(v, lo), hi) }

// phash is the 64-bit DCT perceptual hash of a 32×32 gray copy.
func phash(luma []byte, w, h int) uint64 {
	g := Area(luma, w, h, 32, 32)
	var px [32][32]float64
	for y := 0; y < 32; y++ {
		for x := 0; x < 32; x++ {
			px[y][x] = float64(g[y*32+x])
		}
	}
	// DCT-II (scipy.fftpack.dct, type 2, unnormalised): 2 Σ x_n cos(π k (2n+1) / 2N),
	// along columns then rows, keeping the 8×8 lowest frequencies.
	var cosT [8][32]float64
	for k := 0; k < 8; k++ {
		for n := 0; n < 32; n++ {
			cosT[k][n] = 2 * math.Cos(math.Pi*float64(k)*float64(2*n+1)/64)
		}
	}
	var col [8][32]float64 // along axis 0 (rows index y)
	for k := 0; k < 8; k++ {
		for x := 0; x < 32; x++ {
			var s float64
			for y := 0; y < 32; y++ {
				s += px[y][x] * cosT[k][y]
			}
			col[k][x] = s
		}
	}
	var low [64]float64
	for ky := 0; ky < 8; ky++ {
		for kx := 0; kx < 8; kx++ {
			var s float64
			for x := 0; x < 32; x++ {
				s += col[ky][x] * cosT[kx][x]
			}
			low[ky*8+kx] = s
		}
	}
	sorted := low // a copy
	sort.Float64s(sorted[:])
	med := (sorted[31] + sorted[32]) / 2
	var hash uint64
	for _, v := range low {
		hash <<= 1
		if v > med {
			hash |= 1
		}
	}
	return hash
}

// pixelHash hashes the decoded pixels with their shape.
func pixelHash(img *raster.Image) uint64 {
	d := xxhash.New()
	var hdr [12]byte
	put := func(o, v int) {
		hdr[o], hdr[o+1], hdr[o+2], hdr[o+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	put(0, img.Width)
	put(4, img.Height)
	put(8, img.Channels)
	d.Write(hdr[:])
	d.Write(img.Pix[:img.Width*img.Height*img.Channels])
	if img.Alpha != nil {
		d.Write(img.Alpha[:img.Width*img.Height])
	}
	return d.Sum64()
}

// Hamming is the number of differing bits of two hashes.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }
