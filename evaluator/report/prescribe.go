package report

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Prescription kinds.
const (
	BulkUp  = "bulk-up" // add data where classes or regions are thin
	Diet    = "diet"    // thin out copies and over-dense clusters
	Relabel = "relabel" // check the labels of suspects, most suspicious first
	Repair  = "repair"  // fix or remove files that could not be measured
	Review  = "review"  // look at outliers: keep, fix or drop
)

// Prescription is one concrete action derived from the facts: what to do,
// to which classes or samples, and the measurement it rests on.
type Prescription struct {
	Kind    string
	Action  string           // the action, naming classes, samples and numbers
	Basis   string           // the measurement it rests on, in words
	Fact    string           // JSON pointer of that measurement
	Samples []facts.Sample   // the samples concerned, in the order to handle them (repair: Class holds why the file was not measured)
	Lens    string           // the lens, for per-lens prescriptions
	More    int              // further items of the same rule left out (see Limits)
	Groups  [][]facts.Sample // for duplicate groups: one list per group, first kept
}

// Prescriptions are the report's lists of actions by kind, and what could
// not be prescribed for lack of facts.
type Prescriptions struct {
	BulkUp, Diet, Relabel, Repair, Review []Prescription
	Unmeasured                            []string // "cannot name …: /pointer absent"
}

// Limits bound the lists.
type Limits struct {
	Classes int // classes per rule (default 10)
	Groups  int // duplicate groups per rule (default 10)
	Samples int // samples per rule (default 20)
	// NearMaxDistance, when set, keeps only the near-duplicate and
	// cross-split groups whose largest Hamming distance is within it: the
	// profile's near_max_distance (the page takes it from the verdicts).
	NearMaxDistance *int
	// GroupSize caps the samples the page shows per duplicate group
	// (default 12); Prescribe keeps them all.
	GroupSize int
}

func (l Limits) withDefaults() Limits {
	if l.Classes <= 0 {
		l.Classes = 10
	}
	if l.Groups <= 0 {
		l.Groups = 10
	}
	if l.Samples <= 0 {
		l.Samples = 20
	}
	if l.GroupSize <= 0 {
		l.GroupSize = 12
	}
	return l
}

// Prescribe derives the prescriptions from a facts document. The rules are
// fixed and stated in each item's Basis (docs/report.md lists them):
//
//   - bulk-up: every declared class without images; every class with fewer
//     images than the median class (add median − n_k), smallest first; per
//     lens, the classes whose mean density is below the median class's,
//     sparsest first; per lens, the sparsest samples.
//   - diet: exact duplicate groups (keep the first id, drop the rest), groups
//     that cross splits (leakage), near-duplicate groups and embedding
//     near-duplicate sets (review, keep one); per lens, the densest samples
//     and the class that dominates them.
//   - relabel: the label-issue suspects of each estimate, in its ranking.
//   - repair: unreadable and unlabelled files.
//   - review: per lens, the outliers.
//
// Nothing here judges: thresholds stay in the profile, and every list is
// what the facts hold, ordered and cut at Limits.
func Prescribe(d *facts.Document, lim Limits) Prescriptions {
	lim = lim.withDefaults()
	var p Prescriptions
	p.bulkUp(d, lim)
	p.diet(d, lim)
	p.relabel(d, lim)
	p.repair(d, lim)
	return p
}

