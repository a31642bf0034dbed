package main

import (
	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
)

func newCheck() *cobra.Command {
	var f judgeFlags
	cmd := &cobra.Command{
		Use:   "check FACTS.json",
		Short: "Judge a facts document: one verdict per QM of the profile",
		Long: `check validates a facts document against schemas/facts.schema.json, evaluates
every QM of the profile with its Rego policy, and reports one verdict per QM.

  qmcheck check fixtures/imagenet-report/facts.json
  qmcheck check --profile dataclinic --format json fixtures/imagenet-report/facts.json
  qmcheck check --profile my-org.toml --policy ./policies --fail-on caution facts.json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate(); err != nil {
				return err
			}
			facts, err := evaluator.ReadFacts(args[0])
			if err != nil {
				return err
			}
			eng, err := f.engine(cmd.Context())
			if err != nil {
				return err
			}
			r, err := eng.Evaluate(cmd.Context(), facts)
			if err != nil {
				return err
			}
			return f.emit(r, args[0])
		},
	}
	f.register(cmd)
	return cmd
}
