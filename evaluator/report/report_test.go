package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/qmcheck/qmcheck/evaluator"
	"github.com/qmcheck/qmcheck/evaluator/output"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
	"github.com/qmcheck/qmcheck/evaluator/report/score"
	"github.com/qmcheck/qmcheck/metrics/facts"
)

const imagenetFacts = "../../fixtures/imagenet-report/facts.json"

var policies *evaluator.Policies

func loadPolicies(t testing.TB) *evaluator.Policies {
	t.Helper()
	if policies == nil {
		p, err := evaluator.LoadPolicies("", false)
		if err != nil {
			t.Fatal(err)
		}
		policies = p
	}
	return policies
}

// judge evaluates facts under a profile with the real policies.
func judge(t testing.TB, doc any, prof string) *evaluator.Report {
	t.Helper()
	p, err := profile.Load(prof)
	if err != nil {
		t.Fatal(err)
	}
	e, err := evaluator.New(context.Background(), loadPolicies(t), p)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	r.ApplyGate("fail")
	return r
}

func imagenet(t testing.TB) any {
	t.Helper()
	doc, err := evaluator.ReadFacts(imagenetFacts)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// generic turns a facts document into the decoded JSON the evaluator reads.
func generic(t testing.TB, d *facts.Document) any {
	t.Helper()
	b, err := d.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := evaluator.ParseFacts("synthetic.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func renderPage(t testing.TB, doc any, r *evaluator.Report, o Options) string {
	t.Helper()
	if o.Policies == nil {
		o.Policies = loadPolicies(t)
	}
	var b bytes.Buffer
	if err := HTML(&b, doc, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// cases are the reports the tests render: the transcribed ImageNet facts
// under both profiles, and the synthetic facts with every section.
type tcase struct {
	name string
	doc  any
	r    *evaluator.Report
	o    Options
}

// realFacts are measured facts of fixtures/fashion-mnist-1k (testdata/README.md).
const realFacts = "testdata/fashion-mnist-1k.facts.json"

func fashion(t testing.TB) any {
	t.Helper()
	doc, err := evaluator.ReadFacts(realFacts)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func cases(t *testing.T) []tcase {
	in := imagenet(t)
	syn := generic(t, synthetic(t))
	fm := fashion(t)
	return []tcase{
		{"fashion-mnist/iso5259-2", fm, judge(t, fm, "iso5259-2"), Options{ImagesRoot: fmnist}},
		{"fashion-mnist/dataclinic", fm, judge(t, fm, "dataclinic"), Options{ImagesRoot: fmnist}},
		{"imagenet/dataclinic", in, judge(t, in, "dataclinic"), Options{}},
		{"imagenet/iso5259-2", in, judge(t, in, "iso5259-2"), Options{}},
		{"synthetic/iso5259-2", syn, judge(t, syn, "iso5259-2"), Options{ImagesRoot: fmnist}},
		{"synthetic/dataclinic", syn, judge(t, syn, "dataclinic"), Options{ImagesRoot: fmnist}},
	}
}

// htmlRow is a verdict row as the page shows it.
type htmlRow struct{ qm, verdict, label, finding, value string }

// rows parses the page and returns its verdict rows: <tr data-qm> with the
// verdict word, the badge text, the finding (the <summary>) and the value
// cell's first text.
func rows(t *testing.T, page string) []htmlRow {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []htmlRow
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && attr(n, "data-qm") != "" {
			r := htmlRow{qm: attr(n, "data-qm"), verdict: attr(n, "data-verdict")}
			find(n, func(m *html.Node) {
				switch {
				case m.Data == "span" && strings.HasPrefix(attr(m, "class"), "badge"):
					r.label = text(m)
				case m.Data == "summary":
					r.finding = text(m)
				case m.Data == "td" && attr(m, "class") == "num":
					r.value = text(m.FirstChild)
				}
			})
			out = append(out, r)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func find(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			f(c)
		}
		find(c, f)
	}
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

// TestEveryVerdictInHTMLAndMarkdown reads the verdicts back from their JSON
// (the output contract) and finds each one, with its verdict and finding,
// in the HTML page and in the Markdown summary.
func TestEveryVerdictInHTMLAndMarkdown(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			var js bytes.Buffer
			if err := output.JSON(&js, c.r, output.Options{}); err != nil {
				t.Fatal(err)
			}
			back, err := ParseVerdicts("verdicts.json", js.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(back.Verdicts) == 0 {
				t.Fatal("no verdicts")
			}
			got := rows(t, renderPage(t, c.doc, back, c.o))
			if len(got) != len(back.Verdicts) {
				t.Fatalf("HTML has %d verdict rows, JSON %d", len(got), len(back.Verdicts))
			}
			for i, v := range back.Verdicts {
				h := got[i]
				if h.qm != v.QM || h.verdict != v.Verdict || h.label != output.Label(v) || h.finding != v.Finding || h.value != output.Value(v.Value) {
					t.Errorf("row %d: HTML %+v; JSON %s %s %q value %s", i, h, v.QM, v.Verdict, v.Finding, output.Value(v.Value))
				}
			}
			var md bytes.Buffer
			if err := output.Markdown(&md, back, output.Options{}); err != nil {
				t.Fatal(err)
			}
			m := md.String()
			if len(m) > output.MarkdownLimit {
				t.Errorf("markdown has %d characters", len(m))
			}
			for _, v := range back.Verdicts {
				row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(v.QM) + ` \| [^\n]*\| ` + regexp.QuoteMeta(output.MarkdownVerdict(v)) + ` \| ` +
					regexp.QuoteMeta(v.Severity) + ` \| ` + regexp.QuoteMeta(output.Value(v.Value)) + ` \| ([^\n]*) \|`)
				mm := row.FindStringSubmatch(m)
				if mm == nil {
					t.Errorf("markdown lacks the row of %s (%s)", v.QM, output.MarkdownVerdict(v))
					continue
				}
				if want := strings.ReplaceAll(strings.Join(strings.Fields(v.Finding), " "), "|", `\|`); !strings.HasPrefix(mm[1], want) {
					t.Errorf("markdown row of %s: finding %q, want %q", v.QM, mm[1], want)
				}
			}
		})
	}
}

func TestScoreFormula(t *testing.T) {
	r := judge(t, imagenet(t), "dataclinic")
	s := score.Of(r)
	// 5 fail (3 critical, 2 high), 4 caution (medium), 3 N/A: 100 × (4 × 2 × ½) / (3×4 + 2×3 + 4×2).
	if !s.Valid || s.Judged != 9 || s.Total != 12 || s.Points != 4 || s.Max != 26 || math.Abs(s.Value-100*4.0/26) > 1e-12 {
		t.Fatalf("%+v", s)
	}
	if got := s.Arithmetic(); got != "100 × 4 / 26 = 15.4 (9 of 12 QMs judged; 3 N/A left out)" {
		t.Errorf("arithmetic %q", got)
	}
	p := renderPage(t, imagenet(t), r, Options{})
	for _, want := range []string{`data-score="15.4"`, ">15</div>", "out of 100", "100 × 4 / 26 = 15.4", "w = 4 critical, 3 high, 2 medium, 1 low"} {
		if !strings.Contains(p, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	all := &evaluator.Report{Verdicts: []evaluator.Verdict{{QM: "x", Verdict: evaluator.NA, Severity: "high"}}}
	if s := score.Of(all); s.Valid || s.String() != "no score" {
		t.Errorf("all N/A: %+v", s)
	}
	mixed := &evaluator.Report{Verdicts: []evaluator.Verdict{
		{QM: "a", Verdict: evaluator.Pass, Severity: "low"}, {QM: "b", Verdict: evaluator.Caution, Severity: "critical"},
		{QM: "c", Verdict: evaluator.Error, Severity: "medium"},
		{QM: "d", Verdict: evaluator.Fail, Severity: "high", Waiver: &evaluator.Waiver{Status: "active"}}}}
	if s := score.Of(mixed); s.Points != 3 || s.Max != 10 || s.String() != "30/100" {
		t.Errorf("mixed: %+v", s)
	}
}

// TestChartsFromFacts: every chart is drawn as an SVG when its facts exist
// (synthetic facts), and says "not measured" with its pointer when they do
// not (the ImageNet transcription).
func TestChartsFromFacts(t *testing.T) {
	syn := generic(t, synthetic(t))
	p := renderPage(t, syn, judge(t, syn, "iso5259-2"), Options{ImagesRoot: fmnist})
	for _, id := range []string{"chart-class-counts", "chart-pixels", "chart-resolution",
		"chart-density-builtin", "chart-pca-builtin", "chart-pairs-builtin", "chart-density-clip", "chart-pca-clip", "chart-pairs-clip"} {
		re := regexp.MustCompile(`<figure class="chart" id="` + id + `"><svg class="plot" role="img"`)
		if !re.MatchString(p) {
			t.Errorf("synthetic: no SVG for %s", id)
		}
	}
	if n := strings.Count(p, `<svg class="plot"`); n != 9 {
		t.Errorf("synthetic: %d charts, want 9", n)
	}
	// The class names label the bars, the confused pair its bar, the groups the PCA legend.
	for _, want := range []string{">t-shirt_top</text>", ">shirt ↔ t-shirt_top</text>", ">footwear (3)</text>", ">clothing (6)</text>", "pixels + 1 (log scale)"} {
		if !strings.Contains(p, want) {
			t.Errorf("synthetic: chart text %q missing", want)
		}
	}
	if strings.Contains(p, "not measured: no") {
		t.Errorf("synthetic: a chart says not measured:\n%s", regexp.MustCompile(`not measured: no[^<]*`).FindString(p))
	}
	lin := renderPage(t, syn, judge(t, syn, "iso5259-2"), Options{LinearPixels: true})
	if strings.Contains(lin, "log scale") || !strings.Contains(lin, "linear scale") {
		t.Error("linear pixel scale not applied")
	}

	// Measured Fashion-MNIST facts: every chart but the per-lens ones of a second lens.
	fm := fashion(t)
	p = renderPage(t, fm, judge(t, fm, "iso5259-2"), Options{ImagesRoot: fmnist})
	for _, id := range []string{"chart-class-counts", "chart-pixels", "chart-resolution", "chart-density-pixels", "chart-pca-pixels", "chart-pairs-pixels"} {
		if !strings.Contains(p, `<figure class="chart" id="`+id+`"><svg class="plot"`) {
			t.Errorf("fashion-mnist: no SVG for %s", id)
		}
	}
	// Con-ML-1 counts 4 of the 35 recorded near sets within its distance 4; the diet names the same 4.
	for _, want := range []string{"every class has 100", ">coat ↔ pullover</text>", "no taxonomy in the facts (/taxonomy), so one colour",
		"from 4 of 35 sets within hash distance 4", "review 4 groups of near duplicates, closest first"} {
		if !strings.Contains(p, want) {
			t.Errorf("fashion-mnist: page lacks %q", want)
		}
	}

	in := imagenet(t)
	p = renderPage(t, in, judge(t, in, "dataclinic"), Options{})
	for _, want := range []string{
		"not measured: no per-class counts (/classes/counts)",
		"not measured: no 256-bin histogram in any channel (/pixels/channels/*/histogram)",
		"not measured: no list of image sizes (/images/resolution/most_common); known range 20×17 to 7056×4488 px",
		"not measured: no density histogram (/lenses/L2/density/histogram); reported peak density 0.085",
		"not measured: no PCA of class means (/lenses/L3/pca/class_means)",
		"not measured: no pair is given a confusion or cosine (/lenses/L2/similarity/between/confused)",
		"<td>mousetrap</td><td>upright</td>",
		"~1,600,000,000",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("imagenet: page lacks %q", want)
		}
	}
	if strings.Contains(p, `<svg class="plot"`) {
		t.Error("imagenet: a chart was drawn from facts that are not there")
	}
}

// TestSelfContained: nothing on the page loads from elsewhere, and nothing
// needs a script.
func TestSelfContained(t *testing.T) {
	syn := generic(t, synthetic(t))
	p := renderPage(t, syn, judge(t, syn, "iso5259-2"), Options{ImagesRoot: fmnist})
	doc, err := html.Parse(strings.NewReader(p))
	if err != nil {
		t.Fatal(err)
	}
	imgs := 0
	find(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "link", "iframe", "object", "embed":
			t.Errorf("page has <%s>", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s>: an event handler", n.Data, a.Key)
			}
			switch a.Key {
			case "src", "href", "xlink:href", "action", "poster":
				if !strings.HasPrefix(a.Val, "data:image/png;base64,") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q>: not inline", n.Data, a.Key, a.Val)
				}
			}
		}
		if n.Data == "img" {
			imgs++
		}
	})
	if imgs == 0 {
		t.Error("no thumbnails")
	}
	if regexp.MustCompile(`url\((?:["']?)(?:https?:|//)`).MatchString(p) || strings.Contains(p, "@import") {
		t.Error("CSS loads from the network")
	}
}

func TestDeterministic(t *testing.T) {
	syn := generic(t, synthetic(t))
	a := renderPage(t, syn, judge(t, syn, "iso5259-2"), Options{ImagesRoot: fmnist})
	b := renderPage(t, syn, judge(t, syn, "iso5259-2"), Options{ImagesRoot: fmnist})
	if a != b {
		t.Fatal("two renderings of the same facts and verdicts differ")
	}
	// The typed document and its JSON form give the same page.
	d := synthetic(t)
	if c := renderPage(t, d, judge(t, syn, "iso5259-2"), Options{ImagesRoot: fmnist}); c != a {
		t.Error("*facts.Document and decoded JSON give different pages")
	}
}

func TestThumbnails(t *testing.T) {
	th := newThumbnailer(fmnist, 72)
	got := th.get("bag/1014.png")
	if got.Err != "" || got.W != 56 || got.H != 56 { // 28×28 scaled ×2 to fit 72
		t.Fatalf("%+v", got)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(string(got.URI), "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 56 {
		t.Errorf("thumbnail %v", b)
	}
	for id, want := range map[string]string{
		"bag/nope.png":        "not found",
		"../../go.mod":        "not a path under the images root",
		"/etc/passwd":         "not a path under the images root",
		"README.md":           "not an image",
		"bag/../../README.md": "not a path under the images root",
	} {
		if got := th.get(id); !strings.HasPrefix(got.Err, want) || got.URI != "" {
			t.Errorf("%s: %+v, want error %q", id, got, want)
		}
	}
	if got := newThumbnailer("", 72).get("bag/1014.png"); got.URI != "" {
		t.Error("thumbnail without an images root")
	}
	// Large images are scaled down into the box, keeping their aspect.
	big := t.TempDir()
	writePNG(t, big+"/wide.png", 300, 100)
	if got := newThumbnailer(big, 60).get("wide.png"); got.W != 60 || got.H != 20 {
		t.Errorf("wide: %+v", got)
	}
}

func TestPrescriptions(t *testing.T) {
	d := synthetic(t)
	rx := Prescribe(d, Limits{})
	// Counts 70, 80, 90, then 100 × 7: median 100; three classes to bulk up, smallest first.
	var acts []string
	for _, p := range rx.BulkUp {
		acts = append(acts, p.Action)
	}
	all := strings.Join(acts, "\n")
	for _, want := range []string{
		"add 30 images to 'ankle_boot' (70 → 100)\nadd 20 images to 'bag' (80 → 100)\nadd 10 images to 'coat' (90 → 100)",
		"collect more, and more varied, images of the sparsest classes: 'ankle_boot' 0.2, 'bag' 0.25, 'coat' 0.3, 'dress' 0.35, 'pullover' 0.4",
		"add images like the 12 sparsest samples",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("bulk-up lacks %q in:\n%s", want, all)
		}
	}
	if len(rx.Diet) == 0 || len(rx.Diet[0].Groups) != 2 || rx.Diet[0].Action != "remove 3 extra copies: in each group keep the first id and delete the others" {
		t.Fatalf("diet: %+v", rx.Diet)
	}
	if g := rx.Diet[0].Groups[0]; len(g) != 3 || g[0].ID != d.Duplicates.Exact.Sets[0].IDs[0] {
		t.Errorf("first exact group %+v", g)
	}
	var densest *Prescription
	for i, p := range rx.Diet {
		if p.Lens == "builtin" && strings.HasSuffix(p.Fact, "/density/densest") {
			densest = &rx.Diet[i]
		}
	}
	if densest == nil || !strings.Contains(densest.Action, "10 of the 12 densest samples are 'sandal' (83%)") || len(densest.Samples) != 12 {
		t.Errorf("densest: %+v", densest)
	}
	if len(rx.Relabel) != 1 || len(rx.Relabel[0].Samples) != 3 || rx.Relabel[0].Samples[0].ID != d.Labels.Estimated[0].Issues[0].ID {
		t.Errorf("relabel: %+v", rx.Relabel)
	}
	if len(rx.Repair) != 2 || rx.Repair[0].Samples[0].ID != "coat/broken.png" || len(rx.Review) != 2 {
		t.Errorf("repair %+v review %+v", rx.Repair, rx.Review)
	}
	if len(rx.Unmeasured) != 0 {
		t.Errorf("unmeasured: %v", rx.Unmeasured)
	}
	// Limits cut lists and say how many were left.
	cut := Prescribe(d, Limits{Classes: 2, Samples: 1, Groups: 1})
	if cut.BulkUp[1].More != 1 || cut.Diet[0].More != 1 || cut.Relabel[0].More != 2 {
		t.Errorf("limits: bulk %+v diet %+v relabel %+v", cut.BulkUp[1], cut.Diet[0], cut.Relabel[0])
	}

	// The transcribed ImageNet facts can name little, and say why.
	in, err := Document(imagenet(t))
	if err != nil {
		t.Fatal(err)
	}
	rx = Prescribe(in, Limits{})
	u := strings.Join(rx.Unmeasured, "\n")
	for _, want := range []string{"no per-class counts (/classes/counts); the smallest class has 732 images, the mean is 1281.2",
		"no duplicate search (/duplicates)", "no label-error estimate on this dataset (/labels/estimated); a published rate (Northcutt, Athalye & Mueller (2021): 5.83%"} {
		if !strings.Contains(u, want) {
			t.Errorf("imagenet: unmeasured lacks %q:\n%s", want, u)
		}
	}
	if len(rx.Diet) != 2 || !strings.Contains(rx.Diet[0].Action, "10 of the 12 densest samples are 'peacock' (83%)") {
		t.Errorf("imagenet diet: %+v", rx.Diet)
	}
	if Median([]float64{3, 1, 2, 10}) != 2.5 || Median(nil) != 0 {
		t.Error("median")
	}
}

func TestPageShowsPrescriptionsAndMetadata(t *testing.T) {
	syn := generic(t, synthetic(t))
	r := judge(t, syn, "iso5259-2")
	p := renderPage(t, syn, r, Options{ImagesRoot: fmnist})
	for _, want := range []string{
		"add 30 images to &#39;ankle_boot&#39; (70 → 100)",
		"keep · bag",
		"labelled shirt → t-shirt_top?",
		"coat/broken.png · truncated: unexpected EOF",
		`<dt>confidence</dt>`,
		`<dt>policy file</dt><dd><code>policies/iso/`,
		`<dt>threshold <code>pass_min</code></dt>`,
	} {
		if !strings.Contains(p, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Without policies the rows still carry the rule, and say the METADATA is absent.
	var b bytes.Buffer
	if err := HTML(&b, syn, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "not available (no policies given)") || !strings.Contains(b.String(), "No images root was given") {
		t.Error("page without policies or images")
	}
}

func TestReadVerdictsErrors(t *testing.T) {
	_, err := ParseVerdicts("v.json", []byte("{\n  \"profile\": {,\n}"))
	var l *problem.List
	if !asList(err, &l) || l.Errors[0].Line != 2 || !strings.HasPrefix(err.Error(), "invalid verdicts (1 problem):\n  v.json:2:") {
		t.Errorf("malformed: %v", err)
	}
	_, err = ParseVerdicts("v.json", []byte(`{"profile": {"name": "x"}, "summary": {}, "verdicts": [{"qm": "A", "verdict": "maybe"}]}`))
	if !asList(err, &l) || !strings.Contains(err.Error(), "v.json: /verdicts/0") {
		t.Errorf("invalid: %v", err)
	}
	if !problem.IsInput(err) {
		t.Error("not an input error")
	}
	in := imagenet(t)
	r := judge(t, in, "dataclinic")
	d := synthetic(t)
	if err := SameFacts(r, "v.json", d, "f.json"); err == nil || !strings.Contains(err.Error(), `verdicts judge dataset "ImageNet (ILSVRC)", but f.json describes "synthetic fashion"`) {
		t.Errorf("mismatch: %v", err)
	}
	di, _ := Document(in)
	if err := SameFacts(r, "v.json", di, "f.json"); err != nil {
		t.Error(err)
	}
	if _, err := Document(map[string]any{"classes": map[string]any{"counts": "many"}}); err == nil {
		t.Error("facts that do not fit the types were accepted")
	}
}

func asList(err error, l **problem.List) bool {
	x, ok := err.(*problem.List)
	if ok {
		*l = x
	}
	return ok
}

func TestMarkdownTopFindings(t *testing.T) {
	r := judge(t, imagenet(t), "dataclinic")
	var b bytes.Buffer
	if err := output.Markdown(&b, r, output.Options{}); err != nil {
		t.Fatal(err)
	}
	m := b.String()
	i := strings.Index(m, "**Top findings**")
	if i < 0 {
		t.Fatal("no top findings")
	}
	top := m[i:]
	// Fails first (critical before high), then cautions.
	order := []string{"1. **Bal-ML-1 ", "2. **Rep-ML-1 ", "3. **Acc-ML-7 ", "4. **Rep-ML-3 ", "5. **Div-ML-1 ", "6. **Con-ML-2 "}
	last := -1
	for _, o := range order {
		j := strings.Index(top, o)
		if j <= last {
			t.Errorf("top findings out of order at %q:\n%s", o, top)
		}
		last = j
	}
	if strings.Contains(top, "Bal-ML-2") {
		t.Error("an N/A verdict among the top findings")
	}
	for _, want := range []string{"**Score 15/100** — 100 × 4 / 26 = 15.4", "X = 0.9417 (caution_min 0.97, pass_min 0.99)", "<sub>`/labels/external/0/population` = `50000`</sub>", "`\"Northcutt, Athalye & Mueller (2021)\"`", "rule policies/dataclinic/acc_ml_7.rego:"} {
		if !strings.Contains(m, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	js, _ := json.Marshal(r.Verdicts[0].Evidence)
	if len(js) == 0 {
		t.Error("no evidence")
	}
}

func writePNG(t *testing.T, file string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(y), B: 128, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNearDuplicateWindow: near-duplicate groups are listed closest first
// and, under a profile's near_max_distance, only those within it count; a
// group the facts give no distance is exact and always counts.
func TestNearDuplicateWindow(t *testing.T) {
	d := synthetic(t)
	dist := func(n int) *int { return &n }
	d.Duplicates.Near = &facts.Groups{Method: "pHash", MaxDistance: dist(6), Groups: 4, Extra: 6, Images: 10, Sets: []facts.DupGroup{
		{IDs: []string{"a/1.png", "a/2.png", "a/3.png", "a/4.png"}, Distance: dist(20)},
		{IDs: []string{"b/1.png", "b/2.png"}, Distance: dist(6)},
		{IDs: []string{"c/1.png", "c/2.png"}, Distance: dist(2)},
		{IDs: []string{"d/1.png", "d/2.png"}},
	}}
	near := func(rx Prescriptions) Prescription {
		for _, p := range rx.Diet {
			if p.Fact == "/duplicates/near" {
				return p
			}
		}
		t.Fatal("no near-duplicate prescription")
		return Prescription{}
	}
	all := near(Prescribe(d, Limits{}))
	var first []string
	for _, g := range all.Groups {
		first = append(first, g[0].ID)
	}
	if strings.Join(first, " ") != "d/1.png c/1.png b/1.png a/1.png" || !strings.Contains(all.Action, "review 4 groups of near duplicates, closest first") ||
		!strings.Contains(all.Basis, "hashes joined up to Hamming distance 6; the profile decides which count") {
		t.Errorf("unfiltered: %v %+v", first, all)
	}
	four := 4
	in := near(Prescribe(d, Limits{NearMaxDistance: &four}))
	if len(in.Groups) != 2 || !strings.Contains(in.Action, "review 2 groups of near duplicates, closest first, and keep one image of each (2 extra copies)") ||
		!strings.Contains(in.Basis, "within Hamming distance 4 (the profile's near_max_distance; 4 groups recorded)") {
		t.Errorf("within 4: %+v", in)
	}
	zero := 0
	if none := near(Prescribe(d, Limits{NearMaxDistance: &zero})); len(none.Groups) != 1 {
		t.Errorf("within 0: %+v", none)
	}
	// The page takes the window from the verdicts (Con-ML-1's near_max_distance).
	syn := generic(t, d)
	r := judge(t, syn, "iso5259-2")
	if n := nearMaxDistance(r); n == nil || *n != 4 {
		t.Fatalf("near_max_distance from the verdicts: %v", n)
	}
	p := renderPage(t, syn, r, Options{})
	if !strings.Contains(p, "review 2 groups of near duplicates, closest first") {
		t.Error("the page does not apply the profile's near_max_distance")
	}
	// Large groups are cut on the page, saying how many more.
	d.Duplicates.Near.Sets[0].Distance = dist(1)
	for i := 5; i < 30; i++ {
		d.Duplicates.Near.Sets[0].IDs = append(d.Duplicates.Near.Sets[0].IDs, fmt.Sprintf("a/%d.png", i))
	}
	if p := renderPage(t, generic(t, d), r, Options{}); !strings.Contains(p, ">&#43;17 more</span>") {
		t.Error("a 29-image group is not cut at 12")
	}
}

// TestDegenerateFacts: empty and one-valued measurements still give a page.
func TestDegenerateFacts(t *testing.T) {
	d := synthetic(t)
	d.Pixels.Channels["L"].Histogram = make([]int64, 256) // all zero
	d.Pixels.Channels["L"].Total = 0
	l := d.Lenses["builtin"]
	l.Density.Histogram.Counts = make([]int64, len(l.Density.Histogram.Counts))
	l.PCA.ClassMeans = map[string][2]float64{"bag": {0, 0}}
	l.Similarity.Between.Confused = []facts.Pair{{A: "a", B: "b", Confusion: facts.F(0)}}
	d.Images.Resolution.MostCommon = []facts.Size{{Width: 28, Height: 28, Count: 0}}
	d.Classes.Counts = map[string]int64{"bag": 0}
	syn := generic(t, d)
	p := renderPage(t, syn, judge(t, syn, "iso5259-2"), Options{})
	if strings.Contains(p, "cannot draw") {
		t.Errorf("a chart could not be drawn: %s", regexp.MustCompile(`cannot draw[^<]*`).FindString(p))
	}
	if n := strings.Count(p, `<svg class="plot"`); n != 9 {
		t.Errorf("%d charts", n)
	}
	if got := safely("x", "X", func() Chart { panic("boom") }); got.Missing != "cannot draw: boom" {
		t.Errorf("%+v", got)
	}
}
