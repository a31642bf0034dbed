// Package imageio decodes image files into raster.Image for measurement.
//
// It sniffs the format from the bytes (not the file name), reads the
// dimensions with DecodeConfig first and refuses images above a pixel limit
// before allocating anything (decompression bombs), decodes JPEG, PNG, GIF,
// BMP, TIFF and WebP, and converts the decoder's planes straight into 8-bit
// interleaved R,G,B or gray — never pixel by pixel through image.At. Every
// failure is a *Problem with a reason from the facts vocabulary (zero_byte,
// truncated, unsupported_format, undecodable, too_many_pixels).
//
// The stored colour mode is reported in PIL's vocabulary (RGB, RGBA, L, LA,
// P, CMYK, I;16, RGB;16, RGBA;16), so facts compare with what Python users
// see.
package imageio

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	_ "golang.org/x/image/bmp"  // register BMP
	_ "golang.org/x/image/tiff" // register TIFF
	_ "golang.org/x/image/webp" // register WebP

	"github.com/qmcheck/qmcheck/metrics/raster"
)

// fastJPEG, when set by the turbojpeg build, decodes JPEG files; an error
// that is not a *Problem sends the file to image/jpeg instead.
var fastJPEG func(b []byte, dst *raster.Image) (string, error)

// DefaultMaxPixels is Pillow's decompression-bomb error limit
// (2 × MAX_IMAGE_PIXELS = 178,956,970 pixels).
const DefaultMaxPixels = 178956970

// Problem is a file that cannot be measured, with a facts reason.
type Problem struct {
	Reason string // zero_byte, truncated, unsupported_format, undecodable, too_many_pixels
	Detail string
}

func (p *Problem) Error() string { return p.Reason + ": " + p.Detail }

// Info describes a decoded file.
type Info struct {
	Format string // JPEG, PNG, GIF, BMP, TIFF, WEBP (PIL's format names)
	Mode   string // PIL's mode name of the stored image
	Width  int
	Height int
	Frames int // GIF frames (1 for still images)
}

// Decoder decodes files; it keeps buffers between calls, so use one per
// goroutine.
type Decoder struct {
	MaxPixels int64
	buf       []byte
}

// Name is the decoder used for JPEG in this build.
func Name() string { return jpegDecoderName }

var magics = []struct {
	format string
	prefix string
}{
	{"JPEG", "\xff\xd8\xff"},
	{"PNG", "\x89PNG\r\n\x1a\n"},
	{"GIF", "GIF87a"},
	{"GIF", "GIF89a"},
	{"BMP", "BM"},
	{"TIFF", "II*\x00"},
	{"TIFF", "MM\x00*"},
}

// Sniff names the image format of b from its first bytes, or "".
func Sniff(b []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.format
		}
	}
	if len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP" {
		return "WEBP"
	}
	return ""
}

// knownButUnsupported recognises formats no decoder here reads.
func knownButUnsupported(b []byte) string {
	switch {
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && (strings.HasPrefix(string(b[8:12]), "heic") || strings.HasPrefix(string(b[8:12]), "heix") || strings.HasPrefix(string(b[8:12]), "mif1")):
		return "HEIF"
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && strings.HasPrefix(string(b[8:12]), "avif"):
		return "AVIF"
	case bytes.HasPrefix(b, []byte("\x00\x00\x00\x0cjP  ")):
		return "JPEG 2000"
	case bytes.HasPrefix(b, []byte("8BPS")):
		return "PSD"
	}
	return ""
}

// ExtFormat is the format a file name's extension claims, or "".
func ExtFormat(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	switch strings.ToLower(name[i+1:]) {
	case "jpg", "jpeg", "jpe", "jfif":
		return "JPEG"
	case "png":
		return "PNG"
	case "gif":
		return "GIF"
	case "bmp", "dib":
		return "BMP"
	case "tif", "tiff":
		return "TIFF"
	case "webp":
		return "WEBP"
	}
	return ""
}

