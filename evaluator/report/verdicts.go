package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/schemas"
)

// ReadVerdicts reads a verdicts document, as `qmcheck check --format json`
// writes it (schemas/verdicts.schema.json). Malformed JSON is reported at
// file:line:col and schema violations at their JSON pointers, as a
// *problem.List; nothing partial is returned.
func ReadVerdicts(file string) (*evaluator.Report, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, &problem.Error{File: file, Msg: err.Error()}
	}
	return ParseVerdicts(file, b)
}

// ParseVerdicts is ReadVerdicts on bytes already read; file names them in
// errors.
func ParseVerdicts(file string, b []byte) (*evaluator.Report, error) {
	if _, err := evaluator.ParseDocument(schemas.Verdicts, file, b); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var r evaluator.Report
	if err := dec.Decode(&r); err != nil {
		return nil, &problem.List{What: "verdicts", Errors: []*problem.Error{{File: file, Msg: err.Error()}}}
	}
	return &r, nil
}

// SameFacts checks that verdicts were judged on these facts: the dataset
// name and, when both carry one, the fingerprint must agree. A mismatch is
// an input error naming both files.
func SameFacts(r *evaluator.Report, verdictsFile string, d *facts.Document, factsFile string) error {
	fi := r.Facts
	if fi.Dataset != "" && fi.Dataset != d.Dataset.Name {
		return &problem.Error{File: verdictsFile, Pointer: "/facts/dataset",
			Msg: fmt.Sprintf("verdicts judge dataset %q, but %s describes %q", fi.Dataset, factsFile, d.Dataset.Name)}
	}
	if fi.Fingerprint != "" && d.Dataset.Fingerprint != "" && fi.Fingerprint != d.Dataset.Fingerprint {
		return &problem.Error{File: verdictsFile, Pointer: "/facts/fingerprint",
			Msg: fmt.Sprintf("verdicts judge fingerprint %s, but %s has %s", fi.Fingerprint, factsFile, d.Dataset.Fingerprint)}
	}
	return nil
}

// Document returns the facts as the Go facts types: a *facts.Document or
// facts.Document as it is, or a decoded (schema-valid) JSON document
// converted through JSON.
func Document(x any) (*facts.Document, error) {
	switch f := x.(type) {
	case *facts.Document:
		if f == nil {
			return nil, errors.New("no facts")
		}
		return f, nil
	case facts.Document:
		return &f, nil
	case nil:
		return nil, errors.New("no facts")
	}
	b, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	var d facts.Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("facts do not fit the facts types (metrics/facts): %w", err)
	}
	return &d, nil
}
