package main

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/collect"
	"github.com/qmcheck/qmcheck/metrics/datacard"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/knn"
	"github.com/qmcheck/qmcheck/metrics/labels"
	"github.com/qmcheck/qmcheck/metrics/lens"
	"github.com/qmcheck/qmcheck/metrics/npy"
	"github.com/qmcheck/qmcheck/metrics/raster"
	"github.com/qmcheck/qmcheck/metrics/taxonomy"
)

// enrich adds what the images cannot show: the class taxonomy, the datacard
// and a confident-learning estimate from predicted probabilities.
func (f *collectFlags) enrich(doc *facts.Document, c *collect.Collection) error {
	classes := c.Data.Classes
	if f.taxonomy != "" {
		tx, err := taxonomy.Load(f.taxonomy, classes)
		if err != nil {
			return err
		}
		doc.Taxonomy = tx.Facts(taxonomy.WordNet)
	}
	if f.predProbs != "" {
		if err := f.estimate(doc, c); err != nil {
			return err
		}
	}
	if len(f.specs) > 0 {
		if err := f.measureLenses(doc, c); err != nil {
			return err
		}
	}
	if f.datacard != "" {
		card, err := datacard.Load(f.datacard)
		if err != nil {
			return err
		}
		if err := card.Apply(doc); err != nil {
			return err
		}
	}
	return nil
}

// estimate runs confident learning with the dataset's labels. Row i of the
// probabilities belongs to the i-th id of --pred-probs-ids, or to the i-th
// decoded labelled sample in id order; column j to the j-th class in sorted
// name order (torchvision ImageFolder's class indices).
func (f *collectFlags) estimate(doc *facts.Document, c *collect.Collection) error {
	p, err := npy.ReadMatrix64(f.predProbs)
	if err != nil {
		return &problem.Error{File: f.predProbs, Msg: err.Error()}
	}
	classes := append([]string(nil), c.Data.Classes...)
	sort.Strings(classes)
	index := map[string]int{}
	for i, k := range classes {
		index[k] = i
	}
	byID := map[string]*collect.Record{}
	for i := range c.Records {
		byID[c.Records[i].ID] = &c.Records[i]
	}
	var ids []string
	if f.predIDs != "" {
		fh, err := os.Open(f.predIDs)
		if err != nil {
			return &problem.Usage{Msg: err.Error()}
		}
		defer fh.Close()
		sc := bufio.NewScanner(fh)
		for line := 1; sc.Scan(); line++ {
			id := strings.TrimSpace(sc.Text())
			if id == "" {
				continue
			}
			r, ok := byID[id]
			if !ok || r.Class == "" {
				return &problem.Error{File: f.predIDs, Line: line, Msg: fmt.Sprintf("%q is not a labelled sample of the dataset", id)}
			}
			ids = append(ids, id)
		}
	} else {
		for _, r := range c.Records {
			if r.Class != "" && r.Measured() {
				ids = append(ids, r.ID)
			}
		}
	}
	if p.Rows != len(ids) {
		return &problem.Error{File: f.predProbs, Msg: fmt.Sprintf("%d rows, but %d samples to match (%s)", p.Rows, len(ids), rowSource(f.predIDs))}
	}
	y := make([]int, len(ids))
	for i, id := range ids {
		y[i] = index[byID[id].Class]
	}
	if err := labels.Check(y, p, "dataset labels", f.predProbs); err != nil {
		return err
	}
	est, err := labels.Estimate(y, p, labels.EstimateOptions{IDs: ids, Classes: classes, Limit: 1000})
	if err != nil {
		return err
	}
	addEstimate(doc, est)
	return nil
}

func rowSource(ids string) string {
	if ids != "" {
		return "the ids of " + ids
	}
	return "the decoded labelled samples in id order"
}

// imageVectors collects, as the collector's workers decode the images, the
// vectors of the lens kinds computed from images (builtin, pixels).
type imageVectors struct {
	kinds []string // lens.KindBuiltin and/or lens.KindPixels
	mu    sync.Mutex
	vec   map[string]map[string][]float32 // kind → sample id → vector
}

func (b *imageVectors) visit(id string, img *raster.Image) {
	for _, k := range b.kinds {
		var v []float32
		if k == lens.KindPixels {
			v = lens.Pixels(img)
		} else {
			v = lens.Describe(img, nil)
		}
		b.mu.Lock()
		b.vec[k][id] = v
		b.mu.Unlock()
	}
}

