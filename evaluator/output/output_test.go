package output

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/profile"
	"github.com/qmcheck/qmcheck/schemas"
)

func report(t *testing.T, prof string) *evaluator.Report {
	t.Helper()
	facts, err := evaluator.ReadFacts("../../fixtures/imagenet-report/facts.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Load(prof)
	if err != nil {
		t.Fatal(err)
	}
	r, err := evaluator.Judge(context.Background(), p, facts)
	if err != nil {
		t.Fatal(err)
	}
	r.ApplyGate("fail")
	return r
}

func render(t *testing.T, format string, r *evaluator.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(format, &b, r, Options{FactsFile: "fixtures/imagenet-report/facts.json"}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestJSONIsTheVerdictsContract(t *testing.T) {
	for _, prof := range profile.Names() {
		r := report(t, prof)
		out := render(t, "json", r)
		doc, err := schemas.DecodeJSON([]byte(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas.Validate(schemas.Verdicts, doc); err != nil {
			t.Fatalf("%s: %v", prof, err)
		}
		if again := render(t, "json", report(t, prof)); again != out {
			t.Errorf("%s: two runs differ", prof)
		}
	}
}

func TestEveryFormatNamesEveryVerdict(t *testing.T) {
	r := report(t, "dataclinic")
	for _, f := range Names() {
		out := render(t, f, r)
		for _, v := range r.Verdicts {
			if !strings.Contains(out, v.QM) {
				t.Errorf("%s output lacks %s", f, v.QM)
			}
		}
	}
}

func TestJUnitMapping(t *testing.T) {
	r := report(t, "dataclinic")
	var doc junitSuites
	if err := xml.Unmarshal([]byte(render(t, "junit", r)), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	if doc.Tests != 12 || s.Failures != 5 || s.Skipped != 3 || s.Errors != 0 {
		t.Fatalf("tests %d failures %d skipped %d errors %d", doc.Tests, s.Failures, s.Skipped, s.Errors)
	}
	for _, c := range s.Cases {
		caution := strings.HasPrefix(c.SystemOut, "CAUTION")
		if caution && (c.Failure != nil || c.Skipped != nil) {
			t.Errorf("%s: a caution must pass with output", c.Name)
		}
	}
}

func TestSARIFMapping(t *testing.T) {
	r := report(t, "dataclinic")
	var doc struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Kind   string `json:"kind"`
				Level  string `json:"level"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(render(t, "sarif", r)), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		evaluator.Fail: {"fail", "error"}, evaluator.Caution: {"fail", "warning"},
		evaluator.NA: {"notApplicable", "none"}, evaluator.Pass: {"pass", "none"},
	}
	if doc.Version != "2.1.0" || len(doc.Runs[0].Results) != 12 {
		t.Fatalf("version %s, %d results", doc.Version, len(doc.Runs[0].Results))
	}
	for i, res := range doc.Runs[0].Results {
		w := want[r.Verdicts[i].Verdict]
		if res.RuleID != r.Verdicts[i].QM || res.Kind != w[0] || res.Level != w[1] {
			t.Errorf("%s: kind %s level %s, want %v", res.RuleID, res.Kind, res.Level, w)
		}
	}
}

func TestGitHubAndTAP(t *testing.T) {
	r := report(t, "dataclinic")
	gh := render(t, "github", r)
	if n := strings.Count(gh, "\n::error "); n != 5 {
		t.Errorf("%d ::error lines", n)
	}
	if n := strings.Count(gh, "\n::warning "); n != 4 {
		t.Errorf("%d ::warning lines", n)
	}
	if !strings.HasPrefix(gh, "::group::") || !strings.Contains(gh, "::endgroup::") {
		t.Error("no group")
	}
	tap := render(t, "tap", r)
	if !strings.HasPrefix(tap, "TAP version 13\n1..12\n") || strings.Count(tap, "\nnot ok ") != 5 || strings.Count(tap, "# SKIP") != 3 {
		t.Errorf("tap:\n%s", tap)
	}
}

func TestMarkdownFitsAComment(t *testing.T) {
	r := report(t, "iso5259-2")
	// A report with very long findings is cut below GitHub's limit.
	for i := range r.Verdicts {
		r.Verdicts[i].Finding = strings.Repeat("x", 5000)
	}
	out := render(t, "markdown", r)
	if len(out) > MarkdownLimit {
		t.Errorf("%d characters", len(out))
	}
	if !strings.Contains(out, "| Bal-ML-3 |") {
		t.Error("rows missing")
	}
}

func TestWaivedVerdictsInFormats(t *testing.T) {
	r := report(t, "dataclinic")
	r.Verdicts[0].Waiver = &evaluator.Waiver{Reason: "accepted", Owner: "o", Expires: "2099-01-01", Status: "active"}
	if !strings.Contains(render(t, "tap", r), "not ok 1 - Bal-ML-1 Class Balance (Semantic): FAIL (waived) # TODO waived: accepted") {
		t.Error("tap: waived fail is not a TODO")
	}
	if !strings.Contains(render(t, "sarif", r), `"justification": "accepted (owner o, until 2099-01-01)"`) {
		t.Error("sarif: no suppression")
	}
	if !strings.Contains(render(t, "github", r), "::notice file=fixtures/imagenet-report/facts.json,title=Bal-ML-1 Class Balance (Semantic)%3A FAIL (waived)::") {
		t.Error("github: waived fail is not a notice")
	}
}
