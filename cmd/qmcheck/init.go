package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/policies"
)

func newInit() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write the embedded policies, catalogue and profiles to DIR for an organisation to edit",
		Long: `init writes the policy tree qmcheck embeds — lib/, iso/, dataclinic/ (each
policy beside its _test.rego), catalogue/ and profiles/ — into DIR. Edit a
profile's thresholds or a policy, run 'qmcheck test DIR', then judge with
'qmcheck check --policy DIR --profile DIR/profiles/iso5259-2.toml facts.json'.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := args[0]
			n := 0
			err := fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				dst := filepath.Join(dir, filepath.FromSlash(p))
				if d.IsDir() {
					return os.MkdirAll(dst, 0o755)
				}
				b, err := fs.ReadFile(policies.FS(), p)
				if err != nil {
					return err
				}
				if _, err := os.Stat(dst); err == nil && !force {
					return &problem.Usage{Msg: fmt.Sprintf("%s exists; use --force to overwrite", dst)}
				}
				n++
				return os.WriteFile(dst, b, 0o644)
			})
			if err != nil {
				var u *problem.Usage
				if errors.As(err, &u) {
					return u
				}
				return &problem.Usage{Msg: err.Error()}
			}
			fmt.Printf("wrote %d files to %s\n", n, dir)
			fmt.Printf("next: qmcheck test %s && qmcheck check --policy %s --profile %s facts.json\n",
				dir, dir, filepath.Join(dir, "profiles", "iso5259-2.toml"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	return cmd
}
