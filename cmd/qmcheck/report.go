package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/output"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
	"github.com/qmcheck/qmcheck/evaluator/report"
)

func newReport() *cobra.Command {
	var (
		factsFile, verdictsFile string
		prof, policy, now       string
		images, format, out     string
		pixelScale              string
		thumbSize               int
	)
	cmd := &cobra.Command{
		Use:   "report --facts FACTS.json [--verdicts VERDICTS.json] -o report.html",
		Short: "Write a self-contained HTML report (or a Markdown summary) of an audit",
		Long: `report writes one self-contained HTML page for people to read: the 0-100
score with its formula, the verdict table (each row opens to its evidence
and its rule's METADATA), prescriptions (which classes to bulk up, which
duplicates and dense clusters to diet, which labels to check first), charts
(class counts, pixel histograms, image sizes, and per lens the density
histogram, the PCA of class means and the most confused class pairs) and,
with --images, thumbnails of the samples it names. The page needs no
network and no JavaScript.

Without --verdicts the facts are judged under --profile first, as check
does. With --format markdown it writes the pull-request summary instead
(the verdict table and the top findings, under 65,000 characters).

report is not a gate: it exits 0 once the report is written, whatever the
verdicts; 2 on bad input (facts, verdicts, profile or policy, located);
3 on an internal error.

  qmcheck report --facts facts.json --images ./dataset -o report.html
  qmcheck report --facts facts.json --verdicts verdicts.json -o report.html
  qmcheck report --facts fixtures/imagenet-report/facts.json --profile dataclinic --format markdown`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if factsFile == "" {
				return &problem.Usage{Msg: "--facts FILE is required"}
			}
			if format != "html" && format != "markdown" {
				return &problem.Usage{Msg: fmt.Sprintf("--format %q: want html or markdown", format)}
			}
			if pixelScale != "log" && pixelScale != "linear" {
				return &problem.Usage{Msg: fmt.Sprintf("--pixel-scale %q: want log or linear", pixelScale)}
			}
			if images != "" {
				if st, err := os.Stat(images); err != nil || !st.IsDir() {
					return &problem.Usage{Msg: fmt.Sprintf("--images %s: not a directory", images)}
				}
			}
			if verdictsFile != "" && cmd.Flags().Changed("profile") {
				return &problem.Usage{Msg: "--profile and --verdicts: the verdicts were judged under the profile they name; give one or the other"}
			}
			facts, err := evaluator.ReadFacts(factsFile)
			if err != nil {
				return err
			}
			doc, err := report.Document(facts)
			if err != nil {
				return &problem.Error{File: factsFile, Msg: err.Error()}
			}
			var (
				r   *evaluator.Report
				pol *evaluator.Policies
			)
			if verdictsFile != "" {
				if r, err = report.ReadVerdicts(verdictsFile); err != nil {
					return err
				}
				if err := report.SameFacts(r, verdictsFile, doc, factsFile); err != nil {
					return err
				}
				if pol, err = evaluator.LoadPolicies(policy, false); err != nil {
					return err
				}
			} else {
				jf := judgeFlags{profile: prof, policy: policy, now: now}
				eng, err := jf.engine(cmd.Context())
				if err != nil {
					return err
				}
				if r, err = eng.Evaluate(cmd.Context(), facts); err != nil {
					return err
				}
				pol = eng.Policies()
			}
			var b bytes.Buffer
			if format == "markdown" {
				err = output.Markdown(&b, r, output.Options{FactsFile: factsFile})
			} else {
				err = report.HTML(&b, doc, r, report.Options{
					ImagesRoot: images, Policies: pol, FactsFile: factsFile, VerdictsFile: verdictsFile,
					LinearPixels: pixelScale == "linear", ThumbSize: thumbSize,
				})
			}
			if err != nil {
				return err
			}
			if out == "" {
				_, err = os.Stdout.Write(b.Bytes())
				return err
			}
			if err := writeAtomic(out, b.Bytes()); err != nil {
				return &problem.Usage{Msg: err.Error()}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&factsFile, "facts", "", "facts document to report on (required)")
	fl.StringVar(&verdictsFile, "verdicts", "", "verdicts as 'check --format json' wrote them (default: judge the facts under --profile)")
	fl.StringVar(&prof, "profile", profile.Default, "profile to judge the facts under when no --verdicts are given")
	fl.StringVar(&policy, "policy", "", "policy directory (as written by 'qmcheck init') instead of the embedded policies")
	fl.StringVar(&now, "now", "", "date (YYYY-MM-DD, UTC) to judge waiver expiry against (default: today)")
	fl.StringVar(&images, "images", "", "dataset root the sample ids are relative to, for thumbnails")
	fl.StringVarP(&format, "format", "f", "html", "html (the page) or markdown (the pull-request summary)")
	fl.StringVarP(&out, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&pixelScale, "pixel-scale", "log", "pixel histogram scale: log (count + 1, spikes and tails visible) or linear")
	fl.IntVar(&thumbSize, "thumb-size", 72, "thumbnail box in pixels")
	return cmd
}
