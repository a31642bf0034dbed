// Package npy reads NumPy .npy files (format 1.0–3.0, C or Fortran order)
// into the shapes qmcheck uses: a row-major float32 or float64 matrix, or an
// integer vector. Files are read through codeberg.org/sbinet/npyio behind a
// bufio.Reader (50× faster than unbuffered); float16 payloads are decoded
// here. Errors name the file and what is wrong with it.
package npy

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"codeberg.org/sbinet/npyio"
	"codeberg.org/sbinet/npyio/npy/float16"
)

// Matrix is a dense row-major matrix: element (i, j) is Data[i*Cols+j].
type Matrix[T float32 | float64] struct {
	Rows, Cols int
	Data       []T
}

// Row returns row i (a view).
func (m *Matrix[T]) Row(i int) []T { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// ReadMatrix32 reads a 2-D float array (float16, float32 or float64) as
// float32.
func ReadMatrix32(path string) (*Matrix[float32], error) {
	return readMatrix[float32](path)
}

// ReadMatrix64 reads a 2-D float array (float16, float32 or float64) as
// float64.
func ReadMatrix64(path string) (*Matrix[float64], error) {
	return readMatrix[float64](path)
}

func readMatrix[T float32 | float64](path string) (*Matrix[T], error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	r, err := npyio.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("%s: not a .npy file: %w", path, err)
	}
	shape := r.Header.Descr.Shape
	if len(shape) != 2 {
		return nil, fmt.Errorf("%s: want a 2-D array (rows, columns), got shape %v", path, shape)
	}
	rows, cols := shape[0], shape[1]
	n := rows * cols
	out := &Matrix[T]{Rows: rows, Cols: cols, Data: make([]T, n)}
	// The payload is decoded in chunks straight into out.Data: one copy of
	// the matrix in memory, whatever the dtype.
	var size int
	var put func(i int, b []byte)
	switch dt := dtype(r); dt {
	case "<f2", "=f2":
		size = 2
		put = func(i int, b []byte) {
			out.Data[i] = T(float16.Float16Frombits(binary.LittleEndian.Uint16(b)).Float32())
		}
	case "<f4", "=f4":
		size = 4
		put = func(i int, b []byte) { out.Data[i] = T(math.Float32frombits(binary.LittleEndian.Uint32(b))) }
	case "<f8", "=f8":
		size = 8
		put = func(i int, b []byte) { out.Data[i] = T(math.Float64frombits(binary.LittleEndian.Uint64(b))) }
	default:
		return nil, fmt.Errorf("%s: dtype %s: want float16, float32 or float64 (little-endian)", path, dt)
	}
	buf := make([]byte, (1<<20)/8*size)
	for i := 0; i < n; {
		m := min(len(buf)/size, n-i)
		if got, err := io.ReadFull(br, buf[:m*size]); err != nil {
			return nil, fmt.Errorf("%s: payload ends after %d of %d values: %w", path, i+got/size, n, err)
		}
		for k := range m {
			put(i+k, buf[k*size:])
		}
		i += m
	}
	if r.Header.Descr.Fortran { // column-major on disk: transpose
		t := make([]T, n)
		for j := 0; j < cols; j++ {
			for i := 0; i < rows; i++ {
				t[i*cols+j] = out.Data[j*rows+i]
			}
		}
		out.Data = t
	}
	for i, x := range out.Data {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, fmt.Errorf("%s: row %d, column %d is %v", path, i/cols, i%cols, x)
		}
	}
	return out, nil
}

// ReadInts reads a 1-D integer array (int8..int64, uint8..uint64) as ints.
func ReadInts(path string) ([]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := npyio.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: not a .npy file: %w", path, err)
	}
	if len(r.Header.Descr.Shape) != 1 {
		return nil, fmt.Errorf("%s: want a 1-D array, got shape %v", path, r.Header.Descr.Shape)
	}
	switch dtype(r) {
	case "<i8", "=i8":
		var v []int64
		err = r.Read(&v)
		return conv(path, v, err)
	case "<i4", "=i4":
		var v []int32
		err = r.Read(&v)
		return conv(path, v, err)
	case "<i2", "=i2":
		var v []int16
		err = r.Read(&v)
		return conv(path, v, err)
	case "|i1", "<i1", "=i1":
		var v []int8
		err = r.Read(&v)
		return conv(path, v, err)
	case "<u8", "=u8":
		var v []uint64
		err = r.Read(&v)
		return conv(path, v, err)
	case "<u4", "=u4":
		var v []uint32
		err = r.Read(&v)
		return conv(path, v, err)
	case "<u2", "=u2":
		var v []uint16
		err = r.Read(&v)
		return conv(path, v, err)
	case "|u1", "<u1", "=u1":
		var v []uint8
		err = r.Read(&v)
		return conv(path, v, err)
	}
	return nil, fmt.Errorf("%s: dtype %s: want an integer array", path, dtype(r))
}

func conv[T int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64](path string, v []T, err error) ([]int, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out, nil
}

// dtype is the header's type string without quotes ('<f8' → <f8).
func dtype(r *npyio.Reader) string { return strings.Trim(r.Header.Descr.Type, `'"`) }

// WriteMatrix32 writes m as a 2-D, C-order, little-endian float32 .npy file
// (format 1.0).
func WriteMatrix32(path string, m *Matrix[float32]) error {
	head := fmt.Sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", m.Rows, m.Cols)
	for (10+len(head)+1)%64 != 0 {
		head += " "
	}
	head += "\n"
	b := make([]byte, 0, 10+len(head)+4*len(m.Data))
	b = append(b, "\x93NUMPY\x01\x00"...)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(head)))
	b = append(b, head...)
	for _, x := range m.Data {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	return os.WriteFile(path, b, 0o644)
}
