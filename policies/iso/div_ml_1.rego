# METADATA
# title: Label richness
# description: >-
#   Share of distinct labels (ISO/IEC 5259-2, Diversity). The sources conflict
#   on the function: S10 divides the distinct labels by the data items, which
#   for an image-classification dataset only restates the inverse mean class
#   size and admits no threshold. qmcheck judges the labels present against
#   the label vocabulary the task declares: A = classes present
#   (/classes/count, or /dataset/classes when the class statistics are
#   absent), B = declared classes (/dataset/declared_classes). X = 1 when every
#   declared label has samples and falls by 1/B for each label without one;
#   X > 1 when the data holds labels outside the declared vocabulary (it
#   passes, and the finding says how many). S10's form (classes present /
#   samples) is shown in the finding as context and not judged. Empty declared
#   classes listed in /classes/empty are named. N/A without a declared
#   vocabulary, with an empty one, or without a count of the classes present.
# custom:
#   qm: Div-ML-1
#   characteristic: Diversity
#   function: "X = A/B; A = classes present, B = declared classes (S10: A = distinct labels, B = data items)"
#   confidence: X
#   severity: medium
#   inputs: [/classes/count, /dataset/classes, /dataset/declared_classes, /dataset/images, /classes/empty]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.div_ml_1

import data.qmcheck.lib

qm := "Div-ML-1"

t := lib.thresholds(qm)

# Where the number of classes present is read.
present_tokens := ["classes", "count"] if lib.has(["classes", "count"])

present_tokens := ["dataset", "classes"] if {
	not lib.has(["classes", "count"])
	lib.has(["dataset", "classes"])
}

present := object.get(input, present_tokens, null)

declared := input.dataset.declared_classes

measured if {
	is_number(present)
	declared > 0
}

x := present / declared

empty := object.get(input, ["classes", "empty"], [])

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s: %s%s", [_head, lib.x_min("X", x, t, 3), _s10_text]),
	[lib.ev(tokens) | some tokens in _used],
) if measured

_na_reason := "no declared label vocabulary (/dataset/declared_classes)" if {
	not lib.has(["dataset", "declared_classes"])
} else := "the declared label vocabulary is empty (/dataset/declared_classes = 0)" if {
	declared == 0
} else := "no count of the classes present (/classes/count, /dataset/classes)" if {
	not present_tokens
}

_head := sprintf("%s of %s declared classes have samples", [lib.grouped(present), lib.grouped(declared)]) if {
	present == declared
}

_head := sprintf("%s of %s declared classes have samples (%s missing%s)", [
	lib.grouped(present), lib.grouped(declared), lib.grouped(declared - present), _empty_text,
]) if {
	present < declared
}

_head := sprintf("%s classes present against %s declared (%s outside the vocabulary)", [
	lib.grouped(present), lib.grouped(declared), lib.grouped(present - declared),
]) if {
	present > declared
}

_empty_text := sprintf(": %s", [lib.join([lib.quote(c) | some c in array.slice(sort(empty), 0, 5)], max([0, count(empty) - 5]))]) if {
	count(empty) > 0
}

_empty_text := "" if count(empty) == 0

# S10's form, shown as context: distinct labels per data item.
_s10_text := sprintf("; S10's distinct labels per sample %s / %s = %s", [
	lib.grouped(present), lib.grouped(input.dataset.images), _small(present / input.dataset.images),
]) if {
	input.dataset.images > 0
}

_s10_text := "" if object.get(input, ["dataset", "images"], 0) == 0

_small(v) := lib.num(v, 3) if v >= 0.001

_small(v) := lib.num(v, 6) if v < 0.001

_used := [tokens |
	some tokens in [present_tokens, ["dataset", "declared_classes"], ["dataset", "images"], ["classes", "empty"]]
	lib.has(tokens)
]
