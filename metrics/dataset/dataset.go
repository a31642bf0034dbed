// Package dataset discovers the samples of an image dataset: which files,
// which class and split each belongs to, and what is not a sample. It reads
// only: nothing is ever written beside the dataset.
//
// Layouts:
//   - imagefolder: ROOT/<class>/<file>
//   - imagefolder-splits: ROOT/<split>/<class>/<file>, when every top-level
//     folder is a split name (train, test, val, validation, valid, dev) —
//     or when the caller names the splits
//   - hf-imagefolder: Hugging Face "imagefolder" — a metadata.jsonl or
//     metadata.csv with a file_name column (and a label column) in ROOT or in
//     each split folder
//   - manifest-csv / manifest-jsonl: a file listing path, label[, split]
//
// Files outside any class are unlabelled samples, not dropped. Files that are
// not images by their extension are listed as skipped. Symbolic links to
// files are followed; a link that loops or dangles, or a file that cannot be
// read, is a finding, never a crash.
package dataset

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/imageio"
)

// Sample is one file to measure.
type Sample struct {
	ID    string // path relative to the root, slash-separated, as the facts name it
	Path  string // path to open
	Class string // "" when unlabelled
	Split string // "" when the dataset has no splits
	Size  int64
	// Problem is set when the file cannot be read at all (symlink loop,
	// permission, not a regular file); the sample is then a finding.
	Problem *imageio.Problem
	// NonUTF8 is set when the file name is not valid UTF-8 (ID is escaped).
	NonUTF8 bool
}

// Dataset is what discovery found.
type Dataset struct {
	Root    string
	Layout  string
	Samples []Sample // sorted by ID
	Classes []string // every class seen, including empty ones, sorted
	Empty   []string // classes declared by a folder or a manifest with no sample
	Splits  []string // sorted; empty when the dataset has no splits
	Skipped []string // files that are not samples (README, manifests), by ID
	BadRows int      // manifest rows with an empty path or label
}

// Options tune discovery.
type Options struct {
	Manifest string   // a CSV or JSON-lines manifest (path,label[,split]); "" to walk ROOT
	Splits   []string // split folder names; nil to detect the usual ones
}

var defaultSplits = map[string]bool{"train": true, "test": true, "val": true, "validation": true, "valid": true, "dev": true}

// IsImageName reports whether a file name has an image extension.
func IsImageName(name string) bool { return imageio.ExtFormat(name) != "" }

// Discover finds the samples under root.
func Discover(root string, o Options) (*Dataset, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, &problem.Usage{Msg: fmt.Sprintf("dataset %s: %v", root, err)}
	}
	if o.Manifest != "" {
		if !st.IsDir() {
			return nil, &problem.Usage{Msg: fmt.Sprintf("dataset root %s is not a directory", root)}
		}
		return fromManifest(root, o.Manifest)
	}
	if !st.IsDir() {
		return nil, &problem.Usage{Msg: fmt.Sprintf("dataset %s is not a directory (give a folder, or --manifest)", root)}
	}
	for _, meta := range []string{"metadata.jsonl", "metadata.csv"} {
		if _, err := os.Stat(filepath.Join(root, meta)); err == nil {
			return fromHF(root)
		}
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, &problem.Usage{Msg: fmt.Sprintf("dataset %s: %v", root, err)}
	}
	splitNames := defaultSplits
	if o.Splits != nil {
		splitNames = map[string]bool{}
		for _, s := range o.Splits {
			splitNames[s] = true
		}
	}
	dirs, splitDirs := 0, 0
	for _, e := range entries {
		if isDir(root, e) {
			dirs++
			if splitNames[e.Name()] {
				splitDirs++
			}
		}
	}
	d := &Dataset{Root: root, Layout: "imagefolder"}
	if dirs > 0 && splitDirs == dirs {
		d.Layout = "imagefolder-splits"
		for _, e := range entries {
			if !isDir(root, e) {
				d.add(root, e.Name(), "", "", false)
				continue
			}
			if metaHF(filepath.Join(root, e.Name())) {
				return fromHF(root)
			}
			d.Splits = append(d.Splits, e.Name())
			d.walkClasses(filepath.Join(root, e.Name()), e.Name()+"/", e.Name())
		}
	} else {
		d.walkClasses(root, "", "")
	}
	d.finish()
	return d, nil
}

