// Package schemas holds the JSON Schemas (draft 2020-12) of qmcheck's three
// documents — facts, verdicts and profiles — and validates documents against
// them.
//
// The schemas are embedded, so the binary needs no files beside it. A
// validation failure is reported as a list of leaf errors, each located by a
// JSON pointer into the instance (RFC 6901), sorted by pointer.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed *.schema.json facts/*.schema.json
var files embed.FS

// FS returns the embedded schema files.
func FS() fs.FS { return files }

// Kind names one of the documents qmcheck reads or writes.
type Kind string

// The documents with a schema.
const (
	Facts    Kind = "facts"
	Verdicts Kind = "verdicts"
	Profile  Kind = "profile"
	Datacard Kind = "datacard"
)

const base = "https://qmcheck.dev/schemas/"

var (
	once     sync.Once
	compiled map[Kind]*jsonschema.Schema
	compErr  error
)

func load() {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	compErr = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("schemas/%s: %w", p, err)
		}
		return c.AddResource(base+p, doc)
	})
	if compErr != nil {
		return
	}
	compiled = map[Kind]*jsonschema.Schema{}
	for _, k := range []Kind{Facts, Verdicts, Profile, Datacard} {
		s, err := c.Compile(base + string(k) + ".schema.json")
		if err != nil {
			compErr = fmt.Errorf("compiling %s schema: %w", k, err)
			return
		}
		compiled[k] = s
	}
}

// Error is one schema violation: where in the instance, and what is wrong.
type Error struct {
	Pointer string   // JSON pointer into the instance; "" is the whole document
	Message string   // what is wrong
	Unknown []string // for a property the schema does not allow: its names
}

func (e Error) String() string {
	p := e.Pointer
	if p == "" {
		p = "/"
	}
	return p + ": " + e.Message
}

// ValidationError lists every leaf violation of one document.
type ValidationError struct {
	Kind   Kind
	Errors []Error
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s document does not match its schema (%d error", e.Kind, len(e.Errors))
	if len(e.Errors) != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, x := range e.Errors {
		b.WriteString("\n  ")
		b.WriteString(x.String())
	}
	return b.String()
}

var printer = message.NewPrinter(language.English)

// Validate checks doc — a value decoded with DecodeJSON (numbers as
// json.Number) or built from maps, slices, strings, bools and numbers —
// against the schema of k. It returns nil or a *ValidationError.
func Validate(k Kind, doc any) error {
	once.Do(load)
	if compErr != nil {
		return compErr
	}
	s, ok := compiled[k]
	if !ok {
		return fmt.Errorf("no schema for %q", k)
	}
	err := s.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &ValidationError{Kind: k}
	seen := map[string]bool{}
	var walk func(e *jsonschema.ValidationError, name []string)
	walk = func(e *jsonschema.ValidationError, name []string) {
		// A property name that fails "propertyNames" is validated as an
		// instance of its own, at no location: locate it at the property.
		if pn, ok := e.ErrorKind.(*kind.PropertyNames); ok {
			// jsonschema v6.0.3 stores a shared, later overwritten slice as
			// the location of a propertyNames error; find the key instead.
			name = append(append([]string{}, e.InstanceLocation...), pn.Property)
			if at := findKey(doc, pn.Property, nil); len(at) == 1 {
				name = append(at[0], pn.Property)
			}
		}
		if len(e.Causes) == 0 {
			loc := e.InstanceLocation
			if name != nil {
				loc = name
			}
			x := Error{Pointer: Pointer(loc), Message: e.ErrorKind.LocalizedString(printer)}
			switch k := e.ErrorKind.(type) {
			case *kind.AdditionalProperties:
				x.Unknown = k.Properties
			case *kind.FalseSchema:
				// unevaluatedProperties: false rejects a property with the
				// "false schema" at the property; say it as additionalProperties does.
				if n := len(loc); n > 0 {
					x = Error{Pointer: Pointer(loc[:n-1]), Message: fmt.Sprintf("additional properties '%s' not allowed", loc[n-1]), Unknown: []string{loc[n-1]}}
				}
			}
			if k := x.Pointer + "\x00" + x.Message; !seen[k] {
				seen[k] = true
				out.Errors = append(out.Errors, x)
			}
			return
		}
		for _, c := range e.Causes {
			walk(c, name)
		}
	}
	walk(ve, nil)
	sort.Slice(out.Errors, func(i, j int) bool {
		if out.Errors[i].Pointer != out.Errors[j].Pointer {
			return out.Errors[i].Pointer < out.Errors[j].Pointer
		}
		return out.Errors[i].Message < out.Errors[j].Message
	})
	return out
}

// findKey lists the locations of the objects in doc that have key k.
func findKey(doc any, k string, at []string) [][]string {
	var out [][]string
	switch x := doc.(type) {
	case map[string]any:
		if _, ok := x[k]; ok {
			out = append(out, append([]string{}, at...))
		}
		for key, v := range x {
			out = append(out, findKey(v, k, append(at, key))...)
		}
	case []any:
		for i, v := range x {
			out = append(out, findKey(v, k, append(at, fmt.Sprint(i)))...)
		}
	}
	return out
}

// Pointer renders reference tokens as a JSON pointer (RFC 6901).
func Pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}

// SyntaxError is malformed JSON, located by line and column (both from 1).
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// DecodeJSON parses one JSON document, keeping numbers exact (json.Number).
// Malformed input yields a *SyntaxError with the line and column of the
// offending byte; trailing data after the document is an error too.
func DecodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	err := dec.Decode(&doc)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			off := dec.InputOffset()
			return nil, locate(data, off, "unexpected data after the JSON document")
		}
		return doc, nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return nil, locate(data, se.Offset, se.Error())
	case errors.As(err, &te):
		return nil, locate(data, te.Offset, te.Error())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, locate(data, int64(len(data)), "unexpected end of JSON input")
	}
	return nil, err
}

func locate(data []byte, off int64, msg string) *SyntaxError {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	// json reports the offset after the offending byte.
	if col > 1 {
		col--
	}
	return &SyntaxError{Line: line, Col: col, Msg: msg}
}

// Names lists the embedded schema files.
func Names() []string {
	var out []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, path.Clean(p))
		}
		return nil
	})
	sort.Strings(out)
	return out
}
