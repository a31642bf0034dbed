package evaluator

import (
	"encoding/json"
	"math"
	"strconv"
)

// Verdict words. Error is the evaluator's: the rule failed or yielded nothing.
const (
	Pass    = "pass"
	Caution = "caution"
	Fail    = "fail"
	NA      = "na"
	Error   = "error"
)

// Report is the output contract (schemas/verdicts.schema.json).
type Report struct {
	Tool     ToolInfo       `json:"tool"`
	Profile  ProfileInfo    `json:"profile"`
	Facts    FactsInfo      `json:"facts"`
	Summary  Summary        `json:"summary"`
	Gate     *Gate          `json:"gate,omitempty"`
	Verdicts []Verdict      `json:"verdicts"`
	Waivers  []WaiverStatus `json:"waivers,omitempty"`
}

// ToolInfo names the program that wrote the report.
type ToolInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ProfileInfo names the profile the verdicts were judged under.
type ProfileInfo struct {
	Name      string `json:"name"`
	Title     string `json:"title,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Source    string `json:"source,omitempty"`
}

// FactsInfo identifies the facts judged.
type FactsInfo struct {
	Dataset       string `json:"dataset,omitempty"`
	SchemaVersion string `json:"schema_version,omitempty"`
	Fingerprint   string `json:"fingerprint,omitempty"`
}

// Summary counts verdicts by word; Waived counts those an active waiver covers.
type Summary struct {
	Pass    int `json:"pass"`
	Fail    int `json:"fail"`
	Caution int `json:"caution"`
	NA      int `json:"na"`
	Error   int `json:"error"`
	Waived  int `json:"waived"`
	Total   int `json:"total"`
}

// Gate is the CI decision: passed unless an unwaived verdict is at or above
// FailOn.
type Gate struct {
	FailOn   string   `json:"fail_on"`
	Passed   bool     `json:"passed"`
	Blocking []string `json:"blocking,omitempty"`
}

// Verdict is one QM's judgement.
type Verdict struct {
	QM             string             `json:"qm"`
	Name           string             `json:"name"`
	Characteristic string             `json:"characteristic,omitempty"`
	Aliases        []string           `json:"aliases"`
	Standard       []StandardRef      `json:"standard,omitempty"`
	ISO            bool               `json:"iso"`
	Verdict        string             `json:"verdict"`
	Severity       string             `json:"severity"`
	Value          Number             `json:"value"`
	Function       string             `json:"function,omitempty"`
	Thresholds     map[string]float64 `json:"thresholds,omitempty"`
	Finding        string             `json:"finding"`
	Evidence       []Evidence         `json:"evidence"`
	Details        map[string]any     `json:"details,omitempty"`
	Rule           Rule               `json:"rule"`
	Waiver         *Waiver            `json:"waiver"`
}

// StandardRef names an ISO/IEC 5259-2 QM a non-standard ID belongs to.
type StandardRef struct {
	QM       string `json:"qm"`
	Name     string `json:"name,omitempty"`
	Relation string `json:"relation,omitempty"`
}

// Evidence is one fact a verdict used: its JSON pointer and value.
type Evidence struct {
	Fact  string `json:"fact"`
	Value any    `json:"value"`
}

// Rule locates the Rego rule that produced the verdict.
type Rule struct {
	File    string `json:"file"`
	Row     int    `json:"row,omitempty"`
	Package string `json:"package,omitempty"`
}

// Waiver is the profile waiver that covers a verdict.
type Waiver struct {
	Reason  string `json:"reason"`
	Owner   string `json:"owner"`
	Expires string `json:"expires"`
	Ticket  string `json:"ticket,omitempty"`
	Status  string `json:"status"` // active | expired
}

// WaiverStatus reports every waiver of the profile.
type WaiverStatus struct {
	QM      string `json:"qm"`
	Reason  string `json:"reason,omitempty"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
	Ticket  string `json:"ticket,omitempty"`
	Status  string `json:"status"` // active | expired | unused
}

// Waived reports whether an active waiver covers the verdict.
func (v *Verdict) Waived() bool { return v.Waiver != nil && v.Waiver.Status == "active" }

// Number is a finite float64 or null, written in the shortest form that
// reads back to the same float64.
type Number struct {
	V     float64
	Valid bool
}

// NumberOf wraps a float.
func NumberOf(f float64) Number { return Number{V: f, Valid: !math.IsNaN(f) && !math.IsInf(f, 0)} }

// MarshalJSON implements json.Marshaler.
func (n Number) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.V)
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Number{}
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*n = NumberOf(f)
	return nil
}

// rank orders verdict words for the gate.
var rank = map[string]int{NA: 0, Pass: 0, Caution: 1, Fail: 2, Error: 3}

// FailOnLevels are the accepted --fail-on values.
var FailOnLevels = []string{"fail", "caution", "never"}

// ApplyGate computes the gate for failOn (fail | caution | never): the
// report passes unless a verdict without an active waiver ranks at or above
// it. Error verdicts block at every level but "never".
func (r *Report) ApplyGate(failOn string) {
	g := &Gate{FailOn: failOn, Passed: true}
	limit, ok := rank[failOn]
	if failOn == "never" || !ok {
		limit = math.MaxInt
	}
	for _, v := range r.Verdicts {
		if v.Waived() {
			continue
		}
		if rank[v.Verdict] >= limit || (v.Verdict == Error && failOn != "never") {
			g.Passed = false
			g.Blocking = append(g.Blocking, v.QM)
		}
	}
	r.Gate = g
}

func (r *Report) summarise() {
	s := Summary{}
	for _, v := range r.Verdicts {
		switch v.Verdict {
		case Pass:
			s.Pass++
		case Fail:
			s.Fail++
		case Caution:
			s.Caution++
		case NA:
			s.NA++
		default:
			s.Error++
		}
		if v.Waived() {
			s.Waived++
		}
	}
	s.Total = len(r.Verdicts)
	r.Summary = s
}