// Decode decodes the file content b into dst (whose buffers are reused).
func (d *Decoder) Decode(b []byte, dst *raster.Image) (Info, error) {
	if len(b) == 0 {
		return Info{}, &Problem{"zero_byte", "the file is empty"}
	}
	format := Sniff(b)
	if format == "" {
		if f := knownButUnsupported(b); f != "" {
			return Info{}, &Problem{"unsupported_format", f + " images are not supported"}
		}
		return Info{}, &Problem{"unsupported_format", "not a known image format (starts with " + describe(b) + ")"}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return Info{Format: format}, classify(format, "header", err)
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height, Frames: 1}
	max := d.MaxPixels
	if max <= 0 {
		max = DefaultMaxPixels
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > max {
		return info, &Problem{"too_many_pixels", fmt.Sprintf("%d×%d = %d pixels is over the limit of %d (not decoded)", cfg.Width, cfg.Height, px, max)}
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return info, &Problem{"undecodable", fmt.Sprintf("image of %d×%d pixels", cfg.Width, cfg.Height)}
	}
	if format == "JPEG" && fastJPEG != nil {
		mode, err := fastJPEG(b, dst)
		if err == nil {
			info.Mode = mode
			return info, nil
		}
		if p := (*Problem)(nil); errors.As(err, &p) {
			return info, err
		}
		// The fast path declined (e.g. an unusual JPEG): use the Go decoder.
	}
	var img image.Image
	if format == "GIF" {
		g, err := gif.DecodeAll(bytes.NewReader(b))
		if err != nil {
			return info, classify(format, "data", err)
		}
		info.Frames = len(g.Image)
		img = g.Image[0]
		// The first frame as shown: on the logical screen of the GIF.
		if r := g.Image[0].Bounds(); r.Dx() != g.Config.Width || r.Dy() != g.Config.Height {
			if g.Config.Width > 0 && g.Config.Height > 0 {
				img = onScreen(g.Image[0], g.Config.Width, g.Config.Height)
			}
		}
	} else {
		var err error
		switch format {
		case "JPEG":
			img, err = jpeg.Decode(bytes.NewReader(b))
		case "PNG":
			img, err = png.Decode(bytes.NewReader(b))
		default:
			img, _, err = image.Decode(bytes.NewReader(b))
		}
		if err != nil {
			return info, classify(format, "data", err)
		}
	}
	info.Mode = toRaster(img, dst)
	info.Width, info.Height = dst.Width, dst.Height
	if format == "PNG" {
		info.Mode = pngMode(b, info.Mode, dst)
	}
	return info, nil
}

// pngMode names a PNG's mode from its header, as PIL does, rather than from
// the Go decoder's output type (which turns RGB into RGBA): colour type 0
// gray (L, or I;16 at 16 bits), 2 RGB, 3 P, 4 LA, 6 RGBA. A decoded alpha
// plane is dropped when the file has no alpha channel.
func pngMode(b []byte, decoded string, dst *raster.Image) string {
	if len(b) < 26 {
		return decoded
	}
	depth, ct := b[24], b[25]
	switch ct {
	case 0:
		if depth == 16 {
			return "I;16"
		}
		if depth == 1 {
			return "1"
		}
		return "L"
	case 2:
		dst.Alpha = nil
		if depth == 16 {
			return "RGB;16"
		}
		return "RGB"
	case 3:
		return "P"
	case 4:
		return "LA"
	case 6:
		if depth == 16 {
			return "RGBA;16"
		}
		return "RGBA"
	}
	return decoded
}

func describe(b []byte) string {
	n := len(b)
	if n > 8 {
		n = 8
	}
	s := b[:n]
	printable := true
	for _, c := range s {
		if c < 0x20 || c > 0x7e {
			printable = false
		}
	}
	if printable {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("% x", s)
}

// classify turns a decoder error into a facts reason.
func classify(format, stage string, err error) error {
	msg := err.Error()
	var fe jpeg.FormatError
	var ue jpeg.UnsupportedError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "short Huffman data") || strings.Contains(msg, "not enough pixel data") ||
		strings.Contains(msg, "short") && strings.Contains(msg, "read"):
		return &Problem{"truncated", fmt.Sprintf("%s %s ends early: %s", format, stage, msg)}
	case errors.As(err, &ue) || strings.Contains(msg, "unsupported"):
		return &Problem{"unsupported_format", fmt.Sprintf("%s variant not supported: %s", format, msg)}
	case errors.As(err, &fe):
		return &Problem{"undecodable", fmt.Sprintf("%s %s is invalid: %s", format, stage, msg)}
	}
	return &Problem{"undecodable", fmt.Sprintf("%s %s: %s", format, stage, msg)}
}

