package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/buildinfo"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/datacard"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/labels"
)

// labelIssuesReport is the JSON output of label-issues.
type labelIssuesReport struct {
	NumLabelIssues int           `json:"num_label_issues"`
	Issues         []int         `json:"issues"`
	ConfidentJoint labels.Counts `json:"confident_joint"`
	NoiseRate      float64       `json:"noise_rate"`
}

func newLabelIssues() *cobra.Command {
	var labelsPath, probsPath, filterBy, rankBy, format, factsPath, cardPath, name string
	var fracNoise float64
	var minPerClass int
	cmd := &cobra.Command{
		Use:   "label-issues --labels LABELS.npy --pred-probs PRED_PROBS.npy",
		Short: "Find label errors from a model's out-of-sample predicted probabilities (confident learning)",
		Long: `label-issues runs confident learning (Northcutt et al., JAIR 2021), a
reimplementation that gives the same results as cleanlab 2.9.0's
filter.find_label_issues, on given labels (a 1-D integer .npy, values 0..K-1)
and out-of-sample predicted probabilities (an N×K float .npy, rows summing to
1, e.g. from cross-validation).

It prints the flagged samples (row indices, ascending, or ranked most likely
wrong first with --rank-by), their number, the calibrated confident joint
(rows: given label, columns: the label confident learning suggests) and the
estimated noise rate, 1 - trace of the estimated joint.

  qmcheck label-issues --labels labels.npy --pred-probs pred_probs.npy
  qmcheck label-issues --labels labels.npy --pred-probs pred_probs.npy \
      --filter-by both --rank-by normalized_margin --format table

With --facts FILE it also writes a facts document that 'qmcheck check' can
judge: the dataset size, the estimate in labels.estimated (suspects ranked
by --rank-by, self_confidence by default) and, with --datacard, the declared
metadata and published label-error rates:

  qmcheck label-issues --labels labels.npy --pred-probs pred_probs.npy \
      --datacard datacard.toml --facts facts.json
  qmcheck check facts.json

--filter-by: ` + join(labels.FilterMethods) + `
--rank-by:   ` + join(labels.ScoreMethods) + `

Exit codes: 0 done (whether or not issues were found); 2 bad input, located
(file, row, column).`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(_ *cobra.Command, _ []string) error {
			if labelsPath == "" || probsPath == "" {
				return &problem.Usage{Msg: "both --labels and --pred-probs are required"}
			}
			fb, err := labels.ParseFilterBy(filterBy)
			if err != nil {
				return &problem.Usage{Msg: "--filter-by: " + err.Error()}
			}
			var rb labels.ScoreMethod
			if rankBy != "" {
				if rb, err = labels.ParseScoreMethod(rankBy); err != nil {
					return &problem.Usage{Msg: "--rank-by: " + err.Error()}
				}
			}
			if fracNoise <= 0 || fracNoise > 1 {
				return &problem.Usage{Msg: fmt.Sprintf("--frac-noise %v: want a share in (0, 1]", fracNoise)}
			}
			if minPerClass < 1 {
				return &problem.Usage{Msg: fmt.Sprintf("--min-examples-per-class %d: want at least 1", minPerClass)}
			}
			if format != "json" && format != "table" {
				return &problem.Usage{Msg: fmt.Sprintf("--format %q: want json or table", format)}
			}
			var card *datacard.Card
			if cardPath != "" {
				if factsPath == "" {
					return &problem.Usage{Msg: "--datacard goes into the facts: give --facts FILE too"}
				}
				if card, err = datacard.Load(cardPath); err != nil {
					return err
				}
			}
			y, p, err := labels.Load(labelsPath, probsPath)
			if err != nil {
				return err
			}
			cj := labels.CalibratedConfidentJoint(y, p)
			is, err := labels.FindLabelIssues(y, p, labels.Options{FilterBy: fb, FracNoise: fracNoise, MinExamplesPerClass: minPerClass, ConfidentJoint: cj})
			if err != nil {
				return err
			}
			for _, w := range is.Warnings {
				fmt.Fprintln(os.Stderr, "qmcheck: warning:", w)
			}
			idx := is.Indices()
			if rb != "" {
				if idx, err = labels.Rank(is.Mask, y, p, rb); err != nil {
					return err
				}
			}
			if idx == nil {
				idx = []int{}
			}
			r := labelIssuesReport{NumLabelIssues: len(idx), Issues: idx, ConfidentJoint: cj, NoiseRate: labels.NoiseRate(y, p)}
			if factsPath != "" {
				o := labels.EstimateOptions{FilterBy: fb, RankBy: rb, MinExamplesPerClass: minPerClass, Limit: factsListMax}
				if name == "" {
					name = strings.TrimSuffix(filepath.Base(labelsPath), filepath.Ext(labelsPath))
				}
				if err := writeLabelFacts(factsPath, name, y, p, o, card, fracNoise); err != nil {
					return err
				}
			}
			if format == "json" {
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			return labelIssuesTable(os.Stdout, r, y, p, fb, rb)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&labelsPath, "labels", "", "given labels: a 1-D integer .npy (values 0..K-1)")
	fl.StringVar(&probsPath, "pred-probs", "", "out-of-sample predicted probabilities: an N×K float .npy")
	fl.StringVar(&filterBy, "filter-by", string(labels.PruneByNoiseRate), "how to decide which samples are issues")
	fl.StringVar(&rankBy, "rank-by", "", "rank the issues by this label quality score, lowest first (default: ascending row order)")
	fl.Float64Var(&fracNoise, "frac-noise", 1, "share of the estimated issues per class pair to flag (pruning methods)")
	fl.IntVar(&minPerClass, "min-examples-per-class", 1, "samples of each class the pruning methods never flag (cleanlab's default 1; CleanLearning uses 10)")
	fl.StringVarP(&format, "format", "f", "json", "output format: json or table")
	fl.StringVar(&factsPath, "facts", "", "also write a facts document with the estimate (and the --datacard) to this file")
	fl.StringVar(&cardPath, "datacard", "", "datacard (TOML) to put into the --facts document")
	fl.StringVar(&name, "name", "", "dataset name in the --facts document (default: the labels file's base name)")
	return cmd
}

// factsListMax bounds the suspects listed in the facts (as the collector's
// lists).
const factsListMax = 10000

// writeLabelFacts writes a facts document holding the dataset's size, the
// confident-learning estimate and the datacard.
func writeLabelFacts(path, name string, y []int, p *labels.Matrix, o labels.EstimateOptions, card *datacard.Card, fracNoise float64) error {
	if fracNoise != 1 {
		return &problem.Usage{Msg: "--facts records the full estimate: leave --frac-noise at 1"}
	}
	e, err := labels.Estimate(y, p, o)
	if err != nil {
		return err
	}
	doc := &facts.Document{
		SchemaVersion: facts.SchemaVersion,
		Dataset:       facts.Dataset{Name: name, Images: int64(len(y)), Classes: int64(p.Cols)},
		Collector:     facts.Collector{Tool: buildinfo.Tool, Version: buildinfo.Version, Options: map[string]any{"command": "label-issues"}},
		Labels:        &facts.Labels{Estimated: []facts.Estimated{*e}},
	}
	if card != nil {
		if err := card.Apply(doc); err != nil {
			return err
		}
	}
	b, err := doc.Marshal()
	if err != nil {
		return err
	}
	if _, err := evaluator.ParseFacts(path, b); err != nil {
		return err
	}
	return writeAtomic(path, b)
}

// maxJointTable bounds the classes for which the table shows the joint.
const maxJointTable = 20

func labelIssuesTable(out io.Writer, r labelIssuesReport, y []int, p *labels.Matrix, fb labels.FilterBy, rb labels.ScoreMethod) error {
	ranked := "ascending row order"
	score := rb
	if rb != "" {
		ranked = "ranked by " + string(rb) + ", lowest first"
	} else {
		score = labels.SelfConfidence
	}
	fmt.Fprintf(out, "%d label issues in %d samples (filter %s; %s)\n", r.NumLabelIssues, len(y), fb, ranked)
	fmt.Fprintf(out, "estimated noise rate %.2f%% (1 - trace of the calibrated joint)\n\n", 100*r.NoiseRate)
	k := len(r.ConfidentJoint)
	if k <= maxJointTable {
		fmt.Fprintln(out, "confident joint (rows: given label; columns: suggested label)")
		w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(w, "\t")
		for j := 0; j < k; j++ {
			fmt.Fprintf(w, "%d\t", j)
		}
		fmt.Fprintln(w)
		for i, row := range r.ConfidentJoint {
			fmt.Fprintf(w, "%d\t", i)
			for _, v := range row {
				fmt.Fprintf(w, "%d\t", v)
			}
			fmt.Fprintln(w)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "confident joint: %d×%d, shown with --format json\n", k, k)
	}
	if len(r.Issues) == 0 {
		return nil
	}
	scores, err := labels.QualityScores(y, p, score, false)
	if err != nil {
		return err
	}
	pred := labels.PredictedLabels(p)
	fmt.Fprintln(out)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "RANK\tINDEX\tGIVEN\tSUGGESTED\t%s\n", strings.ToUpper(string(score)))
	for n, i := range r.Issues {
		fmt.Fprintf(w, "%d\t%d\t%d\t%d\t%.4f\n", n+1, i, y[i], pred[i], scores[i])
	}
	return w.Flush()
}

func join[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