// measureLenses computes the facts of every --lens over the decoded samples
// in id order, and the agreement of the lenses when there are two or more.
// Images measured in an earlier, interrupted run (--resume) are decoded once
// more for the builtin descriptor.
func (f *collectFlags) measureLenses(doc *facts.Document, c *collect.Collection) error {
	var ids, classes []string
	for _, r := range c.Records {
		if r.Measured() {
			ids = append(ids, r.ID)
			classes = append(classes, r.Class)
		}
	}
	if len(ids) < 2 {
		return &problem.Usage{Msg: "--lens: fewer than two decoded images"}
	}
	doc.Lenses = map[string]*facts.Lens{}
	for _, s := range f.specs {
		var x *npy.Matrix[float32]
		var err error
		if s.FromImages() {
			x, err = f.imageMatrix(c, s, ids)
		} else {
			x, err = s.Load(ids)
		}
		if err != nil {
			return err
		}
		l, g, err := lens.Measure(lens.Input{Vectors: x, IDs: ids, Classes: classes, Taxonomy: doc.Taxonomy},
			lens.Options{K: s.K, Metric: s.Metric, Source: s.Source(), Model: s.Model})
		if err != nil {
			return fmt.Errorf("lens %s: %w", s.Name, err)
		}
		doc.Lenses[s.Name] = l
		if s.Name == f.knnLabels {
			if err := knnLabels(doc, s.Name, l, g, x, ids, classes); err != nil {
				return err
			}
		}
	}
	if len(doc.Lenses) >= 2 {
		doc.LensAgreement = lens.Agree(doc.Lenses)
	}
	return nil
}

// imageMatrix stacks the vectors of an image lens in the order of ids,
// decoding once more the images an interrupted run measured (--resume). A
// pixels lens needs every image the same size.
func (f *collectFlags) imageMatrix(c *collect.Collection, s lens.Spec, ids []string) (*npy.Matrix[float32], error) {
	vec := f.images.vec[s.Kind]
	var missing []string
	for _, id := range ids {
		if _, ok := vec[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		if err := collect.Revisit(c, missing, f.images.visit); err != nil {
			return nil, err
		}
	}
	dims := len(vec[ids[0]])
	if s.Kind == lens.KindPixels && dims > lens.MaxPixels {
		return nil, &problem.Usage{Msg: fmt.Sprintf("--lens %s=%s: %s has %d pixels; a pixels lens is for small images (at most %d, e.g. 64×64): use builtin",
			s.Name, s.Raw, ids[0], dims, lens.MaxPixels)}
	}
	x := &npy.Matrix[float32]{Rows: len(ids), Cols: dims, Data: make([]float32, 0, len(ids)*dims)}
	for _, id := range ids {
		if len(vec[id]) != dims {
			return nil, &problem.Usage{Msg: fmt.Sprintf("--lens %s=%s: %s has %d pixels but %s has %d; a pixels lens needs every image the same size (use builtin)",
				s.Name, s.Raw, id, len(vec[id]), ids[0], dims)}
		}
		x.Data = append(x.Data, vec[id]...)
	}
	return x, nil
}

// knnLabels runs cleanlab's model-free label-issue path on the k-NN graph of
// lens l over its labelled samples: a k-NN classifier with the self-vote
// removed gives out-of-sample probabilities, and confident learning finds
// the issues. g, the lens's exact graph of all samples (nil in
// reference-sample mode), is reused when every sample is labelled;
// otherwise the labelled samples are searched among themselves.
func knnLabels(doc *facts.Document, name string, l *facts.Lens, g *knn.Graph, x *npy.Matrix[float32], ids, classes []string) error {
	var labelled []int
	present := map[string]bool{}
	for i, c := range classes {
		if c != "" {
			labelled = append(labelled, i)
			present[c] = true
		}
	}
	order := slices.Sorted(maps.Keys(present))
	y := make([]int, len(labelled))
	subIDs := make([]string, len(labelled))
	for r, i := range labelled {
		y[r], _ = slices.BinarySearch(order, classes[i])
		subIDs[r] = ids[i]
	}
	if g == nil || len(labelled) < len(classes) {
		sub := &npy.Matrix[float32]{Rows: len(labelled), Cols: x.Cols, Data: make([]float32, 0, len(labelled)*x.Cols)}
		for _, i := range labelled {
			sub.Data = append(sub.Data, x.Row(i)...)
		}
		var err error
		if g, err = knn.Self(sub, knn.Options{K: l.K, Metric: knn.Metric(l.Metric)}); err != nil {
			return err
		}
	}
	est, _, err := labels.EstimateKNN(labels.FlatNeighbors(g.Index, g.K), y, len(order), l.K,
		labels.EstimateOptions{Method: labels.MethodKNN, Lens: name, IDs: subIDs, Classes: order, Limit: 1000})
	if err != nil {
		return err
	}
	addEstimate(doc, est)
	return nil
}

// addEstimate appends a label-error estimate to the facts' labels section.
func addEstimate(doc *facts.Document, est *facts.Estimated) {
	if doc.Labels == nil {
		doc.Labels = &facts.Labels{}
	}
	doc.Labels.Estimated = append(doc.Labels.Estimated, *est)
}