// onScreen places a GIF frame on its logical screen (transparent elsewhere).
func onScreen(p *image.Paletted, w, h int) *image.Paletted {
	out := image.NewPaletted(image.Rect(0, 0, w, h), p.Palette)
	b := p.Bounds().Intersect(out.Bounds())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		copy(out.Pix[out.PixOffset(b.Min.X, y):out.PixOffset(b.Max.X, y)], p.Pix[p.PixOffset(b.Min.X, y):p.PixOffset(b.Max.X, y)])
	}
	return out
}

// grow returns buf resized to n bytes, reusing its storage.
func grow(buf []byte, n int) []byte {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]byte, n)
}

// toRaster converts a decoded image into dst and returns its PIL mode.
func toRaster(img image.Image, dst *raster.Image) string {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	dst.Width, dst.Height = w, h
	dst.Alpha = nil
	switch m := img.(type) {
	case *image.Gray:
		dst.Channels = 1
		dst.Pix = grow(dst.Pix, w*h)
		for y := 0; y < h; y++ {
			copy(dst.Pix[y*w:(y+1)*w], m.Pix[y*m.Stride:y*m.Stride+w])
		}
		return "L"
	case *image.Gray16:
		dst.Channels = 1
		dst.Pix = grow(dst.Pix, w*h)
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				dst.Pix[y*w+x] = row[2*x] // the high byte: v >> 8
			}
		}
		return "I;16"
	case *image.YCbCr:
		ycbcrToRGB(m, dst)
		return "RGB"
	case *image.NRGBA:
		rgba8(m.Pix, m.Stride, w, h, dst, false)
		return "RGBA"
	case *image.RGBA:
		rgba8(m.Pix, m.Stride, w, h, dst, true)
		return "RGBA"
	case *image.NRGBA64:
		rgba16(m.Pix, m.Stride, w, h, dst, false)
		if dst.Alpha == nil {
			return "RGB;16"
		}
		return "RGBA;16"
	case *image.RGBA64:
		rgba16(m.Pix, m.Stride, w, h, dst, true)
		if dst.Alpha == nil {
			return "RGB;16"
		}
		return "RGBA;16"
	case *image.Paletted:
		paletted(m, dst)
		return "P"
	case *image.CMYK:
		dst.Channels = 3
		dst.Pix = grow(dst.Pix, w*h*3)
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			out := dst.Pix[y*w*3:]
			for x := 0; x < w; x++ {
				rr, gg, bb := color.CMYKToRGB(row[4*x], row[4*x+1], row[4*x+2], row[4*x+3])
				out[3*x], out[3*x+1], out[3*x+2] = rr, gg, bb
			}
		}
		return "CMYK"
	}
	// Anything else (rare decoder outputs): through the colour model, once.
	dst.Channels = 3
	dst.Pix = grow(dst.Pix, w*h*3)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBAModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.NRGBA)
			i := (y*w + x) * 3
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2] = c.R, c.G, c.B
		}
	}
	return "RGB"
}

// Chroma contributions of image/color.YCbCrToRGB, by component value:
// R = Y·0x10101 + 91881·Cr′, G = Y·0x10101 − 22554·Cb′ − 46802·Cr′,
// B = Y·0x10101 + 116130·Cb′ (Cb′ = Cb − 128, Cr′ = Cr − 128), then >> 16
// clamped to 0..255.
var crR, cbG, crG, cbB [256]int32

