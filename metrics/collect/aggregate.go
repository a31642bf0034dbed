package collect

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/bits"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/qmcheck/qmcheck/evaluator/buildinfo"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/imagestats"
	"github.com/qmcheck/qmcheck/metrics/summary"
)

// Recording windows of the quality properties: the samples listed are those
// inside, deliberately wider than CleanVision's default thresholds (dark
// p99 < 0.32, light p5 > 0.95, entropy < 3 bits, blurry score < 0.29, aspect
// < 0.35), so that a profile can move its threshold without re-collecting.
var windows = []struct {
	name, desc, dir string
	bound           float64
	value           func(r *Record) float64
}{
	{"brightness_p99", "99th percentile of per-pixel brightness sqrt(0.241 R² + 0.691 G² + 0.068 B²)/255 (gray: v/255); CleanVision's dark score", "below", 0.5, func(r *Record) float64 { return r.P[6] }},
	{"brightness_p5", "5th percentile of the same brightness; CleanVision's light score is 1 − this", "above", 0.8, func(r *Record) float64 { return r.P[1] }},
	{"entropy", "PIL Image.entropy() in bits over the histogram of the stored bands; CleanVision's low-information score is min(1, 0.1·entropy)", "below", 4.5, func(r *Record) float64 { return r.Ent }},
	{"blurry_score", "CleanVision's blurry score min(1, 1 − e^(−0.01 b) + h′) on a ≤64 px gray copy (lower is blurrier)", "below", 0.5, func(r *Record) float64 { return r.Blurry }},
	{"aspect_ratio_min", "min(w/h, h/w)", "below", 0.5, func(r *Record) float64 { return r.Aspect }},
	{"short_side", "min(width, height) in pixels", "below", 24, func(r *Record) float64 { return float64(min(r.W, r.H)) }},
}

// Facts aggregates the collection into the facts document. With a shard
// count above 1 the document is partial (dataset.shard and a partial
// section the merge reads).
func (c *Collection) Facts() (*facts.Document, error) {
	o, ds := c.Options, c.Data
	doc := &facts.Document{SchemaVersion: facts.SchemaVersion}
	doc.Dataset = facts.Dataset{
		Name:   o.Name,
		Task:   "image-classification",
		Layout: ds.Layout,
		Root:   filepath.Base(filepath.Clean(o.Root)),
		Images: int64(len(c.Records)),
	}
	opts := map[string]any{"max_pixels": pixelLimit(o.MaxPixels), "near_max_distance": o.NearMaxDistance, "list_max": o.ListMax,
		"perceptual_hash": "DCT 8×8 of a 32×32 gray copy (64 bits)", "pixel_hash": "xxHash64 of decoded pixels and shape"}
	if o.Manifest != "" {
		opts["manifest"] = filepath.Base(o.Manifest)
	}
	doc.Collector = facts.Collector{Tool: buildinfo.Tool + " collect", Version: buildinfo.Version, Decoder: imageio.Name(), Options: opts}
	if o.ShardCount > 1 {
		doc.Dataset.Shard = &facts.Shard{Index: o.ShardIndex, Count: o.ShardCount}
	}

	recs := c.Records
	fp := sha256.New()
	for _, r := range recs {
		fmt.Fprintf(fp, "%s\x00%d\x00%s\n", r.ID, r.Bytes, r.SHA256)
	}
	if o.ShardCount <= 1 {
		doc.Dataset.Fingerprint = "sha256:" + hex.EncodeToString(fp.Sum(nil))
	}

	// Integrity.
	in := &facts.Integrity{Files: int64(len(recs)), Skipped: ds.Skipped, ByReason: map[string]int64{}}
	var decoded, unreadable int64
	for _, r := range recs {
		switch {
		case r.Measured():
			decoded++
			if r.Warn != "" {
				in.Warnings = append(in.Warnings, facts.Finding{Path: r.ID, Reason: r.Warn, Detail: r.WarnAt})
			}
		default:
			unreadable++
			in.ByReason[r.Reason]++
			in.Unreadable = append(in.Unreadable, facts.Finding{Path: r.ID, Reason: r.Reason, Detail: r.Detail})
			if r.Reason == "missing_file" {
				in.MissingValues++
			}
		}
		if r.Class == "" {
			in.Unlabeled++
			if len(in.UnlabeledFiles) < o.ListMax {
				in.UnlabeledFiles = append(in.UnlabeledFiles, r.ID)
			}
		}
	}
	in.MissingValues += int64(ds.BadRows)
	in.Decoded, in.UnreadableN = &decoded, &unreadable
	doc.Integrity = in

	// Classes, overall and per split.
	doc.Classes = c.classes()
	declared := len(ds.Classes)
	doc.Dataset.Classes = doc.Classes.Count
	if ds.Layout != "hf-imagefolder" && !(ds.Layout == "manifest-csv" || ds.Layout == "manifest-jsonl") {
		// Class folders declare the label vocabulary, empty ones included.
		doc.Dataset.DeclaredClasses = int64(declared)
	}
	if len(ds.Splits) > 0 {
		doc.Dataset.Splits = map[string]facts.Split{}
		for _, sp := range ds.Splits {
			cs := doc.Classes.BySplit[sp]
			doc.Dataset.Splits[sp] = facts.Split{Images: cs.Total, Classes: cs.Count}
		}
	}

	// Images.
	if decoded > 0 {
		doc.Images = c.images()
		doc.Pixels = c.pixels()
	}
	doc.Duplicates = c.duplicates(len(ds.Splits) > 1)
	return doc, nil
}

