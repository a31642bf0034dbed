// Package idx reads unsigned-byte IDX files (the MNIST / Fashion-MNIST
// format), gzip-compressed or not, and can write their images out as an
// ImageFolder of PNG files. Tests use it to compare what the collector
// measures with the bytes of the original dataset.
package idx

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Read returns the dimensions and the payload of an unsigned-byte IDX file.
func Read(path string) ([]int, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	var magic [4]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 {
		return nil, nil, fmt.Errorf("%s: not an unsigned-byte IDX file (magic % x)", path, magic)
	}
	dims := make([]int, magic[3])
	n := 1
	for i := range dims {
		var d uint32
		if err := binary.Read(r, binary.BigEndian, &d); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		dims[i] = int(d)
		n *= int(d)
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, nil, fmt.Errorf("%s: payload: %w", path, err)
	}
	return dims, data, nil
}

// ExportPNG writes images (N×H×W) with their labels as out/<names[label]>/<index>.png,
// the layout of fashion_mnist_to_folder.py, and returns how many it wrote.
func ExportPNG(images string, labels string, names []string, out string, limit int) (int, error) {
	dims, pix, err := Read(images)
	if err != nil {
		return 0, err
	}
	ldims, lab, err := Read(labels)
	if err != nil {
		return 0, err
	}
	if len(dims) != 3 || len(ldims) != 1 || dims[0] != ldims[0] {
		return 0, fmt.Errorf("shapes %v and %v do not match", dims, ldims)
	}
	n, h, w := dims[0], dims[1], dims[2]
	if limit > 0 && limit < n {
		n = limit
	}
	for i := 0; i < n; i++ {
		if int(lab[i]) >= len(names) {
			return i, fmt.Errorf("label %d of image %d has no name", lab[i], i)
		}
		dir := filepath.Join(out, names[lab[i]])
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return i, err
		}
		img := &image.Gray{Pix: pix[i*h*w : (i+1)*h*w], Stride: w, Rect: image.Rect(0, 0, w, h)}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%d.png", i)))
		if err != nil {
			return i, err
		}
		if err := png.Encode(f, img); err != nil {
			f.Close()
			return i, err
		}
		if err := f.Close(); err != nil {
			return i, err
		}
	}
	return n, nil
}

// FashionMNIST names the ten Fashion-MNIST classes as fashion_mnist_to_folder.py does.
var FashionMNIST = []string{"t-shirt_top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle_boot"}

// DebianDir is where Debian's dataset-fashion-mnist package installs the files.
const DebianDir = "/usr/share/datasets/fashion-mnist"