// Median is the median of the values: the middle one, or the mean of the
// two middle ones for an even count; 0 for none.
func Median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func (p *Prescriptions) bulkUp(d *facts.Document, lim Limits) {
	c := d.Classes
	if c != nil {
		for _, e := range c.Empty {
			p.BulkUp = append(p.BulkUp, Prescription{Kind: BulkUp, Fact: "/classes/empty",
				Action: fmt.Sprintf("collect images for '%s': declared, but it has none", e),
				Basis:  "class declared without samples"})
		}
	}
	switch {
	case c != nil && len(c.Counts) > 0:
		names := slices.Sorted(maps.Keys(c.Counts))
		vals := make([]float64, len(names))
		for i, k := range names {
			vals[i] = float64(c.Counts[k])
		}
		med := Median(vals)
		type kv struct {
			k string
			n int64
		}
		var small []kv
		for _, k := range names {
			if float64(c.Counts[k]) < med {
				small = append(small, kv{k, c.Counts[k]})
			}
		}
		sort.SliceStable(small, func(i, j int) bool { return small[i].n < small[j].n })
		if len(small) == 0 {
			p.BulkUp = append(p.BulkUp, Prescription{Kind: BulkUp, Fact: "/classes/counts",
				Action: fmt.Sprintf("no class to bulk up by count: no class has fewer images than the median class (%s)", fnum(med, 1)),
				Basis:  fmt.Sprintf("%d classes, %s–%s images each", len(names), comma(c.Min), comma(c.Max))})
		}
		for i, x := range small {
			if i == lim.Classes {
				p.BulkUp[len(p.BulkUp)-1].More = len(small) - lim.Classes
				break
			}
			add := int64(math.Ceil(med)) - x.n
			p.BulkUp = append(p.BulkUp, Prescription{Kind: BulkUp, Fact: "/classes/counts/" + ptrEsc(x.k),
				Action: fmt.Sprintf("add %s images to '%s' (%s → %s)", comma(add), x.k, comma(x.n), fnum(math.Ceil(med), 0)),
				Basis:  fmt.Sprintf("fewer images than the median class (%s)", fnum(med, 1))})
		}
	case c != nil:
		p.Unmeasured = append(p.Unmeasured, fmt.Sprintf(
			"cannot name the classes to bulk up by count: no per-class counts (/classes/counts); the smallest class has %s images, the mean is %s",
			comma(c.Min), fnum(c.Mean, 1)))
	default:
		p.Unmeasured = append(p.Unmeasured, "cannot name the classes to bulk up by count: no class counts (/classes)")
	}
	for _, name := range slices.Sorted(maps.Keys(d.Lenses)) {
		l := d.Lenses[name]
		if l.Density == nil {
			continue
		}
		if pc := l.Density.PerClass; len(pc) > 0 {
			names := slices.Sorted(maps.Keys(pc))
			vals := make([]float64, len(names))
			for i, k := range names {
				vals[i] = pc[k]
			}
			med := Median(vals)
			var thin []string
			for _, k := range names {
				if pc[k] < med {
					thin = append(thin, k)
				}
			}
			sort.SliceStable(thin, func(i, j int) bool { return pc[thin[i]] < pc[thin[j]] })
			more := 0
			if len(thin) > lim.Classes {
				more, thin = len(thin)-lim.Classes, thin[:lim.Classes]
			}
			if len(thin) > 0 {
				var parts []string
				for _, k := range thin {
					parts = append(parts, fmt.Sprintf("'%s' %s", k, fnum(pc[k], 3)))
				}
				p.BulkUp = append(p.BulkUp, Prescription{Kind: BulkUp, Lens: name, More: more,
					Fact:   "/lenses/" + ptrEsc(name) + "/density/per_class",
					Action: "collect more, and more varied, images of the sparsest classes: " + strings.Join(parts, ", "),
					Basis:  fmt.Sprintf("lens %s: mean density of the class below the median class's (%s); its samples sit in thin regions", name, fnum(med, 3))})
			}
		}
		if sp := l.Density.Sparsest; sp != nil && len(sp.Samples) > 0 {
			p.BulkUp = append(p.BulkUp, Prescription{Kind: BulkUp, Lens: name, Samples: sp.Samples,
				Fact:   "/lenses/" + ptrEsc(name) + "/density/sparsest",
				Action: fmt.Sprintf("add images like the %d sparsest samples, or drop them if they are not what the classes mean (%s)", len(sp.Samples), classList(sp)),
				Basis:  fmt.Sprintf("lens %s: the lowest k-NN density, the least typical samples", name)})
		}
	}
}

// classList writes a class set's composition, largest first: "'bag' 5, 'sandal' 3".
func classList(s *facts.ClassSet) string {
	m := s.Classes
	if len(m) == 0 {
		m = map[string]int64{}
		for _, x := range s.Samples {
			if x.Class != "" {
				m[x.Class]++
			}
		}
	}
	keys := slices.Sorted(maps.Keys(m))
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("'%s' %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "classes not recorded"
	}
	return strings.Join(parts, ", ")
}

