package score

import (
	"math"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator"
)

func TestOf(t *testing.T) {
	v := func(word, sev string) evaluator.Verdict {
		return evaluator.Verdict{QM: word + sev, Verdict: word, Severity: sev}
	}
	for _, c := range []struct {
		name          string
		verdicts      []evaluator.Verdict
		points, max   float64
		judged, total int
		text          string
	}{
		{"all pass", []evaluator.Verdict{v("pass", "critical"), v("pass", "low")}, 5, 5, 2, 2, "100/100"},
		{"all fail", []evaluator.Verdict{v("fail", "critical"), v("error", "low")}, 0, 5, 2, 2, "0/100"},
		{"N/A left out", []evaluator.Verdict{v("pass", "high"), v("na", "critical"), v("caution", "medium")}, 4, 5, 2, 3, "80/100"},
		{"unknown severity weighs as medium", []evaluator.Verdict{v("pass", "odd"), v("fail", "medium")}, 2, 4, 2, 2, "50/100"},
		{"all N/A", []evaluator.Verdict{v("na", "high")}, 0, 0, 0, 1, "no score"},
		{"empty", nil, 0, 0, 0, 0, "no score"},
	} {
		s := Of(&evaluator.Report{Verdicts: c.verdicts})
		if s.Points != c.points || s.Max != c.max || s.Judged != c.judged || s.Total != c.total || s.String() != c.text {
			t.Errorf("%s: %+v (%s)", c.name, s, s)
		}
		if s.Valid && math.Abs(s.Value-100*c.points/c.max) > 1e-12 {
			t.Errorf("%s: value %v", c.name, s.Value)
		}
	}
	waived := evaluator.Verdict{QM: "w", Verdict: "fail", Severity: "high", Waiver: &evaluator.Waiver{Status: "active"}}
	if s := Of(&evaluator.Report{Verdicts: []evaluator.Verdict{waived, {Verdict: "pass", Severity: "high"}}}); s.Value != 50 {
		t.Errorf("a waived fail must count as a fail: %+v", s)
	}
	if s := Of(&evaluator.Report{Verdicts: []evaluator.Verdict{{Verdict: "na"}}}); !strings.Contains(s.Arithmetic(), "none of the 1 QMs was judged") {
		t.Error(s.Arithmetic())
	}
}
