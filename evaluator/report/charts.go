package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Chart is one figure of the report: an inline SVG drawn with gonum/plot,
// or, when the facts it needs are absent, the reason it is not drawn.
type Chart struct {
	ID      string        // HTML id, "chart-..."
	Title   string        // figure caption title
	Caption string        // what the figure shows, with its source pointer
	SVG     template.HTML // the drawing; empty when Missing is set
	Missing string        // "not measured: ..." with the JSON pointer that is absent
	Table   [][]string    // a small table shown instead of or beside the drawing (header first)
}

// Chart sizes, in points.
const (
	chartW = 6.4 * vg.Inch
	chartH = 3.2 * vg.Inch
)

// Colours: verdict-neutral, colour-blind-safe (Okabe–Ito), fixed order.
var palette = []color.Color{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x00, 0x9E, 0x73), // green
	rgb(0xCC, 0x79, 0xA7), // purple
	rgb(0x56, 0xB4, 0xE9), // sky
	rgb(0xD5, 0x5E, 0x00), // vermillion
	rgb(0xF0, 0xE4, 0x42), // yellow
	rgb(0x55, 0x55, 0x55), // gray
}

var channelColour = map[string]color.Color{
	"R": rgb(0xD0, 0x30, 0x30), "G": rgb(0x20, 0x9A, 0x40), "B": rgb(0x20, 0x50, 0xD0), "L": rgb(0x40, 0x40, 0x40),
}

func rgb(r, g, b uint8) color.Color { return color.RGBA{R: r, G: g, B: b, A: 0xff} }

// newPlot returns a plot with sans-serif text, a light grid and the axis
// labels given.
func newPlot(x, y string) *plot.Plot {
	p := plot.New()
	sans := func(s *font.Font, size vg.Length) {
		s.Typeface = "Liberation"
		s.Variant = "Sans"
		s.Size = size
	}
	sans(&p.Title.TextStyle.Font, 11)
	sans(&p.X.Label.TextStyle.Font, 10)
	sans(&p.Y.Label.TextStyle.Font, 10)
	sans(&p.X.Tick.Label.Font, 8)
	sans(&p.Y.Tick.Label.Font, 8)
	sans(&p.Legend.TextStyle.Font, 8)
	p.X.Label.Text, p.Y.Label.Text = x, y
	g := plotter.NewGrid()
	g.Vertical.Color = rgb(0xE4, 0xE4, 0xE4)
	g.Horizontal.Color = rgb(0xE4, 0xE4, 0xE4)
	p.Add(g)
	return p
}

// render draws p into an SVG element that can be inlined in HTML: the XML
// prolog is dropped and the element gets a class and an accessible label.
func render(p *plot.Plot, w, h vg.Length, label string) (template.HTML, error) {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return "", err
	}
	s := b.String()
	i := strings.Index(s, "<svg")
	if i < 0 {
		return "", fmt.Errorf("vgsvg wrote no <svg> element")
	}
	s = `<svg class="plot" role="img" aria-label="` + template.HTMLEscapeString(label) + `" ` + s[i+len("<svg "):]
	return template.HTML(s), nil // #nosec: produced here; vgsvg escapes the text it draws
}

// logTicks labels powers of ten (1, 10, 100, 1k, …, 1M, …) with minor ticks
// between them.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || math.IsInf(min, 0) {
		min = 1
	}
	if !(max > min) || math.IsInf(max, 0) {
		max = min * 10
	}
	var out []plot.Tick
	lo, hi := math.Floor(math.Log10(min)), math.Ceil(math.Log10(max))
	for e := lo; e <= hi; e++ {
		v := math.Pow(10, e)
		out = append(out, plot.Tick{Value: v, Label: short(v)})
		if e < hi {
			for i := 2; i < 10; i++ {
				out = append(out, plot.Tick{Value: v * float64(i)})
			}
		}
	}
	return out
}

// intTicks are gonum's default ticks with labels only on whole numbers,
// written without decimals (pixel sizes).
type intTicks struct{}

func (intTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			if ts[i].Value == math.Trunc(ts[i].Value) {
				ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', 0, 64)
			} else {
				ts[i].Label = ""
			}
		}
	}
	return ts
}

