package datacard

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/schemas"
)

const fixture = "../../fixtures/imagenet-report/"

// TestImageNetDatacard applies the ImageNet datacard to an empty document
// and checks that it reproduces the datacard and labels sections of the
// transcribed facts.
func TestImageNetDatacard(t *testing.T) {
	c, err := Load(fixture + "datacard.toml")
	if err != nil {
		t.Fatal(err)
	}
	d := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "ImageNet", Images: 1431167}, Collector: facts.Collector{Tool: "t", Version: "1"}}
	if err := c.Apply(d); err != nil {
		t.Fatal(err)
	}
	got := sections(t, mustMarshal(t, d))
	b, err := os.ReadFile(fixture + "facts.json")
	if err != nil {
		t.Fatal(err)
	}
	want := sections(t, b)
	for _, k := range []string{"datacard", "labels"} {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s section:\n got %s\nwant %s", k, got[k], want[k])
		}
	}
	if k := strings.Join(c.Keys(), ","); k != "ambiguous_classes,label_errors,labelling,name,sources" {
		t.Errorf("keys %s", k)
	}
	// Applying appends to labels.external and keeps estimates.
	d.Labels.Estimated = []facts.Estimated{{Method: "confident_learning", Population: 10, Count: 1}}
	if err := c.Apply(d); err != nil || len(d.Labels.External) != 2 || len(d.Labels.Estimated) != 1 {
		t.Errorf("second apply: %v %+v", err, d.Labels)
	}
}

func mustMarshal(t *testing.T, d *facts.Document) []byte {
	t.Helper()
	b, err := d.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sections(t *testing.T, b []byte) map[string]string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, k := range []string{"datacard", "labels"} {
		var v any
		if err := json.Unmarshal(m[k], &v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		c, _ := json.Marshal(v) // canonical: sorted keys, no spacing
		out[k] = string(c)
	}
	return out
}

// TestFullDatacard declares every table and checks the facts validate and
// carry each value.
func TestFullDatacard(t *testing.T) {
	src := `name = "Clinic photos"
licence = "CC BY 4.0"
sources = ["internal data sheet v3"]

[labelling]
method = "expert"
expertise = "expert"
annotators_per_item = 3
agreement = { metric = "Fleiss kappa", value = 0.82 }
guidelines = "labelling guide v2"

[pii]
reviewed = true
method = "manual review of a random sample"
records_reviewed = 2000
identifiable = 3

[collection]
start = 2021-03-01
end = 2023-11-30
method = "clinic cameras"

[target_population]
description = "adult outpatients"
required_attributes = ["age band", "sex", "skin tone"]
present_attributes = ["age band", "sex"]

[[audits]]
date = 2024-01-15
scope = "labels"
records = 500
auditor = "QA team"

[timeliness]
requirement = "captured within 24 months of release"
items_meeting = 9000
population = 10000

[annotations]
types = ["bounding boxes"]
complete = 9500
population = 10000

[[ambiguous_classes]]
class = "other"
reason = "catch-all"
`
	c, err := Parse("card.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "x", Images: 10000}, Collector: facts.Collector{Tool: "t", Version: "1"}}
	if err := c.Apply(d); err != nil {
		t.Fatal(err)
	}
	if d.Labels != nil {
		t.Error("labels section without label_errors")
	}
	b := string(mustMarshal(t, d))
	for _, want := range []string{`"start": "2021-03-01"`, `"value": 0.82`, `"records": 500`, `"required_attributes": [`, `"licence": "CC BY 4.0"`} {
		if !strings.Contains(b, want) {
			t.Errorf("facts lack %s", want)
		}
	}
	v, _ := schemas.DecodeJSON([]byte(b))
	if err := schemas.Validate(schemas.Facts, v); err != nil {
		t.Fatal(err)
	}
}

func TestBadDatacards(t *testing.T) {
	cases := []struct{ src, want string }{
		{"name = \"x\"\nlicense = \"MIT\"\n", "card.toml:2:1: license: additional properties 'license' not allowed"},
		{"[labelling]\nmethod = \"crowd\"\nannotators = 3\n", "card.toml:3:1: labelling.annotators"},
		{"[labelling]\nmethod = \"wizards\"\n", "card.toml:2:1: labelling.method"},
		{"[pii]\nrecords_reviewed = \"many\"\n", "card.toml:2:1: pii.records_reviewed: got string, want integer"},
		{"[[label_errors]]\nsource = \"s\"\nscope = \"val\"\npopulation = 100\nrate = 1.5\n", "card.toml:5:1: label_errors.0.rate"},
		{"[[label_errors]]\nsource = \"s\"\nscope = \"val\"\nrate = 0.1\n", "missing property 'population'"},
		{"[[label_errors]]\nsource = \"s\"\nscope = \"val\"\npopulation = 100\nchecked = 50\nvalidated = 60\nrate = 0.6\n", "card.toml:6:1: label_errors.0.validated: 60 validated errors, more than the samples checked (50)"},
		{"[[label_errors]]\nsource = \"s\"\nscope = \"val\"\npopulation = 100\nchecked = 500\nrate = 0.1\n", "card.toml:5:1: label_errors.0.checked: 500 samples checked"},
		{"[pii]\nrecords_reviewed = 10\nidentifiable = 11\n", "card.toml:3:1: pii.identifiable: 11, more than the records reviewed (10)"},
		{"[timeliness]\nitems_meeting = 11\npopulation = 10\n", "card.toml:2:1: timeliness.items_meeting"},
		{"[collection]\nstart = 2023-01-01\nend = 2022-12-31\n", "card.toml:3:1: collection.end: collection ends (2022-12-31) before it starts (2023-01-01)"},
		{"[[ambiguous_classes]]\nclass = \"a\"\n[[ambiguous_classes]]\nclass = \"a\"\n", "card.toml:4:1: ambiguous_classes.1.class: class \"a\" already declared ambiguous (entry 1)"},
		{"name = \"x\"\nname = \"y\"\n", "card.toml:2"},
	}
	for _, c := range cases {
		_, err := Parse("card.toml", []byte(c.src))
		var l *problem.List
		if err == nil || !errors.As(err, &l) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %q", c.src, err, c.want)
		}
	}
	if _, err := Load("nope.toml"); err == nil || !problem.IsInput(err) || !strings.Contains(err.Error(), "nope.toml") {
		t.Errorf("missing file: %v", err)
	}
}

// TestDocsExample parses the datacard of docs/labels.md's audit example, so
// the documentation cannot drift from what the decoder accepts.
func TestDocsExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/labels.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "cat > datacard.toml <<'EOF'\n")
	src, _, ok2 := strings.Cut(rest, "\nEOF\n")
	if !ok || !ok2 {
		t.Fatal("docs/labels.md has no datacard heredoc")
	}
	c, err := Parse("docs/labels.md datacard", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.LabelErrors) != 1 || c.LabelErrors[0].Validated != 9 || c.Section["timeliness"] == nil {
		t.Errorf("card %+v", c)
	}
}
