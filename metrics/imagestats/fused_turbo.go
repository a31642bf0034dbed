//go:build turbojpeg && cgo

package imagestats

/*
#include <stdint.h>
#include <string.h>

// The full-resolution pass of imagestats.fused, in C: counts R, G, B and L
// (Pillow's integer luma) into four 256-bin tables, writes the luma plane,
// and returns whether R = G = B everywhere. Two copies of each table take
// alternate pixels so that runs of equal values do not stall on one counter.
static int qm_fused(const uint8_t *pix, uint8_t *luma, long n, int64_t *hist) {
	uint32_t h[2][4][256];
	memset(h, 0, sizeof h);
	uint8_t diff = 0;
	long i = 0;
	for (; i + 1 < n; i += 2) {
		const uint8_t *p = pix + 3 * i;
		uint8_t r0 = p[0], g0 = p[1], b0 = p[2], r1 = p[3], g1 = p[4], b1 = p[5];
		uint8_t l0 = (uint8_t)((19595u * r0 + 38470u * g0 + 7471u * b0 + 0x8000u) >> 16);
		uint8_t l1 = (uint8_t)((19595u * r1 + 38470u * g1 + 7471u * b1 + 0x8000u) >> 16);
		h[0][0][r0]++; h[0][1][g0]++; h[0][2][b0]++; h[0][3][l0]++;
		h[1][0][r1]++; h[1][1][g1]++; h[1][2][b1]++; h[1][3][l1]++;
		luma[i] = l0; luma[i + 1] = l1;
		diff |= (r0 ^ g0) | (g0 ^ b0) | (r1 ^ g1) | (g1 ^ b1);
	}
	for (; i < n; i++) {
		const uint8_t *p = pix + 3 * i;
		uint8_t r = p[0], g = p[1], b = p[2];
		uint8_t l = (uint8_t)((19595u * r + 38470u * g + 7471u * b + 0x8000u) >> 16);
		h[0][0][r]++; h[0][1][g]++; h[0][2][b]++; h[0][3][l]++;
		luma[i] = l;
		diff |= (r ^ g) | (g ^ b);
	}
	for (int c = 0; c < 4; c++)
		for (int v = 0; v < 256; v++)
			hist[c * 256 + v] += (int64_t)h[0][c][v] + h[1][c][v];
	return diff == 0;
}
*/
import "C"

import "unsafe"

// fusedName names the implementation of the full-resolution pass.
const fusedName = "c"

// fused is the full-resolution pass (see fused.go), in C for the turbojpeg
// build: the collector is cgo there anyway, and C counts faster than Go.
func fused(pix, luma []byte, hist *Histograms) bool {
	n := len(luma)
	if n == 0 {
		return true
	}
	return C.qm_fused((*C.uint8_t)(unsafe.Pointer(&pix[0])), (*C.uint8_t)(unsafe.Pointer(&luma[0])), C.long(n), (*C.int64_t)(unsafe.Pointer(&hist[0][0]))) != 0
}
