// Package report renders an audit as one self-contained HTML page that
// people read: the 0–100 score with its formula, the verdict table with each
// row expandable to its evidence and its rule's METADATA, concrete
// prescriptions (bulk up, diet, relabel, repair, review), charts drawn with
// gonum/plot as inline SVG (class counts, pixel histograms, image sizes, and
// per lens the density histogram, the PCA of class means and the most
// confused class pairs) and inline thumbnails of the samples the
// prescriptions name.
//
// The page needs no network and no JavaScript: CSS is inline, charts are SVG
// elements, thumbnails are PNG data URIs, rows expand with <details>. A chart
// whose facts are absent says "not measured" and names the JSON pointer it
// would read. The same facts and verdicts always give the same bytes: no
// clock, sorted maps, fixed limits.
package report

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/output"
	"github.com/qmcheck/qmcheck/evaluator/report/score"
	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Options say what the page may show beside the facts and verdicts.
type Options struct {
	// ImagesRoot is the dataset root: sample ids are paths relative to it.
	// Empty: no thumbnails, sample ids are listed as text.
	ImagesRoot string
	// Policies supply each verdict's rule METADATA (title, description,
	// function, confidence, inputs, thresholds). Nil: the rows show what the
	// verdicts carry (function, rule file:row) and say the METADATA is absent.
	Policies *evaluator.Policies
	// FactsFile and VerdictsFile name the inputs in the header.
	FactsFile, VerdictsFile string
	// LinearPixels draws the pixel histograms on a linear scale instead of
	// the default log scale of count + 1.
	LinearPixels bool
	// ThumbSize is the thumbnail box in pixels (default 72).
	ThumbSize int
	// TopPairs is how many confused class pairs each lens draws (default 10).
	TopPairs int
	// Limits bound the prescription lists.
	Limits Limits
}

// HTML writes the report page for the facts (a *facts.Document or a decoded
// facts JSON document) and the verdicts judged on them. The page is built in
// memory and written in one piece: on error nothing is written.
func HTML(w io.Writer, factsDoc any, r *evaluator.Report, o Options) error {
	if r == nil {
		return fmt.Errorf("report: no verdicts")
	}
	d, err := Document(factsDoc)
	if err != nil {
		return err
	}
	pg := build(d, r, o)
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, pg); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

// page is what the template renders.
type page struct {
	Title, Dataset, Description string
	Profile, ProfileTitle       string
	Tool                        string
	FactsFile, VerdictsFile     string
	Fingerprint, SchemaVersion  string
	Summary                     evaluator.Summary
	SummaryLine, Gate           string
	Bar                         []barPart
	Score                       score.Score
	ScoreText, ScoreArithmetic  string
	ScoreFormula, ScoreBand     string
	Weights                     string
	Verdicts                    []verdictRow
	Prescriptions               []rxSection
	Unmeasured                  []string
	Level1                      []Chart
	Lenses                      []lensSection
	NoLens                      string
	Glance                      [][2]string
	ImagesNote                  string
}

type barPart struct {
	Class, Label string
	N            int
	Pct          string
	Wide         bool // room for the label beside the number
}

type verdictRow struct {
	QM, Name, Word, Label, Severity string
	Aliases, Standard               []string
	Value, Thresholds               string
	Finding                         string
	Function                        string
	Evidence                        []evidenceRow
	Rule                            string
	Meta                            *evaluator.Policy
	MetaThresholds                  [][2]string
	Waiver                          string
	ISO                             bool
	Characteristic                  string
}

type evidenceRow struct{ Fact, Value string }

type rxSection struct {
	Kind, Title, Intro string
	Items              []rxItem
}

type rxItem struct {
	Prescription
	Thumbs []Thumb
	Groups [][]Thumb
}

type lensSection struct {
	Name, Slug, About string
	Charts            []Chart
	Densest, Sparsest []Thumb
	DensestNote       string
	SparsestNote      string
}

