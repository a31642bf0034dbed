// Package raster is the decoded form of an image that every per-image
// measurement reads: 8 bits per channel, row-major, channels interleaved.
// Decoders (metrics/imageio) produce it straight from their planes; nothing
// downstream goes through image.Image's per-pixel At().
package raster

// Image is a decoded image with 1 (gray) or 3 (R, G, B) channels of 8 bits.
// Sample (x, y, c) is Pix[(y*Width+x)*Channels+c]. Alpha, when the source has
// it, is kept apart in Alpha (one byte per pixel) and not mixed in.
type Image struct {
	Width, Height int
	Channels      int // 1 or 3
	Pix           []byte
	Alpha         []byte // nil when the source has no alpha
}

// Gray reports whether the image has one channel.
func (m *Image) Gray() bool { return m.Channels == 1 }

// Luma returns the 8-bit luma plane: the image itself when gray, else
// ITU-R 601-2 luma L = 0.299 R + 0.587 G + 0.114 B in Pillow's integer form,
// (19595 R + 38470 G + 7471 B + 32768) >> 16, so that L equals
// PIL's convert("L") bit for bit.
func (m *Image) Luma() []byte {
	if m.Channels == 1 {
		return m.Pix
	}
	n := m.Width * m.Height
	out := make([]byte, n)
	p := m.Pix
	for i := 0; i < n; i++ {
		r, g, b := uint32(p[3*i]), uint32(p[3*i+1]), uint32(p[3*i+2])
		out[i] = byte((r*19595 + g*38470 + b*7471 + 0x8000) >> 16)
	}
	return out
}