func isDir(root string, e fs.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&fs.ModeSymlink != 0 {
		st, err := os.Stat(filepath.Join(root, e.Name()))
		return err == nil && st.IsDir()
	}
	return false
}

func metaHF(dir string) bool {
	for _, m := range []string{"metadata.jsonl", "metadata.csv"} {
		if _, err := os.Stat(filepath.Join(dir, m)); err == nil {
			return true
		}
	}
	return false
}

// walkClasses treats each folder of dir as a class; files directly in dir
// are unlabelled; files deeper in a class folder belong to that class.
func (d *Dataset) walkClasses(dir, prefix, split string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		d.Samples = append(d.Samples, Sample{ID: prefix, Path: dir, Split: split, Problem: &imageio.Problem{Reason: "unreadable", Detail: err.Error()}})
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if isDir(dir, e) {
			class := e.Name()
			before := len(d.Samples)
			d.walkTree(p, prefix+escape(class)+"/", escape(class), split, 0)
			n := 0
			for _, s := range d.Samples[before:] {
				if s.Class == escape(class) {
					n++
				}
			}
			d.Classes = append(d.Classes, escape(class))
			if n == 0 {
				d.Empty = append(d.Empty, escape(class))
			}
			continue
		}
		d.add(dir, e.Name(), prefix, split, false)
	}
}

// walkTree adds every file below dir to class (directory symlinks are not
// followed: a loop cannot form).
func (d *Dataset) walkTree(dir, prefix, class, split string, depth int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		d.Samples = append(d.Samples, Sample{ID: strings.TrimSuffix(prefix, "/"), Path: dir, Class: class, Split: split,
			Problem: &imageio.Problem{Reason: "unreadable", Detail: "folder: " + err.Error()}})
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			d.walkTree(filepath.Join(dir, e.Name()), prefix+escape(e.Name())+"/", class, split, depth+1)
			continue
		}
		d.addClass(dir, e.Name(), prefix, class, split)
	}
}

func (d *Dataset) add(dir, name, prefix, split string, _ bool) {
	d.addClass(dir, name, prefix, "", split)
}

// addClass records the file name in dir: a sample when its extension says
// image, a skipped file otherwise; links and unreadable files become findings.
func (d *Dataset) addClass(dir, name, prefix, class, split string) {
	p := filepath.Join(dir, name)
	id := prefix + escape(name)
	s := Sample{ID: id, Path: p, Class: class, Split: split, NonUTF8: !utf8.ValidString(name)}
	lst, err := os.Lstat(p)
	if err != nil {
		s.Problem = &imageio.Problem{Reason: "unreadable", Detail: err.Error()}
		d.Samples = append(d.Samples, s)
		return
	}
	st := lst
	if lst.Mode()&fs.ModeSymlink != 0 {
		st, err = os.Stat(p)
		if err != nil {
			var pe *fs.PathError
			switch {
			case errors.As(err, &pe) && errors.Is(pe.Err, syscall.ELOOP):
				s.Problem = &imageio.Problem{Reason: "symlink_loop", Detail: "symbolic link loop"}
			case errors.Is(err, fs.ErrNotExist):
				s.Problem = &imageio.Problem{Reason: "unreadable", Detail: "dangling symbolic link"}
			default:
				s.Problem = &imageio.Problem{Reason: "unreadable", Detail: err.Error()}
			}
			d.Samples = append(d.Samples, s)
			return
		}
		if st.IsDir() {
			d.Skipped = append(d.Skipped, id+" (link to a folder, not followed)")
			return
		}
	}
	if !IsImageName(name) {
		d.Skipped = append(d.Skipped, id)
		return
	}
	if !st.Mode().IsRegular() {
		s.Problem = &imageio.Problem{Reason: "unreadable", Detail: "not a regular file (" + st.Mode().Type().String() + ")"}
		d.Samples = append(d.Samples, s)
		return
	}
	s.Size = st.Size()
	d.Samples = append(d.Samples, s)
}

