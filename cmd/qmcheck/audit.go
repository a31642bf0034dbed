package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/report"
	"github.com/qmcheck/qmcheck/metrics/facts"
)

// readDocument reads a facts file, validated against the schema, as Go types.
func readDocument(path string) (*facts.Document, error) {
	if _, err := evaluator.ReadFacts(path); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d facts.Document
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&d); err != nil {
		return nil, &problem.Error{File: path, Msg: err.Error()}
	}
	return &d, nil
}

func newAudit() *cobra.Command {
	var (
		cf       collectFlags
		jf       judgeFlags
		factsOut string
		htmlOut  string
	)
	cmd := &cobra.Command{
		Use:   "audit DIR",
		Short: "Collect and check in one command: measure DIR, then judge it under the profile",
		Long: `audit = collect + check: it measures the dataset in DIR (as 'collect' does) and prints one
verdict per QM of the profile (as 'check' does), with the same exit codes.

  qmcheck audit fixtures/fashion-mnist-1k
  qmcheck audit --profile dataclinic --format markdown --facts-out facts.json DIR`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := jf.validate(); err != nil {
				return err
			}
			eng, err := jf.engine(cmd.Context())
			if err != nil {
				return err
			}
			cf.quiet = cf.quiet || jf.format == "json" && jf.output == ""
			o, err := cf.options(args[0], "")
			if err != nil {
				return err
			}
			doc, err := cf.run(cmd, o)
			if err != nil {
				return err
			}
			b, err := doc.Marshal()
			if err != nil {
				return err
			}
			name := "facts of " + args[0]
			if factsOut != "" {
				if err := writeAtomic(factsOut, b); err != nil {
					return err
				}
				name = factsOut
			}
			facts, err := evaluator.ParseFacts(name, b)
			if err != nil {
				return fmt.Errorf("the collected facts do not validate (a bug): %w", err)
			}
			r, err := eng.Evaluate(cmd.Context(), facts)
			if err != nil {
				return err
			}
			if htmlOut != "" {
				var page bytes.Buffer
				if err := report.HTML(&page, doc, r, report.Options{ImagesRoot: args[0], Policies: eng.Policies(), FactsFile: factsOut}); err != nil {
					return err
				}
				if err := writeAtomic(htmlOut, page.Bytes()); err != nil {
					return err
				}
			}
			return jf.emit(r, factsOut)
		},
	}
	cf.register(cmd)
	jf.register(cmd)
	cmd.Flags().StringVar(&factsOut, "facts-out", "", "also write the collected facts to this file")
	cmd.Flags().StringVar(&htmlOut, "report", "", "also write the self-contained HTML report to this file")
	return cmd
}
