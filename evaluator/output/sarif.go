package output

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/qmcheck/qmcheck/evaluator"
)

// SARIF 2.1.0 (OASIS): one rule per QM, one result per verdict.
//
//	pass → kind "pass", level "none"; n/a → kind "notApplicable", level "none";
//	caution → kind "fail", level "warning"; fail and error → kind "fail", level "error".
//
// A waived verdict keeps its kind and level and carries an external
// suppression with the waiver's reason, so code scanning shows it as
// suppressed. The facts file is the artifact; the evidence pointers are
// logical locations.
func SARIF(w io.Writer, r *evaluator.Report, o Options) error {
	type msg struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID               string         `json:"id"`
		Name             string         `json:"name"`
		ShortDescription msg            `json:"shortDescription"`
		FullDescription  *msg           `json:"fullDescription,omitempty"`
		Properties       map[string]any `json:"properties"`
	}
	type logical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	type location struct {
		PhysicalLocation *struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
		} `json:"physicalLocation,omitempty"`
		LogicalLocations []logical `json:"logicalLocations,omitempty"`
	}
	type suppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	}
	type result struct {
		RuleID       string         `json:"ruleId"`
		RuleIndex    int            `json:"ruleIndex"`
		Kind         string         `json:"kind"`
		Level        string         `json:"level"`
		Message      msg            `json:"message"`
		Locations    []location     `json:"locations,omitempty"`
		Suppressions []suppression  `json:"suppressions,omitempty"`
		Properties   map[string]any `json:"properties"`
	}
	var rules []rule
	var results []result
	for i, v := range r.Verdicts {
		props := map[string]any{"characteristic": v.Characteristic, "severity": v.Severity, "iso": v.ISO}
		if len(v.Aliases) > 0 {
			props["aliases"] = v.Aliases
		}
		if len(v.Standard) > 0 {
			props["standard"] = v.Standard
		}
		ru := rule{ID: v.QM, Name: v.Name, ShortDescription: msg{v.Name}, Properties: props}
		if v.Function != "" {
			ru.FullDescription = &msg{"X: " + v.Function}
		}
		rules = append(rules, ru)

		res := result{RuleID: v.QM, RuleIndex: i, Message: msg{v.Finding},
			Properties: map[string]any{"verdict": v.Verdict, "value": v.Value, "thresholds": v.Thresholds, "rule": v.Rule}}
		switch v.Verdict {
		case evaluator.Pass:
			res.Kind, res.Level = "pass", "none"
		case evaluator.NA:
			res.Kind, res.Level = "notApplicable", "none"
		case evaluator.Caution:
			res.Kind, res.Level = "fail", "warning"
		default:
			res.Kind, res.Level = "fail", "error"
		}
		loc := location{}
		if o.FactsFile != "" {
			loc.PhysicalLocation = &struct {
				ArtifactLocation struct {
					URI string `json:"uri"`
				} `json:"artifactLocation"`
			}{}
			loc.PhysicalLocation.ArtifactLocation.URI = o.FactsFile
		}
		for _, e := range v.Evidence {
			loc.LogicalLocations = append(loc.LogicalLocations, logical{FullyQualifiedName: e.Fact, Kind: "member"})
		}
		if loc.PhysicalLocation != nil || len(loc.LogicalLocations) > 0 {
			res.Locations = []location{loc}
		}
		if v.Waived() {
			res.Suppressions = []suppression{{Kind: "external", Justification: v.Waiver.Reason + " (owner " + v.Waiver.Owner + ", until " + v.Waiver.Expires + ")"}}
		}
		results = append(results, res)
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": r.Tool.Name, "version": r.Tool.Version, "semanticVersion": r.Tool.Version,
				"informationUri": "https://www.iso.org/standard/81860.html", "rules": rules,
			}},
			"automationDetails": map[string]any{"id": "qmcheck/" + r.Profile.Name + "/"},
			"invocations":       []any{map[string]any{"executionSuccessful": r.Summary.Error == 0}},
			"properties":        map[string]any{"profile": r.Profile, "summary": r.Summary, "gate": r.Gate},
			"results":           results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func sortedThresholds(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