// escape makes a file name valid UTF-8 for the facts: each byte of an
// invalid sequence becomes \xNN (and a backslash \\), so distinct names stay
// distinct.
func escape(name string) string {
	if utf8.ValidString(name) && !strings.Contains(name, `\x`) {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		r, n := utf8.DecodeRuneInString(name[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, name[i])
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(name[i : i+n])
		}
		i += n
	}
	return b.String()
}

func (d *Dataset) finish() {
	sort.Slice(d.Samples, func(i, j int) bool { return d.Samples[i].ID < d.Samples[j].ID })
	seen := map[string]bool{}
	var classes []string
	for _, c := range d.Classes {
		if !seen[c] {
			seen[c] = true
			classes = append(classes, c)
		}
	}
	for _, s := range d.Samples {
		if s.Class != "" && !seen[s.Class] {
			seen[s.Class] = true
			classes = append(classes, s.Class)
		}
	}
	sort.Strings(classes)
	d.Classes = classes
	// A class is empty only if no split has a sample of it.
	has := map[string]bool{}
	for _, s := range d.Samples {
		has[s.Class] = true
	}
	var empty []string
	for _, c := range classes {
		if !has[c] {
			empty = append(empty, c)
		}
	}
	d.Empty = empty
	sort.Strings(d.Skipped)
	sort.Strings(d.Splits)
}

// fromManifest reads path,label[,split] rows (CSV with a header naming
// path/file_name/filepath and label/class, or JSON lines with those keys).
func fromManifest(root, manifest string) (*Dataset, error) {
	rows, err := readRows(manifest)
	if err != nil {
		return nil, err
	}
	layout := "manifest-csv"
	if strings.HasSuffix(strings.ToLower(manifest), ".jsonl") || strings.HasSuffix(strings.ToLower(manifest), ".json") {
		layout = "manifest-jsonl"
	}
	d := &Dataset{Root: root, Layout: layout}
	if err := d.fromRows(root, rows, "", manifest); err != nil {
		return nil, err
	}
	d.finish()
	return d, nil
}

// fromHF reads Hugging Face imagefolder metadata in root or in its split folders.
func fromHF(root string) (*Dataset, error) {
	d := &Dataset{Root: root, Layout: "hf-imagefolder"}
	var metas []struct{ dir, split, file string }
	for _, m := range []string{"metadata.jsonl", "metadata.csv"} {
		if _, err := os.Stat(filepath.Join(root, m)); err == nil {
			metas = append(metas, struct{ dir, split, file string }{root, "", filepath.Join(root, m)})
			break
		}
	}
	if len(metas) == 0 {
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if !isDir(root, e) {
				continue
			}
			for _, m := range []string{"metadata.jsonl", "metadata.csv"} {
				if f := filepath.Join(root, e.Name(), m); fileExists(f) {
					metas = append(metas, struct{ dir, split, file string }{filepath.Join(root, e.Name()), e.Name(), f})
					d.Splits = append(d.Splits, e.Name())
					break
				}
			}
		}
	}
	listed := map[string]bool{}
	for _, m := range metas {
		rows, err := readRows(m.file)
		if err != nil {
			return nil, err
		}
		if err := d.fromRows(m.dir, rows, m.split, m.file); err != nil {
			return nil, err
		}
	}
	for _, s := range d.Samples {
		listed[s.ID] = true
	}
	// Images under the root that no metadata row names are unlabelled samples.
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		id := escapePath(filepath.ToSlash(rel))
		if listed[id] {
			return nil
		}
		if IsImageName(e.Name()) {
			d.addClass(filepath.Dir(p), e.Name(), prefixOf(id), "", splitOf(id, d.Splits))
		} else {
			d.Skipped = append(d.Skipped, id)
		}
		return nil
	})
	d.finish()
	return d, nil
}

func prefixOf(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[:i+1]
	}
	return ""
}

func splitOf(id string, splits []string) string {
	for _, s := range splits {
		if strings.HasPrefix(id, s+"/") {
			return s
		}
	}
	return ""
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = escape(s)
	}
	return strings.Join(parts, "/")
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

type row struct {
	line               int
	path, label, split string
}

