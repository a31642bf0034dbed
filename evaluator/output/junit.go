package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// JUnit writes JUnit XML: Fail → <failure>, Caution → a passing test case
// with the finding in <system-out>, N/A → <skipped>, error → <error>; a
// waived verdict is <skipped> with the waiver.
func JUnit(w io.Writer, r *evaluator.Report, o Options) error {
	s := junitSuite{Name: "qmcheck." + r.Profile.Name, Tests: len(r.Verdicts)}
	s.Properties = []junitProperty{{"profile", r.Profile.Name}, {"dataset", r.Facts.Dataset}, {"summary", SummaryLine(r.Summary)}}
	for _, v := range r.Verdicts {
		c := junitCase{Classname: r.Profile.Name + "." + strings.ReplaceAll(v.Characteristic, " ", ""), Name: v.QM + " " + v.Name, File: o.FactsFile}
		detail := details(v)
		switch {
		case v.Waived():
			c.Skipped = &junitMessage{Message: fmt.Sprintf("waived (%s): %s", strings.ToUpper(v.Verdict), v.Waiver.Reason), Body: detail}
			s.Skipped++
		case v.Verdict == evaluator.Fail:
			c.Failure = &junitMessage{Message: v.Finding, Type: v.Severity, Body: detail}
			s.Failures++
		case v.Verdict == evaluator.Error:
			c.Error = &junitMessage{Message: v.Finding, Type: "error", Body: detail}
			s.Errors++
		case v.Verdict == evaluator.NA:
			c.Skipped = &junitMessage{Message: "N/A: " + v.Finding}
			s.Skipped++
		case v.Verdict == evaluator.Caution:
			c.SystemOut = "CAUTION: " + v.Finding + "\n" + detail
		default:
			c.SystemOut = "PASS: " + v.Finding + "\n" + detail
		}
		s.Cases = append(s.Cases, c)
	}
	out := junitSuites{Name: "qmcheck", Tests: s.Tests, Failures: s.Failures, Errors: s.Errors, Skipped: s.Skipped, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// details renders value, thresholds, evidence and rule for plain-text bodies.
func details(v evaluator.Verdict) string {
	var b strings.Builder
	fmt.Fprintf(&b, "value: %s\n", Value(v.Value))
	if v.Function != "" {
		fmt.Fprintf(&b, "function: %s\n", v.Function)
	}
	for _, k := range sortedThresholds(v.Thresholds) {
		fmt.Fprintf(&b, "threshold %s: %v\n", k, v.Thresholds[k])
	}
	for _, e := range v.Evidence {
		fmt.Fprintf(&b, "evidence %s: %v\n", e.Fact, e.Value)
	}
	fmt.Fprintf(&b, "rule: %s:%d\n", v.Rule.File, v.Rule.Row)
	return b.String()
}
