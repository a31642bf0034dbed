package evaluator

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator/profile"
)

const imagenetFacts = "../fixtures/imagenet-report/facts.json"

type want struct {
	qm, verdict string
	value       float64 // NaN: null
	finding     string  // a fragment the finding must contain
}

func judgeFixture(t *testing.T, profileName string) *Report {
	t.Helper()
	facts, err := ReadFacts(imagenetFacts)
	if err != nil {
		t.Fatal(err)
	}
	prof, err := profile.Load(profileName)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Judge(context.Background(), prof, facts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func check(t *testing.T, r *Report, wants []want) {
	t.Helper()
	if len(r.Verdicts) != len(wants) {
		t.Fatalf("%d verdicts, want %d", len(r.Verdicts), len(wants))
	}
	for i, w := range wants {
		v := r.Verdicts[i]
		if v.QM != w.qm {
			t.Errorf("row %d is %s, want %s", i+1, v.QM, w.qm)
			continue
		}
		if v.Verdict != w.verdict {
			t.Errorf("%s: %s, want %s (%s)", w.qm, v.Verdict, w.verdict, v.Finding)
		}
		switch {
		case math.IsNaN(w.value):
			if v.Value.Valid {
				t.Errorf("%s: value %v, want null", w.qm, v.Value.V)
			}
		case !v.Value.Valid || math.Abs(v.Value.V-w.value) > 5e-4:
			t.Errorf("%s: value %+v, want %v", w.qm, v.Value, w.value)
		}
		if !strings.Contains(v.Finding, w.finding) {
			t.Errorf("%s: finding %q lacks %q", w.qm, v.Finding, w.finding)
		}
		if v.Rule.File == "" || v.Rule.Row == 0 {
			t.Errorf("%s: no rule location", w.qm)
		}
	}
}

var null = math.NaN()

// TestImageNetDataclinicReproducesTheReport checks the seed report's overall
// table row by row: 5 Fail, 4 Caution, 3 N/A, 0 Pass, in its order, with its
// severities.
func TestImageNetDataclinicReproducesTheReport(t *testing.T) {
	r := judgeFixture(t, "dataclinic")
	check(t, r, []want{
		{"Bal-ML-1", Fail, 0.118, "but 118 of 1,000 classes (11.8%) sit under 'dog.n.01'"},
		{"Rep-ML-1", Fail, 10.0 / 12, "10 of the 12 densest samples in lens L2 are 'peacock' (0.83 > 0.50)"},
		{"Rep-ML-3", Fail, 10.0 / 12, "10 of the 12 densest samples in lens L3 are 'tarantula' (0.83 > 0.50)"},
		{"Acc-ML-7", Fail, 0.9417, "projected on 1,431,167 images ≈ 83,437"},
		{"Div-ML-1", Fail, 0.59, "'biotic' classes are 41.0% of the classes but 100.0% of the 12 densest samples"},
		{"Con-ML-2", Caution, 22469.0 / 1431167, "blue channel spikes at 255"},
		{"Sim-ML-2", Caution, null, "'mousetrap' ↔ 'upright'"},
		{"Eft-ML-1", Caution, 0.118, "crowd labelling (Amazon Mechanical Turk, non-expert)"},
		{"Com-ML-1", Caution, 0.009, "'stage'"},
		{"Bal-ML-2", NA, null, "the densest class differs by lens (L2 'peacock', L3 'tarantula')"},
		{"Sim-ML-1", NA, null, "within-class similarity not measured"},
		{"Eft-ML-2", NA, null, "no annotations beyond class labels declared"},
	})
	s := r.Summary
	if s.Fail != 5 || s.Caution != 4 || s.NA != 3 || s.Pass != 0 || s.Error != 0 {
		t.Errorf("summary %+v, want 5 fail / 4 caution / 3 n/a / 0 pass", s)
	}
	sev := map[string]string{"Bal-ML-1": "critical", "Rep-ML-1": "critical", "Rep-ML-3": "high", "Acc-ML-7": "critical", "Div-ML-1": "high",
		"Con-ML-2": "medium", "Sim-ML-2": "medium", "Eft-ML-1": "medium", "Com-ML-1": "medium"}
	for _, v := range r.Verdicts {
		if s, ok := sev[v.QM]; ok && v.Severity != s {
			t.Errorf("%s severity %s, want %s", v.QM, v.Severity, s)
		}
	}
	// Every row names the standard's QM its concept belongs to, or says it is not the standard's.
	for _, v := range r.Verdicts {
		if v.QM == "Acc-ML-7" {
			if !v.ISO {
				t.Error("Acc-ML-7 is the standard's own QM")
			}
			continue
		}
		if v.ISO || len(v.Aliases) == 0 || !strings.HasPrefix(v.Aliases[len(v.Aliases)-1], "not ") {
			t.Errorf("%s: iso %v aliases %v", v.QM, v.ISO, v.Aliases)
		}
	}
	if got := r.Verdicts[0].Standard; len(got) != 2 || got[0].QM != "Bal-ML-3" || got[0].Name != "Balance of images between categories" {
		t.Errorf("Bal-ML-1 belongs to %+v", got)
	}
}

// TestImageNetISOView is the same facts under the standard's IDs.
func TestImageNetISOView(t *testing.T) {
	r := judgeFixture(t, "iso5259-2")
	check(t, r, []want{
		{"Com-ML-1", Pass, 1, "1,431,167 of 1,431,167 samples have values"},
		{"Com-ML-5", Pass, 1, "0 of 1,431,167 samples carry no label"},
		{"Con-ML-1", NA, null, "/duplicates"},
		{"Con-ML-2", NA, null, "without channel totals"},
		{"Con-ML-3", Caution, 1408698.0 / 1431167, "98.43% of 1,431,167 images are stored as RGB"},
		{"Cre-ML-1", NA, null, "/images/quality"},
		{"Acc-ML-4", NA, null, "no outlier count (/lenses/L2/outliers/count)"},
		{"Acc-ML-7", Fail, 0.9417, "projected on 1,431,167 images ≈ 83,437"},
		{"Bal-ML-1", NA, null, "/images/brightness"},
		{"Bal-ML-2", NA, null, "resolution range 20×17 to 7,056×4,488 px known"},
		{"Bal-ML-3", Pass, 1281.2 / 549.2, "X = 2.333 >= 1.500; max/min 1.78 <= 5"},
		{"Bal-ML-8", NA, null, "per-class counts absent"},
		{"Div-ML-1", Pass, 1, "1,000 of 1,000 declared classes have samples"},
		{"Div-ML-3", Pass, 0, "the smallest class, 732"},
		{"Eft-ML-1", NA, null, "/images/quality"},
		{"Eft-ML-2", Pass, 0, "the smallest class, 732, reaches 100 images"},
		{"Eft-ML-3", NA, null, "no label-issue estimate on this dataset"},
		{"Sim-ML-1", NA, null, "/near_duplicates"},
		{"Sim-ML-2", NA, null, "/spectrum"},
		{"Sim-ML-3", NA, null, "/spectrum"},
		{"Rep-ML-1", NA, null, "no declared target population"},
		{"Idn-ML-1", NA, null, "no declared PII review"},
		{"Aud-ML-1", NA, null, "no declared labelling audit"},
		{"Tml-ML-1", NA, null, "no declared timeliness requirement"},
		{"QMC-Tax-1", Fail, 0.118, "118 of 1,000 classes (11.80%) sit under 'dog.n.01'"},
		{"QMC-Lkg-1", NA, null, "/dataset/splits"},
	})
	s := r.Summary
	if s.Pass != 6 || s.Caution != 1 || s.Fail != 2 || s.NA != 17 || s.Error != 0 {
		t.Errorf("summary %+v", s)
	}
	for _, v := range r.Verdicts {
		if v.ISO != !strings.HasPrefix(v.QM, "QMC-") {
			t.Errorf("%s: iso %v", v.QM, v.ISO)
		}
	}
}
