// Package profile reads qmcheck profiles: TOML files that say which QMs are
// active, with which thresholds, parameters and severities, and which verdicts
// are waived until when.
//
// A profile is decoded, then validated against schemas/profile.schema.json;
// every problem (TOML syntax, a type mismatch, an unknown key, a missing
// field) is reported with the file's line and column. Threshold and parameter
// names are checked once more by the evaluator against what each policy
// declares, through Locate.
package profile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/policies"
	"github.com/qmcheck/qmcheck/schemas"
)

// Default is the profile used when none is named.
const Default = "iso5259-2"

// Profile is a decoded, schema-valid profile.
type Profile struct {
	Name        string
	Title       string
	Namespace   string // Rego namespace: policies are data.qmcheck.<Namespace>.<id>
	Description string
	Source      string // "embedded" or the file path given
	File        string // the file name errors are reported against
	QMs         []QM   // in the order of the file
	Waivers     []Waiver

	doc *schemas.TOMLDoc
}

// QM is one [qm."<ID>"] table.
type QM struct {
	ID         string
	Name       string // display name override; may be empty
	Enabled    bool
	Severity   string // may be empty: the policy's METADATA decides
	Rationale  string
	Thresholds map[string]float64
	Params     map[string]any
}

// Waiver is one [[waiver]] entry.
type Waiver struct {
	Index   int
	QM      string
	Reason  string
	Owner   string
	Expires string // YYYY-MM-DD, the last day (UTC) on which it applies
	Ticket  string
}

// Names lists the embedded profiles.
func Names() []string {
	entries, _ := fs.ReadDir(policies.FS(), "profiles")
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Load returns the embedded profile called name, or, when name is not an
// embedded profile, the profile in the file at that path.
func Load(name string) (*Profile, error) {
	if name == "" {
		name = Default
	}
	if b, err := fs.ReadFile(policies.FS(), path.Join("profiles", name+".toml")); err == nil && !strings.ContainsAny(name, `/\`) {
		p, err := Parse(path.Join("policies", "profiles", name+".toml"), b)
		if p != nil {
			p.Source = "embedded"
		}
		return p, err
	}
	b, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &problem.Usage{Msg: fmt.Sprintf("profile %q is neither an embedded profile (%s) nor a readable file", name, strings.Join(Names(), ", "))}
		}
		return nil, &problem.Error{File: name, Msg: err.Error()}
	}
	p, err := Parse(name, b)
	if p != nil {
		p.Source = name
	}
	return p, err
}

// Parse decodes and validates the TOML profile src read from file.
func Parse(file string, src []byte) (*Profile, error) {
	d, err := schemas.DecodeTOML(schemas.Profile, file, src)
	if err != nil {
		return nil, err
	}
	p := &Profile{File: file, doc: d}
	p.fill(d.Doc)
	if err := p.checkWaivers(); err != nil {
		return nil, err
	}
	return p, nil
}

// Locate builds a problem at the JSON pointer of the decoded profile, placed
// at the line and column of the nearest key that exists in the file.
func (p *Profile) Locate(pointer, msg string) *problem.Error { return p.doc.Locate(pointer, msg) }

func escape(t string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(t) }

func (p *Profile) fill(doc map[string]any) {
	meta := doc["profile"].(map[string]any)
	p.Name, _ = meta["name"].(string)
	p.Title, _ = meta["title"].(string)
	p.Namespace, _ = meta["namespace"].(string)
	p.Description, _ = meta["description"].(string)

	qms := doc["qm"].(map[string]any)
	ids := make([]string, 0, len(qms))
	for id := range qms {
		ids = append(ids, id)
	}
	// The order of the file: by the position of each QM's table.
	sort.Slice(ids, func(i, j int) bool {
		a, _ := p.doc.Pos("/qm/" + escape(ids[i]))
		b, _ := p.doc.Pos("/qm/" + escape(ids[j]))
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return ids[i] < ids[j]
	})
	for _, id := range ids {
		t := qms[id].(map[string]any)
		q := QM{ID: id, Enabled: true, Thresholds: map[string]float64{}, Params: map[string]any{}}
		if e, ok := t["enabled"].(bool); ok {
			q.Enabled = e
		}
		q.Name, _ = t["name"].(string)
		q.Severity, _ = t["severity"].(string)
		q.Rationale, _ = t["rationale"].(string)
		if th, ok := t["thresholds"].(map[string]any); ok {
			for k, v := range th {
				q.Thresholds[k] = number(v)
			}
		}
		if pa, ok := t["params"].(map[string]any); ok {
			for k, v := range pa {
				q.Params[k] = v
			}
		}
		p.QMs = append(p.QMs, q)
	}
	if ws, ok := doc["waiver"].([]any); ok {
		for i, w := range ws {
			m := w.(map[string]any)
			wv := Waiver{Index: i}
			wv.QM, _ = m["qm"].(string)
			wv.Reason, _ = m["reason"].(string)
			wv.Owner, _ = m["owner"].(string)
			wv.Expires, _ = m["expires"].(string)
			wv.Ticket, _ = m["ticket"].(string)
			p.Waivers = append(p.Waivers, wv)
		}
	}
}

func number(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func (p *Profile) checkWaivers() error {
	var list []*problem.Error
	seen := map[string]int{}
	for _, w := range p.Waivers {
		at := fmt.Sprintf("/waiver/%d", w.Index)
		if _, err := time.Parse("2006-01-02", w.Expires); err != nil {
			list = append(list, p.Locate(at+"/expires", "not a calendar date: "+w.Expires))
		}
		if j, dup := seen[w.QM]; dup {
			list = append(list, p.Locate(at+"/qm", fmt.Sprintf("a second waiver for %s (the first is waiver %d); keep one", w.QM, j)))
		}
		seen[w.QM] = w.Index
	}
	if len(list) > 0 {
		return &problem.List{What: "profile", Errors: list}
	}
	return nil
}

// QM returns the active (enabled) QM with the given ID.
func (p *Profile) QM(id string) (QM, bool) {
	for _, q := range p.QMs {
		if q.ID == id && q.Enabled {
			return q, true
		}
	}
	return QM{}, false
}

// Active lists the enabled QMs in order.
func (p *Profile) Active() []QM {
	var out []QM
	for _, q := range p.QMs {
		if q.Enabled {
			out = append(out, q)
		}
	}
	return out
}

// Data is the profile as policies read it: data.profile.
func (p *Profile) Data() map[string]any {
	qm := map[string]any{}
	for _, q := range p.Active() {
		th := map[string]any{}
		for k, v := range q.Thresholds {
			th[k] = v
		}
		e := map[string]any{"thresholds": th, "params": q.Params}
		if q.Severity != "" {
			e["severity"] = q.Severity
		}
		qm[q.ID] = e
	}
	return map[string]any{"name": p.Name, "namespace": p.Namespace, "qm": qm}
}