// short writes 1,500 as "1.5k", 2,000,000 as "2M".
func short(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return trim(v/1e9) + "G"
	case a >= 1e6:
		return trim(v/1e6) + "M"
	case a >= 1e3:
		return trim(v/1e3) + "k"
	}
	return trim(v)
}

func trim(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// classCountsChart draws n_k per class as bars, largest first.
func classCountsChart(d *facts.Document) Chart {
	ch := Chart{ID: "chart-class-counts", Title: "Images per class"}
	c := d.Classes
	if c == nil || len(c.Counts) == 0 {
		ch.Missing = "not measured: no per-class counts (/classes/counts)"
		if c != nil {
			ch.Missing += fmt.Sprintf("; the facts give only a summary: %s classes, %s–%s images each, mean %s",
				comma(c.Count), comma(c.Min), comma(c.Max), fnum(c.Mean, 1))
		}
		return ch
	}
	type kv struct {
		k string
		n int64
	}
	var list []kv
	for k, n := range c.Counts {
		list = append(list, kv{k, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].k < list[j].k
	})
	vals := make(plotter.Values, len(list))
	names := make([]string, len(list))
	for i, x := range list {
		vals[i], names[i] = float64(x.n), x.k
	}
	labelled := len(list) <= 40
	xl := fmt.Sprintf("%d classes, largest to smallest", len(list))
	if !labelled {
		xl += " (too many to name)"
	}
	p := newPlot(xl, "images")
	width := (chartW - 60) / vg.Length(len(list)) * 0.8
	if width < 0.3 {
		width = 0.3
	}
	bars, err := plotter.NewBarChart(vals, width)
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	bars.Color = palette[0]
	bars.LineStyle.Width = 0
	p.Add(bars)
	mean := c.Mean
	if mean == 0 {
		mean = float64(sumCounts(c.Counts)) / float64(len(c.Counts))
	}
	ml, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: mean}, {X: float64(len(list)) - 0.5, Y: mean}})
	ml.LineStyle.Color = palette[5]
	ml.LineStyle.Dashes = []vg.Length{4, 3}
	p.Add(ml)
	p.Legend.Add("mean "+fnum(mean, 1), ml)
	p.Legend.Top = true
	p.Y.Min = 0
	if labelled {
		p.NominalX(names...)
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	} else {
		p.X.Tick.Marker = plot.ConstantTicks{}
	}
	h := chartH
	if labelled {
		h += 0.6 * vg.Inch
	}
	svg, err := render(p, chartW, h, "bar chart of images per class")
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	ch.SVG = svg
	last := list[len(list)-1]
	ch.Caption = fmt.Sprintf("%s images in %d classes (/classes/counts): largest '%s' %s, smallest '%s' %s, mean %s.",
		comma(sumCounts(c.Counts)), len(list), list[0].k, comma(list[0].n), last.k, comma(last.n), fnum(mean, 1))
	if list[0].n == last.n {
		ch.Caption = fmt.Sprintf("%s images in %d classes (/classes/counts): every class has %s.", comma(sumCounts(c.Counts)), len(list), comma(last.n))
	}
	return ch
}

func sumCounts(m map[string]int64) int64 {
	keys := slices.Sorted(maps.Keys(m))
	var s int64
	for _, k := range keys {
		s += m[k]
	}
	return s
}

