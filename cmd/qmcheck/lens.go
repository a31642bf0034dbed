package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/lens"
	"github.com/qmcheck/qmcheck/metrics/taxonomy"
)

func newLens() *cobra.Command {
	var (
		vectors, ids, labelsPath, name, into, out, model, metric, taxPath, taxKey string
		o                                                                         lens.Options
	)
	cmd := &cobra.Command{
		Use:   "lens --vectors FILE --labels LABELS.csv",
		Short: "Measure a dataset through embeddings you already have (k-NN density, outliers, similarity, spectrum)",
		Long: `lens computes the facts of one embedding lens from a vectors file — any
model's output, one row per sample — and the samples' labels, and prints
them as JSON (the /lenses/<name> section of a facts document,
schemas/facts/lens.schema.json): k-NN density (exact up to --exact-limit
samples, else against a fixed-seed reference sample), the densest and
sparsest samples, outliers and near duplicates by cleanlab's rules,
within-class and between-class similarity with k-NN confusion, the
eigenvalue spectrum and a PCA of the class means.

  --vectors  a 2-D .npy (float16/32/64, C order) or a .csv with a header row
             (first column "id" names the samples)
  --ids      sample ids, one per line, in the row order of a .npy (default
             FILE.ids when it exists, else the rows follow --labels)
  --labels   CSV with a header naming an "id" and a "class" (or "label")
             column: the samples, in dataset order

  qmcheck lens --vectors clip.npy --ids clip.ids --labels labels.csv -o clip.json
  qmcheck lens --vectors clip.npy --labels labels.csv --name clip --into facts.json
  qmcheck check facts.json

With --into FACTS.json the lens is added to (or replaces) /lenses/<name> of
an existing facts document, /lens_agreement is recomputed, and the
document is validated and written back (or to -o). The facts document's
taxonomy, when it has one, gives the taxonomy shares.

Exit codes: 0 done; 2 bad input, located (file, line, row).`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(_ *cobra.Command, _ []string) error {
			if vectors == "" || labelsPath == "" {
				return &problem.Usage{Msg: "both --vectors and --labels are required"}
			}
			if metric != string(knn.Cosine) && metric != string(knn.Euclidean) {
				return &problem.Usage{Msg: fmt.Sprintf("--metric %q: want cosine or euclidean", metric)}
			}
			if into != "" && name == "" {
				return &problem.Usage{Msg: "--into needs --name: the lens's key in /lenses"}
			}
			kind := lens.KindNPY
			if strings.EqualFold(filepath.Ext(vectors), ".csv") {
				kind = lens.KindCSV
				if ids != "" {
					return &problem.Usage{Msg: "--ids applies to .npy vectors; a CSV names its samples in an id column"}
				}
			}
			key := name
			if key == "" {
				key = "lens"
			}
			arg := key + "=" + kind + ":" + vectors
			if ids != "" {
				arg += ",ids=" + ids
			}
			spec, err := lens.ParseSpec(arg)
			if err != nil {
				return err
			}
			sampleIDs, classes, err := lens.ReadLabels(labelsPath)
			if err != nil {
				return err
			}
			var doc *facts.Document
			if into != "" {
				if doc, err = readDocument(into); err != nil {
					return err
				}
			}
			in := lens.Input{IDs: sampleIDs, Classes: classes}
			switch {
			case taxPath != "":
				if in.Taxonomy, err = readTaxonomy(taxPath, taxKey); err != nil {
					return err
				}
			case doc != nil && doc.Taxonomy != nil:
				in.Taxonomy = doc.Taxonomy
			}
			if in.Vectors, err = spec.Load(sampleIDs); err != nil {
				return err
			}
			o.Metric, o.Model, o.Source = knn.Metric(metric), model, spec.Source()
			start := time.Now()
			l, _, err := lens.Measure(in, o)
			if err != nil {
				return err
			}
			mode := "exact k-NN"
			if !*l.Exact {
				mode = fmt.Sprintf("k-NN against a reference sample of %d", l.ReferenceSample)
			}
			fmt.Fprintf(os.Stderr, "qmcheck: lens %s: %d samples × %d dims, %s (k = %d, %s, %s BLAS) in %.1fs\n",
				spec.Name, l.Samples, l.Dims, mode, l.K, l.Metric, knn.Backend, time.Since(start).Seconds())
			if doc == nil {
				b, err := marshalLens(l)
				if err != nil {
					return err
				}
				return writeOut(out, b)
			}
			if doc.Lenses == nil {
				doc.Lenses = map[string]*facts.Lens{}
			}
			doc.Lenses[name] = l
			doc.LensAgreement = lens.Agree(doc.Lenses)
			b, err := doc.Marshal()
			if err != nil {
				return err
			}
			if _, err := evaluator.ParseFacts(into, b); err != nil {
				return err
			}
			if out == "" {
				out = into
			}
			return writeAtomic(out, b)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&vectors, "vectors", "", "embeddings: a 2-D .npy or a .csv, one row per sample")
	fl.StringVar(&ids, "ids", "", "sample ids of the .npy rows, one per line (default: VECTORS.ids if present, else the --labels order)")
	fl.StringVar(&labelsPath, "labels", "", "CSV with id and class (or label) columns: the samples and their classes")
	fl.StringVar(&name, "name", "", "lens name, the key in /lenses (needed with --into)")
	fl.StringVar(&into, "into", "", "add the lens to this facts document instead of printing it")
	fl.StringVarP(&out, "output", "o", "", "write here instead of stdout (or instead of overwriting --into)")
	fl.StringVar(&model, "model", "", "what produced the vectors, recorded in the facts")
	fl.StringVar(&metric, "metric", string(knn.Cosine), "k-NN distance: cosine or euclidean")
	fl.StringVar(&taxPath, "taxonomy", "", "class taxonomy (WordNet JSON lines) for the taxonomy shares")
	fl.StringVar(&taxKey, "taxonomy-key", "name", "how the taxonomy names classes: name (first lemma) or id (wnid)")
	fl.IntVar(&o.K, "k", lens.DefaultK, "neighbours per sample")
	fl.IntVar(&o.Extremes, "extremes", lens.DefaultExtremes, "size of the densest and sparsest sets")
	fl.IntVar(&o.ExactLimit, "exact-limit", lens.DefaultExactLimit, "largest number of samples searched exactly")
	fl.IntVar(&o.Reference, "reference", lens.DefaultReference, "reference sample size above --exact-limit")
	fl.Int64Var(&o.Seed, "seed", lens.DefaultSeed, "seed of the reference sample")
	fl.IntVar(&o.Workers, "workers", 0, "parallel workers (default: all CPUs)")
	return cmd
}

// marshalLens writes a lens as indented JSON after checking it against the
// facts schema inside a minimal document.
func marshalLens(l *facts.Lens) ([]byte, error) {
	d := &facts.Document{SchemaVersion: facts.SchemaVersion, Dataset: facts.Dataset{Name: "lens"},
		Collector: facts.Collector{Tool: "qmcheck", Version: "lens"}, Lenses: map[string]*facts.Lens{"lens": l}}
	b, err := d.Marshal()
	if err != nil {
		return nil, err
	}
	if _, err := evaluator.ParseFacts("lens", b); err != nil {
		return nil, fmt.Errorf("internal: measured lens does not match the schema: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeOut(path string, b []byte) error {
	if path == "" || path == "-" {
		_, err := os.Stdout.Write(b)
		return err
	}
	return writeAtomic(path, b)
}

func readTaxonomy(path, key string) (*facts.Taxonomy, error) {
	var k taxonomy.Key
	switch key {
	case "name":
		k = taxonomy.ByName
	case "id":
		k = taxonomy.ByID
	default:
		return nil, &problem.Usage{Msg: fmt.Sprintf("--taxonomy-key %q: want name or id", key)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := taxonomy.ReadJSONL(f, filepath.Base(path), k)
	if err != nil {
		return nil, &problem.Error{Msg: err.Error()}
	}
	return t.Facts(taxonomy.WordNet), nil
}
