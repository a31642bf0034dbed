// Package facts holds the Go form of the facts document, the contract between
// collectors and policies (schemas/facts.schema.json is its normative form;
// a test checks that what these types marshal validates).
//
// Facts are measurements only: counts, histograms, statistics, lists of
// samples inside a recording window, declared metadata. No thresholds and
// no verdicts. Optional sections are pointers and omitted when nil, so an
// unmeasured section is absent and policies answer N/A.
package facts

import (
	"bytes"
	"encoding/json"
)

// SchemaVersion is the version of the facts contract this package writes.
const SchemaVersion = "1.0"

// Document is a whole facts document.
type Document struct {
	SchemaVersion string            `json:"schema_version"`
	Dataset       Dataset           `json:"dataset"`
	Collector     Collector         `json:"collector"`
	Integrity     *Integrity        `json:"integrity,omitempty"`
	Classes       *Classes          `json:"classes,omitempty"`
	Images        *Images           `json:"images,omitempty"`
	Pixels        *Pixels           `json:"pixels,omitempty"`
	Duplicates    *Duplicates       `json:"duplicates,omitempty"`
	Lenses        map[string]*Lens  `json:"lenses,omitempty"`
	LensAgreement *Agreement        `json:"lens_agreement,omitempty"`
	Taxonomy      *Taxonomy         `json:"taxonomy,omitempty"`
	Labels        *Labels           `json:"labels,omitempty"`
	Datacard      map[string]any    `json:"datacard,omitempty"`
	Notes         map[string]string `json:"notes,omitempty"`
	// Partial carries what 'qmcheck merge' needs from a shard (collect's own
	// format); nil in complete facts.
	Partial json.RawMessage `json:"partial,omitempty"`
}

// Marshal writes the document as indented JSON with a final newline. Maps
// are written with sorted keys (encoding/json), structs in field order, so the
// same document always gives the same bytes.
func (d *Document) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Dataset says what was measured.
type Dataset struct {
	Name            string           `json:"name"`
	Description     string           `json:"description,omitempty"`
	Task            string           `json:"task,omitempty"`
	Layout          string           `json:"layout,omitempty"`
	Root            string           `json:"root,omitempty"`
	Source          string           `json:"source,omitempty"`
	Fingerprint     string           `json:"fingerprint,omitempty"`
	Images          int64            `json:"images"`
	Classes         int64            `json:"classes,omitempty"`
	DeclaredClasses int64            `json:"declared_classes,omitempty"`
	Splits          map[string]Split `json:"splits,omitempty"`
	Shard           *Shard           `json:"shard,omitempty"`
}

// Split sizes one split.
type Split struct {
	Images  int64 `json:"images"`
	Classes int64 `json:"classes"`
}

// Shard marks partial facts of collect --shard i/N.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// Collector says what produced the facts.
type Collector struct {
	Tool       string         `json:"tool"`
	Version    string         `json:"version"`
	Decoder    string         `json:"decoder,omitempty"`
	Options    map[string]any `json:"options,omitempty"`
	Provenance map[string]any `json:"provenance,omitempty"`
}

// Stats summarises one quantity over a population (see common.schema.json).
type Stats struct {
	Count     int64              `json:"count,omitempty"`
	Sum       *float64           `json:"sum,omitempty"`
	Mean      *float64           `json:"mean,omitempty"`
	Std       *float64           `json:"std,omitempty"`
	Min       *float64           `json:"min,omitempty"`
	Max       *float64           `json:"max,omitempty"`
	Quantiles map[string]float64 `json:"quantiles,omitempty"`
}

// Histogram counts values in bins [edges[i], edges[i+1]).
type Histogram struct {
	Edges  []float64 `json:"edges"`
	Counts []int64   `json:"counts"`
}

// Sample names one sample and, where known, its class, split and value.
type Sample struct {
	ID    string   `json:"id"`
	Class string   `json:"class,omitempty"`
	Split string   `json:"split,omitempty"`
	Value *float64 `json:"value,omitempty"`
}

// ClassSet is a named set of samples and the classes in it.
type ClassSet struct {
	Size     int64            `json:"size,omitempty"`
	Samples  []Sample         `json:"samples,omitempty"`
	Classes  map[string]int64 `json:"classes,omitempty"`
	Named    []string         `json:"named,omitempty"`
	TopClass string           `json:"top_class,omitempty"`
	TopCount int64            `json:"top_count,omitempty"`
	TopShare *float64         `json:"top_share,omitempty"`
	Range    []float64        `json:"range,omitempty"`
}

// Size is a width and height, with how many images have it.
type Size struct {
	Width  int64 `json:"width"`
	Height int64 `json:"height"`
	Count  int64 `json:"count,omitempty"`
}

// F returns a pointer to f, for optional fields.
func F(f float64) *float64 { return &f }

// I returns a pointer to n, for optional fields.
func I(n int64) *int64 { return &n }

// B returns a pointer to b, for optional fields.
func B(b bool) *bool { return &b }
