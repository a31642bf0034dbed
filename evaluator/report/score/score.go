// Package score condenses a verdict report into one number from 0 to 100
// whose formula is printed beside it, so that nobody has to guess what it
// means:
//
//	score = 100 × Σ w(severity)·c(verdict) / Σ w(severity)
//
// summed over the verdicts that are not N/A, in report order, with the
// weights w = 4 critical, 3 high, 2 medium, 1 low and the credits c = 1 pass,
// ½ caution, 0 fail, 0 error. A waived verdict counts as its verdict word (a
// waiver changes the gate, not the data). N/A verdicts are left out of both
// sums, so the score covers only what was measured; Judged and Total say how
// much that is. When every verdict is N/A there is no score (Valid false).
package score

import (
	"fmt"
	"strconv"

	"github.com/qmcheck/qmcheck/evaluator"
)

// Formula is the score's definition in one line, for printing beside it.
const Formula = "score = 100 × Σ w·c / Σ w over the QMs that are not N/A; " +
	"w = 4 critical, 3 high, 2 medium, 1 low; c = 1 pass, ½ caution, 0 fail or error; " +
	"a waived verdict counts as its verdict"

// Weights are the severity weights w.
var Weights = map[string]float64{"critical": 4, "high": 3, "medium": 2, "low": 1}

// Credits are the verdict credits c. N/A has none: it is left out.
var Credits = map[string]float64{evaluator.Pass: 1, evaluator.Caution: 0.5, evaluator.Fail: 0, evaluator.Error: 0}

// Term is one verdict's part in the score.
type Term struct {
	QM       string
	Verdict  string
	Severity string
	Weight   float64 // w
	Credit   float64 // c
}

// Score is the 0–100 score of a report with the sums it comes from.
type Score struct {
	Value  float64 // 100 × Points / Max, in [0, 100]; 0 when !Valid
	Valid  bool    // false when no verdict was judged (all N/A, or none)
	Points float64 // Σ w·c
	Max    float64 // Σ w
	Judged int     // verdicts counted (not N/A)
	Total  int     // all verdicts
	Terms  []Term  // the counted verdicts, in report order
}

// Of scores a report. A severity outside Weights weighs as medium.
func Of(r *evaluator.Report) Score {
	s := Score{Total: len(r.Verdicts)}
	for _, v := range r.Verdicts {
		if v.Verdict == evaluator.NA {
			continue
		}
		w, ok := Weights[v.Severity]
		if !ok {
			w = Weights["medium"]
		}
		c := Credits[v.Verdict] // unknown words earn nothing, like an error
		s.Terms = append(s.Terms, Term{QM: v.QM, Verdict: v.Verdict, Severity: v.Severity, Weight: w, Credit: c})
		s.Points += w * c
		s.Max += w
		s.Judged++
	}
	if s.Max > 0 {
		s.Valid = true
		s.Value = 100 * s.Points / s.Max
	}
	return s
}

// String is the score rounded to a whole number, "15/100", or "no score".
func (s Score) String() string {
	if !s.Valid {
		return "no score"
	}
	return fmt.Sprintf("%.0f/100", s.Value)
}

// Arithmetic spells out the computation: "100 × 4 / 26 = 15.4 (9 of 12
// QMs judged; 3 N/A left out)".
func (s Score) Arithmetic() string {
	if !s.Valid {
		return fmt.Sprintf("no score: none of the %d QMs was judged (all N/A)", s.Total)
	}
	return fmt.Sprintf("100 × %s / %s = %.1f (%d of %d QMs judged; %d N/A left out)",
		num(s.Points), num(s.Max), s.Value, s.Judged, s.Total, s.Total-s.Judged)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
