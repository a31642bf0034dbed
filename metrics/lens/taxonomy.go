package lens

import (
	"fmt"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/facts"
)

// taxonomyShares returns, for each group of the taxonomy's partition (the
// group of every class of the lens), its share of: the lens's classes, its
// labelled samples, the labelled members of the densest and sparsest sets and
// of the outliers (when there are any), and the total dispersion — the sum
// over labelled samples of the squared distance of their vector (the
// metric's vectors) to the mean vector. A class missing from the taxonomy is
// an error; when the lens's classes fall in fewer than two groups there is
// nothing to compare and the result is nil.
func taxonomyShares(t *facts.Taxonomy, ci *classIndex, l *facts.Lens, v *vectorSums, classes []string) (map[string]*facts.GroupShare, error) {
	group := make([]string, len(ci.names))
	groups := map[string]bool{}
	for g := range t.Partition {
		groups[g] = true
	}
	for c, name := range ci.names {
		tc, ok := t.Classes[name]
		if !ok {
			return nil, &problem.Error{File: t.Source, Msg: fmt.Sprintf("class %q of the lens is not in the taxonomy", name)}
		}
		group[c] = tc.Group
		groups[tc.Group] = true
	}
	present := map[string]bool{}
	for _, g := range group {
		present[g] = true
	}
	if len(present) < 2 {
		return nil, nil // one group (or no class): nothing to compare
	}
	num := map[string]int{}
	for c, name := range ci.names {
		num[name] = c
	}
	// share of a set of class counts in each group (nil for an empty set)
	shareOf := func(counts map[string]int64) map[string]float64 {
		total := 0.0
		by := map[string]float64{}
		for name, n := range counts {
			by[group[num[name]]] += float64(n)
			total += float64(n)
		}
		if total == 0 {
			return nil
		}
		for g := range by {
			by[g] /= total
		}
		return by
	}
	classCounts := map[string]int64{}
	sampleCounts := map[string]int64{}
	for c, name := range ci.names {
		classCounts[name] = 1
		sampleCounts[name] = int64(ci.size[c])
	}
	sets := map[string]map[string]float64{
		"classes": shareOf(classCounts),
		"samples": shareOf(sampleCounts),
	}
	if l.Density != nil {
		if l.Density.Densest != nil {
			sets["densest"] = shareOf(l.Density.Densest.Classes)
		}
		if l.Density.Sparsest != nil {
			sets["sparsest"] = shareOf(l.Density.Sparsest.Classes)
		}
	}
	if l.Outliers != nil {
		sets["outliers"] = shareOf(l.Outliers.Classes)
	}
	// Dispersion: Σ|v − μ|² over a class = Σ|v|² − 2 μ·Σv + n|μ|², μ the mean
	// over labelled samples.
	labelled := 0
	mu := make([]float64, v.d)
	for c := range ci.names {
		labelled += ci.size[c]
		for j, s := range v.space[c] {
			mu[j] += s
		}
	}
	for j := range mu {
		mu[j] /= float64(labelled)
	}
	mu2 := dot(mu, mu)
	disp := map[string]float64{}
	total := 0.0
	for c := range ci.names {
		x := v.sq[c] - 2*dot(mu, v.space[c]) + float64(ci.size[c])*mu2
		x = max(x, 0)
		disp[group[c]] += x
		total += x
	}
	out := map[string]*facts.GroupShare{}
	for g := range groups {
		gs := &facts.GroupShare{}
		at := func(set string) *float64 {
			if s := sets[set]; s != nil {
				return facts.F(s[g])
			}
			return nil
		}
		gs.Classes, gs.Samples = at("classes"), at("samples")
		gs.Densest, gs.Sparsest, gs.Outliers = at("densest"), at("sparsest"), at("outliers")
		if total > 0 {
			gs.Dispersion = facts.F(disp[g] / total)
		}
		out[g] = gs
	}
	return out, nil
}
