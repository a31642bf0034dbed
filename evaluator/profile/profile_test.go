package profile

import (
	"errors"
	"strings"
	"testing"

	"github.com/qmcheck/qmcheck/evaluator/problem"
)

func TestEmbeddedProfilesLoad(t *testing.T) {
	want := map[string]int{"iso5259-2": 26, "dataclinic": 12}
	if got := Names(); strings.Join(got, ",") != "dataclinic,iso5259-2" {
		t.Fatalf("Names() = %v", got)
	}
	for name, n := range want {
		p, err := Load(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(p.Active()) != n || p.Source != "embedded" || p.Name != name {
			t.Errorf("%s: %d active QMs, source %q, name %q", name, len(p.Active()), p.Source, p.Name)
		}
		for _, q := range p.Active() {
			if q.Severity == "" || q.Rationale == "" || len(q.Thresholds) == 0 {
				t.Errorf("%s %s: severity, rationale and thresholds are required of shipped profiles", name, q.ID)
			}
		}
	}
	dc, _ := Load("dataclinic")
	var order []string
	for _, q := range dc.Active() {
		order = append(order, q.ID)
	}
	// The seed report's overall table, row by row.
	if got := strings.Join(order, " "); got != "Bal-ML-1 Rep-ML-1 Rep-ML-3 Acc-ML-7 Div-ML-1 Con-ML-2 Sim-ML-2 Eft-ML-1 Com-ML-1 Bal-ML-2 Sim-ML-1 Eft-ML-2" {
		t.Errorf("dataclinic order = %s", got)
	}
}

const small = `[profile]
name = "mine"
namespace = "iso"

[qm."Bal-ML-3"]
severity = "high"
thresholds = { pass_min = 1.5, caution_min = 1.105 }
`

func problems(t *testing.T, src string) []*problem.Error {
	t.Helper()
	_, err := Parse("p.toml", []byte(src))
	var l *problem.List
	if !errors.As(err, &l) {
		t.Fatalf("want a located problem list, got %v", err)
	}
	return l.Errors
}

func TestParseErrorsAreLocated(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"unknown QM key", small + "severty = \"low\"\n",
			"p.toml:8:1: qm.Bal-ML-3.severty: additional properties 'severty' not allowed"},
		{"type mismatch", strings.Replace(small, "1.105", `"low"`, 1),
			"p.toml:7:32: qm.Bal-ML-3.thresholds.caution_min: got string, want number"},
		{"bad severity", strings.Replace(small, `"high"`, `"urgent"`, 1),
			"p.toml:6:1: qm.Bal-ML-3.severity"},
		{"syntax", small + "[qm\n", "p.toml:8:4: TOML: expected"},
		{"missing namespace", strings.Replace(small, "namespace = \"iso\"\n", "", 1),
			"p.toml:1:1: profile: missing property 'namespace'"},
		{"bad QM id", strings.Replace(small, "Bal-ML-3", "Balance 3", 1), "p.toml:5:1: qm.Balance 3"},
		{"waiver without owner", small + "[[waiver]]\nqm = \"Bal-ML-3\"\nreason = \"x\"\nexpires = 2027-01-01\n",
			"p.toml:8:1: waiver.0: missing property 'owner'"},
		{"second waiver", small + "[[waiver]]\nqm = \"Bal-ML-3\"\nreason = \"x\"\nowner = \"o\"\nexpires = 2027-01-01\n" +
			"[[waiver]]\nqm = \"Bal-ML-3\"\nreason = \"y\"\nowner = \"o\"\nexpires = 2027-01-01\n",
			"p.toml:14:1: waiver.1.qm: a second waiver for Bal-ML-3"},
		{"waiver with a time", small + "[[waiver]]\nqm = \"Bal-ML-3\"\nreason = \"x\"\nowner = \"o\"\nexpires = 2027-01-01T10:00:00Z\n",
			"p.toml:12:1: waiver.0.expires"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := problems(t, c.src)
			var all []string
			for _, p := range ps {
				all = append(all, p.Error())
			}
			if !strings.HasPrefix(all[0], c.want) {
				t.Errorf("got %q, want prefix %q", all, c.want)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	src := small + "\n[qm.\"Con-ML-3\"]\nenabled = false\nthresholds = { pass_min = 0.99, caution_min = 0.9 }\n" +
		"\n[[waiver]]\nqm = \"Bal-ML-3\"\nreason = \"known\"\nowner = \"data@example.org\"\nexpires = 2027-01-31\n"
	p, err := Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.QMs) != 2 || len(p.Active()) != 1 || p.Active()[0].Thresholds["pass_min"] != 1.5 {
		t.Fatalf("QMs %+v", p.QMs)
	}
	if len(p.Waivers) != 1 || p.Waivers[0].Expires != "2027-01-31" || p.Waivers[0].Owner != "data@example.org" {
		t.Fatalf("waivers %+v", p.Waivers)
	}
	d := p.Data()
	if _, ok := d["qm"].(map[string]any)["Con-ML-3"]; ok {
		t.Error("disabled QM in data.profile")
	}
}
