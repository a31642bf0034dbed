package npy

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio"
	"codeberg.org/sbinet/npyio/npy/float16"
	"gonum.org/v1/gonum/mat"
)

func save(t *testing.T, name string, v any) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := npyio.Write(w, v); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	f.Close()
	return p
}

// raw writes a .npy v1.0 file with the given header dict and payload.
func raw(t *testing.T, dict string, payload []byte) string {
	t.Helper()
	h := dict
	for (10+len(h)+1)%64 != 0 {
		h += " "
	}
	h += "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(h)), byte(len(h)>>8))
	b = append(append(b, h...), payload...)
	p := filepath.Join(t.TempDir(), "raw.npy")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMatrices(t *testing.T) {
	d := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	p := save(t, "m.npy", d)
	m, err := ReadMatrix32(p)
	if err != nil || m.Rows != 2 || m.Cols != 3 || fmt.Sprint(m.Row(1)) != "[4 5 6]" {
		t.Fatalf("%+v %v", m, err)
	}
	m64, _ := ReadMatrix64(p)
	if m64.Data[5] != 6 {
		t.Fatal(m64.Data)
	}
	var half []byte
	for _, x := range []float32{0.5, -2, 1.25, 3} {
		half = binary.LittleEndian.AppendUint16(half, float16.New(x).Uint16())
	}
	m, err = ReadMatrix32(raw(t, "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }", half))
	if err != nil || fmt.Sprint(m.Data) != "[0.5 -2 1.25 3]" {
		t.Fatalf("float16: %v %v", m, err)
	}
	// Fortran order is transposed to rows.
	var f8 []byte
	for _, x := range []float64{1, 4, 2, 5, 3, 6} {
		f8 = binary.LittleEndian.AppendUint64(f8, mathFloat64bits(x))
	}
	m, err = ReadMatrix32(raw(t, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", f8))
	if err != nil || fmt.Sprint(m.Row(0)) != "[1 2 3]" {
		t.Fatalf("fortran: %v %v", m, err)
	}
}

func TestInts(t *testing.T) {
	v, err := ReadInts(save(t, "l.npy", []int64{2, 0, 1}))
	if err != nil || fmt.Sprint(v) != "[2 0 1]" {
		t.Fatal(v, err)
	}
	v, err = ReadInts(save(t, "l.npy", []uint8{7, 9}))
	if err != nil || fmt.Sprint(v) != "[7 9]" {
		t.Fatal(v, err)
	}
}

func TestErrors(t *testing.T) {
	for name, c := range map[string]struct {
		path func() string
		read func(string) error
		want string
	}{
		"not npy":   {func() string { return raw(t, "", nil)[:0] + writeText(t, "hello") }, read32, "not a .npy file"},
		"1-D":       {func() string { return save(t, "v.npy", []float64{1, 2}) }, read32, "want a 2-D array"},
		"ints":      {func() string { return save(t, "v.npy", mat.NewDense(1, 1, []float64{1})) }, readInts, "want a 1-D array"},
		"NaN":       {func() string { return save(t, "v.npy", mat.NewDense(1, 2, []float64{1, nan()})) }, read32, "row 0, column 1 is NaN"},
		"wrong int": {func() string { return save(t, "v.npy", []float64{1}) }, readInts, "want an integer array"},
	} {
		err := c.read(c.path())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func read32(p string) error   { _, err := ReadMatrix32(p); return err }
func readInts(p string) error { _, err := ReadInts(p); return err }

func writeText(t *testing.T, s string) string {
	p := filepath.Join(t.TempDir(), "x.npy")
	os.WriteFile(p, []byte(s), 0o644)
	return p
}

func mathFloat64bits(x float64) uint64 { return math.Float64bits(x) }

func nan() float64 { return math.NaN() }

// TestWriteReadRoundTrip writes a matrix larger than one read chunk and
// reads it back as float32 and float64; a payload cut short is an error.
func TestWriteReadRoundTrip(t *testing.T) {
	m := &Matrix[float32]{Rows: 300, Cols: 500, Data: make([]float32, 300*500)}
	for i := range m.Data {
		m.Data[i] = float32(i%977) - 0.25
	}
	p := filepath.Join(t.TempDir(), "m.npy")
	if err := WriteMatrix32(p, m); err != nil {
		t.Fatal(err)
	}
	got, err := ReadMatrix32(p)
	if err != nil || got.Rows != 300 || got.Cols != 500 || !slices.Equal(got.Data, m.Data) {
		t.Fatalf("float32: %v %d×%d", err, got.Rows, got.Cols)
	}
	g64, err := ReadMatrix64(p)
	if err != nil || g64.Data[149999] != float64(m.Data[149999]) {
		t.Fatalf("float64: %v", err)
	}
	b, _ := os.ReadFile(p)
	os.WriteFile(p, b[:len(b)-4], 0o644)
	if _, err := ReadMatrix32(p); err == nil || !strings.Contains(err.Error(), "149999 of 150000") {
		t.Errorf("truncated: %v", err)
	}
}