// clamp16 maps ((v >> 16) + 512) & 1023 to v >> 16 clamped to 0..255; for
// the sums above, v >> 16 lies in −180..486, so the mask never wraps.
var clamp16 [1024]uint8

func init() {
	for i := 0; i < 256; i++ {
		c := int32(i) - 128
		crR[i] = 91881 * c
		cbG[i] = -22554 * c
		crG[i] = -46802 * c
		cbB[i] = 116130 * c
	}
	for i := range clamp16 {
		clamp16[i] = uint8(min(max(i-512, 0), 255))
	}
}

// ycbcrToRGB converts JPEG planes to interleaved RGB with the arithmetic of
// image/color.YCbCrToRGB (bit for bit), reading the subsampled chroma planes
// row by row.
func ycbcrToRGB(m *image.YCbCr, dst *raster.Image) {
	w, h := dst.Width, dst.Height
	dst.Channels = 3
	dst.Pix = grow(dst.Pix, w*h*3)
	var hs, vs uint // horizontal and vertical chroma subsampling shifts
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		hs = 1
	case image.YCbCrSubsampleRatio420:
		hs, vs = 1, 1
	case image.YCbCrSubsampleRatio440:
		vs = 1
	case image.YCbCrSubsampleRatio411:
		hs = 2
	case image.YCbCrSubsampleRatio410:
		hs, vs = 2, 1
	}
	r := m.Rect
	if hs == 1 && r.Min.X == 0 {
		// 4:2:0 and 4:2:2, the common JPEGs: one chroma sample for two pixels.
		for y := 0; y < h; y++ {
			Y := r.Min.Y + y
			yrow := m.Y[y*m.YStride : y*m.YStride+w]
			crow := ((Y >> vs) - (r.Min.Y >> vs)) * m.CStride
			half := (w + 1) / 2
			cb, cr := m.Cb[crow:crow+half], m.Cr[crow:crow+half]
			out := dst.Pix[y*w*3 : (y+1)*w*3]
			for cx := 0; cx < w/2; cx++ {
				cbv, crv := cb[cx], cr[cx]
				rA, gA, bA := crR[crv], cbG[cbv]+crG[crv], cbB[cbv]
				yp := yrow[2*cx : 2*cx+2 : 2*cx+2]
				y0, y1 := int32(yp[0])*0x10101, int32(yp[1])*0x10101
				o := out[6*cx : 6*cx+6 : 6*cx+6]
				o[0] = clamp16[((y0+rA)>>16+512)&1023]
				o[1] = clamp16[((y0+gA)>>16+512)&1023]
				o[2] = clamp16[((y0+bA)>>16+512)&1023]
				o[3] = clamp16[((y1+rA)>>16+512)&1023]
				o[4] = clamp16[((y1+gA)>>16+512)&1023]
				o[5] = clamp16[((y1+bA)>>16+512)&1023]
			}
			if w%2 == 1 {
				x := w - 1
				cbv, crv := cb[x/2], cr[x/2]
				yy := int32(yrow[x]) * 0x10101
				out[3*x] = clamp16[((yy+crR[crv])>>16+512)&1023]
				out[3*x+1] = clamp16[((yy+cbG[cbv]+crG[crv])>>16+512)&1023]
				out[3*x+2] = clamp16[((yy+cbB[cbv])>>16+512)&1023]
			}
		}
		return
	}
	x0 := r.Min.X >> hs
	for y := 0; y < h; y++ {
		Y := r.Min.Y + y
		yrow := m.Y[y*m.YStride : y*m.YStride+w]
		crow := ((Y >> vs) - (r.Min.Y >> vs)) * m.CStride
		cb, cr := m.Cb[crow:], m.Cr[crow:]
		out := dst.Pix[y*w*3 : (y+1)*w*3]
		for x, yv := range yrow {
			ci := ((r.Min.X + x) >> hs) - x0
			cbv, crv := cb[ci], cr[ci]
			yy := int32(yv) * 0x10101
			o := out[3*x : 3*x+3 : 3*x+3]
			o[0] = clamp16[((yy+crR[crv])>>16+512)&1023]
			o[1] = clamp16[((yy+cbG[cbv]+crG[crv])>>16+512)&1023]
			o[2] = clamp16[((yy+cbB[cbv])>>16+512)&1023]
		}
	}
}