func build(d *facts.Document, r *evaluator.Report, o Options) *page {
	if o.TopPairs <= 0 {
		o.TopPairs = 10
	}
	th := newThumbnailer(o.ImagesRoot, o.ThumbSize)
	sc := score.Of(r)
	pg := &page{
		Dataset:       nonEmpty(d.Dataset.Name, r.Facts.Dataset),
		Description:   d.Dataset.Description,
		Profile:       r.Profile.Name,
		ProfileTitle:  r.Profile.Title,
		Tool:          strings.TrimSpace(r.Tool.Name + " " + r.Tool.Version),
		FactsFile:     o.FactsFile,
		VerdictsFile:  o.VerdictsFile,
		Fingerprint:   nonEmpty(d.Dataset.Fingerprint, r.Facts.Fingerprint),
		SchemaVersion: d.SchemaVersion,
		Summary:       r.Summary,
		SummaryLine:   output.SummaryLine(r.Summary),
		Gate:          output.GateLine(r.Gate),
		Score:         sc,
		ScoreText:     sc.String(),
		ScoreFormula:  score.Formula,
		ScoreBand:     band(sc),
	}
	pg.ScoreArithmetic = sc.Arithmetic()
	pg.Title = "Data quality report · " + pg.Dataset + " · " + pg.Profile
	var ws []string
	for _, k := range []string{"critical", "high", "medium", "low"} {
		ws = append(ws, fmt.Sprintf("%s %s", k, fnum(score.Weights[k], 2)))
	}
	pg.Weights = strings.Join(ws, " · ")
	s := r.Summary
	total := len(r.Verdicts)
	for _, x := range []struct {
		class, label string
		n            int
	}{{"fail", "fail", s.Fail}, {"error", "error", s.Error}, {"caution", "caution", s.Caution}, {"pass", "pass", s.Pass}, {"na", "n/a", s.NA}} {
		if x.n > 0 && total > 0 {
			share := 100 * float64(x.n) / float64(total)
			pg.Bar = append(pg.Bar, barPart{Class: x.class, Label: x.label, N: x.n, Pct: fnum(share, 3), Wide: share >= 12})
		}
	}
	for _, v := range r.Verdicts {
		pg.Verdicts = append(pg.Verdicts, row(v, r.Profile.Namespace, o.Policies))
	}

	// Prescriptions, with thumbnails for the samples they name. Near
	// duplicates count within the profile's near_max_distance when a verdict
	// carries one.
	lim := o.Limits.withDefaults()
	if lim.NearMaxDistance == nil {
		lim.NearMaxDistance = nearMaxDistance(r)
	}
	rx := Prescribe(d, lim)
	sugg := suggested(d)
	items := func(list []Prescription, thumbs bool) []rxItem {
		var out []rxItem
		for _, p := range list {
			it := rxItem{Prescription: p}
			if !thumbs {
				// Files that did not decode: named, not opened.
				for _, s := range p.Samples {
					it.Thumbs = append(it.Thumbs, Thumb{ID: s.ID, Caption: s.Class})
				}
			} else {
				for _, s := range p.Samples {
					it.Thumbs = append(it.Thumbs, caption(th.get(s.ID), s, p.Kind, sugg))
				}
				for _, g := range p.Groups {
					var tg []Thumb
					for i, s := range g {
						if i == lim.GroupSize {
							tg = append(tg, Thumb{ID: fmt.Sprintf("+%d more", len(g)-lim.GroupSize)})
							break
						}
						t := caption(th.get(s.ID), s, p.Kind, sugg)
						if i == 0 && p.Kind == Diet {
							t.Caption = strings.TrimSpace("keep · " + t.Caption)
						}
						tg = append(tg, t)
					}
					it.Groups = append(it.Groups, tg)
				}
			}
			out = append(out, it)
		}
		return out
	}
	// Densest and sparsest samples are shown with their lens, not twice.
	perLensSet := func(list []Prescription) []Prescription {
		var out []Prescription
		for _, p := range list {
			if p.Lens != "" && len(p.Samples) > 0 && (strings.HasSuffix(p.Fact, "/density/densest") || strings.HasSuffix(p.Fact, "/density/sparsest")) {
				p.Action += fmt.Sprintf(" — thumbnails under lens %s below", p.Lens)
				p.Samples = p.Samples[:0:0]
			}
			out = append(out, p)
		}
		return out
	}
	pg.Prescriptions = []rxSection{
		{BulkUp, "Bulk up", "Add data where classes or regions are thin.", items(perLensSet(rx.BulkUp), true)},
		{Diet, "Diet", "Thin out copies and over-dense clusters.", items(perLensSet(rx.Diet), true)},
		{Relabel, "Relabel", "Check these labels first, most suspicious first.", items(rx.Relabel, true)},
		{Repair, "Repair", "Fix or remove files that could not be measured.", items(rx.Repair, false)},
		{Review, "Review", "Look at the outliers: rare but valid, or wrong?", items(rx.Review, true)},
	}
	pg.Unmeasured = rx.Unmeasured

	// Charts.
	pg.Level1 = []Chart{
		safely("chart-class-counts", "Images per class", func() Chart { return classCountsChart(d) }),
		safely("chart-pixels", "Pixel values per channel", func() Chart { return pixelChart(d, o.LinearPixels) }),
		safely("chart-resolution", "Image sizes", func() Chart { return resolutionChart(d) }),
	}
	for _, name := range slices.Sorted(maps.Keys(d.Lenses)) {
		l := d.Lenses[name]
		ls := lensSection{Name: name, Slug: slug(name), About: lensAbout(l)}
		ls.Charts = []Chart{
			safely("chart-density-"+ls.Slug, "Lens "+name+": k-NN density", func() Chart { return densityChart(name, l) }),
			safely("chart-pca-"+ls.Slug, "Lens "+name+": PCA of class means", func() Chart { return pcaChart(name, l, d.Taxonomy) }),
			safely("chart-pairs-"+ls.Slug, "Lens "+name+": most confused class pairs", func() Chart { return pairsChart(name, l, o.TopPairs) }),
		}
		if l.Density != nil {
			ls.Densest, ls.DensestNote = lensThumbs(th, l.Density.Densest, "densest", name)
			ls.Sparsest, ls.SparsestNote = lensThumbs(th, l.Density.Sparsest, "sparsest", name)
		} else {
			ls.DensestNote = fmt.Sprintf("not measured: no density (/lenses/%s/density)", ptrEsc(name))
		}
		pg.Lenses = append(pg.Lenses, ls)
	}
	if len(d.Lenses) == 0 {
		pg.NoLens = "not measured: no lens in the facts (/lenses), so no density histogram, PCA of class means, confused class pairs or densest and sparsest samples"
	}
	pg.Glance = glance(d)
	switch {
	case o.ImagesRoot == "":
		pg.ImagesNote = "No images root was given (--images DIR), so samples are named by id without thumbnails."
	default:
		pg.ImagesNote = "Thumbnails are read from the images root given with --images; sample ids are paths under it."
	}
	return pg
}

