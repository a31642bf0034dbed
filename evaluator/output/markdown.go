package output

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
)

// MarkdownLimit is the most characters Markdown writes: a GitHub pull-request
// comment holds 65,536.
const MarkdownLimit = 65000

// Markdown writes a GitHub-flavoured Markdown summary for a pull-request
// comment or a job summary: the verdict table and the waivers, cut to
// MarkdownLimit characters (findings are shortened first).
func Markdown(w io.Writer, r *evaluator.Report, _ Options) error {
	for _, max := range []int{0, 400, 160, 60} {
		s := markdown(r, max)
		if len(s) <= MarkdownLimit {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	s := markdown(r, 60)
	_, err := io.WriteString(w, s[:MarkdownLimit-40]+"\n\n*(cut at 65,000 characters)*\n")
	return err
}

var icon = map[string]string{
	evaluator.Pass: "✅ Pass", evaluator.Caution: "⚠️ Caution", evaluator.Fail: "❌ Fail",
	evaluator.NA: "— N/A", evaluator.Error: "💥 Error",
}

// MarkdownVerdict is a verdict word with its icon.
func MarkdownVerdict(v evaluator.Verdict) string {
	s := icon[v.Verdict]
	if v.Waived() {
		s += " (waived)"
	}
	return s
}

func markdown(r *evaluator.Report, maxFinding int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n", cell(title(r)))
	fmt.Fprintf(&b, "**%s**", SummaryLine(r.Summary))
	if g := GateLine(r.Gate); g != "" {
		fmt.Fprintf(&b, " — %s", g)
	}
	b.WriteString("\n\n")
	std := hasStandard(r)
	if std {
		b.WriteString("| QM | Name | Verdict | Severity | Value | Finding | ISO QM |\n|---|---|---|---|---|---|---|\n")
	} else {
		b.WriteString("| QM | Name | Verdict | Severity | Value | Finding |\n|---|---|---|---|---|---|\n")
	}
	for _, v := range r.Verdicts {
		f := v.Finding
		if maxFinding > 0 && len([]rune(f)) > maxFinding {
			f = string([]rune(f)[:maxFinding]) + "…"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |", v.QM, cell(v.Name), MarkdownVerdict(v), v.Severity, Value(v.Value), cell(f))
		if std {
			fmt.Fprintf(&b, " %s |", StandardIDs(v))
		}
		b.WriteString("\n")
	}
	if len(r.Waivers) > 0 {
		b.WriteString("\n**Waivers**\n\n| QM | Status | Owner | Expires | Reason |\n|---|---|---|---|---|\n")
		for _, ws := range r.Waivers {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", ws.QM, ws.Status, cell(ws.Owner), ws.Expires, cell(ws.Reason))
		}
	}
	return b.String()
}

// cell escapes text for a Markdown table cell: pipes, and "<" where it could
// open an HTML tag ("a < b" stays as it is).
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	return tagStart.ReplaceAllString(s, "&lt;$1")
}

var tagStart = regexp.MustCompile(`<([A-Za-z/!?])`)
