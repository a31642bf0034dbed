package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/profile"
)

// TestRego runs every Rego unit test (rules test_*) of the embedded policies,
// as 'qmcheck test' and 'opa test' do, and requires 90% line coverage.
func TestRego(t *testing.T) {
	rep, err := evaluator.RunTests(context.Background(), "", "", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !r.Pass && !r.Skip {
			t.Errorf("%s:%d: %s: %s", r.File, r.Row, r.Name, r.Message)
		}
	}
	if len(rep.Results) < 100 {
		t.Errorf("only %d Rego tests ran", len(rep.Results))
	}
	if *rep.Coverage < 90 {
		t.Errorf("Rego coverage %.1f%% < 90%%", *rep.Coverage)
	}
	t.Logf("%d Rego tests, %d passed; coverage %.1f%%", len(rep.Results), rep.Passed, *rep.Coverage)
}

// TestEveryPolicyHasItsTestsAndMetadata checks the layout rules: one policy
// per QM of each profile, each with a _test.rego beside it and the METADATA
// the evaluator and the catalogue rely on.
func TestEveryPolicyHasItsTestsAndMetadata(t *testing.T) {
	pol, err := evaluator.LoadPolicies("", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range profile.Names() {
		p, err := profile.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range p.Active() {
			pl, ok := pol.Policy(p.Namespace, q.ID)
			if !ok {
				t.Errorf("%s: no policy for %s", name, q.ID)
				continue
			}
			test := strings.TrimSuffix(strings.TrimPrefix(pl.File, evaluator.EmbeddedRoot+"/"), ".rego") + "_test.rego"
			if _, err := os.Stat(test); err != nil {
				t.Errorf("%s has no %s", pl.File, test)
			}
			if pl.Title == "" || pl.Description == "" || pl.Function == "" || pl.Confidence == "" || pl.Severity == "" || pl.Characteristic == "" {
				t.Errorf("%s: METADATA lacks title, description or custom function/confidence/severity/characteristic", pl.File)
			}
			if pl.Severity != q.Severity {
				t.Errorf("%s: METADATA severity %s, profile %s says %s", pl.File, pl.Severity, name, q.Severity)
			}
		}
	}
}

// TestPlainOPA runs the policies with the plain OPA CLI of the same version
// (go tool opa, from go.mod), unchanged: its unit tests, and an evaluation of
// the ImageNet fixture whose verdicts must equal qmcheck's.
func TestPlainOPA(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the opa CLI")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run 'go tool opa'")
	}
	opa := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(goBin, append([]string{"tool", "opa"}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("opa %s: %v\n%s\n%s", strings.Join(args, " "), err, out, stderr.String())
		}
		return out
	}
	out := opa("test", ".")
	if !bytes.Contains(out, []byte("PASS: ")) || bytes.Contains(out, []byte("FAIL: ")) {
		t.Fatalf("opa test:\n%s", out)
	}
	facts := filepath.Join("..", "fixtures", "imagenet-report", "facts.json")
	for _, name := range profile.Names() {
		p, err := profile.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(map[string]any{"profile": p.Data()})
		pf := filepath.Join(t.TempDir(), "profile.json")
		if err := os.WriteFile(pf, data, 0o644); err != nil {
			t.Fatal(err)
		}
		raw := opa("eval", "--format", "json", "-d", ".", "-d", pf, "-i", facts, "data.qmcheck."+p.Namespace)
		var res struct {
			Result []struct {
				Expressions []struct {
					Value map[string]map[string]any `json:"value"`
				} `json:"expressions"`
			} `json:"result"`
		}
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		pkgs := res.Result[0].Expressions[0].Value
		ours := judge(t, p, facts)
		for _, v := range ours.Verdicts {
			pkg := strings.TrimPrefix(v.Rule.Package, "data.qmcheck."+p.Namespace+".")
			got, _ := pkgs[pkg]["verdict"].(map[string]any)
			if got["verdict"] != v.Verdict || got["finding"] != v.Finding {
				t.Errorf("%s %s: opa says %v / %v; qmcheck says %s / %s", name, v.QM, got["verdict"], got["finding"], v.Verdict, v.Finding)
			}
		}
	}
}

func judge(t *testing.T, p *profile.Profile, facts string) *evaluator.Report {
	t.Helper()
	doc, err := evaluator.ReadFacts(facts)
	if err != nil {
		t.Fatal(err)
	}
	r, err := evaluator.Judge(context.Background(), p, doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
