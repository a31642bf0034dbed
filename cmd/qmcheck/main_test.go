package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/schemas"
)

const fixture = "../../fixtures/imagenet-report/facts.json"

// qmcheck runs the command line in-process and returns its exit code,
// standard output and standard error.
func qmcheck(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	outF, _ := os.Create(filepath.Join(dir, "out"))
	errF, _ := os.Create(filepath.Join(dir, "err"))
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outF, errF
	code := run(args)
	os.Stdout, os.Stderr = oldOut, oldErr
	outF.Close()
	errF.Close()
	out, _ := os.ReadFile(filepath.Join(dir, "out"))
	errb, _ := os.ReadFile(filepath.Join(dir, "err"))
	return code, string(out), string(errb)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckDataclinicReproducesTheReport(t *testing.T) {
	code, out, _ := qmcheck(t, "check", "--profile", "dataclinic", "--format", "json", fixture)
	if code != exitGate {
		t.Fatalf("exit %d", code)
	}
	doc, err := schemas.DecodeJSON([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Verdicts, doc); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Summary  map[string]int `json:"summary"`
		Verdicts []struct {
			QM, Verdict string
		} `json:"verdicts"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Summary["fail"] != 5 || r.Summary["caution"] != 4 || r.Summary["na"] != 3 || r.Summary["pass"] != 0 {
		t.Errorf("summary %v", r.Summary)
	}
	code, out, _ = qmcheck(t, "check", "--profile", "dataclinic", "--format", "table", "--fail-on", "never", fixture)
	if code != exitOK || !strings.Contains(out, "5 fail · 4 caution · 3 n/a · 0 pass · 0 error (12 QMs)") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestFailOnCaution(t *testing.T) {
	facts := writeFile(t, "f.json", `{"schema_version": "1.0", "dataset": {"name": "x", "images": 300}, "collector": {"tool": "t", "version": "1"},
	  "classes": {"count": 3, "mean": 100, "min": 20, "max": 180}}`)
	prof := writeFile(t, "p.toml", "[profile]\nname = \"p\"\nnamespace = \"iso\"\n[qm.\"Bal-ML-3\"]\nthresholds = { pass_min = 1.5, caution_min = 1.105, ratio_pass_max = 5, ratio_caution_max = 20 }\n")
	if code, _, _ := qmcheck(t, "check", "--profile", prof, "-f", "json", facts); code != exitOK {
		t.Errorf("caution under --fail-on fail: exit %d", code)
	}
	if code, _, _ := qmcheck(t, "check", "--profile", prof, "-f", "json", "--fail-on", "caution", facts); code != exitGate {
		t.Errorf("caution under --fail-on caution: exit %d", code)
	}
}

func TestBadInputExitsTwoWithLocation(t *testing.T) {
	goodProfile := "[profile]\nname = \"p\"\nnamespace = \"iso\"\n[qm.\"Bal-ML-3\"]\nthresholds = { pass_min = 1.5, caution_min = 1.105, ratio_pass_max = 5, ratio_caution_max = 20 }\n"
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"malformed JSON", []string{"check", writeFile(t, "bad.json", "{\n  \"schema_version\": \"1.0\",\n  \"dataset\": [,\n}")}, "bad.json:3:"},
		{"facts violate the schema", []string{"check", writeFile(t, "f.json", `{"schema_version": "2.0", "dataset": {"name": "x", "images": 1}, "collector": {"tool": "t", "version": "1"}}`)}, "f.json: /schema_version: '2.0' does not match pattern"},
		{"unknown threshold name", []string{"check", "--profile", writeFile(t, "p.toml", strings.Replace(goodProfile, "caution_min", "cautoin_min", 1)), fixture}, `p.toml:5:32: qm.Bal-ML-3.thresholds.cautoin_min: unknown threshold "cautoin_min"`},
		{"TOML type mismatch", []string{"check", "--profile", writeFile(t, "p.toml", strings.Replace(goodProfile, "= 1.5", "= \"high\"", 1)), fixture}, "p.toml:5:16: qm.Bal-ML-3.thresholds.pass_min: got string, want number"},
		{"TOML syntax", []string{"check", "--profile", writeFile(t, "p.toml", goodProfile+"[qm\n"), fixture}, "p.toml:6:"},
		{"unknown profile key", []string{"check", "--profile", writeFile(t, "p.toml", goodProfile+"sevrity = \"high\"\n"), fixture}, "p.toml:6:1: qm.Bal-ML-3.sevrity: additional properties 'sevrity' not allowed"},
		{"QM without a policy", []string{"check", "--profile", writeFile(t, "p.toml", goodProfile+"[qm.\"Cur-ML-1\"]\n"), fixture}, `p.toml:6:1: qm.Cur-ML-1: no policy in namespace "iso" judges QM Cur-ML-1`},
		{"unknown format", []string{"check", "--format", "yaml", fixture}, `--format "yaml"`},
		{"missing file", []string{"check", "nope.json"}, "nope.json"},
		{"unknown flag", []string{"check", "--frobnicate", fixture}, "unknown flag"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := qmcheck(t, c.args...)
			if code != exitInput {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errs)
			}
			if out != "" {
				t.Errorf("partial output on bad input: %q", out)
			}
			if !strings.Contains(errs, c.want) {
				t.Errorf("stderr %q lacks %q", errs, c.want)
			}
		})
	}
}

func TestPolicyErrors(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := qmcheck(t, "init", dir); code != exitOK {
		t.Fatalf("init: %d %s", code, errs)
	}
	// A rule that yields two verdicts: the report says error, exit 3.
	p := filepath.Join(dir, "iso", "bal_ml_3.rego")
	orig, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(append([]byte{}, orig...), "\nverdict := lib.na(\"twice\") if true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := qmcheck(t, "check", "--policy", dir, "-f", "json", fixture)
	if code != exitInternal || !strings.Contains(out, `"verdict": "error"`) || !strings.Contains(errs, "rule error in Bal-ML-3") {
		t.Errorf("two verdicts: exit %d stderr %q", code, errs)
	}
	// A policy calling http.send: refused at compile time, exit 2, located.
	if err := os.WriteFile(p, append(append([]byte{}, orig...), "\nleak := http.send({\"method\": \"get\", \"url\": \"http://x\"})\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = qmcheck(t, "check", "--policy", dir, fixture)
	if code != exitInput || out != "" || !strings.Contains(errs, p+":") || !strings.Contains(errs, "undefined function http.send") {
		t.Errorf("http.send: exit %d stderr %q", code, errs)
	}
}

func TestInitEditAndCheck(t *testing.T) {
	dir := t.TempDir()
	qmcheck(t, "init", dir)
	if code, out, _ := qmcheck(t, "test", dir); code != exitOK || !strings.Contains(out, " 0 failed") {
		t.Fatalf("test %s: %d\n%s", dir, code, out)
	}
	if code, _, errs := qmcheck(t, "init", dir); code != exitInput || !strings.Contains(errs, "exists") {
		t.Errorf("init over files: %d %s", code, errs)
	}
	prof := filepath.Join(dir, "profiles", "iso5259-2.toml")
	b, _ := os.ReadFile(prof)
	// An organisation that accepts 6% label errors.
	edited := strings.Replace(string(b), "[qm.\"Acc-ML-7\"]\nseverity = \"critical\"", "[qm.\"Acc-ML-7\"]\nseverity = \"low\"", 1)
	edited = strings.Replace(edited, "thresholds = { pass_min = 0.99, caution_min = 0.97 }\n\n[qm.\"Bal-ML-1\"]", "thresholds = { pass_min = 0.90, caution_min = 0.85 }\n\n[qm.\"Bal-ML-1\"]", 1)
	if err := os.WriteFile(prof, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ := qmcheck(t, "check", "--policy", dir, "--profile", prof, "-f", "json", fixture)
	var r struct {
		Verdicts []struct{ QM, Verdict, Severity string }
	}
	_ = json.Unmarshal([]byte(out), &r)
	for _, v := range r.Verdicts {
		if v.QM == "Acc-ML-7" && (v.Verdict != "pass" || v.Severity != "low") {
			t.Errorf("edited Acc-ML-7: %+v", v)
		}
	}
}

func TestExpiredWaiverFailsAgain(t *testing.T) {
	b, _ := os.ReadFile("../../policies/profiles/dataclinic.toml")
	prof := writeFile(t, "p.toml", string(b)+`
[[waiver]]
qm = "Acc-ML-7"
reason = "known, audit scheduled"
owner = "data-quality@example.org"
expires = 2026-06-30
`)
	code, out, _ := qmcheck(t, "check", "--profile", prof, "-f", "table", "--now", "2026-06-30", "--fail-on", "fail", fixture)
	if code != exitGate || !strings.Contains(out, "FAIL (waived)") {
		t.Errorf("active waiver: exit %d\n%s", code, out)
	}
	code, out, _ = qmcheck(t, "check", "--profile", prof, "-f", "table", "--now", "2026-07-01", fixture)
	if code != exitGate || !strings.Contains(out, "waiver for Acc-ML-7 (data-quality@example.org, until 2026-06-30): EXPIRED") || strings.Contains(out, "FAIL (waived)") {
		t.Errorf("expired waiver: exit %d\n%s", code, out)
	}
}

func TestExplain(t *testing.T) {
	code, out, _ := qmcheck(t, "explain", "Bal-ML-3", "--facts", fixture)
	for _, want := range []string{
		"Bal-ML-3 — Balance of images between categories (profile iso5259-2)",
		"Measurement function:  X = mean(n_k) / max_k |n_k - mean(n_k)|",
		"Policy:                policies/iso/bal_ml_3.rego",
		"pass_min               1.5",
		"Verdict on ../../fixtures/imagenet-report/facts.json: PASS   value 2.333",
		"/classes/mean = 1281.2",
		"Decided by: policies/iso/bal_ml_3.rego:",
		"Evaluation trace",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q\n%s", want, out)
		}
	}
	if code != exitOK {
		t.Errorf("exit %d", code)
	}
	_, out, _ = qmcheck(t, "explain", "--profile", "dataclinic", "Bal-ML-1")
	if !strings.Contains(out, "In ISO/IEC 5259-2:     Bal-ML-1 in ISO/IEC 5259-2 is 'Brightness balance'") || !strings.Contains(out, "Belongs to:            Bal-ML-3 Balance of images between categories") {
		t.Errorf("explain dataclinic:\n%s", out)
	}
	if code, _, _ := qmcheck(t, "explain", "Nope-ML-1"); code != exitInput {
		t.Errorf("unknown QM: exit %d", code)
	}
}

func TestCatalogueProfileValidate(t *testing.T) {
	_, out, _ := qmcheck(t, "catalogue")
	if !strings.Contains(out, "66 QMs of ISO/IEC 5259-2") && !strings.Contains(out, "67 QMs") {
		t.Errorf("catalogue:\n%s", out)
	}
	for _, w := range []string{"Bal-ML-3  Balance of images between categories", "Bal-ML-1  Class Balance (Semantic)", "QMC-Tax-1"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(w), " ")) {
			t.Errorf("catalogue lacks %q", w)
		}
	}
	_, out, _ = qmcheck(t, "profile", "show", "dataclinic", "--format", "json")
	var d map[string]map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil || d["profile"]["namespace"] != "dataclinic" {
		t.Errorf("profile show: %v %s", err, out)
	}
	if code, out, _ := qmcheck(t, "validate", fixture); code != 0 || !strings.Contains(out, "valid facts") {
		t.Errorf("validate: %d %s", code, out)
	}
}

var _ = io.Discard