func pixelLimit(v int64) int64 {
	if v <= 0 {
		return imageio.DefaultMaxPixels
	}
	return v
}

func (c *Collection) classes() *facts.Classes {
	counts := map[string]map[string]int64{"": {}} // split → class → n
	for _, cl := range c.Data.Classes {
		counts[""][cl] = 0
	}
	for _, r := range c.Records {
		if r.Class == "" {
			continue
		}
		counts[""][r.Class]++
		if r.Split != "" {
			if counts[r.Split] == nil {
				counts[r.Split] = map[string]int64{}
			}
			counts[r.Split][r.Class]++
		}
	}
	out := &facts.Classes{ClassSummary: summarise(counts[""], c.Data.Empty)}
	for _, sp := range c.Data.Splits {
		if out.BySplit == nil {
			out.BySplit = map[string]facts.ClassSummary{}
		}
		out.BySplit[sp] = summarise(counts[sp], nil)
	}
	return out
}

// summarise computes n_k statistics over the classes with samples; classes
// declared without any (empty folders) are listed apart.
func summarise(all map[string]int64, empty []string) facts.ClassSummary {
	s := facts.ClassSummary{Counts: map[string]int64{}, Empty: empty}
	names := make([]string, 0, len(all))
	for k, n := range all {
		if n > 0 {
			names = append(names, k)
			s.Counts[k] = n
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		s.Counts = nil
		return s
	}
	vals := make([]float64, len(names))
	for i, k := range names {
		vals[i] = float64(all[k])
		s.Total += all[k]
	}
	st := summary.Of(vals)
	s.Count = int64(len(names))
	s.Mean, s.Std = *st.Mean, st.Std
	s.Min, s.Max = int64(*st.Min), int64(*st.Max)
	for _, k := range names { // first class at the extremes, in name order
		if all[k] == s.Min && s.MinClass == "" {
			s.MinClass = k
		}
		if all[k] == s.Max && s.MaxClass == "" {
			s.MaxClass = k
		}
	}
	return s
}

func (c *Collection) images() *facts.Images {
	im := &facts.Images{Formats: map[string]int64{}, Modes: map[string]int64{}}
	var w, h, px, by, ar, br, co []float64
	sizes := map[[2]int]int64{}
	gray := &facts.SampleCount{}
	var measured []*Record
	for i := range c.Records {
		r := &c.Records[i]
		if !r.Measured() {
			continue
		}
		measured = append(measured, r)
		im.Count++
		im.Formats[r.Format]++
		im.Modes[r.Mode]++
		w = append(w, float64(r.W))
		h = append(h, float64(r.H))
		px = append(px, float64(r.W)*float64(r.H))
		by = append(by, float64(r.Bytes))
		ar = append(ar, float64(r.W)/float64(r.H))
		br = append(br, r.Mean)
		co = append(co, r.Std)
		sizes[[2]int{r.W, r.H}]++
		if r.Gray {
			gray.Count++
			if len(gray.Samples) < c.Options.ListMax {
				gray.Samples = append(gray.Samples, facts.Sample{ID: r.ID, Class: r.Class, Split: r.Split})
			}
		}
	}
	im.Width, im.Height, im.Pixels, im.Bytes, im.AspectRatio = summary.Of(w), summary.Of(h), summary.Of(px), summary.Of(by), summary.Of(ar)
	im.Brightness, im.Contrast = summary.Of(br), summary.Of(co)
	if gray.Count > 0 {
		im.EffectivelyGray = gray
	}
	// Resolution: the smallest and largest by pixel count (ties: width, height),
	// and the most common sizes.
	type sz struct {
		w, h int
		n    int64
	}
	var all []sz
	for k, n := range sizes {
		all = append(all, sz{k[0], k[1], n})
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.w*a.h != b.w*b.h {
			return a.w*a.h < b.w*b.h
		}
		if a.w != b.w {
			return a.w < b.w
		}
		return a.h < b.h
	})
	res := &facts.Resolution{Distinct: int64(len(all)),
		Min: &facts.Size{Width: int64(all[0].w), Height: int64(all[0].h), Count: all[0].n},
		Max: &facts.Size{Width: int64(all[len(all)-1].w), Height: int64(all[len(all)-1].h), Count: all[len(all)-1].n}}
	common := append([]sz(nil), all...)
	sort.SliceStable(common, func(i, j int) bool { return common[i].n > common[j].n })
	for i, s := range common {
		if i == 20 {
			break
		}
		res.MostCommon = append(res.MostCommon, facts.Size{Width: int64(s.w), Height: int64(s.h), Count: s.n})
	}
	im.Resolution = res

	// Quality properties: distributions and the samples inside each window.
	im.Quality = map[string]*facts.Property{}
	for _, win := range windows {
		vals := make([]float64, len(measured))
		for i, r := range measured {
			vals[i] = win.value(r)
		}
		p := &facts.Property{Description: win.desc, Stats: summary.Of(vals), Histogram: histogram(vals, 20),
			Window: &facts.Window{Direction: win.dir, Bound: facts.F(win.bound)}}
		p.Samples, p.Count = inWindow(measured, win.value, func(v float64) bool {
			if win.dir == "below" {
				return v < win.bound
			}
			return v > win.bound
		}, win.dir == "below", c.Options.ListMax)
		im.Quality[win.name] = p
	}
	// Odd size: CleanVision's Tukey fences on sqrt(w)·sqrt(h) use k = 3; the
	// window lists what lies outside k = 1.5.
	size := make([]float64, len(measured))
	for i, r := range measured {
		size[i] = r.Size
	}
	st := summary.Of(size)
	q1, q3 := st.Quantiles["p25"], st.Quantiles["p75"]
	lo, hi := q1-1.5*(q3-q1), q3+1.5*(q3-q1)
	p := &facts.Property{Description: "sqrt(width)·sqrt(height), with Tukey fences at 1.5×IQR around Q1 = p25 and Q3 = p75 (CleanVision's odd_size uses 3×IQR)",
		Stats: st, Histogram: histogram(size, 20), Window: &facts.Window{Direction: "outside", Lower: facts.F(lo), Upper: facts.F(hi)}}
	p.Samples, p.Count = inWindow(measured, func(r *Record) float64 { return r.Size }, func(v float64) bool { return v < lo || v > hi }, false, c.Options.ListMax)
	im.Quality["size_sqrt"] = p
	return im
}