// readRows reads a manifest: CSV with a header, or JSON lines.
func readRows(file string) ([]row, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, &problem.Usage{Msg: fmt.Sprintf("manifest: %v", err)}
	}
	defer f.Close()
	lower := strings.ToLower(file)
	pathKeys := []string{"path", "file_name", "filepath", "file", "image"}
	labelKeys := []string{"label", "class", "labels", "category"}
	if strings.HasSuffix(lower, ".jsonl") || strings.HasSuffix(lower, ".json") {
		var rows []row
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for line := 1; sc.Scan(); line++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				return nil, &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: line, Msg: "not a JSON object: " + err.Error()}}}
			}
			r := row{line: line, path: pick(m, pathKeys), label: pick(m, labelKeys), split: pick(m, []string{"split"})}
			if r.path == "" && !hasAny(m, pathKeys) {
				return nil, &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: line, Msg: "no path key (" + strings.Join(pathKeys, ", ") + ")"}}}
			}
			rows = append(rows, r)
		}
		return rows, sc.Err()
	}
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: 1, Msg: "no CSV header: " + err.Error()}}}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	pc, lc, sc := find(col, pathKeys), find(col, labelKeys), find(col, []string{"split"})
	if pc < 0 {
		return nil, &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: 1, Msg: "the header names no path column (" + strings.Join(pathKeys, ", ") + ")"}}}
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: line, Msg: err.Error()}}}
		}
		get := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		rows = append(rows, row{line: line, path: get(pc), label: get(lc), split: get(sc)})
	}
	return rows, nil
}

func find(col map[string]int, keys []string) int {
	for _, k := range keys {
		if i, ok := col[k]; ok {
			return i
		}
	}
	return -1
}

func hasAny(m map[string]any, keys []string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func pick(m map[string]any, keys []string) string {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			switch x := v.(type) {
			case string:
				return x
			case float64:
				return fmt.Sprint(x)
			default:
				b, _ := json.Marshal(x)
				return string(b)
			}
		}
	}
	return ""
}

// fromRows turns manifest rows into samples; paths are relative to dir.
func (d *Dataset) fromRows(dir string, rows []row, split, file string) error {
	seen := map[string]int{}
	for _, r := range rows {
		if r.path == "" {
			d.BadRows++
			continue
		}
		if clean := path.Clean(filepath.ToSlash(r.path)); filepath.IsAbs(r.path) || clean == ".." || strings.HasPrefix(clean, "../") {
			return &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: r.line, Msg: fmt.Sprintf("path %q leaves the dataset root", r.path)}}}
		}
		rel := path.Clean(filepath.ToSlash(r.path))
		rootRel, _ := filepath.Rel(d.Root, filepath.Join(dir, rel))
		id := escapePath(filepath.ToSlash(rootRel))
		if prev, dup := seen[id]; dup {
			return &problem.List{What: "manifest", Errors: []*problem.Error{{File: file, Line: r.line, Msg: fmt.Sprintf("%s is listed twice (first on line %d)", r.path, prev)}}}
		}
		seen[id] = r.line
		sp := split
		if r.split != "" {
			sp = r.split
		}
		if sp != "" && !contains(d.Splits, sp) {
			d.Splits = append(d.Splits, sp)
		}
		if r.label == "" {
			d.BadRows++
		} else if !contains(d.Classes, r.label) {
			d.Classes = append(d.Classes, r.label)
		}
		full := filepath.Join(dir, filepath.FromSlash(rel))
		before := len(d.Samples)
		d.addClass(filepath.Dir(full), filepath.Base(full), prefixOf(id), r.label, sp)
		if len(d.Samples) == before { // not an image by name: still a sample the manifest declares
			d.Skipped = d.Skipped[:len(d.Skipped)-1]
			d.Samples = append(d.Samples, Sample{ID: id, Path: full, Class: r.label, Split: sp,
				Problem: &imageio.Problem{Reason: "unsupported_format", Detail: "the manifest lists a file without an image extension"}})
		}
		if s := &d.Samples[len(d.Samples)-1]; s.Problem != nil && strings.Contains(s.Problem.Detail, "no such file") {
			s.Problem = &imageio.Problem{Reason: "missing_file", Detail: fmt.Sprintf("%s line %d names a file that does not exist", filepath.Base(file), r.line)}
		}
	}
	sort.Strings(d.Splits)
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