// pixelChart draws the 256-bin histogram of every channel as a line, on a
// log scale (count + 1) unless linear, with dots at 0 and 255 so that the
// clipping spikes stand out.
func pixelChart(d *facts.Document, linear bool) Chart {
	ch := Chart{ID: "chart-pixels", Title: "Pixel values per channel"}
	if d.Pixels == nil || len(d.Pixels.Channels) == 0 {
		ch.Missing = "not measured: no pixel histograms (/pixels/channels)"
		return ch
	}
	names := channelOrder(d.Pixels.Channels)
	var drawn []string
	var spikes [][]string
	p := newPlot("channel value (0–255)", "pixels")
	if !linear {
		p.Y.Label.Text = "pixels + 1 (log scale)"
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	var notes []string
	for _, name := range names {
		c := d.Pixels.Channels[name]
		if len(c.Histogram) == 256 {
			xys := make(plotter.XYs, 256)
			for v, n := range c.Histogram {
				y := float64(n)
				if !linear {
					y++
				}
				xys[v] = plotter.XY{X: float64(v), Y: y}
			}
			l, err := plotter.NewLine(xys)
			if err != nil {
				continue
			}
			col := channelColour[name]
			if col == nil {
				col = palette[len(drawn)%len(palette)]
			}
			l.LineStyle.Color = col
			l.LineStyle.Width = 1.2
			ends, _ := plotter.NewScatter(plotter.XYs{xys[0], xys[255]})
			ends.GlyphStyle = draw.GlyphStyle{Color: col, Radius: 2.5, Shape: draw.CircleGlyph{}}
			p.Add(l, ends)
			p.Legend.Add(name, l)
			drawn = append(drawn, name)
			total := c.Total
			if total == 0 {
				for _, n := range c.Histogram {
					total += n
				}
			}
			notes = append(notes, fmt.Sprintf("%s: %s pixels, %s at 0, %s at 255", name, comma(total),
				pct(c.Histogram[0], total), pct(c.Histogram[255], total)))
		}
		for _, s := range c.Spikes {
			approx := ""
			if s.Approximate {
				approx = "~"
			}
			spikes = append(spikes, []string{name, fmt.Sprint(s.Value), approx + comma(s.Count)})
		}
	}
	if len(spikes) > 0 {
		ch.Table = append([][]string{{"channel", "value", "pixels (reported spike)"}}, spikes...)
	}
	if len(drawn) == 0 {
		ch.Missing = "not measured: no 256-bin histogram in any channel (/pixels/channels/*/histogram)"
		if len(spikes) > 0 {
			ch.Missing += "; only the spikes a source reported, without channel totals, are known"
		}
		return ch
	}
	p.X.Min, p.X.Max = -4, 259
	if !linear {
		// counts + 1 >= 1: pin the log axis so that it never reaches 0.
		p.Y.Min = 1
		p.Y.Max = math.Max(p.Y.Max, 10)
	}
	p.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 32, Label: "32"}, {Value: 64, Label: "64"}, {Value: 96, Label: "96"},
		{Value: 128, Label: "128"}, {Value: 160, Label: "160"}, {Value: 192, Label: "192"}, {Value: 224, Label: "224"}, {Value: 255, Label: "255"}}
	p.Legend.Top = true
	p.Legend.Left = false
	svg, err := render(p, chartW, chartH, "line chart of pixel value histograms per channel")
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	ch.SVG = svg
	scale := "log scale of count + 1, so that empty values sit at 1"
	if linear {
		scale = "linear scale"
	}
	ch.Caption = fmt.Sprintf("Histograms of channel values (/pixels/channels), %s; the dots at 0 and 255 mark clipping. %s.",
		scale, strings.Join(notes, "; "))
	return ch
}