// nearMaxDistance is the first near_max_distance threshold among the
// verdicts, or nil.
func nearMaxDistance(r *evaluator.Report) *int {
	for _, v := range r.Verdicts {
		if t, ok := v.Thresholds["near_max_distance"]; ok {
			n := int(t)
			return &n
		}
	}
	return nil
}

func band(s score.Score) string {
	switch {
	case !s.Valid:
		return "none"
	case s.Value >= 80:
		return "good"
	case s.Value >= 50:
		return "fair"
	}
	return "poor"
}

func row(v evaluator.Verdict, ns string, pol *evaluator.Policies) verdictRow {
	vr := verdictRow{
		QM: v.QM, Name: v.Name, Word: v.Verdict, Label: output.Label(v), Severity: v.Severity,
		Aliases: v.Aliases, Value: output.Value(v.Value), Finding: v.Finding, Function: v.Function,
		Rule: fmt.Sprintf("%s:%d", v.Rule.File, v.Rule.Row), ISO: v.ISO, Characteristic: v.Characteristic,
	}
	if v.Rule.Package != "" {
		vr.Rule += " (" + v.Rule.Package + ")"
	}
	for _, s := range v.Standard {
		t := s.QM
		if s.Name != "" {
			t += " " + s.Name
		}
		if s.Relation != "" {
			t += " (" + s.Relation + ")"
		}
		vr.Standard = append(vr.Standard, t)
	}
	var th []string
	keys := slices.Sorted(maps.Keys(v.Thresholds))
	for _, k := range keys {
		th = append(th, fmt.Sprintf("%s %s", k, fnum(v.Thresholds[k], 6)))
	}
	vr.Thresholds = strings.Join(th, " · ")
	for _, e := range v.Evidence {
		vr.Evidence = append(vr.Evidence, evidenceRow{Fact: e.Fact, Value: output.EvidenceValue(e.Value, 600)})
	}
	if v.Waiver != nil {
		w := v.Waiver
		vr.Waiver = fmt.Sprintf("%s waiver by %s until %s: %s", w.Status, w.Owner, w.Expires, w.Reason)
		if w.Ticket != "" {
			vr.Waiver += " (" + w.Ticket + ")"
		}
	}
	if pol != nil {
		if p, ok := pol.Policy(ns, v.QM); ok {
			vr.Meta = p
			for _, k := range slices.Sorted(maps.Keys(p.Thresholds)) {
				vr.MetaThresholds = append(vr.MetaThresholds, [2]string{k, p.Thresholds[k]})
			}
		}
	}
	return vr
}

