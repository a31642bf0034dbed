package output

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/qmcheck/qmcheck/evaluator"
)

// Table writes an aligned plain-text table: one row per QM, then the summary
// and the gate.
func Table(w io.Writer, r *evaluator.Report, _ Options) error {
	fmt.Fprintln(w, title(r))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	std := hasStandard(r)
	head := "QM\tNAME\tVERDICT\tSEVERITY\tVALUE\t"
	if std {
		head += "ISO QM\t"
	}
	fmt.Fprintln(tw, head+"FINDING")
	for _, v := range r.Verdicts {
		row := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t", v.QM, v.Name, Label(v), v.Severity, Value(v.Value))
		if std {
			row += StandardIDs(v) + "\t"
		}
		fmt.Fprintln(tw, row+oneLine(v.Finding))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, SummaryLine(r.Summary))
	for _, ws := range r.Waivers {
		if ws.Status != "active" {
			fmt.Fprintf(w, "waiver for %s (%s, until %s): %s\n", ws.QM, ws.Owner, ws.Expires, strings.ToUpper(ws.Status))
		}
	}
	if g := GateLine(r.Gate); g != "" {
		fmt.Fprintln(w, g)
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