// channelOrder lists R, G, B, L first, then any other channel by name.
func channelOrder(m map[string]*facts.Channel) []string {
	var out []string
	for _, n := range []string{"R", "G", "B", "L"} {
		if _, ok := m[n]; ok {
			out = append(out, n)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(m)) {
		switch n {
		case "R", "G", "B", "L":
		default:
			out = append(out, n)
		}
	}
	return out
}

// resolutionChart plots the most common image sizes, width against height,
// dot area proportional to the number of images, with the smallest and
// largest sizes marked.
func resolutionChart(d *facts.Document) Chart {
	ch := Chart{ID: "chart-resolution", Title: "Image sizes"}
	var res *facts.Resolution
	if d.Images != nil {
		res = d.Images.Resolution
	}
	if res == nil || len(res.MostCommon) == 0 {
		ch.Missing = "not measured: no list of image sizes (/images/resolution/most_common)"
		if res != nil && res.Min != nil && res.Max != nil {
			ch.Missing += fmt.Sprintf("; known range %d×%d to %d×%d px", res.Min.Width, res.Min.Height, res.Max.Width, res.Max.Height)
		}
		return ch
	}
	var maxN int64 = 1
	var covered int64
	for _, s := range res.MostCommon {
		if s.Count > maxN {
			maxN = s.Count
		}
		covered += s.Count
	}
	xys := make(plotter.XYs, len(res.MostCommon))
	for i, s := range res.MostCommon {
		xys[i] = plotter.XY{X: float64(s.Width), Y: float64(s.Height)}
	}
	p := newPlot("width (px)", "height (px)")
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	dot := color.NRGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xB0}
	sc.GlyphStyle = draw.GlyphStyle{Color: dot, Radius: 4, Shape: draw.CircleGlyph{}} // the legend's
	sc.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		r := 2 + 10*math.Sqrt(float64(res.MostCommon[i].Count)/float64(maxN))
		return draw.GlyphStyle{Color: dot, Radius: vg.Length(r), Shape: draw.CircleGlyph{}}
	}
	p.Add(sc)
	p.Legend.Add("most common sizes (area ∝ images)", sc)
	for _, ext := range []struct {
		s    *facts.Size
		name string
		col  color.Color
	}{{res.Min, "smallest", palette[5]}, {res.Max, "largest", palette[2]}} {
		if ext.s == nil {
			continue
		}
		m, _ := plotter.NewScatter(plotter.XYs{{X: float64(ext.s.Width), Y: float64(ext.s.Height)}})
		m.GlyphStyle = draw.GlyphStyle{Color: ext.col, Radius: 4, Shape: draw.TriangleGlyph{}}
		p.Add(m)
		p.Legend.Add(fmt.Sprintf("%s %d×%d", ext.name, ext.s.Width, ext.s.Height), m)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	pad(&p.X, 0.08)
	pad(&p.Y, 0.08)
	p.Y.Max += 0.25 * (p.Y.Max - p.Y.Min) // room for the legend
	p.X.Tick.Marker = intTicks{}
	p.Y.Tick.Marker = intTicks{}
	svg, err := render(p, chartW, chartH, "scatter plot of image sizes")
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	ch.SVG = svg
	top := res.MostCommon[0]
	for _, s := range res.MostCommon {
		if s.Count > top.Count {
			top = s
		}
	}
	of := ""
	if res.Distinct > 0 {
		of = " of " + comma(res.Distinct) + " distinct"
	}
	ch.Caption = fmt.Sprintf("The %d most common%s sizes (/images/resolution) cover %s of %s images; the commonest is %d×%d (%s images).",
		len(res.MostCommon), of, comma(covered), comma(d.Images.Count), top.Width, top.Height, comma(top.Count))
	return ch
}

// pad widens an axis range by frac of its span on each side; a range of
// one value is widened by a tenth of it (at least 1).
func pad(a *plot.Axis, frac float64) {
	span := a.Max - a.Min
	m := span * frac
	if span == 0 {
		m = math.Max(1, math.Abs(a.Max)*0.1)
	}
	a.Min -= m
	a.Max += m
}

// densityChart draws a lens's density histogram with its peak.
func densityChart(name string, l *facts.Lens) Chart {
	ch := Chart{ID: "chart-density-" + slug(name), Title: fmt.Sprintf("Lens %s: k-NN density", name)}
	dn := l.Density
	if dn == nil || dn.Histogram == nil || len(dn.Histogram.Counts) == 0 || len(dn.Histogram.Edges) != len(dn.Histogram.Counts)+1 {
		ch.Missing = fmt.Sprintf("not measured: no density histogram (/lenses/%s/density/histogram)", ptrEsc(name))
		if dn != nil && dn.Peak != nil {
			ch.Missing += fmt.Sprintf("; reported peak density %s", fnum(*dn.Peak, 3))
		}
		return ch
	}
	h := dn.Histogram
	bins := make([]plotter.HistogramBin, len(h.Counts))
	var total int64
	for i, n := range h.Counts {
		bins[i] = plotter.HistogramBin{Min: h.Edges[i], Max: h.Edges[i+1], Weight: float64(n)}
		total += n
	}
	p := newPlot("density", "samples")
	hist := &plotter.Histogram{Bins: bins, Width: h.Edges[1] - h.Edges[0], FillColor: palette[4], LineStyle: draw.LineStyle{Color: color.White, Width: 0.5}}
	p.Add(hist)
	if dn.Peak != nil {
		var maxN int64
		for _, n := range h.Counts {
			maxN = max(maxN, n)
		}
		pl, _ := plotter.NewLine(plotter.XYs{{X: *dn.Peak, Y: 0}, {X: *dn.Peak, Y: float64(maxN)}})
		pl.LineStyle.Color = palette[5]
		pl.LineStyle.Dashes = []vg.Length{4, 3}
		p.Add(pl)
		p.Legend.Add("peak "+fnum(*dn.Peak, 3), pl)
		p.Legend.Top = true
	}
	p.Y.Min = 0
	svg, err := render(p, chartW, chartH, "histogram of k-NN density in lens "+name)
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	ch.SVG = svg
	formula := ""
	if dn.Formula != "" {
		formula = " Formula: " + dn.Formula + "."
	}
	ch.Caption = fmt.Sprintf("%s samples in %d bins (/lenses/%s/density/histogram); higher is denser: more typical samples, and more redundancy.%s",
		comma(total), len(bins), ptrEsc(name), formula)
	return ch
}

