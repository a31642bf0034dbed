package report

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"image"
	"image/draw"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	xdraw "golang.org/x/image/draw"

	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// maxThumbSourcePixels bounds the images decoded for thumbnails (a
// decompression bomb costs nothing to store).
const maxThumbSourcePixels = 100_000_000

// Thumb is one sample's thumbnail: an inline PNG data URI, or why there is
// none.
type Thumb struct {
	ID      string
	Name    string       // the id's last element, shown under the image (the id is its title)
	URI     template.URL // data:image/png;base64,…; empty when Err is set
	W, H    int          // thumbnail size in pixels
	Err     string       // "not found", "not an image: …"
	Caption string       // class, value, suggestion…
}

// thumbnailer makes thumbnails of samples under a dataset root, each once.
type thumbnailer struct {
	root  string
	size  int
	cache map[string]Thumb
}

func newThumbnailer(root string, size int) *thumbnailer {
	if size <= 0 {
		size = 72
	}
	return &thumbnailer{root: root, size: size, cache: map[string]Thumb{}}
}

// get returns the thumbnail of the sample id, a path relative to the root.
// Ids that are not local paths (absolute, or climbing out with "..") are
// refused, so a facts file cannot make the report read elsewhere.
func (t *thumbnailer) get(id string) Thumb {
	if th, ok := t.cache[id]; ok {
		return th
	}
	th := Thumb{ID: id, Name: path.Base(id)}
	rel := filepath.FromSlash(id)
	switch {
	case t.root == "":
		// No images root: the id is listed as text, which is no error.
	case !filepath.IsLocal(rel):
		th.Err = "not a path under the images root"
	default:
		uri, w, h, err := thumbnail(filepath.Join(t.root, rel), t.size)
		if err != nil {
			th.Err = err.Error()
		} else {
			th.URI, th.W, th.H = uri, w, h
		}
	}
	t.cache[id] = th
	return th
}

// thumbnail decodes an image file with metrics/imageio (the collector's
// decoder: format sniffed from the bytes, pixel limit checked before
// decoding, failures named with the facts' reasons) and returns it fitted in
// a size×size box as a PNG data URI: scaled down with Catmull-Rom, or scaled
// up by a whole factor with nearest neighbour so that small images (28×28)
// stay crisp. Gray stays gray.
func thumbnail(file string, size int) (template.URL, int, int, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", 0, 0, errors.New("not found")
		}
		return "", 0, 0, err
	}
	dec := imageio.Decoder{MaxPixels: maxThumbSourcePixels}
	var ras raster.Image
	if _, err := dec.Decode(b, &ras); err != nil {
		return "", 0, 0, fmt.Errorf("not an image: %v", err)
	}
	src := asImage(&ras)
	w, h := ras.Width, ras.Height
	canvas := func(r image.Rectangle) draw.Image {
		if ras.Gray() {
			return image.NewGray(r)
		}
		return image.NewRGBA(r)
	}
	var dst draw.Image
	if w <= size && h <= size {
		k := max(1, min(size/w, size/h))
		dst = canvas(image.Rect(0, 0, w*k, h*k))
		xdraw.NearestNeighbor.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	} else {
		tw, th := size, size
		if w >= h {
			th = max(1, h*size/w)
		} else {
			tw = max(1, w*size/h)
		}
		dst = canvas(image.Rect(0, 0, tw, th))
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, dst); err != nil {
		return "", 0, 0, err
	}
	ob := dst.Bounds()
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())), ob.Dx(), ob.Dy(), nil
}

// asImage views a raster as an image.Image: gray as it is, R,G,B expanded to
// opaque RGBA (alpha, kept apart in the raster, is not shown).
func asImage(r *raster.Image) image.Image {
	rect := image.Rect(0, 0, r.Width, r.Height)
	if r.Gray() {
		return &image.Gray{Pix: r.Pix, Stride: r.Width, Rect: rect}
	}
	out := image.NewRGBA(rect)
	n := r.Width * r.Height
	for i := 0; i < n; i++ {
		copy(out.Pix[4*i:4*i+3], r.Pix[3*i:3*i+3])
		out.Pix[4*i+3] = 0xff
	}
	return out
}
