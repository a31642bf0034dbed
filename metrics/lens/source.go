package lens

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/npy"
)

// Kinds of lens.
const (
	KindBuiltin = "builtin" // the pure-Go descriptor of each decoded image
	KindPixels  = "pixels"  // the luma of each decoded image, one dimension per pixel
	KindNPY     = "npy"     // vectors from a NumPy .npy file
	KindCSV     = "csv"     // vectors from a CSV file
)

// Spec is one lens as given on the command line, --lens NAME=SPEC:
//
//	NAME=builtin[,OPTIONS]
//	NAME=pixels[,OPTIONS]
//	NAME=npy:FILE[,OPTIONS]
//	NAME=csv:FILE[,OPTIONS]
//
// NAME matches ^[A-Za-z0-9_.-]+$ and keys the lens in the facts
// (/lenses/NAME). OPTIONS are comma-separated key=value pairs:
//
//	ids=FILE        sample ids, one per line, in the row order of the vectors
//	                (npy; default FILE.ids beside the vectors when it exists,
//	                else the rows follow the dataset's sample order)
//	model=TEXT      what produced the vectors, recorded in the facts
//	k=N             neighbours for the k-NN measures (default 10)
//	metric=M        cosine (default) or euclidean
//
// A CSV file has a header row; when its first field is "id" the first column
// holds the sample ids and fixes the row order, every other column is one
// dimension. File paths cannot contain commas.
type Spec struct {
	Name   string
	Kind   string
	Path   string
	IDs    string
	Model  string
	K      int
	Metric knn.Metric
	Raw    string // SPEC as given
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// ParseSpec parses one NAME=SPEC argument.
func ParseSpec(arg string) (Spec, error) {
	bad := func(format string, a ...any) (Spec, error) {
		return Spec{}, &problem.Usage{Msg: fmt.Sprintf("--lens %q: ", arg) + fmt.Sprintf(format, a...)}
	}
	name, spec, ok := strings.Cut(arg, "=")
	if !ok {
		return bad("want NAME=SPEC, e.g. L1=builtin or clip=npy:clip.npy")
	}
	if !nameRE.MatchString(name) {
		return bad("lens name %q: use letters, digits, '_', '.' and '-'", name)
	}
	s := Spec{Name: name, Raw: spec}
	fields := strings.Split(spec, ",")
	kind, path, _ := strings.Cut(fields[0], ":")
	switch kind {
	case KindBuiltin, KindPixels:
		if path != "" {
			return bad("%s takes no file", kind)
		}
	case KindNPY, KindCSV:
		if path == "" {
			return bad("%s needs a file: %s:FILE", kind, kind)
		}
	default:
		return bad("unknown kind %q: want builtin, pixels, npy:FILE or csv:FILE", kind)
	}
	s.Kind, s.Path = kind, path
	for _, f := range fields[1:] {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" {
			return bad("option %q: want key=value", f)
		}
		switch k {
		case "ids":
			if kind != KindNPY {
				return bad("ids= applies to npy lenses (a CSV names its ids in an id column)")
			}
			s.IDs = v
		case "model":
			s.Model = v
		case "k":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return bad("k=%s: want a whole number of at least 1", v)
			}
			s.K = n
		case "metric":
			if v != string(knn.Cosine) && v != string(knn.Euclidean) {
				return bad("metric=%s: want cosine or euclidean", v)
			}
			s.Metric = knn.Metric(v)
		default:
			return bad("unknown option %q (want ids, model, k or metric)", k)
		}
	}
	return s, nil
}

// ParseSpecs parses repeated --lens arguments; names must be unique.
func ParseSpecs(args []string) ([]Spec, error) {
	var out []Spec
	seen := map[string]bool{}
	for _, a := range args {
		s, err := ParseSpec(a)
		if err != nil {
			return nil, err
		}
		if seen[s.Name] {
			return nil, &problem.Usage{Msg: fmt.Sprintf("--lens %q: lens name %q given twice", a, s.Name)}
		}
		seen[s.Name] = true
		out = append(out, s)
	}
	return out, nil
}

// FromImages reports whether the lens's vectors are computed from the
// decoded images (builtin, pixels) rather than loaded from a file.
func (s Spec) FromImages() bool { return s.Kind == KindBuiltin || s.Kind == KindPixels }