// rgba8 splits 8-bit RGBA into RGB and alpha; premultiplied colour is
// un-premultiplied as PIL stores it. The alpha plane is kept even when it
// is 255 everywhere: an RGBA PNG stays RGBA in PIL.
func rgba8(pix []byte, stride, w, h int, dst *raster.Image, premultiplied bool) {
	dst.Channels = 3
	dst.Pix = grow(dst.Pix, w*h*3)
	alpha := make([]byte, w*h)
	for y := 0; y < h; y++ {
		row := pix[y*stride:]
		for x := 0; x < w; x++ {
			rr, gg, bb, a := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
			if premultiplied && a != 0 && a != 255 {
				rr = uint8(uint32(rr) * 255 / uint32(a))
				gg = uint8(uint32(gg) * 255 / uint32(a))
				bb = uint8(uint32(bb) * 255 / uint32(a))
			}
			i := y*w + x
			dst.Pix[3*i], dst.Pix[3*i+1], dst.Pix[3*i+2] = rr, gg, bb
			alpha[i] = a
		}
	}
	dst.Alpha = alpha
}

// rgba16 keeps the high byte of 16-bit channels; alpha is kept only when
// some pixel is not opaque (16-bit RGB PNGs decode as opaque RGBA64).
func rgba16(pix []byte, stride, w, h int, dst *raster.Image, premultiplied bool) {
	dst.Channels = 3
	dst.Pix = grow(dst.Pix, w*h*3)
	alpha := make([]byte, w*h)
	opaque := true
	for y := 0; y < h; y++ {
		row := pix[y*stride:]
		for x := 0; x < w; x++ {
			r16 := uint32(row[8*x])<<8 | uint32(row[8*x+1])
			g16 := uint32(row[8*x+2])<<8 | uint32(row[8*x+3])
			b16 := uint32(row[8*x+4])<<8 | uint32(row[8*x+5])
			a16 := uint32(row[8*x+6])<<8 | uint32(row[8*x+7])
			if premultiplied && a16 != 0 && a16 != 0xffff {
				r16, g16, b16 = r16*0xffff/a16, g16*0xffff/a16, b16*0xffff/a16
			}
			i := y*w + x
			dst.Pix[3*i], dst.Pix[3*i+1], dst.Pix[3*i+2] = uint8(r16>>8), uint8(g16>>8), uint8(b16>>8)
			alpha[i] = uint8(a16 >> 8)
			opaque = opaque && a16 == 0xffff
		}
	}
	if opaque {
		dst.Alpha = nil
	} else {
		dst.Alpha = alpha
	}
}

// paletted expands palette indices to RGB (gray when the palette is gray).
func paletted(m *image.Paletted, dst *raster.Image) {
	w, h := dst.Width, dst.Height
	var lut [256][4]byte
	gray := true
	for i, c := range m.Palette {
		if i >= 256 {
			break
		}
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		lut[i] = [4]byte{n.R, n.G, n.B, n.A}
		gray = gray && n.R == n.G && n.G == n.B
	}
	_ = gray // P stays P; effectively-gray detection happens on the pixels
	dst.Channels = 3
	dst.Pix = grow(dst.Pix, w*h*3)
	var alpha []byte
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride:]
		for x := 0; x < w; x++ {
			c := lut[row[x]]
			i := y*w + x
			dst.Pix[3*i], dst.Pix[3*i+1], dst.Pix[3*i+2] = c[0], c[1], c[2]
			if c[3] != 255 && alpha == nil {
				alpha = make([]byte, w*h)
				for j := range alpha[:i] {
					alpha[j] = 255
				}
			}
			if alpha != nil {
				alpha[i] = c[3]
			}
		}
	}
	dst.Alpha = alpha
}
