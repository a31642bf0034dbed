package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
)

// TAP writes the Test Anything Protocol, version 13: Pass and Caution are
// "ok" (Caution says so), N/A is "ok # SKIP", Fail and error are "not ok",
// a waived verdict is "# TODO waived". A YAML block carries the details.
func TAP(w io.Writer, r *evaluator.Report, _ Options) error {
	fmt.Fprintf(w, "TAP version 13\n1..%d\n", len(r.Verdicts))
	for i, v := range r.Verdicts {
		ok := "ok"
		if v.Verdict == evaluator.Fail || v.Verdict == evaluator.Error {
			ok = "not ok"
		}
		line := fmt.Sprintf("%s %d - %s %s: %s", ok, i+1, v.QM, tapText(v.Name), Label(v))
		switch {
		case v.Waived():
			line += " # TODO waived: " + tapText(v.Waiver.Reason)
		case v.Verdict == evaluator.NA:
			line += " # SKIP " + tapText(v.Finding)
		}
		fmt.Fprintln(w, line)
		fmt.Fprintln(w, "  ---")
		fmt.Fprintf(w, "  finding: %q\n", v.Finding)
		fmt.Fprintf(w, "  severity: %s\n", v.Severity)
		fmt.Fprintf(w, "  value: %s\n", strings.TrimPrefix(Value(v.Value), "—"))
		fmt.Fprintf(w, "  rule: %q\n", fmt.Sprintf("%s:%d", v.Rule.File, v.Rule.Row))
		fmt.Fprintln(w, "  ...")
	}
	_, err := fmt.Fprintf(w, "# %s\n", SummaryLine(r.Summary))
	return err
}

func tapText(s string) string { return strings.NewReplacer("#", `\#`, "\n", " ").Replace(s) }
