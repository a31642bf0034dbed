# METADATA
# title: Class Completeness (Ambiguous Synsets)
# description: >-
#   The seed report's Com-ML-1: the share of classes whose definition is
#   abstract or visually ambiguous, so that no set of images can complete the
#   class. A class counts when the taxonomy places it below an abstract root
#   (/taxonomy/abstract_classes, WordNet abstraction.n.06) or a source
#   declares it ambiguous (/datacard/ambiguous_classes); a class named by both
#   counts once. X = |ambiguous| / number of classes (/classes/count, else
#   /dataset/classes), in [0, 1], lower is better. N/A when neither list is in
#   the facts, or when the number of classes is unknown or zero.
# custom:
#   qm: Com-ML-1
#   characteristic: Completeness
#   function: "X = A/B; A = classes that are abstract in the taxonomy or declared ambiguous, B = classes"
#   confidence: report
#   severity: medium
#   inputs: [/taxonomy/abstract_classes, /datacard/ambiguous_classes, /classes/count, /dataset/classes]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
package qmcheck.dataclinic.com_ml_1

import data.qmcheck.lib

qm := "Com-ML-1"

t := lib.thresholds(qm)

listed if lib.has(["taxonomy", "abstract_classes"])

listed if lib.has(["datacard", "ambiguous_classes"])

ambiguous := sort({c | some c in object.get(input, ["taxonomy", "abstract_classes"], [])} | {a.class | some a in object.get(input, ["datacard", "ambiguous_classes"], [])})

# total is the number of classes: /classes/count, else /dataset/classes.
total_tokens := ["classes", "count"] if lib.has(["classes", "count"])

total_tokens := ["dataset", "classes"] if {
	not lib.has(["classes", "count"])
	lib.has(["dataset", "classes"])
}

total := object.get(input, total_tokens, null)

counted if total > 0

measured if {
	listed
	counted
}

n := count(ambiguous)

x := n / total

listing := lib.names(ambiguous) if {
	n > 0
	n <= 10
}

listing := sprintf("%s and %d more", [concat(", ", [lib.quote(c) | some c in array.slice(ambiguous, 0, 10)]), n - 10]) if n > 10

finding := sprintf("%s of %s classes (%s) are abstract or declared ambiguous: %s (%s %s)", [
	lib.grouped(n), lib.grouped(total), lib.pct(x, 2), listing, s[0], lib.pct(s[1], 2),
]) if {
	n > 0
	s := lib.vs_max(x, t.pass_max, t.caution_max)
}

finding := sprintf("none of the %s classes is abstract or declared ambiguous (0.00%% <= %s)", [lib.grouped(total), lib.pct(t.pass_max, 2)]) if n == 0

verdict := lib.na("neither a taxonomy with abstract classes (/taxonomy/abstract_classes) nor declared ambiguous classes (/datacard/ambiguous_classes)") if not listed

verdict := lib.na("no number of classes to divide by (/classes/count, /dataset/classes absent or 0)") if {
	listed
	not counted
}

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	finding,
	[lib.ev(tokens) |
		some tokens in [["taxonomy", "abstract_classes"], ["datacard", "ambiguous_classes"], total_tokens]
		lib.has(tokens)
	],
) if measured
