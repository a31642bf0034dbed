# METADATA
# title: Class Balance (Semantic)
# description: >-
#   The seed report's Bal-ML-1: class balance read numerically and
#   semantically, the worse of the two deciding. The numeric part is the
#   Bal-ML-3 measurement function (X = mean / max|n_k - mean|, unbounded when
#   all classes are equal, with the max/min class-size ratio R judged beside
#   it; an empty class fails). The semantic part is the share of the classes
#   that sit under the largest sibling group of the class taxonomy (for
#   ImageNet-1k, the dog breeds under dog.n.01), in [0, 1], lower is better
#   (the measure of QMC-Tax-1). The value is the semantic share when it is
#   measured, otherwise the numeric X (null when unbounded). When only one
#   part is measured the verdict rests on it and the finding says the other
#   was not measured; N/A when neither is.
# custom:
#   qm: Bal-ML-1
#   characteristic: Balance
#   function: "numeric: X = mean(n_k) / max_k |n_k - mean(n_k)|, R = max(n_k) / min(n_k); semantic: S = classes under the largest sibling group / classes; verdict = worse of the two"
#   confidence: report
#   severity: critical
#   inputs: [/classes/count, /classes/mean, /classes/min, /classes/max, /taxonomy/largest_sibling_group/share, /taxonomy/largest_sibling_group/count, /taxonomy/largest_sibling_group/node, /dataset/classes]
#   thresholds:
#     pass_min: numeric X at or above this passes
#     caution_min: numeric X at or above this (below pass_min) is a caution; below it fails
#     ratio_pass_max: R = max/min at or below this passes
#     ratio_caution_max: R at or below this (above ratio_pass_max) is a caution; above it fails
#     semantic_pass_max: semantic share S at or below this passes
#     semantic_caution_max: S at or below this (above semantic_pass_max) is a caution; above it fails
package qmcheck.dataclinic.bal_ml_1

import data.qmcheck.lib

qm := "Bal-ML-1"

t := lib.thresholds(qm)

numeric if {
	lib.has(["classes", "mean"])
	lib.has(["classes", "min"])
	lib.has(["classes", "max"])
	lib.has(["classes", "count"])
}

semantic if is_number(input.taxonomy.largest_sibling_group.share)

measured if numeric

measured if semantic

b := lib.class_balance(input.classes, t) if numeric

sib := input.taxonomy.largest_sibling_group

share := sib.share

sem_word := lib.at_most(share, t.semantic_pass_max, t.semantic_caution_max)

# total is the number of classes: /classes/count, else /dataset/classes.
total := input.classes.count if lib.has(["classes", "count"])

total := input.dataset.classes if {
	not lib.has(["classes", "count"])
	lib.has(["dataset", "classes"])
}

node := lib.quote(sib.node) if lib.has(["taxonomy", "largest_sibling_group", "node"])

node := "the largest sibling group" if not lib.has(["taxonomy", "largest_sibling_group", "node"])

counted if {
	is_number(sib.count)
	is_number(total)
}

who := sprintf("%s of %s classes (%s)", [lib.grouped(sib.count), lib.grouped(total), lib.pct(share, 1)]) if counted

who := sprintf("%s of the classes", [lib.pct(share, 1)]) if not counted

sem_text := sprintf("%s sit under %s (%s %s)", [who, node, s[0], lib.pct(s[1], 1)]) if {
	s := lib.vs_max(share, t.semantic_pass_max, t.semantic_caution_max)
}

numeric_adjective := {"pass": "balanced", "caution": "somewhat unbalanced", "fail": "unbalanced"}

num_text := sprintf("numerically %s (%s)", [numeric_adjective[b.word], b.text])

# "but" when exactly one part passes, "and" otherwise.
passes := count([w | some w in [b.word, sem_word]; w == "pass"])

conj := "but" if passes == 1

conj := "and" if passes != 1

numeric_evidence := [
	lib.ev(["classes", "count"]),
	lib.ev(["classes", "mean"]),
	lib.ev(["classes", "min"]),
	lib.ev(["classes", "max"]),
]

semantic_evidence := [lib.ev(["taxonomy", "largest_sibling_group", k]) |
	some k in ["node", "count", "share"]
	lib.has(["taxonomy", "largest_sibling_group", k])
]

verdict := lib.na("neither class statistics (/classes/mean, /classes/min, /classes/max) nor a taxonomy sibling group (/taxonomy/largest_sibling_group/share) in the facts") if not measured

verdict := lib.result(
	lib.worst([b.word, sem_word]),
	share,
	sprintf("%s, %s %s", [num_text, conj, sem_text]),
	array.concat(numeric_evidence, semantic_evidence),
) if {
	numeric
	semantic
}

verdict := lib.result(
	b.word,
	b.x,
	sprintf("%s; semantic balance not measured (/taxonomy/largest_sibling_group/share absent)", [num_text]),
	numeric_evidence,
) if {
	numeric
	not semantic
}

verdict := lib.result(
	sem_word,
	share,
	sprintf("%s; numeric balance not measured (/classes/mean, /classes/min, /classes/max absent)", [sem_text]),
	semantic_evidence,
) if {
	semantic
	not numeric
}
