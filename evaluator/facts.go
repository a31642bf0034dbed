package evaluator

import (
	"errors"
	"fmt"
	"os"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/schemas"
)

// ReadFacts reads, decodes and validates a facts document. Malformed JSON is
// reported at file:line:col, schema violations at their JSON pointers, all
// as a *problem.List; nothing partial is returned.
func ReadFacts(file string) (any, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, &problem.Error{File: file, Msg: err.Error()}
	}
	return ParseFacts(file, b)
}

// ParseFacts is ReadFacts on bytes already read; file names them in errors.
func ParseFacts(file string, b []byte) (any, error) { return ParseDocument(schemas.Facts, file, b) }

// ParseDocument decodes a JSON document of kind k (numbers kept exact) and
// validates it against its schema: malformed JSON at file:line:col, schema
// violations at their JSON pointers, all as a *problem.List.
func ParseDocument(k schemas.Kind, file string, b []byte) (any, error) {
	what := string(k)
	doc, err := schemas.DecodeJSON(b)
	if err != nil {
		var se *schemas.SyntaxError
		if errors.As(err, &se) {
			return nil, &problem.List{What: what, Errors: []*problem.Error{{File: file, Line: se.Line, Col: se.Col, Msg: "malformed JSON: " + se.Msg}}}
		}
		return nil, &problem.List{What: what, Errors: []*problem.Error{{File: file, Msg: err.Error()}}}
	}
	if err := schemas.Validate(k, doc); err != nil {
		var ve *schemas.ValidationError
		if !errors.As(err, &ve) {
			return nil, fmt.Errorf("validating %s: %w", file, err)
		}
		l := &problem.List{What: what}
		for _, e := range ve.Errors {
			p := e.Pointer
			if p == "" {
				p = "/"
			}
			l.Errors = append(l.Errors, &problem.Error{File: file, Pointer: p, Msg: e.Message})
		}
		return nil, l
	}
	return doc, nil
}
