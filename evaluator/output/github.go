package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
)

// GitHub writes GitHub Actions workflow commands, grouped: ::error for Fail
// and error verdicts, ::warning for Caution, ::notice for Pass, N/A and
// waived verdicts; then the summary line.
func GitHub(w io.Writer, r *evaluator.Report, o Options) error {
	fmt.Fprintf(w, "::group::%s\n", escapeData(title(r)))
	for _, v := range r.Verdicts {
		cmd := "notice"
		switch {
		case v.Waived():
		case v.Verdict == evaluator.Fail || v.Verdict == evaluator.Error:
			cmd = "error"
		case v.Verdict == evaluator.Caution:
			cmd = "warning"
		}
		props := []string{}
		if o.FactsFile != "" {
			props = append(props, "file="+escapeProperty(o.FactsFile))
		}
		props = append(props, "title="+escapeProperty(fmt.Sprintf("%s %s: %s", v.QM, v.Name, Label(v))))
		fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(v.Finding))
	}
	fmt.Fprintln(w, "::endgroup::")
	line := SummaryLine(r.Summary)
	if g := GateLine(r.Gate); g != "" {
		line += "; " + g
	}
	_, err := fmt.Fprintln(w, line)
	return err
}

// escapeData and escapeProperty follow the Actions toolkit's rules.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