// inWindow lists the samples whose value passes in, most extreme first (ties
// by id), cut at max, with how many there are.
func inWindow(recs []*Record, value func(*Record) float64, in func(float64) bool, ascending bool, max int) ([]facts.Sample, int64) {
	var hits []*Record
	for _, r := range recs {
		if in(value(r)) {
			hits = append(hits, r)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := value(hits[i]), value(hits[j])
		if a != b {
			if ascending {
				return a < b
			}
			return a > b
		}
		return hits[i].ID < hits[j].ID
	})
	out := []facts.Sample{}
	for i, r := range hits {
		if i == max {
			break
		}
		out = append(out, facts.Sample{ID: r.ID, Class: r.Class, Split: r.Split, Value: facts.F(value(r))})
	}
	return out, int64(len(hits))
}

// histogram counts values into n equal bins between their min and max.
func histogram(vals []float64, n int) *facts.Histogram {
	if len(vals) == 0 {
		return nil
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
	}
	h := &facts.Histogram{Edges: make([]float64, n+1), Counts: make([]int64, n)}
	for i := range h.Edges {
		h.Edges[i] = lo + (hi-lo)*float64(i)/float64(n)
	}
	for _, v := range vals {
		b := int((v - lo) / (hi - lo) * float64(n))
		h.Counts[min(max(b, 0), n-1)]++
	}
	return h
}

func (c *Collection) pixels() *facts.Pixels {
	p := &facts.Pixels{Luma: "ITU-R 601-2: L = (19595 R + 38470 G + 7471 B + 32768) >> 16, as Pillow's convert(\"L\")", Channels: map[string]*facts.Channel{}}
	for ch, name := range imagestats.ChannelNames {
		var total int64
		for _, n := range c.Hist[ch] {
			total += n
		}
		if total == 0 {
			continue
		}
		p.Channels[name] = &facts.Channel{Histogram: append([]int64(nil), c.Hist[ch][:]...), Total: total}
	}
	return p
}

