package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/collect"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/lens"
)

// exitInterrupted is the conventional exit code after SIGINT.
const exitInterrupted = 130

// collectFlags are the flags of collect and audit.
type collectFlags struct {
	manifest   string
	name       string
	splits     []string
	workers    int
	maxPixels  int64
	near       int
	resume     bool
	shard      string
	quiet      bool
	provenance bool
	datacard   string
	taxonomy   string
	predProbs  string
	predIDs    string
	lenses     []string
	knnLabels  string

	specs  []lens.Spec
	images *imageVectors
}

func (f *collectFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.manifest, "manifest", "", "CSV or JSON-lines manifest (path,label[,split]) with paths relative to DIR, instead of walking folders")
	fl.StringVar(&f.name, "name", "", "dataset name in the facts (default: the folder's name)")
	fl.StringSliceVar(&f.splits, "splits", nil, "names of the split folders (default: detect train, test, val, validation, valid, dev)")
	fl.IntVar(&f.workers, "workers", 0, "decoding workers (default: GOMAXPROCS)")
	fl.Int64Var(&f.maxPixels, "max-pixels", 0, "refuse images with more pixels than this (default 178,956,970, Pillow's decompression-bomb limit)")
	fl.IntVar(&f.near, "near-distance", 0, "largest Hamming distance (of 64) recorded between near-duplicate perceptual hashes (default 6)")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress bar")
	fl.BoolVar(&f.provenance, "provenance", false, "record start and end time, host and worker count in the facts (they are then no longer byte-identical between runs)")
	fl.StringVar(&f.datacard, "datacard", "", "datacard (TOML) with declared metadata and published label-error rates")
	fl.StringVar(&f.taxonomy, "taxonomy", "", "class taxonomy: wordnet (classes are wnids), wordnet:DIR, a .jsonl file or a class > parent > ... file")
	fl.StringVar(&f.predProbs, "pred-probs", "", "out-of-sample predicted probabilities (.npy, N×K; columns = classes in sorted name order) for confident learning")
	fl.StringVar(&f.predIDs, "pred-probs-ids", "", "sample ids of the --pred-probs rows, one per line (default: the decoded labelled samples in id order)")
	fl.StringArrayVar(&f.lenses, "lens", nil, "embedding lens NAME=SPEC, repeatable: NAME=builtin, NAME=pixels, NAME=npy:FILE[,ids=FILE], NAME=csv:FILE; options ,k=N ,metric=cosine|euclidean ,model=TEXT (docs/lenses.md)")
	fl.StringVar(&f.knnLabels, "knn-labels", "", "estimate label issues without a model from the k-NN graph of this lens (cleanlab's k-NN path)")
}

func (f *collectFlags) options(root, checkpoint string) (collect.Options, error) {
	o := collect.Options{Root: root, Name: f.name, Manifest: f.manifest, Splits: f.splits, Workers: f.workers,
		MaxPixels: f.maxPixels, NearMaxDistance: f.near, Checkpoint: checkpoint, Resume: f.resume}
	if f.shard != "" {
		i, n, ok := strings.Cut(f.shard, "/")
		si, err1 := strconv.Atoi(i)
		sn, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || sn < 1 || si < 0 || si >= sn {
			return o, &problem.Usage{Msg: fmt.Sprintf("--shard %q: want i/N with 0 <= i < N", f.shard)}
		}
		o.ShardIndex, o.ShardCount = si, sn
	}
	specs, err := lens.ParseSpecs(f.lenses)
	if err != nil {
		return o, err
	}
	f.specs = specs
	names := map[string]bool{}
	for _, s := range specs {
		names[s.Name] = true
		if s.FromImages() {
			if f.images == nil {
				f.images = &imageVectors{vec: map[string]map[string][]float32{}}
				o.Visit = f.images.visit
			}
			if f.images.vec[s.Kind] == nil {
				f.images.kinds = append(f.images.kinds, s.Kind)
				f.images.vec[s.Kind] = map[string][]float32{}
			}
		}
	}
	if len(specs) > 0 && o.ShardCount > 1 {
		return o, &problem.Usage{Msg: "--lens needs every sample at once: measure lenses on the merged dataset (collect without --shard), not per shard"}
	}
	if f.knnLabels != "" && !names[f.knnLabels] {
		return o, &problem.Usage{Msg: fmt.Sprintf("--knn-labels %s: no --lens of that name", f.knnLabels)}
	}
	if !f.quiet && term.IsTerminal(int(os.Stderr.Fd())) {
		var bar *progressbar.ProgressBar
		o.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription("measuring"),
					progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("img"),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(done)
		}
	}
	return o, nil
}

