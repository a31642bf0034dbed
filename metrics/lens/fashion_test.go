package lens

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/npy"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// decodeImage decodes an image file as the collector does (metrics/imageio).
func decodeImage(t testing.TB, path string) *raster.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var img raster.Image
	var dec imageio.Decoder
	if _, err := dec.Decode(b, &img); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &img
}

// fashion describes the 1,000 Fashion-MNIST images of the fixture with the
// builtin lens, in path order.
func fashion(t testing.TB) Input {
	t.Helper()
	paths, err := filepath.Glob("../../fixtures/fashion-mnist-1k/*/*.png")
	if err != nil || len(paths) != 1000 {
		t.Fatalf("want 1,000 fixture images, found %d (%v)", len(paths), err)
	}
	slices.Sort(paths)
	in := Input{Vectors: &npy.Matrix[float32]{Rows: len(paths), Cols: BuiltinDims, Data: make([]float32, len(paths)*BuiltinDims)}}
	for i, p := range paths {
		rel, _ := filepath.Rel("../../fixtures/fashion-mnist-1k", p)
		in.IDs = append(in.IDs, filepath.ToSlash(rel))
		in.Classes = append(in.Classes, filepath.Base(filepath.Dir(p)))
		Describe(decodeImage(t, p), in.Vectors.Row(i))
	}
	return in
}