// caption labels a thumbnail with what is known of its sample.
func caption(t Thumb, s facts.Sample, kind string, sugg map[string]string) Thumb {
	var parts []string
	if s.Class != "" {
		c := s.Class
		if kind == Relabel {
			c = "labelled " + c
			if sg := sugg[s.ID]; sg != "" {
				c += " → " + sg + "?"
			}
		}
		parts = append(parts, c)
	}
	if s.Split != "" {
		parts = append(parts, s.Split)
	}
	if s.Value != nil {
		parts = append(parts, fnum(*s.Value, 3))
	}
	t.Caption = strings.Join(parts, " · ")
	return t
}

func lensThumbs(th *thumbnailer, set *facts.ClassSet, which, lens string) ([]Thumb, string) {
	if set == nil {
		return nil, fmt.Sprintf("not measured: no %s set (/lenses/%s/density/%s)", which, ptrEsc(lens), which)
	}
	if len(set.Samples) == 0 {
		return nil, fmt.Sprintf("the facts name the classes of the %d %s samples (%s) but not the samples (/lenses/%s/density/%s/samples)",
			max(set.Size, int64(0)), which, classList(set), ptrEsc(lens), which)
	}
	var out []Thumb
	for _, s := range set.Samples {
		out = append(out, caption(th.get(s.ID), s, "", nil))
	}
	return out, fmt.Sprintf("The %d %s samples (/lenses/%s/density/%s): %s.", len(set.Samples), which, ptrEsc(lens), which, classList(set))
}

func lensAbout(l *facts.Lens) string {
	var parts []string
	if l.Source != "" {
		parts = append(parts, "source "+l.Source)
	}
	if l.Model != "" {
		parts = append(parts, "model "+l.Model)
	}
	if l.Dims > 0 {
		parts = append(parts, fmt.Sprintf("%d dimensions", l.Dims))
	}
	if l.Samples > 0 {
		parts = append(parts, comma(l.Samples)+" samples")
	}
	if l.K > 0 {
		parts = append(parts, fmt.Sprintf("k = %d", l.K))
	}
	if l.Metric != "" {
		parts = append(parts, l.Metric)
	}
	if l.Exact != nil && !*l.Exact {
		parts = append(parts, fmt.Sprintf("density against a reference sample of %s", comma(l.ReferenceSample)))
	}
	return strings.Join(parts, " · ")
}

// glance lists the dataset's key figures.
func glance(d *facts.Document) [][2]string {
	var g [][2]string
	add := func(k, v string) {
		if v != "" {
			g = append(g, [2]string{k, v})
		}
	}
	add("dataset", d.Dataset.Name)
	add("images", comma(d.Dataset.Images))
	if d.Dataset.Classes > 0 {
		add("classes", comma(d.Dataset.Classes))
	}
	if len(d.Dataset.Splits) > 0 {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(d.Dataset.Splits)) {
			parts = append(parts, fmt.Sprintf("%s %s", k, comma(d.Dataset.Splits[k].Images)))
		}
		add("splits", strings.Join(parts, ", "))
	}
	add("layout", d.Dataset.Layout)
	if im := d.Images; im != nil {
		add("formats", countList(im.Formats))
		add("colour modes", countList(im.Modes))
		if r := im.Resolution; r != nil && r.Min != nil && r.Max != nil {
			add("sizes", fmt.Sprintf("%d×%d to %d×%d px", r.Min.Width, r.Min.Height, r.Max.Width, r.Max.Height))
		}
	}
	if in := d.Integrity; in != nil {
		s := comma(in.Files) + " files"
		if in.Decoded != nil {
			s += ", " + comma(*in.Decoded) + " decoded"
		}
		if in.UnreadableN != nil {
			s += ", " + comma(*in.UnreadableN) + " unreadable"
		}
		if in.Unlabeled > 0 {
			s += ", " + comma(in.Unlabeled) + " unlabelled"
		}
		add("integrity", s)
	}
	if len(d.Lenses) > 0 {
		add("lenses", strings.Join(slices.Sorted(maps.Keys(d.Lenses)), ", "))
	}
	if d.Taxonomy != nil {
		add("taxonomy", d.Taxonomy.Source)
	}
	add("collector", strings.TrimSpace(d.Collector.Tool+" "+d.Collector.Version))
	return g
}

// countList writes a count map largest first: "RGB 1,408,698, L 22,469".
func countList(m map[string]int64) string {
	keys := slices.Sorted(maps.Keys(m))
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+" "+comma(m[k]))
	}
	return strings.Join(parts, ", ")
}
