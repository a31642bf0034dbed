package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
	"github.com/qmcheck/qmcheck/policies"
)

func newProfileCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "List profiles, or print one as TOML or as OPA data (JSON)",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the embedded profiles",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			for _, n := range profile.Names() {
				p, err := profile.Load(n)
				if err != nil {
					return err
				}
				fmt.Printf("%-12s %2d QMs  %s\n", n, len(p.Active()), p.Title)
			}
			return nil
		},
	})
	var format string
	show := &cobra.Command{
		Use:   "show NAME|FILE",
		Short: "Print a profile: --format toml (the source) or json (data for 'opa eval -d')",
		Long: `show prints a profile. With --format json it prints {"profile": ...}, the
document the policies read as data.profile, so that the plain OPA CLI can run
them:

  qmcheck profile show dataclinic --format json > profile.json
  opa eval -d policies -d profile.json -i facts.json 'data.qmcheck.dataclinic'`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			p, err := profile.Load(args[0])
			if err != nil {
				return err
			}
			switch format {
			case "json":
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(map[string]any{"profile": p.Data()})
			case "toml":
				if p.Source == "embedded" {
					b, err := fs.ReadFile(policies.FS(), path.Join("profiles", p.Name+".toml"))
					if err != nil {
						return err
					}
					_, err = os.Stdout.Write(b)
					return err
				}
				b, err := os.ReadFile(p.Source)
				if err != nil {
					return err
				}
				_, err = os.Stdout.Write(b)
				return err
			}
			return &problem.Usage{Msg: fmt.Sprintf("--format %q: want toml or json", format)}
		},
	}
	show.Flags().StringVarP(&format, "format", "f", "toml", "toml or json")
	cmd.AddCommand(show)
	return cmd
}
