//go:build turbojpeg && cgo

package imageio

// #cgo LDFLAGS: -lturbojpeg
// #include <stdlib.h>
// #include <turbojpeg.h>
import "C"

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/qmcheck/qmcheck/metrics/raster"
)

// jpegDecoderName is recorded in the facts (collector.decoder).
const jpegDecoderName = "libjpeg-turbo (TurboJPEG tjDecompress2)"

func init() { fastJPEG = turboDecode }

// turboDecode decodes a JPEG with libjpeg-turbo's tjDecompress2 straight
// into dst: TJPF_GRAY for grayscale JPEGs, TJPF_RGB otherwise. CMYK/YCCK
// JPEGs are left to image/jpeg (returned as an error that is not a Problem).
func turboDecode(b []byte, dst *raster.Image) (string, error) {
	h := C.tjInitDecompress()
	if h == nil {
		return "", fmt.Errorf("tjInitDecompress failed")
	}
	defer C.tjDestroy(h)
	var w, ht, subsamp, cs C.int
	if C.tjDecompressHeader3(h, (*C.uchar)(unsafe.Pointer(&b[0])), C.ulong(len(b)), &w, &ht, &subsamp, &cs) != 0 {
		return "", fmt.Errorf("header: %s", C.GoString(C.tjGetErrorStr2(h)))
	}
	var pf C.int = C.TJPF_RGB
	ch := 3
	mode := "RGB"
	switch cs {
	case C.TJCS_GRAY:
		pf, ch, mode = C.TJPF_GRAY, 1, "L"
	case C.TJCS_CMYK, C.TJCS_YCCK:
		return "", fmt.Errorf("CMYK JPEG: decoded by image/jpeg")
	}
	n := int(w) * int(ht) * ch
	dst.Width, dst.Height, dst.Channels, dst.Alpha = int(w), int(ht), ch, nil
	dst.Pix = grow(dst.Pix, n)
	if C.tjDecompress2(h, (*C.uchar)(unsafe.Pointer(&b[0])), C.ulong(len(b)), (*C.uchar)(unsafe.Pointer(&dst.Pix[0])), w, 0, ht, pf, 0) != 0 {
		msg := C.GoString(C.tjGetErrorStr2(h))
		switch {
		case strings.Contains(msg, "Premature end"):
			return "", &Problem{"truncated", "JPEG data ends early: " + msg}
		case C.tjGetErrorCode(h) == C.TJERR_WARNING:
			return mode, nil // a recoverable warning: the image decoded
		}
		return "", &Problem{"undecodable", "JPEG data: " + msg}
	}
	return mode, nil
}
