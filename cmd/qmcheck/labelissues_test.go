package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const clCase = "../../fixtures/cleanlab-vectors/cl_k3_n200_noise5_balanced_seed8"

// TestLabelIssuesMatchesCleanlab runs the command on a reference case and
// compares its JSON with the real cleanlab's outputs.
func TestLabelIssuesMatchesCleanlab(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(clCase, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		FindLabelIssues map[string][]int `json:"find_label_issues"`
		Ranked          map[string][]int `json:"find_label_issues_ranked"`
		ConfidentJoint  [][]int          `json:"compute_confident_joint"`
		EstimateJoint   [][]float64      `json:"estimate_joint"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	trace := 0.0
	for i := range exp.EstimateJoint {
		trace += exp.EstimateJoint[i][i]
	}
	args := []string{"label-issues", "--labels", filepath.Join(clCase, "labels.npy"), "--pred-probs", filepath.Join(clCase, "pred_probs.npy")}
	run := func(extra ...string) labelIssuesReport {
		t.Helper()
		code, out, errOut := qmcheck(t, append(append([]string{}, args...), extra...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var r labelIssuesReport
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return r
	}
	for _, fb := range []string{"prune_by_noise_rate", "prune_by_class", "both", "confident_learning", "predicted_neq_given", "low_normalized_margin", "low_self_confidence"} {
		r := run("--filter-by", fb)
		want := exp.FindLabelIssues["filter_by="+fb]
		if !reflect.DeepEqual(r.Issues, want) || r.NumLabelIssues != len(want) {
			t.Errorf("%s: %d %v, want %v", fb, r.NumLabelIssues, r.Issues, want)
		}
		if !reflect.DeepEqual([][]int(r.ConfidentJoint), exp.ConfidentJoint) {
			t.Errorf("confident joint %v, want %v", r.ConfidentJoint, exp.ConfidentJoint)
		}
		if d := r.NoiseRate - (1 - trace); d > 1e-8 || d < -1e-8 {
			t.Errorf("noise rate %v, want %v", r.NoiseRate, 1-trace)
		}
	}
	if r := run("--frac-noise", "0.5"); !reflect.DeepEqual(r.Issues, exp.FindLabelIssues["filter_by=prune_by_noise_rate,frac_noise=0.5"]) {
		t.Errorf("frac_noise 0.5: %v", r.Issues)
	}
	for _, rb := range []string{"self_confidence", "normalized_margin", "confidence_weighted_entropy"} {
		r := run("--rank-by", rb)
		if want := exp.Ranked["filter_by=prune_by_noise_rate,return_indices_ranked_by="+rb]; !reflect.DeepEqual(r.Issues, want) {
			t.Errorf("ranked by %s: %v, want %v", rb, r.Issues, want)
		}
	}
	// The table names the same issues, in rank order.
	code, out, _ := qmcheck(t, append(args, "--rank-by", "self_confidence", "--format", "table")...)
	if code != exitOK || !strings.Contains(out, "12 label issues in 200 samples") || !strings.Contains(out, "estimated noise rate 6.00%") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if f := strings.Fields(lines[len(lines)-12]); f[0] != "1" || f[1] != "39" || f[2] != "1" || f[3] != "0" {
		t.Errorf("first ranked row %q", lines[len(lines)-12])
	}
	// Same input, same bytes.
	_, a, _ := qmcheck(t, args...)
	_, b2, _ := qmcheck(t, args...)
	if a != b2 {
		t.Error("output is not deterministic")
	}
}

func TestLabelIssuesBadInput(t *testing.T) {
	labels := filepath.Join(clCase, "labels.npy")
	probs := filepath.Join(clCase, "pred_probs.npy")
	other := "../../fixtures/cleanlab-vectors/cl_k2_n200_noise0_balanced_seed2/pred_probs.npy"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--labels", labels}, "both --labels and --pred-probs are required"},
		{[]string{"--labels", labels, "--pred-probs", probs, "--filter-by", "magic"}, `unknown filter_by "magic"`},
		{[]string{"--labels", labels, "--pred-probs", probs, "--rank-by", "vibes"}, `unknown score "vibes"`},
		{[]string{"--labels", labels, "--pred-probs", probs, "--frac-noise", "2"}, "--frac-noise 2"},
		{[]string{"--labels", labels, "--pred-probs", probs, "--format", "xml"}, `--format "xml"`},
		{[]string{"--labels", labels, "--pred-probs", "nope.npy"}, "nope.npy"},
		// 200 labels in 0..2 against a 2-column pred_probs: out of range.
		{[]string{"--labels", labels, "--pred-probs", other}, "label 2 is outside 0..1"},
		{[]string{"--labels", probs, "--pred-probs", probs}, "want a 1-D array"},
	}
	for _, c := range cases {
		code, out, errOut := qmcheck(t, append([]string{"label-issues"}, c.args...)...)
		if code != exitInput || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want %q)", c.args, code, out, errOut, c.want)
		}
	}
}

// TestLabelIssuesFactsAudit writes facts with the estimate and the ImageNet
// datacard, and judges them.
func TestLabelIssuesFactsAudit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "facts.json")
	code, _, errOut := qmcheck(t, "label-issues", "--labels", filepath.Join(clCase, "labels.npy"), "--pred-probs", filepath.Join(clCase, "pred_probs.npy"),
		"--datacard", "../../fixtures/imagenet-report/datacard.toml", "--facts", out, "--name", "demo")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, report, errOut := qmcheck(t, "check", "-f", "json", "--fail-on", "never", out)
	if code != exitOK {
		t.Fatalf("check: exit %d: %s", code, errOut)
	}
	var r struct {
		Verdicts []struct{ QM, Verdict, Finding string }
	}
	if err := json.Unmarshal([]byte(report), &r); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, v := range r.Verdicts {
		switch v.QM {
		case "Acc-ML-7":
			found++
			if v.Verdict != "fail" || !strings.Contains(v.Finding, "decided by Northcutt, Athalye & Mueller (2021) (validated figures outrank estimates); also: 6.00% (confident_learning estimate: estimated noise rate; 12 of 200 samples flagged)") {
				t.Errorf("Acc-ML-7 %s: %s", v.Verdict, v.Finding)
			}
		case "Eft-ML-3":
			found++
			if v.Verdict == "na" || !strings.Contains(v.Finding, "'confident_learning' flags 12 of 200 samples, estimated noise rate 6.00%") {
				t.Errorf("Eft-ML-3 %s: %s", v.Verdict, v.Finding)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d of the label QMs found", found)
	}
	// A bad datacard is located and nothing is written.
	bad := writeFile(t, "card.toml", "name = \"x\"\n[labelling]\nmethod = \"crowd\"\nworkers = 3\n")
	out2 := filepath.Join(t.TempDir(), "f.json")
	code, _, errOut = qmcheck(t, "label-issues", "--labels", filepath.Join(clCase, "labels.npy"), "--pred-probs", filepath.Join(clCase, "pred_probs.npy"), "--datacard", bad, "--facts", out2)
	if code != exitInput || !strings.Contains(errOut, "card.toml:4:1: labelling.workers") {
		t.Errorf("bad datacard: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(out2); err == nil {
		t.Error("facts written despite a bad datacard")
	}
	code, _, errOut = qmcheck(t, "label-issues", "--labels", filepath.Join(clCase, "labels.npy"), "--pred-probs", filepath.Join(clCase, "pred_probs.npy"), "--datacard", bad)
	if code != exitInput || !strings.Contains(errOut, "give --facts FILE too") {
		t.Errorf("datacard without facts: exit %d: %s", code, errOut)
	}
}
