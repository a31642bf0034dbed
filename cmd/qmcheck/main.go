// Command qmcheck audits machine-learning image datasets against the quality
// measures (QMs) of ISO/IEC 5259-2:2024.
//
// Exit codes:
//
//	0  the gate passed (no verdict at or above --fail-on, waived ones aside)
//	1  the gate failed
//	2  usage or input error: invalid facts, profile or policy, with its location
//	3  internal error, or a QM whose rule errored (verdict "error")
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator/buildinfo"
	"github.com/qmcheck/qmcheck/evaluator/problem"
)

// Exit codes.
const (
	exitOK       = 0
	exitGate     = 1
	exitInput    = 2
	exitInternal = 3
)

// exitError ends the program with a code after its output has been written.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := newRoot()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "qmcheck:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(os.Stderr, "qmcheck:", err)
	if problem.IsInput(err) {
		return exitInput
	}
	return exitInternal
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "qmcheck",
		Short: "Audit image datasets against the ISO/IEC 5259-2 quality measures",
		Long: `qmcheck measures an image-classification dataset into a facts document
(collect), judges the facts with one Rego policy per ISO/IEC 5259-2 quality
measure and the thresholds of a TOML profile (check), and explains every
verdict: Pass, Fail, Caution or N/A.

Exit codes: 0 gate passed; 1 gate failed (a verdict at or above --fail-on);
2 usage or input error (invalid facts, profile or policy, located);
3 internal error or a rule that errored.`,
		Version:       buildinfo.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &problem.Usage{Msg: err.Error()}
	})
	root.AddCommand(
		newCheck(),
		newCollect(),
		newMerge(),
		newAudit(),
		newCatalogue(),
		newExplain(),
		newTest(),
		newInit(),
		newProfileCmd(),
		newValidate(),
		newLabelIssues(),
		newReport(),
		newLens(),
	)
	return root
}

// usageArgs wraps cobra's argument checks so that a wrong count is a usage
// error (exit 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &problem.Usage{Msg: err.Error()}
		}
		return nil
	}
}
