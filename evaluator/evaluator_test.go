package evaluator

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
	"github.com/qmcheck/qmcheck/policies"
)

// copyTree writes the embedded policy tree to a temporary directory, as
// `qmcheck init` does, for tests that edit a policy.
func copyTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, p)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(policies.FS(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func located(t *testing.T, err error) []*problem.Error {
	t.Helper()
	var l *problem.List
	if !errors.As(err, &l) {
		t.Fatalf("want a *problem.List, got %T %v", err, err)
	}
	if !problem.IsInput(err) {
		t.Fatal("not an input error")
	}
	return l.Errors
}

const smallProfile = `[profile]
name = "small"
namespace = "iso"

[qm."Bal-ML-3"]
severity = "high"
thresholds = { pass_min = 1.5, caution_min = 1.105, ratio_pass_max = 5, ratio_caution_max = 20 }
`

var smallFacts = map[string]any{
	"schema_version": "1.0",
	"dataset":        map[string]any{"name": "t", "images": 10},
	"collector":      map[string]any{"tool": "t", "version": "1"},
	"classes":        map[string]any{"count": 2, "mean": 5, "min": 1, "max": 9},
}

func engine(t *testing.T, dir, prof string, opts ...Option) (*Engine, error) {
	t.Helper()
	p, err := profile.Parse("p.toml", []byte(prof))
	if err != nil {
		t.Fatal(err)
	}
	pol, err := LoadPolicies(dir, false)
	if err != nil {
		return nil, err
	}
	return New(context.Background(), pol, p, opts...)
}

func TestUnknownThresholdNameIsLocated(t *testing.T) {
	_, err := engine(t, "", strings.Replace(smallProfile, "ratio_pass_max", "ratio_pas_max", 1))
	es := located(t, err)
	got := []string{es[0].Error(), es[1].Error()}
	if got[0] != `p.toml:7:53: qm.Bal-ML-3.thresholds.ratio_pas_max: unknown threshold "ratio_pas_max" for Bal-ML-3; policies/iso/bal_ml_3.rego declares: caution_min, pass_min, ratio_caution_max, ratio_pass_max` {
		t.Errorf("got %q", got[0])
	}
	if !strings.HasPrefix(got[1], `p.toml:7:1: qm.Bal-ML-3.thresholds: missing threshold "ratio_pass_max"`) {
		t.Errorf("got %q", got[1])
	}
}

func TestUnknownParamAndQMWithoutPolicy(t *testing.T) {
	src := smallProfile + "params = { lens = \"L2\" }\n\n[qm.\"Cur-ML-1\"]\nthresholds = { pass_min = 1 }\n"
	es := located(t, func() error { _, err := engine(t, "", src); return err }())
	if len(es) != 2 {
		t.Fatalf("%v", es)
	}
	if !strings.HasPrefix(es[0].Error(), `p.toml:8:12: qm.Bal-ML-3.params.lens: unknown parameter "lens" for Bal-ML-3`) {
		t.Errorf("got %q", es[0])
	}
	if !strings.HasPrefix(es[1].Error(), `p.toml:10:1: qm.Cur-ML-1: no policy in namespace "iso" judges QM Cur-ML-1`) {
		t.Errorf("got %q", es[1])
	}
}

func TestPolicySyntaxErrorIsLocated(t *testing.T) {
	dir := copyTree(t)
	write(t, filepath.Join(dir, "iso", "bal_ml_3.rego"), "package qmcheck.iso.bal_ml_3\n\nverdict := {\"a\": }\n\nx := 1\n")
	_, err := LoadPolicies(dir, false)
	es := located(t, err)
	want := filepath.Join(dir, "iso", "bal_ml_3.rego") + ":3:"
	if !strings.HasPrefix(es[0].Error(), want) || !strings.Contains(es[0].Error(), "rego_parse_error") {
		t.Errorf("got %q, want prefix %q", es[0], want)
	}
}

func TestSandboxRefusesNetworkAndClock(t *testing.T) {
	for name, call := range map[string]string{
		"http.send":   `http.send({"method": "get", "url": "http://example.com"})`,
		"time.now_ns": `time.now_ns()`,
		"rand.intn":   `rand.intn("x", 10)`,
		"net":         `net.lookup_ip_addr("example.com")`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := copyTree(t)
			write(t, filepath.Join(dir, "iso", "sneaky.rego"), "package qmcheck.iso.sneaky\n\nx := "+call+"\n")
			_, err := LoadPolicies(dir, false)
			es := located(t, err)
			e := es[0].Error()
			if !strings.HasPrefix(e, filepath.Join(dir, "iso", "sneaky.rego")+":3:") || !strings.Contains(e, "undefined function") {
				t.Errorf("got %q", e)
			}
		})
	}
	for _, n := range []string{"http.send", "time.now_ns", "opa.runtime", "net.lookup_ip_addr", "uuid.rfc4122", "rand.intn"} {
		found := false
		for _, r := range Removed() {
			found = found || r == n
		}
		if !found {
			t.Errorf("%s is not removed from the sandbox", n)
		}
	}
	for _, b := range Capabilities().Builtins {
		if b.Name == "sprintf" {
			return
		}
	}
	t.Error("sprintf was removed too")
}

