package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
)

func newValidate() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FACTS.json",
		Short: "Check a facts document against schemas/facts.schema.json",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			doc, err := evaluator.ReadFacts(args[0])
			if err != nil {
				return err
			}
			m, _ := doc.(map[string]any)
			fmt.Printf("%s: valid facts (schema_version %v)\n", args[0], m["schema_version"])
			return nil
		},
	}
}