// pcaChart plots the 2-D PCA of the class means of a lens, one colour per
// taxonomy group (/taxonomy/classes/*/group).
func pcaChart(name string, l *facts.Lens, tax *facts.Taxonomy) Chart {
	ch := Chart{ID: "chart-pca-" + slug(name), Title: fmt.Sprintf("Lens %s: PCA of class means", name)}
	if l.PCA == nil || len(l.PCA.ClassMeans) == 0 {
		ch.Missing = fmt.Sprintf("not measured: no PCA of class means (/lenses/%s/pca/class_means)", ptrEsc(name))
		return ch
	}
	classes := slices.Sorted(maps.Keys(l.PCA.ClassMeans))
	byGroup := map[string][]string{}
	for _, c := range classes {
		g := "no group"
		if tax != nil {
			if tc, ok := tax.Classes[c]; ok && tc.Group != "" {
				g = tc.Group
			} else if tax.Classes != nil {
				g = "not in taxonomy"
			}
		} else {
			g = "all classes"
		}
		byGroup[g] = append(byGroup[g], c)
	}
	ax := func(i int) string {
		s := fmt.Sprintf("PC%d", i+1)
		if l.PCA != nil && len(l.PCA.Explained) > i {
			s += fmt.Sprintf(" (%.1f%% of variance)", 100*l.PCA.Explained[i])
		}
		return s
	}
	p := newPlot(ax(0), ax(1))
	groups := slices.Sorted(maps.Keys(byGroup))
	for i, g := range groups {
		var xys plotter.XYs
		for _, c := range byGroup[g] {
			m := l.PCA.ClassMeans[c]
			xys = append(xys, plotter.XY{X: m[0], Y: m[1]})
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			continue
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: palette[i%len(palette)], Radius: 3.5, Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("%s (%d)", g, len(byGroup[g])), sc)
	}
	if len(classes) <= 40 {
		lab := plotter.XYLabels{}
		for _, c := range classes {
			m := l.PCA.ClassMeans[c]
			lab.XYs = append(lab.XYs, plotter.XY{X: m[0], Y: m[1]})
			lab.Labels = append(lab.Labels, c)
		}
		if labels, err := plotter.NewLabels(lab); err == nil {
			for i := range labels.TextStyle {
				labels.TextStyle[i].Font.Typeface = "Liberation"
				labels.TextStyle[i].Font.Variant = "Sans"
				labels.TextStyle[i].Font.Size = 7
				labels.TextStyle[i].Color = rgb(0x33, 0x33, 0x33)
			}
			labels.Offset = vg.Point{X: 4, Y: 2}
			p.Add(labels)
		}
	}
	p.Legend.Top = true
	pad(&p.X, 0.05)
	pad(&p.Y, 0.05)
	svg, err := render(p, chartW, chartH+0.6*vg.Inch, "scatter plot of class means in lens "+name)
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	ch.SVG = svg
	colour := "colour = taxonomy group (/taxonomy/classes/*/group)"
	if tax == nil {
		colour = "no taxonomy in the facts (/taxonomy), so one colour"
	}
	ch.Caption = fmt.Sprintf("%d class means projected on their first two principal components (/lenses/%s/pca); %s. Classes close together look alike to this lens.",
		len(classes), ptrEsc(name), colour)
	return ch
}