func TestTwoVerdictsForOneQMIsAnErrorVerdict(t *testing.T) {
	dir := copyTree(t)
	p := filepath.Join(dir, "iso", "bal_ml_3.rego")
	b, _ := os.ReadFile(p)
	write(t, p, string(b)+"\nverdict := lib.na(\"second\") if true\n")
	e, err := engine(t, dir, smallProfile)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Evaluate(context.Background(), smallFacts)
	if err != nil {
		t.Fatal(err)
	}
	v := r.Verdicts[0]
	if v.Verdict != Error || !strings.Contains(v.Finding, "two branches of the rule matched") || !strings.Contains(v.Finding, "data.qmcheck.iso.bal_ml_3.verdict") {
		t.Fatalf("got %s: %s", v.Verdict, v.Finding)
	}
	if r.Summary.Error != 1 || r.Summary.Pass+r.Summary.Caution+r.Summary.Fail != 0 {
		t.Errorf("summary %+v", r.Summary)
	}
	r.ApplyGate("fail")
	if r.Gate.Passed {
		t.Error("an error verdict passed the gate")
	}
}

func TestRuleYieldingNothingIsAnErrorVerdict(t *testing.T) {
	dir := copyTree(t)
	write(t, filepath.Join(dir, "iso", "bal_ml_3.rego"), `# METADATA
# title: broken
# custom:
#   qm: Bal-ML-3
#   thresholds: {pass_min: a, caution_min: b, ratio_pass_max: c, ratio_caution_max: d}
package qmcheck.iso.bal_ml_3

verdict := {"verdict": "pass", "finding": "x", "value": 1} if input.nothing
`)
	e, err := engine(t, dir, smallProfile)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := e.Evaluate(context.Background(), smallFacts)
	if v := r.Verdicts[0]; v.Verdict != Error || !strings.Contains(v.Finding, "yielded no verdict") || v.Rule.File != filepath.Join(dir, "iso", "bal_ml_3.rego") {
		t.Fatalf("got %+v", v)
	}
}

func TestMalformedVerdictObjectIsAnErrorVerdict(t *testing.T) {
	dir := copyTree(t)
	write(t, filepath.Join(dir, "iso", "bal_ml_3.rego"), `# METADATA
# title: broken
# custom:
#   qm: Bal-ML-3
#   thresholds: {pass_min: a, caution_min: b, ratio_pass_max: c, ratio_caution_max: d}
package qmcheck.iso.bal_ml_3

verdict := {"verdict": "excellent", "finding": "x", "value": 1}
`)
	e, err := engine(t, dir, smallProfile)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := e.Evaluate(context.Background(), smallFacts)
	if v := r.Verdicts[0]; v.Verdict != Error || !strings.Contains(v.Finding, "malformed verdict") {
		t.Fatalf("got %+v", v)
	}
}

func TestDuplicatePolicyForOneQM(t *testing.T) {
	dir := copyTree(t)
	b, _ := os.ReadFile(filepath.Join(dir, "iso", "bal_ml_3.rego"))
	write(t, filepath.Join(dir, "iso", "bal_ml_3_copy.rego"), strings.Replace(string(b), "package qmcheck.iso.bal_ml_3", "package qmcheck.iso.bal_ml_3_copy", 1))
	_, err := LoadPolicies(dir, false)
	es := located(t, err)
	if !strings.Contains(es[0].Error(), "QM Bal-ML-3 is already judged by data.qmcheck.iso.bal_ml_3") {
		t.Errorf("got %q", es[0])
	}
}

func TestWaivers(t *testing.T) {
	prof := smallProfile + `
[[waiver]]
qm = "Bal-ML-3"
reason = "two classes by design"
owner = "data-team@example.org"
expires = 2027-01-31

[[waiver]]
qm = "Com-ML-1"
reason = "not active here"
owner = "x"
expires = 2027-01-31
`
	facts := map[string]any{
		"schema_version": "1.0",
		"dataset":        map[string]any{"name": "t", "images": 10},
		"collector":      map[string]any{"tool": "t", "version": "1"},
		"classes":        map[string]any{"count": 2, "mean": 50, "min": 1, "max": 99},
	}
	for _, c := range []struct {
		day    string
		status string
		passed bool
		waived int
	}{
		{"2027-01-31", "active", true, 1}, // the expiry day still applies
		{"2027-02-01", "expired", false, 0},
	} {
		now, _ := time.Parse("2006-01-02", c.day)
		e, err := engine(t, "", prof, WithNow(now))
		if err != nil {
			t.Fatal(err)
		}
		r, _ := e.Evaluate(context.Background(), facts)
		r.ApplyGate("fail")
		v := r.Verdicts[0]
		if v.Verdict != Fail || v.Waiver == nil || v.Waiver.Status != c.status || r.Gate.Passed != c.passed || r.Summary.Waived != c.waived {
			t.Errorf("%s: verdict %s waiver %+v gate %+v summary %+v", c.day, v.Verdict, v.Waiver, r.Gate, r.Summary)
		}
		if len(r.Waivers) != 2 || r.Waivers[0].Status != c.status || r.Waivers[1].Status != "unused" {
			t.Errorf("%s: waivers %+v", c.day, r.Waivers)
		}
	}
}

func TestFactsErrorsAreLocated(t *testing.T) {
	_, err := ParseFacts("f.json", []byte("{\n  \"schema_version\": \"1.0\",\n  \"dataset\": {\"name\": \"x\",, }\n}"))
	es := located(t, err)
	if !strings.HasPrefix(es[0].Error(), "f.json:3:") || !strings.Contains(es[0].Error(), "malformed JSON") {
		t.Errorf("got %q", es[0])
	}
	_, err = ParseFacts("f.json", []byte(`{"schema_version": "1.0", "dataset": {"name": "x", "images": -1}, "collector": {"tool": "t"}, "classes": {"count": 2, "cuonts": {}}}`))
	es = located(t, err)
	var got []string
	for _, e := range es {
		got = append(got, e.Error())
	}
	want := []string{
		"f.json: /classes: additional properties 'cuonts' not allowed",
		"f.json: /collector: missing property 'version'",
		"f.json: /dataset/images: minimum: got -1, want 0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := ParseFacts("f.json", []byte(`{"schema_version": "1.0"} {}`)); err == nil {
		t.Error("trailing data accepted")
	}
}
