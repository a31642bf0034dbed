package evaluator

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/qmcheck/qmcheck/evaluator/problem"
)

// TestResult is one Rego test (a rule named test_*).
type TestResult struct {
	Name     string // data.<package>.<rule>
	File     string
	Row      int
	Pass     bool
	Skip     bool
	Message  string // the failing expression or the error
	Duration time.Duration
}

// TestReport is the outcome of RunTests.
type TestReport struct {
	Results   []TestResult
	Passed    int
	Failed    int
	Skipped   int
	Coverage  *float64         // percent of policy lines covered, when asked for
	Uncovered map[string][]int // file → first rows of uncovered ranges
}

// RunTests runs the Rego unit tests of a policy tree (embedded when dir is
// empty) as `opa test` does, with OPA's tester, in the same sandbox and
// strict mode as evaluation. run filters tests by a regular expression; with
// coverage, the share of policy lines the tests evaluate is reported.
func RunTests(ctx context.Context, dir, run string, coverage bool) (*TestReport, error) {
	if run != "" {
		if _, err := regexp.Compile(run); err != nil {
			return nil, &problem.Usage{Msg: fmt.Sprintf("--run %q: %v", run, err)}
		}
	}
	pol, err := LoadPolicies(dir, true)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObject(pol.docs)
	txn, err := store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	comp := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithStrict(true).
		WithEnablePrintStatements(true)
	runner := tester.NewRunner().
		SetCompiler(comp).
		SetStore(store).
		SetModules(pol.modules).
		CapturePrintOutput(true).
		SetTimeout(30 * time.Second).
		Filter(run)
	var cov *cover.Cover
	if coverage {
		cov = cover.New()
		runner = runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return nil, policyErrors(err)
	}
	rep := &TestReport{}
	for r := range ch {
		tr := TestResult{Name: r.Package + "." + r.Name, Pass: r.Pass(), Skip: r.Skip, Duration: r.Duration}
		if r.Location != nil {
			tr.File, tr.Row = r.Location.File, r.Location.Row
		}
		switch {
		case r.Error != nil:
			tr.Message = r.Error.Error()
		case r.Fail && r.FailedAt != nil:
			tr.Message = fmt.Sprintf("failed at %s:%d: %s", r.FailedAt.Location.File, r.FailedAt.Location.Row, r.FailedAt)
		case r.Fail:
			tr.Message = "failed"
		}
		switch {
		case r.Skip:
			rep.Skipped++
		case tr.Pass:
			rep.Passed++
		default:
			rep.Failed++
		}
		rep.Results = append(rep.Results, tr)
	}
	sort.Slice(rep.Results, func(i, j int) bool {
		a, b := rep.Results[i], rep.Results[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Row < b.Row
	})
	if cov != nil {
		policyOnly := map[string]*ast.Module{}
		for name, m := range pol.modules {
			if !isTestFile(name) {
				policyOnly[name] = m
			}
		}
		report := cov.Report(policyOnly)
		c := report.Coverage
		rep.Coverage = &c
		rep.Uncovered = map[string][]int{}
		for file, fr := range report.Files {
			for _, rg := range fr.NotCovered {
				rep.Uncovered[file] = append(rep.Uncovered[file], rg.Start.Row)
			}
		}
	}
	return rep, nil
}

func isTestFile(name string) bool {
	return len(name) > len("_test.rego") && name[len(name)-len("_test.rego"):] == "_test.rego"
}
