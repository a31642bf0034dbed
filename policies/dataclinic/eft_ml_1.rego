# METADATA
# title: Labeler Identifiability
# description: >-
#   The seed report's Eft-ML-1: whether the labellers could tell the classes
#   apart, judged from the declared labelling (/datacard/labelling) and the
#   granularity of the class taxonomy. A declared inter-annotator agreement
#   below agreement_min fails, whoever labelled. Otherwise expert labelling
#   (method or expertise 'expert') passes; crowd, model or mixed labelling (or
#   non-expert or mixed expertise) is a caution when the taxonomy has a
#   fine-grained group, i.e. its largest sibling group holds more than
#   fine_grained_share of the classes (ImageNet: 118 dog breeds under
#   dog.n.01), and passes otherwise (also when no taxonomy was measured, which
#   the finding says); a declared agreement at or above agreement_min alone
#   passes. The value is the declared agreement when there is one, else the
#   sibling-group share when it was used, else null. N/A when no labelling
#   method, expertise or agreement is declared (method 'unknown' counts as
#   none).
# custom:
#   qm: Eft-ML-1
#   characteristic: Identifiability
#   function: "fail if agreement < agreement_min; pass if expert; caution if crowd/model/mixed and S > fine_grained_share (S = classes under the largest sibling group / classes); else pass"
#   confidence: report
#   severity: medium
#   inputs: [/datacard/labelling, /taxonomy/largest_sibling_group/share, /taxonomy/largest_sibling_group/count, /taxonomy/largest_sibling_group/node]
#   thresholds:
#     fine_grained_share: a largest sibling group above this share of the classes makes the taxonomy fine-grained (non-expert labelling is then a caution)
#     agreement_min: a declared inter-annotator agreement below this fails
package qmcheck.dataclinic.eft_ml_1

import data.qmcheck.lib

qm := "Eft-ML-1"

t := lib.thresholds(qm)

lab := input.datacard.labelling

method := object.get(lab, "method", "unknown")

expertise := object.get(lab, "expertise", "unknown")

expert if method == "expert"

expert if expertise == "expert"

non_expert if method in {"crowd", "model", "mixed"}

non_expert if expertise in {"non-expert", "mixed"}

has_agreement if lib.has(["datacard", "labelling", "agreement", "value"])

agreement := lab.agreement.value

measured if expert

measured if non_expert

measured if has_agreement

low_agreement if agreement < t.agreement_min

sib := input.taxonomy.largest_sibling_group

has_share if lib.has(["taxonomy", "largest_sibling_group", "share"])

fine_grained if sib.share > t.fine_grained_share

# who describes the labelling: "crowd labelling (Amazon Mechanical Turk, non-expert)".
lead := method if method != "unknown"

lead := expertise if {
	method == "unknown"
	expertise != "unknown"
}

lead := "" if {
	method == "unknown"
	expertise == "unknown"
}

details := [d |
	some d in [object.get(lab, "platform", ""), expertise]
	not d in {"", "unknown", lead}
]

base := sprintf("%s labelling", [lead]) if lead != ""

base := "labelling method not declared" if lead == ""

who := base if count(details) == 0

who := sprintf("%s (%s)", [base, concat(", ", details)]) if count(details) > 0

agreement_text := sprintf("declared agreement (%s) %s %s %s", [
	object.get(lab.agreement, "metric", "unnamed metric"),
	lib.num(agreement, 2), lib.relation_min(agreement, t.agreement_min), lib.num(t.agreement_min, 2),
])

agreement_suffix := sprintf("; %s", [agreement_text]) if has_agreement

agreement_suffix := "" if not has_agreement

node := lib.quote(sib.node) if lib.has(["taxonomy", "largest_sibling_group", "node"])

node := "one node" if not lib.has(["taxonomy", "largest_sibling_group", "node"])

group_size := sprintf("%s classes", [lib.grouped(sib.count)]) if lib.has(["taxonomy", "largest_sibling_group", "count"])

group_size := sprintf("%s of the classes", [lib.pct(sib.share, 1)]) if not lib.has(["taxonomy", "largest_sibling_group", "count"])

taxonomy_text := sprintf("of a taxonomy with %s under %s (%s %s %s)", [
	group_size, node, lib.pct(sib.share, 1), lib.relation_max(sib.share, t.fine_grained_share), lib.pct(t.fine_grained_share, 1),
])

# value: the declared agreement, else the sibling-group share when used.
value := agreement if has_agreement

value := sib.share if {
	not has_agreement
	has_share
}

value := null if {
	not has_agreement
	not has_share
}

labelling_evidence := [lib.ev(["datacard", "labelling"])]

taxonomy_evidence := [lib.ev(["taxonomy", "largest_sibling_group", k]) |
	some k in ["node", "count", "share"]
	lib.has(["taxonomy", "largest_sibling_group", k])
]

verdict := lib.na("no declared labelling method (/datacard/labelling)") if not measured

verdict := lib.result("fail", agreement, sprintf("%s; %s", [who, agreement_text]), labelling_evidence) if {
	measured
	low_agreement
}

verdict := lib.result("pass", value, sprintf("%s%s", [who, agreement_suffix]), labelling_evidence) if {
	measured
	not low_agreement
	expert
}

verdict := lib.result(
	"caution",
	value,
	sprintf("%s %s%s", [who, taxonomy_text, agreement_suffix]),
	array.concat(labelling_evidence, taxonomy_evidence),
) if {
	measured
	not low_agreement
	not expert
	non_expert
	fine_grained
}

verdict := lib.result(
	"pass",
	value,
	sprintf("%s %s%s", [who, taxonomy_text, agreement_suffix]),
	array.concat(labelling_evidence, taxonomy_evidence),
) if {
	measured
	not low_agreement
	not expert
	non_expert
	has_share
	not fine_grained
}

verdict := lib.result(
	"pass",
	value,
	sprintf("%s; no fine-grained group in the facts (/taxonomy/largest_sibling_group/share absent)%s", [who, agreement_suffix]),
	labelling_evidence,
) if {
	measured
	not low_agreement
	not expert
	non_expert
	not has_share
}

verdict := lib.result("pass", agreement, sprintf("%s; %s", [who, agreement_text]), labelling_evidence) if {
	measured
	not low_agreement
	not expert
	not non_expert
}
