package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/output"
	"github.com/qmcheck/qmcheck/evaluator/problem"
)

func newExplain() *cobra.Command {
	var f judgeFlags
	var factsFile string
	cmd := &cobra.Command{
		Use:   "explain QM",
		Short: "Explain a QM: definition, function, rule, thresholds and, with --facts, how its verdict came about",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := f.engine(cmd.Context())
			if err != nil {
				return err
			}
			qm, pol, ok := eng.Bound(args[0])
			if !ok {
				return &problem.Usage{Msg: fmt.Sprintf("QM %s is not active in profile %s", args[0], eng.Profile().Name)}
			}
			w := os.Stdout
			cat := eng.Policies().Catalogue
			name := pol.Title
			if qm.Name != "" {
				name = qm.Name
			}
			fmt.Fprintf(w, "%s — %s (profile %s)\n\n", qm.ID, name, eng.Profile().Name)
			if e, ok := cat.Lookup(qm.ID); ok && eng.Profile().Namespace == "iso" {
				fmt.Fprintf(w, "Characteristic:        %s (%s)\n", e.Characteristic, e.Group)
				fmt.Fprintf(w, "ISO definition:        %s\n", e.Definition)
				fmt.Fprintf(w, "Measurement function:  %s\n", e.Function)
				fmt.Fprintf(w, "Source confidence:     %s — %s (sources %s)\n", e.Confidence, cat.ConfidenceLevels[e.Confidence], strings.Join(e.Sources, ", "))
				if e.Note != "" {
					fmt.Fprintf(w, "Note:                  %s\n", e.Note)
				}
			}
			if a, ok := cat.Aliases[eng.Profile().Namespace][qm.ID]; ok {
				fmt.Fprintf(w, "Meaning here:          %s\n", a.Meaning)
				fmt.Fprintf(w, "In ISO/IEC 5259-2:     %s\n", a.StandardMeaning)
				for _, b := range a.BelongsTo {
					e, _ := cat.Lookup(b.QM)
					fmt.Fprintf(w, "Belongs to:            %s %s — %s\n", b.QM, e.Name, b.Relation)
				}
				if len(a.BelongsTo) == 0 {
					fmt.Fprintf(w, "Belongs to:            no direct QM of the standard\n")
				}
			}
			fmt.Fprintf(w, "Policy:                %s (%s)\n", pol.File, pol.Package)
			fmt.Fprintf(w, "As computed here:      X = %s\n", strings.TrimPrefix(pol.Function, "X = "))
			if pol.Description != "" {
				fmt.Fprintf(w, "\n%s\n", wrap(pol.Description, 100))
			}
			fmt.Fprintf(w, "\nActive thresholds (severity %s):\n", qm.Severity)
			for _, k := range slices.Sorted(maps.Keys(qm.Thresholds)) {
				fmt.Fprintf(w, "  %-22s %-8v %s\n", k, qm.Thresholds[k], pol.Thresholds[k])
			}
			for _, k := range slices.Sorted(maps.Keys(qm.Params)) {
				fmt.Fprintf(w, "  param %-16s %-8v %s\n", k, qm.Params[k], pol.Params[k])
			}
			if qm.Rationale != "" {
				fmt.Fprintf(w, "Rationale: %s\n", wrap(qm.Rationale, 100))
			}
			if factsFile == "" {
				return nil
			}
			facts, err := evaluator.ReadFacts(factsFile)
			if err != nil {
				return err
			}
			v, events, err := eng.Explain(cmd.Context(), qm.ID, facts)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "\nVerdict on %s: %s   value %s\n", factsFile, output.Label(v), output.Value(v.Value))
			fmt.Fprintf(w, "Finding: %s\n", v.Finding)
			if len(v.Evidence) > 0 {
				fmt.Fprintln(w, "Evidence:")
				for _, e := range v.Evidence {
					fmt.Fprintf(w, "  %s = %s\n", e.Fact, compact(e.Value))
				}
			}
			fmt.Fprintf(w, "Decided by: %s:%d\n", v.Rule.File, v.Rule.Row)
			if v.Waiver != nil {
				fmt.Fprintf(w, "Waiver (%s): %s — %s, until %s\n", v.Waiver.Status, v.Waiver.Reason, v.Waiver.Owner, v.Waiver.Expires)
			}
			fmt.Fprintf(w, "\nEvaluation trace (%s):\n", pol.File)
			printTrace(w, events)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&factsFile, "facts", "", "facts document to evaluate the QM on, with its trace")
	return cmd
}

func printTrace(w io.Writer, events []*topdown.Event) {
	var lines []string
	seen := map[string]bool{}
	for _, ev := range events {
		if ev.Op != topdown.EvalOp && ev.Op != topdown.ExitOp && ev.Op != topdown.FailOp {
			continue
		}
		l := fmt.Sprintf("  %4d  %-5s %s", ev.Location.Row, strings.ToLower(string(ev.Op)), oneLine(ev.Node))
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	if len(lines) > 400 {
		lines = append(lines[:400], fmt.Sprintf("  ... %d more lines", len(lines)-400))
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

func oneLine(n any) string {
	s := strings.Join(strings.Fields(fmt.Sprint(n)), " ")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

func compact(v any) string {
	s := fmt.Sprint(v)
	if m, ok := v.(map[string]any); ok {
		keys := slices.Sorted(maps.Keys(m))
		s = fmt.Sprintf("{%d keys: %s}", len(keys), strings.Join(keys, ", "))
	}
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

func wrap(s string, width int) string {
	var out, line []string
	n := 0
	for _, word := range strings.Fields(s) {
		if n+len(word) > width && n > 0 {
			out = append(out, strings.Join(line, " "))
			line, n = nil, 0
		}
		line = append(line, word)
		n += len(word) + 1
	}
	if len(line) > 0 {
		out = append(out, strings.Join(line, " "))
	}
	return strings.Join(out, "\n")
}
