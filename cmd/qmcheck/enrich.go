package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/collect"
	"github.com/qmcheck/qmcheck/metrics/datacard"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/labels"
	"github.com/qmcheck/qmcheck/metrics/npy"
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
	if doc.Labels == nil {
		doc.Labels = &facts.Labels{}
	}
	doc.Labels.Estimated = append(doc.Labels.Estimated, *est)
	return nil
}

func rowSource(ids string) string {
	if ids != "" {
		return "the ids of " + ids
	}
	return "the decoded labelled samples in id order"
}