// pairsChart draws the top confused class pairs of a lens (k-NN confusion),
// or, without confusion, the closest pairs by centroid cosine; pairs a
// source only names are listed in a table.
func pairsChart(name string, l *facts.Lens, top int) Chart {
	ch := Chart{ID: "chart-pairs-" + slug(name), Title: fmt.Sprintf("Lens %s: most confused class pairs", name)}
	var b *facts.Between
	if l.Similarity != nil {
		b = l.Similarity.Between
	}
	if b == nil {
		ch.Missing = fmt.Sprintf("not measured: no between-class similarity (/lenses/%s/similarity/between)", ptrEsc(name))
		return ch
	}
	type bar struct {
		label string
		v     float64
	}
	var bars []bar
	metric, ptr := "", ""
	for _, pr := range b.Confused {
		if pr.Confusion != nil {
			bars = append(bars, bar{pr.A + " ↔ " + pr.B, *pr.Confusion})
		}
	}
	if len(bars) > 0 {
		metric, ptr = "k-NN confusion", "confused"
	} else {
		for _, pr := range b.Pairs {
			if pr.Confusion != nil {
				bars = append(bars, bar{pr.A + " ↔ " + pr.B, *pr.Confusion})
			}
		}
		metric, ptr = "k-NN confusion", "pairs"
		if len(bars) == 0 {
			for _, pr := range b.Pairs {
				if pr.Cosine != nil {
					bars = append(bars, bar{pr.A + " ↔ " + pr.B, *pr.Cosine})
				}
			}
			metric = "centroid cosine similarity"
			ch.Title = fmt.Sprintf("Lens %s: closest class pairs", name)
		}
	}
	if len(bars) == 0 {
		ch.Missing = fmt.Sprintf("not measured: no pair is given a confusion or cosine (/lenses/%s/similarity/between/confused)", ptrEsc(name))
		if len(b.Pairs) > 0 {
			ch.Missing += "; the pairs a source names are listed"
			ch.Table = [][]string{{"class a", "class b", "note"}}
			for _, pr := range b.Pairs {
				ch.Table = append(ch.Table, []string{pr.A, pr.B, pr.Note})
			}
		}
		return ch
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].v > bars[j].v })
	if len(bars) > top {
		bars = bars[:top]
	}
	// Largest at the top: a horizontal bar chart counts from the bottom.
	vals := make(plotter.Values, len(bars))
	names := make([]string, len(bars))
	for i, x := range bars {
		vals[len(bars)-1-i] = x.v
		names[len(bars)-1-i] = x.label
	}
	p := newPlot(metric, "")
	bc, err := plotter.NewBarChart(vals, vg.Length(0.7*float64(chartH-40)/float64(len(bars))))
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	bc.Horizontal = true
	bc.Color = palette[3]
	bc.LineStyle.Width = 0
	p.Add(bc)
	p.NominalY(names...)
	p.X.Min = 0
	h := chartH
	if len(bars) > 10 {
		h += vg.Length(len(bars)-10) * 14
	}
	svg, err := render(p, chartW, h, "bar chart of the most confused class pairs in lens "+name)
	if err != nil {
		ch.Missing = "cannot draw: " + err.Error()
		return ch
	}
	ch.SVG = svg
	scope := "some pairs"
	if b.Exhaustive {
		scope = "every pair of classes compared"
	}
	ch.Caption = fmt.Sprintf("The %d class pairs with the highest %s (/lenses/%s/similarity/between/%s; %s). Confused pairs are where labels and collection need the most care.",
		len(bars), metric, ptrEsc(name), ptr, scope)
	return ch
}

// safely runs a chart builder; gonum/plot panics on some degenerate inputs,
// and a chart that cannot be drawn must not take the report down.
func safely(id, title string, build func() Chart) (ch Chart) {
	defer func() {
		if e := recover(); e != nil {
			ch = Chart{ID: id, Title: title, Missing: fmt.Sprintf("cannot draw: %v", e)}
		}
	}()
	return build()
}

// slug makes a name safe for an HTML id.
func slug(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "_%x", r)
		}
	}
	return b.String()
}

// ptrEsc escapes a key for a JSON pointer.
func ptrEsc(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }
