// Package datacard reads a datacard: the metadata a dataset's owner
// declares because the images cannot show it — how the labels were made
// (crowd, expert or model; annotators per item; agreement), licence, PII
// review, collection dates, the target population and the attributes it
// requires, labelling audits, timeliness, annotations beyond the class
// label, classes declared ambiguous, and published label-error rates.
//
// A datacard is TOML, decoded strictly against schemas/datacard.schema.json:
// an unknown key, a wrong type or an impossible count is an error at its
// line and column. Apply copies it into a facts document: every table but
// label_errors into the datacard section, each [[label_errors]] entry into
// labels.external. Declarations are facts too — the policies judge them.
package datacard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/schemas"
)

// Card is a decoded, validated datacard.
type Card struct {
	// File is the datacard's path as given.
	File string
	// Section is the facts' datacard section: the card without
	// label_errors (nil when nothing else is declared).
	Section map[string]any
	// LabelErrors are the published label-error rates, in file order.
	LabelErrors []facts.External
}

// Load reads and checks a datacard file.
func Load(path string) (*Card, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &problem.Error{File: path, Msg: fmt.Sprintf("datacard: %v", unwrap(err))}
	}
	return Parse(path, src)
}

func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Parse decodes a datacard read from file. Beyond the schema, counts must
// be consistent, each at its key's line and column: a label-error figure's
// checked ≤ population and validated ≤ checked (≤ population without
// checked); pii.identifiable ≤ pii.records_reviewed;
// timeliness.items_meeting ≤ timeliness.population; annotations.complete ≤
// annotations.population; collection.start ≤ collection.end; and no class is
// declared ambiguous twice. Every problem is returned in one *problem.List.
func Parse(file string, src []byte) (*Card, error) {
	d, err := schemas.DecodeTOML(schemas.Datacard, file, src)
	if err != nil {
		return nil, err
	}
	l := &problem.List{What: string(schemas.Datacard)}
	at := func(ptr, format string, args ...any) {
		l.Errors = append(l.Errors, d.Locate(ptr, fmt.Sprintf(format, args...)))
	}
	num := func(m map[string]any, k string) (float64, bool) {
		switch v := m[k].(type) {
		case int64:
			return float64(v), true
		case float64:
			return v, true
		}
		return 0, false
	}
	le, _ := d.Doc["label_errors"].([]any)
	for i, e := range le {
		m := e.(map[string]any)
		ptr := fmt.Sprintf("/label_errors/%d", i)
		pop, _ := num(m, "population")
		chk, hasChk := num(m, "checked")
		val, hasVal := num(m, "validated")
		if hasChk && chk > pop {
			at(ptr+"/checked", "%v samples checked, more than the population (%v)", chk, pop)
		}
		if hasVal && hasChk && val > chk {
			at(ptr+"/validated", "%v validated errors, more than the samples checked (%v)", val, chk)
		}
		if hasVal && !hasChk && val > pop {
			at(ptr+"/validated", "%v validated errors, more than the population (%v)", val, pop)
		}
	}
	pairs := []struct{ table, part, whole, what string }{
		{"pii", "identifiable", "records_reviewed", "records reviewed"},
		{"timeliness", "items_meeting", "population", "items"},
		{"annotations", "complete", "population", "samples"},
	}
	for _, p := range pairs {
		m, _ := d.Doc[p.table].(map[string]any)
		a, okA := num(m, p.part)
		b, okB := num(m, p.whole)
		if okA && okB && a > b {
			at("/"+p.table+"/"+p.part, "%v, more than the %s (%v)", a, p.what, b)
		}
	}
	if c, ok := d.Doc["collection"].(map[string]any); ok {
		s, okS := c["start"].(string)
		e, okE := c["end"].(string)
		// Dates are YYYY or YYYY-MM-DD: compare the common prefix.
		if okS && okE {
			n := min(len(s), len(e))
			if s[:n] > e[:n] {
				at("/collection/end", "collection ends (%s) before it starts (%s)", e, s)
			}
		}
	}
	amb, _ := d.Doc["ambiguous_classes"].([]any)
	seen := map[string]int{}
	for i, a := range amb {
		c, _ := a.(map[string]any)["class"].(string)
		if j, dup := seen[c]; dup {
			at(fmt.Sprintf("/ambiguous_classes/%d/class", i), "class %q already declared ambiguous (entry %d)", c, j+1)
			continue
		}
		seen[c] = i
	}
	if len(l.Errors) > 0 {
		return nil, l
	}

	card := &Card{File: file}
	for k, v := range d.Doc {
		if k == "label_errors" {
			continue
		}
		if card.Section == nil {
			card.Section = map[string]any{}
		}
		card.Section[k] = v
	}
	for i, e := range le {
		var x facts.External
		if err := remarshal(e, &x); err != nil {
			return nil, d.Locate(fmt.Sprintf("/label_errors/%d", i), err.Error())
		}
		card.LabelErrors = append(card.LabelErrors, x)
	}
	return card, nil
}

// remarshal converts JSON-like values to a typed value, refusing unknown
// fields (the schema already did; this keeps the Go type in step).
func remarshal(v, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(out)
}

// Apply puts the card into a facts document: the datacard section
// (replacing any) and the label-error figures, appended to
// labels.external. The document must still validate; Apply checks that the
// section it wrote does.
func (c *Card) Apply(d *facts.Document) error {
	if c.Section != nil {
		d.Datacard = c.Section
	}
	if len(c.LabelErrors) > 0 {
		if d.Labels == nil {
			d.Labels = &facts.Labels{}
		}
		d.Labels.External = append(d.Labels.External, c.LabelErrors...)
	}
	b, err := d.Marshal()
	if err != nil {
		return err
	}
	v, err := schemas.DecodeJSON(b)
	if err != nil {
		return err
	}
	if err := schemas.Validate(schemas.Facts, v); err != nil {
		return fmt.Errorf("%s: the facts with this datacard do not validate: %w", c.File, err)
	}
	return nil
}

// Keys lists the card's declared tables and keys at the top level, sorted
// (label_errors included when present), for a summary of what was declared.
func (c *Card) Keys() []string {
	var out []string
	for k := range c.Section {
		out = append(out, k)
	}
	if len(c.LabelErrors) > 0 {
		out = append(out, "label_errors")
	}
	sort.Strings(out)
	return out
}
