//go:build !turbojpeg || !cgo

package imagestats

// fusedName names the implementation of the full-resolution pass.
const fusedName = "go"

// Luma contributions in Pillow's integer form: L = (19595 R + 38470 G +
// 7471 B + 0x8000) >> 16.
var lumaR, lumaG, lumaB [256]uint32

func init() {
	for v := uint32(0); v < 256; v++ {
		lumaR[v], lumaG[v], lumaB[v] = v*19595, v*38470, v*7471+0x8000
	}
}

// fused is the one full-resolution pass over interleaved RGB pixels: it
// counts R, G, B and L values into hist, writes the luma plane and reports
// whether R = G = B at every pixel. (The turbojpeg build has the same pass in
// C, fused_turbo.go; a test checks both agree.)
func fused(pix, luma []byte, hist *Histograms) bool {
	hr, hg, hb, hl := &hist[R], &hist[G], &hist[B], &hist[L]
	pix = pix[:3*len(luma)]
	var diff byte
	for i := range luma {
		q := pix[3*i : 3*i+3 : 3*i+3]
		r, g, b := q[0], q[1], q[2]
		hr[r]++
		hg[g]++
		hb[b]++
		l := byte((lumaR[r] + lumaG[g] + lumaB[b]) >> 16)
		luma[i] = l
		hl[l]++
		diff |= (r ^ g) | (g ^ b)
	}
	return diff == 0
}
