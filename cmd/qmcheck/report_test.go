package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	// The dataset fails its gate; report still exits 0: it is not a gate.
	code, out, errs := qmcheck(t, "report", "--facts", fixture, "--profile", "dataclinic", "-o", page)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if !strings.HasPrefix(html, "<!DOCTYPE html>") || strings.Count(html, `data-qm="`) != 12 || !strings.Contains(html, "100 × 4 / 26 = 15.4") {
		t.Errorf("page: %.300s", html)
	}

	// The same page from verdicts written by check.
	verdicts := filepath.Join(dir, "verdicts.json")
	if code, _, errs := qmcheck(t, "check", "--profile", "dataclinic", "--format", "json", "-o", verdicts, fixture); code != exitGate {
		t.Fatalf("check: exit %d %s", code, errs)
	}
	page2 := filepath.Join(dir, "report2.html")
	if code, _, errs := qmcheck(t, "report", "--facts", fixture, "--verdicts", verdicts, "-o", page2); code != exitOK {
		t.Fatalf("exit %d %s", code, errs)
	}
	b2, _ := os.ReadFile(page2)
	if !strings.Contains(string(b2), "<span>verdicts "+verdicts+"</span>") || strings.Count(string(b2), `data-qm="`) != 12 {
		t.Error("page from --verdicts")
	}

	code, out, _ = qmcheck(t, "report", "--facts", fixture, "--format", "markdown")
	if code != exitOK || !strings.Contains(out, "| Bal-ML-3 |") || !strings.Contains(out, "**Top findings**") {
		t.Errorf("markdown: exit %d\n%s", code, out)
	}
}

func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	other := writeFile(t, "other.json", `{"schema_version": "1.0", "dataset": {"name": "other", "images": 1}, "collector": {"tool": "t", "version": "1"}}`)
	verdicts := filepath.Join(dir, "v.json")
	qmcheck(t, "check", "--format", "json", "-o", verdicts, fixture)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report"}, "--facts FILE is required"},
		{[]string{"report", "--facts", fixture, "--format", "pdf"}, `--format "pdf": want html or markdown`},
		{[]string{"report", "--facts", fixture, "--images", "/nonexistent"}, "--images /nonexistent: not a directory"},
		{[]string{"report", "--facts", writeFile(t, "bad.json", "{\n  \"dataset\": ,\n}")}, "bad.json:2:"},
		{[]string{"report", "--facts", fixture, "--verdicts", writeFile(t, "v.json", `{"profile": {}, "summary": {}, "verdicts": [{}]}`)}, "/verdicts/0"},
		{[]string{"report", "--facts", other, "--verdicts", verdicts}, `verdicts judge dataset "ImageNet (ILSVRC)", but ` + other + ` describes "other"`},
		{[]string{"report", "--facts", fixture, "--verdicts", verdicts, "--profile", "dataclinic"}, "--profile and --verdicts"},
	} {
		out := filepath.Join(dir, "never.html")
		code, stdout, errs := qmcheck(t, append(c.args, "-o", out)...)
		if code != exitInput || !strings.Contains(errs, c.want) || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: a report was written", c.args)
		}
	}
}