func (p *Prescriptions) diet(d *facts.Document, lim Limits) {
	if dup := d.Duplicates; dup == nil {
		p.Unmeasured = append(p.Unmeasured, "cannot name duplicates to remove: no duplicate search (/duplicates)")
	} else {
		for _, g := range []struct {
			gr     *facts.Groups
			ptr    string
			what   string
			action string
			hashed bool // sets may hold near copies, with a Hamming distance
		}{
			{dup.Exact, "/duplicates/exact", "exact copies (same decoded pixels)", "remove %[2]s: in each group keep the first id and delete the others", false},
			{dup.ExactBytes, "/duplicates/exact_bytes", "byte-identical files", "remove %[2]s: in each group keep the first id and delete the others", false},
			{dup.CrossSplit, "/duplicates/cross_split", "copies across splits (train/test leakage)", "resolve %[1]s that span splits: keep each image in one split only", true},
			{dup.Near, "/duplicates/near", "near duplicates (perceptual hash)", "review %[1]s of near duplicates, closest first, and keep one image of each (%[2]s)", true},
		} {
			if g.gr == nil {
				continue
			}
			p.dupGroups(g.gr, g.ptr, g.what, g.action, g.hashed, lim)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(d.Lenses)) {
		l := d.Lenses[name]
		if nd := l.NearDuplicates; nd != nil && len(nd.Sets) > 0 {
			pr := Prescription{Kind: Diet, Lens: name, Fact: "/lenses/" + ptrEsc(name) + "/near_duplicates",
				Action: fmt.Sprintf("review %s of embedding near-duplicates and keep one image of each", plural(int64(len(nd.Sets)), "set", "sets")),
				Basis:  fmt.Sprintf("lens %s: %s samples closer to a neighbour than %s", name, comma(nd.Count), thresholdText(nd))}
			for i, set := range nd.Sets {
				if i == lim.Groups {
					pr.More = len(nd.Sets) - lim.Groups
					break
				}
				var grp []facts.Sample
				for _, id := range set {
					grp = append(grp, facts.Sample{ID: id})
				}
				pr.Groups = append(pr.Groups, grp)
			}
			p.Diet = append(p.Diet, pr)
		}
		if l.Density == nil || l.Density.Densest == nil {
			continue
		}
		ds := l.Density.Densest
		action := fmt.Sprintf("thin out the densest region: its %d samples are %s", max(int64(len(ds.Samples)), ds.Size), classList(ds))
		if ds.TopClass != "" && ds.TopShare != nil {
			action = fmt.Sprintf("thin out near-identical '%s' images: %d of the %d densest samples are '%s' (%.0f%%)",
				ds.TopClass, ds.TopCount, max(int64(len(ds.Samples)), ds.Size), ds.TopClass, 100**ds.TopShare)
		}
		p.Diet = append(p.Diet, Prescription{Kind: Diet, Lens: name, Samples: ds.Samples,
			Fact: "/lenses/" + ptrEsc(name) + "/density/densest", Action: action,
			Basis: fmt.Sprintf("lens %s: the highest k-NN density, the most redundant samples (%s)", name, classList(ds))})
	}
}

// dupGroups prescribes one kind of duplicate groups. Hashed groups (near
// and cross-split) are ordered closest first and, when lim.NearMaxDistance
// is set, kept only if their largest pairwise Hamming distance is within it
// (a group without a distance is exact and always kept) — the facts record a
// wider window than any profile counts.
func (p *Prescriptions) dupGroups(gr *facts.Groups, ptr, what, action string, hashed bool, lim Limits) {
	sets := gr.Sets
	groups, extra := gr.Groups, gr.Extra
	window := ""
	if hashed {
		sets = append([]facts.DupGroup(nil), sets...)
		dist := func(s facts.DupGroup) int {
			if s.Distance == nil {
				return 0
			}
			return *s.Distance
		}
		sort.SliceStable(sets, func(i, j int) bool { return dist(sets[i]) < dist(sets[j]) })
		if lim.NearMaxDistance != nil {
			var kept []facts.DupGroup
			extra = 0
			for _, s := range sets {
				if dist(s) <= *lim.NearMaxDistance {
					kept = append(kept, s)
					extra += int64(len(s.IDs) - 1)
				}
			}
			window = fmt.Sprintf(" within Hamming distance %d (the profile's near_max_distance; %s recorded)", *lim.NearMaxDistance, plural(gr.Groups, "group", "groups"))
			if int64(len(gr.Sets)) < gr.Groups {
				window += fmt.Sprintf(", among the %d listed", len(gr.Sets))
			}
			sets, groups = kept, int64(len(kept))
		} else if gr.MaxDistance != nil {
			window = fmt.Sprintf(" (hashes joined up to Hamming distance %d; the profile decides which count)", *gr.MaxDistance)
		}
	}
	if groups == 0 {
		p.Diet = append(p.Diet, Prescription{Kind: Diet, Fact: ptr,
			Action: "nothing to remove: no " + what + window, Basis: "no group found" + window})
		return
	}
	pr := Prescription{Kind: Diet, Fact: ptr,
		Action: fmt.Sprintf(action, plural(groups, "group", "groups"), plural(extra, "extra copy", "extra copies")),
		Basis:  fmt.Sprintf("%s of %s%s, %s", plural(groups, "group", "groups"), what, window, plural(extra, "extra copy", "extra copies"))}
	for i, s := range sets {
		if i == lim.Groups {
			pr.More = len(sets) - lim.Groups
			break
		}
		var grp []facts.Sample
		for j, id := range s.IDs {
			x := facts.Sample{ID: id}
			if len(s.Classes) == len(s.IDs) {
				x.Class = s.Classes[j]
			}
			if len(s.Splits) == len(s.IDs) {
				x.Split = s.Splits[j]
			}
			grp = append(grp, x)
		}
		pr.Groups = append(pr.Groups, grp)
	}
	if lim.NearMaxDistance == nil || !hashed {
		if int64(len(sets)) < groups && pr.More == 0 {
			pr.More = int(groups) - len(sets)
		}
	}
	p.Diet = append(p.Diet, pr)
}

func thresholdText(nd *facts.LensNearDuplicates) string {
	switch {
	case nd.Factor != nil && nd.MedianNNDistance != nil:
		return fmt.Sprintf("%s × the median nearest-neighbour distance %s", fnum(*nd.Factor, 3), fnum(*nd.MedianNNDistance, 4))
	case nd.Threshold != nil:
		return fnum(*nd.Threshold, 4)
	}
	return "the near-duplicate threshold"
}

func (p *Prescriptions) relabel(d *facts.Document, lim Limits) {
	var est []facts.Estimated
	if d.Labels != nil {
		est = d.Labels.Estimated
	}
	for i, e := range est {
		ptr := fmt.Sprintf("/labels/estimated/%d", i)
		src := e.Method
		if e.Lens != "" {
			src += " on lens " + e.Lens
		}
		rate := ""
		if e.Rate != nil {
			rate = fmt.Sprintf(", estimated noise rate %.2f%%", 100**e.Rate)
		}
		basis := fmt.Sprintf("%s flags %s of %s samples%s", src, comma(e.Count), comma(e.Population), rate)
		if e.RankBy != "" {
			basis += "; ranked by " + e.RankBy
		}
		if len(e.Issues) == 0 {
			p.Relabel = append(p.Relabel, Prescription{Kind: Relabel, Fact: ptr, Basis: basis,
				Action: "no per-sample suspects listed (/labels/estimated/" + fmt.Sprint(i) + "/issues)"})
			continue
		}
		pr := Prescription{Kind: Relabel, Fact: ptr + "/issues", Lens: e.Lens, Basis: basis,
			Action: fmt.Sprintf("check %s first, most suspicious first; relabel where the suggestion is right", plural(int64(min(len(e.Issues), lim.Samples)), "label", "labels"))}
		for j, is := range e.Issues {
			if j == lim.Samples {
				pr.More = len(e.Issues) - lim.Samples
				break
			}
			s := facts.Sample{ID: is.ID, Class: is.Given, Value: is.Score}
			pr.Samples = append(pr.Samples, s)
		}
		p.Relabel = append(p.Relabel, pr)
	}
	if len(est) == 0 {
		msg := "cannot name label suspects: no label-error estimate on this dataset (/labels/estimated)"
		if d.Labels != nil && len(d.Labels.External) > 0 {
			x := d.Labels.External[0]
			msg += fmt.Sprintf("; a published rate (%s: %.2f%% of %s) says how many, not which", x.Source, 100*x.Rate, x.Scope)
		}
		p.Unmeasured = append(p.Unmeasured, msg)
	}
}

// suggested returns the suggested label of each suspect, by sample id, from the
// estimates of d ("" when none).
func suggested(d *facts.Document) map[string]string {
	out := map[string]string{}
	if d.Labels == nil {
		return out
	}
	for _, e := range d.Labels.Estimated {
		for _, is := range e.Issues {
			if is.Suggested != "" {
				if _, ok := out[is.ID]; !ok {
					out[is.ID] = is.Suggested
				}
			}
		}
	}
	return out
}

func (p *Prescriptions) repair(d *facts.Document, lim Limits) {
	if in := d.Integrity; in != nil {
		if len(in.Unreadable) > 0 {
			n := int64(len(in.Unreadable))
			if in.UnreadableN != nil {
				n = *in.UnreadableN
			}
			pr := Prescription{Kind: Repair, Fact: "/integrity/unreadable",
				Action: fmt.Sprintf("fix or remove %s that %s not decode", plural(n, "file", "files"), map[bool]string{true: "does", false: "do"}[n == 1]),
				Basis:  "the decoder's error for each file"}
			for i, f := range in.Unreadable {
				if i == lim.Samples {
					pr.More = len(in.Unreadable) - lim.Samples
					break
				}
				reason := f.Reason
				if f.Detail != "" {
					reason += ": " + f.Detail
				}
				pr.Samples = append(pr.Samples, facts.Sample{ID: f.Path, Class: reason})
			}
			p.Repair = append(p.Repair, pr)
		}
		if len(in.UnlabeledFiles) > 0 {
			pr := Prescription{Kind: Repair, Fact: "/integrity/unlabeled_files",
				Action: fmt.Sprintf("label or move %s outside any class folder", plural(max(in.Unlabeled, int64(len(in.UnlabeledFiles))), "file", "files")),
				Basis:  "images the layout gives no class"}
			for i, f := range in.UnlabeledFiles {
				if i == lim.Samples {
					pr.More = len(in.UnlabeledFiles) - lim.Samples
					break
				}
				pr.Samples = append(pr.Samples, facts.Sample{ID: f})
			}
			p.Repair = append(p.Repair, pr)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(d.Lenses)) {
		o := d.Lenses[name].Outliers
		if o == nil {
			continue
		}
		ptr := "/lenses/" + ptrEsc(name) + "/outliers"
		switch {
		case len(o.Samples) > 0:
			n := int64(len(o.Samples))
			if o.Count != nil {
				n = *o.Count
			}
			pr := Prescription{Kind: Review, Lens: name, Fact: ptr,
				Action: fmt.Sprintf("look at %s: keep the rare but valid, fix or drop the wrong", map[bool]string{true: "the outlier", false: "the " + comma(n) + " outliers"}[n == 1]),
				Basis:  fmt.Sprintf("lens %s: %s", name, nonEmpty(o.Rule, "outlier rule of the lens"))}
			for i, s := range o.Samples {
				if i == lim.Samples {
					pr.More = len(o.Samples) - lim.Samples
					break
				}
				pr.Samples = append(pr.Samples, s)
			}
			p.Review = append(p.Review, pr)
		case len(o.NamedClasses) > 0:
			p.Review = append(p.Review, Prescription{Kind: Review, Lens: name, Fact: ptr + "/named_classes",
				Action: "look at the outlier classes a source names: " + quoteList(o.NamedClasses),
				Basis:  fmt.Sprintf("lens %s: named without samples or counts", name)})
		}
	}
}

func nonEmpty(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return strings.Join(q, ", ")
}
