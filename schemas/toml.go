package schemas

import (
	"errors"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/qmcheck/qmcheck/evaluator/problem"
)

// TOMLDoc is a TOML file decoded into JSON-like values and validated
// against a schema, with the position of every key.
type TOMLDoc struct {
	File string
	Doc  map[string]any // dates as "YYYY-MM-DD", numbers as int64 or float64
	pos  map[string]Pos
}

// DecodeTOML decodes src (read from file), converts it to JSON-like values
// and validates it against the schema of kind k. Every problem — TOML syntax,
// a type mismatch, an unknown key, a missing field — comes back as a
// *problem.List located at the file's line and column.
func DecodeTOML(k Kind, file string, src []byte) (*TOMLDoc, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := pe.Position.Line, pe.Position.Col
			if pe.Position.Start > 0 && pe.Position.Start <= len(src) {
				line, col = lineCol(src, pe.Position.Start)
			}
			return nil, &problem.List{What: string(k), Errors: []*problem.Error{{File: file, Line: line, Col: col, Msg: "TOML: " + pe.Message}}}
		}
		return nil, &problem.List{What: string(k), Errors: []*problem.Error{{File: file, Msg: err.Error()}}}
	}
	d := &TOMLDoc{File: file, Doc: jsonable(raw).(map[string]any), pos: positions(src)}
	if err := Validate(k, d.Doc); err != nil {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		l := &problem.List{What: string(k)}
		for _, e := range ve.Errors {
			at := e.Pointer
			if len(e.Unknown) > 0 { // point at the unknown key, not its table
				at += "/" + escapeToken(e.Unknown[0])
			}
			l.Errors = append(l.Errors, d.Locate(at, e.Message))
		}
		return nil, l
	}
	return d, nil
}

// Locate builds a problem at a JSON pointer of the decoded document, placed
// at the line and column of the nearest key that exists in the file, and
// named by its dotted key ("qm.Bal-ML-3.thresholds.pass_min: ...").
func (d *TOMLDoc) Locate(pointer, msg string) *problem.Error {
	e := &problem.Error{File: d.File, Msg: msg}
	if p, ok := d.Pos(pointer); ok {
		e.Line, e.Col = p.Line, p.Col
	}
	key := strings.TrimPrefix(strings.ReplaceAll(pointer, "/", "."), ".")
	if key != "" {
		e.Msg = key + ": " + msg
	}
	return e
}

// Pos returns the position of the key at pointer, or of its nearest parent
// present in the file.
func (d *TOMLDoc) Pos(pointer string) (Pos, bool) {
	for q := pointer; ; {
		if p, ok := d.pos[q]; ok {
			return p, true
		}
		i := strings.LastIndexByte(q, '/')
		if i < 0 {
			return Pos{}, false
		}
		q = q[:i]
	}
}

func escapeToken(t string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(t) }

// lineCol is the 1-based line and column (in characters) of byte offset off;
// an offset on a line break belongs to the line it ends.
func lineCol(src []byte, off int) (int, int) {
	line, col := 1, 1
	for _, r := range string(src[:off]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// jsonable converts decoded TOML into JSON-schema-checkable values: dates
// become "YYYY-MM-DD" strings (date-times RFC 3339).
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	}
	return v
}