// Source is what the facts record as the lens's source: "builtin", "pixels",
// "npy:<file name>" or "csv:<file name>" (the base name, so that facts carry
// no path of the machine that measured).
func (s Spec) Source() string {
	if s.FromImages() {
		return s.Kind
	}
	return s.Kind + ":" + filepath.Base(s.Path)
}

// Load reads the vectors of a file lens and returns them with one row per
// sample of ids (the dataset's samples, in the dataset's order). With an ids
// file (or a CSV id column), every sample must have exactly one row and every
// row must name a sample; without, the file must have one row per sample in
// the dataset's order. Errors name the file and the row or line.
func (s Spec) Load(ids []string) (*npy.Matrix[float32], error) {
	var m *npy.Matrix[float32]
	var rowIDs []string
	var lines []int // line of each row in idsFile (nil: row r is line r+1)
	var idsFile string
	switch s.Kind {
	case KindNPY:
		var err error
		if m, err = npy.ReadMatrix32(s.Path); err != nil {
			return nil, &problem.Error{Msg: err.Error()}
		}
		idsFile = s.IDs
		if idsFile == "" {
			if _, err := os.Stat(s.Path + ".ids"); err == nil {
				idsFile = s.Path + ".ids"
			}
		}
		if idsFile != "" {
			if rowIDs, err = ReadIDs(idsFile); err != nil {
				return nil, err
			}
			if len(rowIDs) != m.Rows {
				return nil, &problem.Error{File: idsFile, Msg: fmt.Sprintf("%d ids for the %d rows of %s", len(rowIDs), m.Rows, s.Path)}
			}
		}
	case KindCSV:
		var err error
		if m, rowIDs, lines, err = readCSV(s.Path); err != nil {
			return nil, err
		}
		idsFile = s.Path
	default:
		return nil, fmt.Errorf("lens %s: %s vectors are computed from the images, not loaded", s.Name, s.Kind)
	}
	if rowIDs == nil {
		if m.Rows != len(ids) {
			return nil, &problem.Error{File: s.Path, Msg: fmt.Sprintf("%d rows, but the dataset has %d samples (give the row order with ids=FILE or %s.ids)", m.Rows, len(ids), s.Path)}
		}
		return m, nil
	}
	return reorder(m, rowIDs, idsFile, lines, ids)
}

// reorder returns the rows of m (named by rowIDs, read from file, row r on
// line lines[r], or r+1 when lines is nil) in the order of ids.
func reorder(m *npy.Matrix[float32], rowIDs []string, file string, lines []int, ids []string) (*npy.Matrix[float32], error) {
	lineOf := func(r int) int {
		if lines != nil {
			return lines[r]
		}
		return r + 1
	}
	want := make(map[string]int, len(ids))
	for i, id := range ids {
		want[id] = i
	}
	row := make([]int, len(ids))
	for i := range row {
		row[i] = -1
	}
	for r, id := range rowIDs {
		i, ok := want[id]
		if !ok {
			return nil, &problem.Error{File: file, Line: lineOf(r), Msg: fmt.Sprintf("id %q (row %d) is not a sample of the dataset", id, r)}
		}
		if row[i] >= 0 {
			return nil, &problem.Error{File: file, Line: lineOf(r), Msg: fmt.Sprintf("id %q (row %d) repeats row %d", id, r, row[i])}
		}
		row[i] = r
	}
	out := &npy.Matrix[float32]{Rows: len(ids), Cols: m.Cols, Data: make([]float32, len(ids)*m.Cols)}
	for i, r := range row {
		if r < 0 {
			return nil, &problem.Error{File: file, Msg: fmt.Sprintf("no vector for sample %q (%d of the dataset's %d samples have none)", ids[i], countMissing(row), len(ids))}
		}
		copy(out.Row(i), m.Row(r))
	}
	return out, nil
}

func countMissing(row []int) int {
	n := 0
	for _, r := range row {
		if r < 0 {
			n++
		}
	}
	return n
}

