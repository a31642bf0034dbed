package lens

import (
	"maps"
	"slices"

	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Agree compares every pair of lenses (names in order): the Jaccard overlap
// |A ∩ B| / |A ∪ B| of the classes present in their densest sets and in
// their sparsest sets, the Spearman rank correlation of their per-class mean
// densities over the classes both measure (average ranks for ties; absent
// when fewer than two classes are shared or either side is constant), and
// whether the densest sets have the same top class. Nil with fewer than two
// lenses.
func Agree(lenses map[string]*facts.Lens) *facts.Agreement {
	names := slices.Sorted(maps.Keys(lenses))
	if len(names) < 2 {
		return nil
	}
	out := &facts.Agreement{Pairs: []facts.LensPair{}}
	for i, a := range names {
		for _, b := range names[i+1:] {
			out.Pairs = append(out.Pairs, agree(a, b, lenses[a], lenses[b]))
		}
	}
	return out
}

func agree(na, nb string, a, b *facts.Lens) facts.LensPair {
	p := facts.LensPair{A: na, B: nb}
	da, db := a.Density, b.Density
	if da == nil || db == nil {
		return p
	}
	if da.Densest != nil && db.Densest != nil {
		p.DensestClassOverlap = jaccard(da.Densest.Classes, db.Densest.Classes)
		if da.Densest.TopClass != "" && db.Densest.TopClass != "" {
			p.SameTopClass = facts.B(da.Densest.TopClass == db.Densest.TopClass)
		}
	}
	if da.Sparsest != nil && db.Sparsest != nil {
		p.SparsestClassOverlap = jaccard(da.Sparsest.Classes, db.Sparsest.Classes)
	}
	var xs, ys []float64
	for _, c := range slices.Sorted(maps.Keys(da.PerClass)) {
		if y, ok := db.PerClass[c]; ok {
			xs = append(xs, da.PerClass[c])
			ys = append(ys, y)
		}
	}
	if r, ok := spearman(xs, ys); ok {
		p.DensityRankCorrelation = facts.F(r)
	}
	return p
}

// jaccard is the overlap of the key sets of a and b; nil when both are
// empty.
func jaccard(a, b map[string]int64) *float64 {
	inter, union := 0, len(b)
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return nil
	}
	return facts.F(float64(inter) / float64(union))
}
