package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/output"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
)

// judgeFlags are the flags of every command that judges facts.
type judgeFlags struct {
	profile string
	policy  string
	format  string
	output  string
	failOn  string
	now     string
}

func (f *judgeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", profile.Default, "profile: an embedded one ("+strings.Join(profile.Names(), ", ")+") or a TOML file")
	fl.StringVar(&f.policy, "policy", "", "policy directory (as written by 'qmcheck init') instead of the embedded policies")
	fl.StringVarP(&f.format, "format", "f", "", "output format: "+strings.Join(output.Names(), ", ")+" (default: table on a terminal, json otherwise)")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "fail", "lowest verdict that fails the gate: "+strings.Join(evaluator.FailOnLevels, ", "))
	fl.StringVar(&f.now, "now", "", "date (YYYY-MM-DD, UTC) to judge waiver expiry against (default: today)")
}

func (f *judgeFlags) validate() error {
	ok := false
	for _, l := range evaluator.FailOnLevels {
		ok = ok || l == f.failOn
	}
	if !ok {
		return &problem.Usage{Msg: fmt.Sprintf("--fail-on %q: want one of %s", f.failOn, strings.Join(evaluator.FailOnLevels, ", "))}
	}
	if f.format != "" {
		found := false
		for _, n := range output.Names() {
			found = found || n == f.format
		}
		if !found {
			return &problem.Usage{Msg: fmt.Sprintf("--format %q: want one of %s", f.format, strings.Join(output.Names(), ", "))}
		}
	}
	return nil
}

// engine loads the profile and the policies and binds them.
func (f *judgeFlags) engine(ctx context.Context) (*evaluator.Engine, error) {
	prof, err := profile.Load(f.profile)
	if err != nil {
		return nil, err
	}
	pol, err := evaluator.LoadPolicies(f.policy, false)
	if err != nil {
		return nil, err
	}
	var opts []evaluator.Option
	if f.now != "" {
		t, err := time.Parse("2006-01-02", f.now)
		if err != nil {
			return nil, &problem.Usage{Msg: fmt.Sprintf("--now %q: want YYYY-MM-DD", f.now)}
		}
		opts = append(opts, evaluator.WithNow(t))
	}
	return evaluator.New(ctx, pol, prof, opts...)
}

// emit writes the report in the chosen format and turns the gate and any
// error verdict into the exit code.
func (f *judgeFlags) emit(r *evaluator.Report, factsFile string) error {
	r.ApplyGate(f.failOn)
	format := f.format
	w := os.Stdout
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			return &problem.Usage{Msg: err.Error()}
		}
		defer file.Close()
		w = file
		if format == "" {
			format = "json"
		}
	}
	if format == "" {
		format = "json"
		if term.IsTerminal(int(os.Stdout.Fd())) {
			format = "table"
		}
	}
	if err := output.Write(format, w, r, output.Options{FactsFile: factsFile}); err != nil {
		return err
	}
	if r.Summary.Error > 0 {
		var names []string
		for _, v := range r.Verdicts {
			if v.Verdict == evaluator.Error {
				names = append(names, v.QM)
			}
		}
		return &exitError{code: exitInternal, msg: "rule error in " + strings.Join(names, ", ")}
	}
	if !r.Gate.Passed {
		return &exitError{code: exitGate}
	}
	return nil
}