func (c *Collection) duplicates(splits bool) *facts.Duplicates {
	var measured []*Record
	for i := range c.Records {
		if c.Records[i].Measured() {
			measured = append(measured, &c.Records[i])
		}
	}
	max := c.Options.ListMax
	group := func(key func(*Record) string, method string) (*facts.Groups, [][]*Record) {
		by := map[string][]*Record{}
		var keys []string
		for _, r := range measured {
			k := key(r)
			if k == "" {
				continue
			}
			if len(by[k]) == 0 {
				keys = append(keys, k)
			}
			by[k] = append(by[k], r)
		}
		g := &facts.Groups{Method: method}
		var sets [][]*Record
		for _, k := range keys {
			if len(by[k]) > 1 {
				sets = append(sets, by[k])
			}
		}
		sort.Slice(sets, func(i, j int) bool { return sets[i][0].ID < sets[j][0].ID })
		for _, s := range sets {
			g.Groups++
			g.Extra += int64(len(s) - 1)
			g.Images += int64(len(s))
			if len(g.Sets) < max {
				g.Sets = append(g.Sets, dupSet(s, 0))
			}
		}
		return g, sets
	}
	d := &facts.Duplicates{}
	var exactSets [][]*Record
	d.Exact, exactSets = group(func(r *Record) string { return r.Pix }, "xxHash64 of the decoded pixels and their shape")
	d.ExactBytes, _ = group(func(r *Record) string { return r.SHA256 }, "sha256 of the file bytes")

	// Near duplicates among distinct images: one representative per exact set.
	rep := map[*Record][]*Record{}
	var reps []*Record
	seen := map[string]bool{}
	for _, r := range measured {
		if seen[r.Pix] {
			continue
		}
		seen[r.Pix] = true
		reps = append(reps, r)
	}
	for _, s := range exactSets {
		rep[s[0]] = s
	}
	hashes := make([]uint64, len(reps))
	for i, r := range reps {
		hashes[i], _ = strconv.ParseUint(r.PHash, 16, 64)
	}
	pairs, comparisons := nearPairs(hashes, c.Options.NearMaxDistance)
	dist := c.Options.NearMaxDistance
	near := &facts.Groups{Method: "perceptual hash (DCT, 64 bits) within the Hamming distance, among images with distinct pixels; multi-index hashing", MaxDistance: &dist, Comparisons: comparisons}
	var nearSets [][]*Record
	var nearDist []int
	for _, comp := range components(len(reps), pairs) {
		var s []*Record
		dmax := 0
		for a, i := range comp {
			s = append(s, reps[i])
			for _, j := range comp[a+1:] {
				dmax = maxInt(dmax, bits.OnesCount64(hashes[i]^hashes[j]))
			}
		}
		near.Groups++
		near.Extra += int64(len(s) - 1)
		near.Images += int64(len(s))
		if len(near.Sets) < max {
			near.Sets = append(near.Sets, dupSet(s, dmax))
		}
		nearSets = append(nearSets, s)
		nearDist = append(nearDist, dmax)
	}
	d.Near = near

	if splits {
		// Leakage: exact sets, and near sets with every exact copy of their
		// members, whose samples lie in more than one split.
		cs := &facts.Groups{Method: "exact and near duplicate sets spanning splits"}
		cross := func(s []*Record, dist int) {
			sp := map[string]bool{}
			for _, r := range s {
				sp[r.Split] = true
			}
			if len(sp) < 2 {
				return
			}
			cs.Groups++
			cs.Images += int64(len(s))
			cs.Extra += int64(len(s) - 1)
			if len(cs.Sets) < max {
				cs.Sets = append(cs.Sets, dupSet(s, dist))
			}
		}
		inNear := map[*Record]bool{}
		for i, s := range nearSets {
			var all []*Record
			for _, r := range s {
				inNear[r] = true
				if ex, ok := rep[r]; ok {
					all = append(all, ex...)
				} else {
					all = append(all, r)
				}
			}
			sort.Slice(all, func(a, b int) bool { return all[a].ID < all[b].ID })
			cross(all, nearDist[i])
		}
		for _, s := range exactSets {
			if !inNear[s[0]] {
				cross(s, 0)
			}
		}
		sort.Slice(cs.Sets, func(i, j int) bool { return cs.Sets[i].IDs[0] < cs.Sets[j].IDs[0] })
		d.CrossSplit = cs
	}
	return d
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func dupSet(s []*Record, dist int) facts.DupGroup {
	g := facts.DupGroup{}
	sp, cl := map[string]bool{}, map[string]bool{}
	for _, r := range s {
		g.IDs = append(g.IDs, r.ID)
		if r.Split != "" {
			sp[r.Split] = true
		}
		if r.Class != "" {
			cl[r.Class] = true
		}
	}
	d := dist
	g.Distance = &d
	for k := range sp {
		g.Splits = append(g.Splits, k)
	}
	for k := range cl {
		g.Classes = append(g.Classes, k)
	}
	sort.Strings(g.Splits)
	sort.Strings(g.Classes)
	return g
}
