package output

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/report/score"
)

// MarkdownLimit is the most characters Markdown writes: a GitHub pull-request
// comment holds 65,536.
const MarkdownLimit = 65000

// TopFindings is how many findings the Markdown summary details below its
// table.
const TopFindings = 10

// Markdown writes a GitHub-flavoured Markdown summary for a pull-request
// comment or a job summary: the summary line and the 0–100 score with its
// formula (package score), the verdict table, the top findings (the worst
// verdicts with their finding, value against thresholds and evidence; see
// Top) and the waivers, cut to MarkdownLimit characters (findings are
// shortened first).
func Markdown(w io.Writer, r *evaluator.Report, _ Options) error {
	for _, max := range []int{0, 400, 160, 60} {
		s := markdown(r, max)
		if len(s) <= MarkdownLimit {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	s := markdown(r, 60)
	cut := MarkdownLimit - 40
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	_, err := io.WriteString(w, s[:cut]+"\n\n*(cut at 65,000 characters)*\n")
	return err
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

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

// Top returns up to n verdicts that need attention, worst first: error, then
// fail, then caution (pass and N/A are left out); within a word by severity
// (critical, high, medium, low), then in report order. Waived verdicts come
// after unwaived ones of the same word.
func Top(r *evaluator.Report, n int) []evaluator.Verdict {
	wordRank := map[string]int{evaluator.Error: 0, evaluator.Fail: 1, evaluator.Caution: 2}
	sevRank := map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3}
	var out []evaluator.Verdict
	for _, v := range r.Verdicts {
		if _, ok := wordRank[v.Verdict]; ok {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if wordRank[a.Verdict] != wordRank[b.Verdict] {
			return wordRank[a.Verdict] < wordRank[b.Verdict]
		}
		if a.Waived() != b.Waived() {
			return !a.Waived()
		}
		sa, oka := sevRank[a.Severity]
		sb, okb := sevRank[b.Severity]
		if !oka {
			sa = 2
		}
		if !okb {
			sb = 2
		}
		return sa < sb
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// ValueVsThresholds is a verdict's value beside its thresholds, in name
// order: "0.9417 (caution_min 0.97, pass_min 0.99)", or "—" and the
// thresholds when there is no value.
func ValueVsThresholds(v evaluator.Verdict) string {
	s := Value(v.Value)
	if len(v.Thresholds) == 0 {
		return s
	}
	var parts []string
	for _, k := range sortedThresholds(v.Thresholds) {
		parts = append(parts, k+" "+strconv.FormatFloat(v.Thresholds[k], 'g', -1, 64))
	}
	return s + " (" + strings.Join(parts, ", ") + ")"
}

// EvidenceValue is an evidence value as compact JSON, cut to max runes (0: no
// cut).
func EvidenceValue(x any, max int) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	s := fmt.Sprint(x)
	if err := enc.Encode(x); err == nil {
		s = strings.TrimSuffix(b.String(), "\n")
	}
	if max > 0 && len([]rune(s)) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return s
}

func shorten(s string, max int) string {
	if max > 0 && len([]rune(s)) > max {
		return string([]rune(s)[:max]) + "…"
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
	sc := score.Of(r)
	fmt.Fprintf(&b, "**Score %s** — %s. <sub>%s</sub>\n\n", sc, sc.Arithmetic(), score.Formula)
	std := hasStandard(r)
	if std {
		b.WriteString("| QM | Name | Verdict | Severity | Value | Finding | ISO QM |\n|---|---|---|---|---|---|---|\n")
	} else {
		b.WriteString("| QM | Name | Verdict | Severity | Value | Finding |\n|---|---|---|---|---|---|\n")
	}
	for _, v := range r.Verdicts {
		f := shorten(v.Finding, maxFinding)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |", v.QM, cell(v.Name), MarkdownVerdict(v), v.Severity, Value(v.Value), cell(f))
		if std {
			fmt.Fprintf(&b, " %s |", StandardIDs(v))
		}
		b.WriteString("\n")
	}
	if top := Top(r, TopFindings); len(top) > 0 {
		fmt.Fprintf(&b, "\n**Top findings** (worst first: error, fail, caution; then by severity)\n\n")
		for i, v := range top {
			fmt.Fprintf(&b, "%d. **%s %s** — %s, %s, X = %s  \n", i+1, v.QM, cell(v.Name), MarkdownVerdict(v), v.Severity, cell(ValueVsThresholds(v)))
			fmt.Fprintf(&b, "   %s", cell(shorten(v.Finding, maxFinding)))
			for j, e := range v.Evidence {
				if j == 3 {
					fmt.Fprintf(&b, "  \n   <sub>… %d more</sub>", len(v.Evidence)-3)
					break
				}
				fmt.Fprintf(&b, "  \n   <sub>`%s` = `%s`</sub>", code(e.Fact), code(oneLine(EvidenceValue(e.Value, 80))))
			}
			fmt.Fprintf(&b, "  \n   <sub>rule %s:%d</sub>\n", code(v.Rule.File), v.Rule.Row)
		}
	}
	if len(r.Waivers) > 0 {
		b.WriteString("\n**Waivers**\n\n| QM | Status | Owner | Expires | Reason |\n|---|---|---|---|---|\n")
		for _, ws := range r.Waivers {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", ws.QM, ws.Status, cell(ws.Owner), ws.Expires, cell(ws.Reason))
		}
	}
	return b.String()
}

// code keeps text inside a Markdown code span: backticks become quotes.
func code(s string) string { return strings.ReplaceAll(s, "`", "'") }

// cell escapes text for a Markdown table cell: pipes, and "<" where it could
// open an HTML tag ("a < b" stays as it is).
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	return tagStart.ReplaceAllString(s, "&lt;$1")
}

var tagStart = regexp.MustCompile(`<([A-Za-z/!?])`)
