package output

import (
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator"
)

func TestTopOrdersByVerdictThenSeverity(t *testing.T) {
	v := func(qm, word, sev string) evaluator.Verdict {
		return evaluator.Verdict{QM: qm, Verdict: word, Severity: sev}
	}
	waived := v("W", evaluator.Fail, "critical")
	waived.Waiver = &evaluator.Waiver{Status: "active"}
	r := &evaluator.Report{Verdicts: []evaluator.Verdict{
		v("P", evaluator.Pass, "critical"), v("C1", evaluator.Caution, "low"), v("F1", evaluator.Fail, "medium"),
		waived, v("N", evaluator.NA, "critical"), v("C2", evaluator.Caution, "critical"), v("E", evaluator.Error, "low"),
		v("F2", evaluator.Fail, "critical"), v("F3", evaluator.Fail, "medium"),
	}}
	var got []string
	for _, x := range Top(r, 10) {
		got = append(got, x.QM)
	}
	if s := strings.Join(got, " "); s != "E F2 F1 F3 W C2 C1" {
		t.Errorf("top: %s", s)
	}
	if n := len(Top(r, 3)); n != 3 {
		t.Errorf("cut: %d", n)
	}
}

func TestMarkdownTopFindingsDetail(t *testing.T) {
	r := report(t, "iso5259-2")
	out := render(t, "markdown", r)
	i := strings.Index(out, "**Top findings**")
	if i < 0 {
		t.Fatal("no top findings")
	}
	top := out[i:]
	for _, v := range Top(r, TopFindings) {
		if !strings.Contains(top, "**"+v.QM+" "+v.Name+"** — "+MarkdownVerdict(v)+", "+v.Severity+", X = "+ValueVsThresholds(v)) {
			t.Errorf("top findings lack the head line of %s", v.QM)
		}
		if !strings.Contains(top, cell(v.Finding)) {
			t.Errorf("top findings lack the finding of %s", v.QM)
		}
	}
	if !strings.Contains(out, "**Score ") || !strings.Contains(out, "w = 4 critical, 3 high, 2 medium, 1 low") {
		t.Error("no score")
	}
	// Under the limit with huge findings and evidence, the table and the top findings are still there.
	for i := range r.Verdicts {
		r.Verdicts[i].Finding = strings.Repeat("y", 9000)
		r.Verdicts[i].Evidence = append(r.Verdicts[i].Evidence, evaluator.Evidence{Fact: "/x", Value: strings.Repeat("z", 9000)})
	}
	out = render(t, "markdown", r)
	if len(out) > MarkdownLimit || !strings.Contains(out, "**Top findings**") || !strings.Contains(out, "| Bal-ML-3 |") {
		t.Errorf("%d characters; top findings kept: %v", len(out), strings.Contains(out, "**Top findings**"))
	}
}

func TestValueVsThresholds(t *testing.T) {
	v := evaluator.Verdict{Value: evaluator.NumberOf(0.9417), Thresholds: map[string]float64{"pass_min": 0.99, "caution_min": 0.97}}
	if got := ValueVsThresholds(v); got != "0.9417 (caution_min 0.97, pass_min 0.99)" {
		t.Error(got)
	}
	if got := ValueVsThresholds(evaluator.Verdict{}); got != "—" {
		t.Error(got)
	}
	if got := EvidenceValue(map[string]any{"a": "x & <y>"}, 0); got != `{"a":"x & <y>"}` {
		t.Error(got)
	}
	if got := EvidenceValue(strings.Repeat("é", 100), 10); got != `"`+strings.Repeat("é", 9)+"…" {
		t.Error(got)
	}
}