// ReadIDs reads a sample-id file: one id per line (a final newline is
// optional, a trailing \r is dropped); an empty line is an error.
func ReadIDs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		id := strings.TrimSuffix(sc.Text(), "\r")
		if id == "" {
			return nil, &problem.Error{File: path, Line: len(ids) + 1, Msg: "empty id"}
		}
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, &problem.Error{File: path, Line: len(ids) + 1, Msg: err.Error()}
	}
	return ids, nil
}

// ReadCSV reads vectors from a CSV file with a header row. When the header's
// first field is "id" (any case), the first column holds sample ids, returned
// in ids (nil otherwise). Every other field must be a finite number.
func ReadCSV(path string) (*npy.Matrix[float32], []string, error) {
	m, ids, _, err := readCSV(path)
	return m, ids, err
}

// readCSV is ReadCSV that also returns the line of each row when there is
// an id column.
func readCSV(path string) (*npy.Matrix[float32], []string, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, nil, nil, csvProblem(path, err, "header")
	}
	head = slices.Clone(head) // ReuseRecord overwrites it
	hasID := strings.EqualFold(strings.TrimSpace(head[0]), "id")
	first := 0
	if hasID {
		first = 1
	}
	cols := len(head) - first
	if cols < 1 {
		return nil, nil, nil, &problem.Error{File: path, Line: 1, Msg: "no vector columns"}
	}
	m := &npy.Matrix[float32]{Cols: cols}
	var ids []string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, csvProblem(path, err, "")
		}
		line, _ := r.FieldPos(0)
		if hasID {
			if rec[0] == "" {
				return nil, nil, nil, &problem.Error{File: path, Line: line, Col: 1, Msg: "empty id"}
			}
			ids = append(ids, rec[0])
			lines = append(lines, line)
		}
		for j, s := range rec[first:] {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 32)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				_, col := r.FieldPos(first + j)
				return nil, nil, nil, &problem.Error{File: path, Line: line, Col: col, Msg: fmt.Sprintf("row %d, column %q: %q is not a finite number", m.Rows, head[first+j], s)}
			}
			m.Data = append(m.Data, float32(v))
		}
		m.Rows++
	}
	if m.Rows == 0 {
		return nil, nil, nil, &problem.Error{File: path, Msg: "no rows below the header"}
	}
	return m, ids, lines, nil
}

func csvProblem(path string, err error, what string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &problem.Error{File: path, Line: pe.Line, Col: pe.Column, Msg: pe.Err.Error()}
	}
	if err == io.EOF {
		return &problem.Error{File: path, Msg: "empty file (want a " + what + " row)"}
	}
	return &problem.Error{File: path, Msg: err.Error()}
}

// ReadLabels reads sample labels from a CSV file whose header names an "id"
// column and a "class" (or "label") column; other columns are ignored. It
// returns the ids and classes in file order. An empty class marks an
// unlabelled sample; a repeated id is an error.
func ReadLabels(path string) (ids, classes []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, nil, csvProblem(path, err, "header")
	}
	idCol, classCol := -1, -1
	for i, h := range head {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "id":
			idCol = i
		case "class", "label":
			if classCol < 0 {
				classCol = i
			}
		}
	}
	if idCol < 0 || classCol < 0 {
		return nil, nil, &problem.Error{File: path, Line: 1, Msg: fmt.Sprintf("header %q: want an id column and a class (or label) column", strings.Join(head, ","))}
	}
	seen := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvProblem(path, err, "")
		}
		line, _ := r.FieldPos(0)
		if len(rec) <= max(idCol, classCol) {
			return nil, nil, &problem.Error{File: path, Line: line, Msg: fmt.Sprintf("%d fields, want at least %d", len(rec), max(idCol, classCol)+1)}
		}
		id := rec[idCol]
		if id == "" {
			return nil, nil, &problem.Error{File: path, Line: line, Msg: "empty id"}
		}
		if prev, dup := seen[id]; dup {
			return nil, nil, &problem.Error{File: path, Line: line, Msg: fmt.Sprintf("id %q already on line %d", id, prev)}
		}
		seen[id] = line
		ids = append(ids, id)
		classes = append(classes, rec[classCol])
	}
	if len(ids) == 0 {
		return nil, nil, &problem.Error{File: path, Msg: "no rows below the header"}
	}
	return ids, classes, nil
}
