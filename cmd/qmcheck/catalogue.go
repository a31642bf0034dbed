package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
)

func newCatalogue() *cobra.Command {
	var format, policy string
	cmd := &cobra.Command{
		Use:   "catalogue",
		Short: "List the ISO/IEC 5259-2 QMs, their aliases, and which profiles evaluate them",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			pol, err := evaluator.LoadPolicies(policy, false)
			if err != nil {
				return err
			}
			cat := pol.Catalogue
			// Which embedded profile evaluates each ID of its namespace.
			in := map[string]map[string][]string{} // namespace → id → profiles
			for _, name := range profile.Names() {
				p, err := profile.Load(name)
				if err != nil {
					return err
				}
				for _, q := range p.Active() {
					if in[p.Namespace] == nil {
						in[p.Namespace] = map[string][]string{}
					}
					in[p.Namespace][q.ID] = append(in[p.Namespace][q.ID], name)
				}
			}
			switch format {
			case "json":
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(cat)
			case "", "table":
			default:
				return &problem.Usage{Msg: fmt.Sprintf("--format %q: want table or json", format)}
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "QM\tNAME\tCHARACTERISTIC\tCONF.\tEVALUATED BY")
			for _, id := range cat.IDs() {
				e := cat.QMs[id]
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", id, e.Name, e.Characteristic, e.Confidence, strings.Join(in["iso"][id], ", "))
			}
			ext := make([]string, 0, len(cat.Extensions))
			for id := range cat.Extensions {
				ext = append(ext, id)
			}
			sort.Strings(ext)
			for _, id := range ext {
				e := cat.Extensions[id]
				fmt.Fprintf(w, "%s\t%s (not ISO)\t%s\t%s\t%s\n", id, e.Name, e.Characteristic, e.Confidence, strings.Join(in["iso"][id], ", "))
			}
			if err := w.Flush(); err != nil {
				return err
			}
			for _, ns := range slices.Sorted(maps.Keys(cat.Aliases)) {
				fmt.Printf("\nAliases of the %s reading (its IDs are mostly not the standard's):\n", ns)
				w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "ID\tMEANS THERE\tIN ISO/IEC 5259-2\tBELONGS TO")
				for _, id := range slices.Sorted(maps.Keys(cat.Aliases[ns])) {
					a := cat.Aliases[ns][id]
					var to []string
					for _, b := range a.BelongsTo {
						to = append(to, b.QM)
					}
					if len(to) == 0 {
						to = []string{"no direct QM"}
					}
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", id, a.Name, a.StandardMeaning, strings.Join(to, ", "))
				}
				if err := w.Flush(); err != nil {
					return err
				}
			}
			fmt.Printf("\n%d QMs of ISO/IEC 5259-2 (confidence: Q quoted, C confirmed by two sources, P one source, X conflicting).\n", len(cat.QMs))
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	cmd.Flags().StringVar(&policy, "policy", "", "policy directory instead of the embedded policies")
	return cmd
}