// run collects, turning an interrupt into exit code 130 with what to do next.
func (f *collectFlags) run(cmd *cobra.Command, o collect.Options) (*facts.Document, error) {
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	started := time.Now().UTC()
	c, err := collect.Run(ctx, o)
	if err != nil {
		if errors.Is(err, collect.ErrInterrupted) {
			msg := "collection " + err.Error()
			if o.Checkpoint != "" {
				msg += "; finished batches are in " + o.Checkpoint + ": rerun with --resume to continue"
			}
			return nil, &exitError{code: exitInterrupted, msg: msg}
		}
		return nil, err
	}
	var doc *facts.Document
	if o.ShardCount > 1 {
		doc, err = c.PartialFacts()
	} else {
		doc, err = c.Facts()
	}
	if err != nil {
		return nil, err
	}
	if o.ShardCount <= 1 {
		if err := f.enrich(doc, c); err != nil {
			return nil, err
		}
	}
	if f.provenance {
		host, _ := os.Hostname()
		doc.Collector.Provenance = map[string]any{"started": started.Format(time.RFC3339), "finished": time.Now().UTC().Format(time.RFC3339),
			"host": host, "workers": c.Options.Workers, "go": runtime.Version()}
	}
	return doc, nil
}

// writeAtomic writes b to path through a temporary file in the same folder
// (mode 0644, synced) and a rename, so a reader never sees half a file.
func writeAtomic(path string, b []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(b); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func newCollect() *cobra.Command {
	var f collectFlags
	var out string
	cmd := &cobra.Command{
		Use:   "collect DIR -o facts.json",
		Short: "Measure an image dataset into a facts document",
		Long: `collect walks DIR (ImageFolder: DIR/<class>/<file>, optionally DIR/<split>/<class>/<file>;
or a Hugging Face imagefolder with metadata.jsonl / metadata.csv; or --manifest), decodes every
image in parallel and writes the Level I facts: integrity (every file measured or listed with a
reason), classes, images (formats, modes, sizes, CleanVision's raw statistics), exact pixel
histograms, exact and near duplicates (also across splits). DIR is only read.

An interrupted run (Ctrl-C, kill) keeps its finished batches in FACTS.checkpoint; rerun with
--resume to continue — the facts are byte-identical to an uninterrupted run. --shard i/N
measures a deterministic 1/N of the files into partial facts; 'qmcheck merge' combines them.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return &problem.Usage{Msg: "collect needs -o FILE for the facts"}
			}
			o, err := f.options(args[0], out+".checkpoint")
			if err != nil {
				return err
			}
			doc, err := f.run(cmd, o)
			if err != nil {
				return err
			}
			b, err := doc.Marshal()
			if err != nil {
				return err
			}
			if err := writeAtomic(out, b); err != nil {
				return err
			}
			os.Remove(o.Checkpoint)
			if !f.quiet {
				fmt.Fprintf(os.Stderr, "%s: %d files, %d measured, %d listed with a reason\n", out, doc.Integrity.Files, *doc.Integrity.Decoded, *doc.Integrity.UnreadableN)
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVarP(&out, "output", "o", "", "facts file to write (atomically)")
	cmd.Flags().BoolVar(&f.resume, "resume", false, "continue an interrupted collection from its checkpoint")
	cmd.Flags().StringVar(&f.shard, "shard", "", "measure only shard i of N (i/N, from 0): partial facts for 'qmcheck merge'")
	return cmd
}

func newMerge() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge -o facts.json PARTIAL...",
		Short: "Combine the partial facts of 'collect --shard i/N' into the facts one run would give",
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return &problem.Usage{Msg: "merge needs -o FILE"}
			}
			var docs []*facts.Document
			for _, a := range args {
				d, err := readDocument(a)
				if err != nil {
					return err
				}
				docs = append(docs, d)
			}
			c, err := collect.Merge(args, docs)
			if err != nil {
				return err
			}
			doc, err := c.Facts()
			if err != nil {
				return err
			}
			b, err := doc.Marshal()
			if err != nil {
				return err
			}
			return writeAtomic(out, b)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "facts file to write")
	return cmd
}
