// Package output renders a verdict report in the formats CI systems and
// people read: table, json, markdown, junit, sarif, github, tap. Each format
// is one file behind one function type; the evaluator knows nothing of them.
//
// How the four verdicts map onto each format:
//
//	format    pass            caution                 fail                    n/a
//	junit     testcase        testcase + system-out   <failure>               <skipped>
//	sarif     kind pass       kind fail, warning      kind fail, error        kind notApplicable
//	github    ::notice        ::warning               ::error                 ::notice
//	tap       ok              ok (CAUTION)            not ok                  ok # SKIP
//
// An error verdict is <error> (junit), kind fail/error (sarif), ::error
// (github) and not ok (tap). A waived verdict is reported as waived: it is
// skipped in junit, carries a suppression in sarif, is a notice in github
// annotations and a TODO in tap, so it does not fail those consumers.
package output

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
)

// Options carry what a format may show beside the report.
type Options struct {
	FactsFile string // the facts file judged, for locations
}

// Writer renders a report.
type Writer func(w io.Writer, r *evaluator.Report, o Options) error

var writers = map[string]Writer{
	"table":    Table,
	"json":     JSON,
	"markdown": Markdown,
	"junit":    JUnit,
	"sarif":    SARIF,
	"github":   GitHub,
	"tap":      TAP,
}

// Names lists the formats.
func Names() []string {
	out := make([]string, 0, len(writers))
	for n := range writers {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Write renders r in the named format.
func Write(format string, w io.Writer, r *evaluator.Report, o Options) error {
	fn, ok := writers[format]
	if !ok {
		return fmt.Errorf("unknown format %q (one of %s)", format, strings.Join(Names(), ", "))
	}
	return fn(w, r, o)
}

// Label is the verdict as people read it: PASS, CAUTION, FAIL, N/A, ERROR.
func Label(v evaluator.Verdict) string {
	l := map[string]string{
		evaluator.Pass: "PASS", evaluator.Caution: "CAUTION", evaluator.Fail: "FAIL",
		evaluator.NA: "N/A", evaluator.Error: "ERROR",
	}[v.Verdict]
	if v.Waived() {
		l += " (waived)"
	}
	return l
}

// Value formats a verdict's value with four significant digits, or "—".
func Value(n evaluator.Number) string {
	if !n.Valid {
		return "—"
	}
	return strconv.FormatFloat(n.V, 'g', 4, 64)
}

// SummaryLine is "5 fail · 4 caution · 3 n/a · 0 pass · 0 error (12 QMs)".
func SummaryLine(s evaluator.Summary) string {
	line := fmt.Sprintf("%d fail · %d caution · %d n/a · %d pass · %d error (%d QMs)", s.Fail, s.Caution, s.NA, s.Pass, s.Error, s.Total)
	if s.Waived > 0 {
		line += fmt.Sprintf(", %d waived", s.Waived)
	}
	return line
}

// GateLine describes the gate, or "" when none was applied.
func GateLine(g *evaluator.Gate) string {
	if g == nil {
		return ""
	}
	if g.Passed {
		return fmt.Sprintf("gate (fail on %s): passed", g.FailOn)
	}
	return fmt.Sprintf("gate (fail on %s): FAILED by %s", g.FailOn, strings.Join(g.Blocking, ", "))
}

// StandardIDs lists the standard QMs a verdict's concept belongs to.
func StandardIDs(v evaluator.Verdict) string {
	var ids []string
	for _, s := range v.Standard {
		ids = append(ids, s.QM)
	}
	return strings.Join(ids, ", ")
}

// hasStandard reports whether any verdict maps onto standard QMs (a profile
// whose IDs are not the standard's).
func hasStandard(r *evaluator.Report) bool {
	for _, v := range r.Verdicts {
		if len(v.Standard) > 0 {
			return true
		}
	}
	return false
}

func title(r *evaluator.Report) string {
	t := fmt.Sprintf("%s %s · profile %s", r.Tool.Name, r.Tool.Version, r.Profile.Name)
	if r.Facts.Dataset != "" {
		t += " · " + r.Facts.Dataset
	}
	return t
}
