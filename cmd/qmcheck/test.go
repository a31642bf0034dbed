package main

import (
	"fmt"
	"maps"
	"slices"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/problem"
)

func newTest() *cobra.Command {
	var (
		run       string
		coverage  bool
		threshold float64
		verbose   bool
	)
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the policies' Rego unit tests (as 'opa test' does), with optional coverage",
		Long: `test runs every test_* rule of the policy tree (the embedded one, or DIR as
written by 'qmcheck init') with OPA's tester, in the same sandbox as 'check'.
Exit code 1 when a test fails or coverage is below --threshold; 2 when a
policy does not compile.`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if threshold < 0 || threshold > 100 {
				return &problem.Usage{Msg: "--threshold must be between 0 and 100"}
			}
			if threshold > 0 {
				coverage = true
			}
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			rep, err := evaluator.RunTests(cmd.Context(), dir, run, coverage)
			if err != nil {
				return err
			}
			for _, r := range rep.Results {
				status := "PASS"
				switch {
				case r.Skip:
					status = "SKIP"
				case !r.Pass:
					status = "FAIL"
				}
				if verbose || !r.Pass {
					fmt.Printf("%s:%d: %s: %s\n", r.File, r.Row, r.Name, status)
					if r.Message != "" {
						fmt.Printf("    %s\n", r.Message)
					}
				}
			}
			fmt.Printf("%d tests: %d passed, %d failed, %d skipped\n", len(rep.Results), rep.Passed, rep.Failed, rep.Skipped)
			if rep.Coverage != nil {
				fmt.Printf("coverage: %.2f%% of policy lines\n", *rep.Coverage)
				if verbose {
					files := slices.Sorted(maps.Keys(rep.Uncovered))
					for _, f := range files {
						fmt.Printf("  not covered %s: rows %v\n", f, rep.Uncovered[f])
					}
				}
			}
			switch {
			case len(rep.Results) == 0:
				return &exitError{code: exitGate, msg: "no tests ran"}
			case rep.Failed > 0:
				return &exitError{code: exitGate, msg: fmt.Sprintf("%d tests failed", rep.Failed)}
			case rep.Coverage != nil && *rep.Coverage < threshold:
				return &exitError{code: exitGate, msg: fmt.Sprintf("coverage %.2f%% is below the threshold %.2f%%", *rep.Coverage, threshold)}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&run, "run", "r", "", "run only tests whose name matches this regular expression")
	cmd.Flags().BoolVar(&coverage, "coverage", false, "report the share of policy lines the tests evaluate")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "fail when coverage is below this percentage (implies --coverage)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test and the uncovered rows")
	return cmd
}
