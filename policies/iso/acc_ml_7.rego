# METADATA
# title: Data label accuracy
# description: >-
#   Degree to which the labels carry appropriate (correct) information
#   (ISO/IEC 5259-2, Acc-ML-7). Label correctness cannot be read off the
#   images, so X comes from a label-error rate: a published, human-validated
#   figure (/labels/external, rate as published) or an estimate computed on this
#   dataset (/labels/estimated: its rate, or count / population when it gives
#   none). Validated figures outrank estimates; among sources of the same kind
#   the highest error rate decides (the conservative reading), ties to the
#   first listed. X = 1 - rate, in [0, 1]; 1 means no wrong label. The finding
#   names the deciding source, its scope and population, projects its rate
#   onto /dataset/images (round(rate x images)), and, when there are several
#   sources, says which decided and why and lists the others.
#   A validated rate covers the scope that was checked (often a test split) and
#   is projected, not measured, on the rest. N/A when the facts hold no
#   label-error figure.
# custom:
#   qm: Acc-ML-7
#   characteristic: Accuracy
#   function: "X = A/B; A = labels that carry correct information, B = labels defined in the dataset; here X = 1 - error rate of the deciding source"
#   confidence: C
#   severity: critical
#   inputs: [/labels/external, /labels/estimated, /dataset/images]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.acc_ml_7

import data.qmcheck.lib

qm := "Acc-ML-7"

t := lib.thresholds(qm)

_external := object.get(input, ["labels", "external"], [])

_estimated := object.get(input, ["labels", "estimated"], [])

# Every usable source: kind 0 (validated) ranks before kind 1 (estimated).
sources := array.concat(
	[{"kind": 0, "index": i, "rate": e.rate, "name": e.source, "text": _external_text(e)} | some i, e in _external],
	[{"kind": 1, "index": i, "rate": r, "name": _method(e), "text": _estimated_text(e)} |
		some i, e in _estimated
		r := _estimated_rate(e)
	],
)

_estimated_rate(e) := e.rate if object.get(e, "rate", null) != null

_estimated_rate(e) := e.count / e.population if {
	object.get(e, "rate", null) == null
	e.population > 0
}

_external_text(e) := sprintf("%s, %s: %s validated errors%s in %s samples", [
	e.source, e.scope, lib.grouped(e.validated), _checked(e), lib.grouped(e.population),
]) if object.get(e, "validated", null) != null

_external_text(e) := sprintf("%s, %s: published rate over %s samples", [e.source, e.scope, lib.grouped(e.population)]) if {
	object.get(e, "validated", null) == null
}

_checked(e) := sprintf(" (%s checked)", [lib.grouped(e.checked)]) if object.get(e, "checked", null) != null

_checked(e) := "" if object.get(e, "checked", null) == null

_estimated_text(e) := sprintf("%s: estimated noise rate; %s of %s samples flagged", [
	_method(e), lib.grouped(e.count), lib.grouped(e.population),
]) if object.get(e, "rate", null) != null

_estimated_text(e) := sprintf("%s: %s of %s samples flagged", [_method(e), lib.grouped(e.count), lib.grouped(e.population)]) if {
	object.get(e, "rate", null) == null
}

_method(e) := sprintf("%s estimate on lens %s", [e.method, e.lens]) if object.get(e, "lens", null) != null

_method(e) := sprintf("%s estimate", [e.method]) if object.get(e, "lens", null) == null

# Sources best first: validated before estimated, then highest rate, then
# first listed.
ranked := [s |
	some key in sort([[s1.kind, 0 - s1.rate, s1.index] | some s1 in sources])
	some s in sources
	s.kind == key[0]
	s.index == key[2]
]

measured if count(sources) > 0

deciding := ranked[0]

x := 1 - deciding.rate

_projection := sprintf("; projected on %s images ≈ %s", [
	lib.grouped(input.dataset.images), lib.grouped(round(deciding.rate * input.dataset.images)),
]) if lib.has(["dataset", "images"])

_projection := "" if not lib.has(["dataset", "images"])

_also := "" if count(ranked) == 1

_also := sprintf("; decided by %s (%s); also: %s", [
	deciding.name,
	concat(", ", _why),
	concat(", ", [sprintf("%s (%s)", [lib.pct(s.rate, 2), s.text]) |
		some s in array.slice(ranked, 1, count(ranked))
	]),
]) if count(ranked) > 1

_kind_name := ["validated figures", "estimates"]

_same_kind := count([s | some s in sources; s.kind == deciding.kind])

# Why the deciding source decided: its kind, then its rate.
_why := array.concat(
	["validated figures outrank estimates" | deciding.kind == 0; _same_kind < count(sources)],
	[sprintf("the highest rate of %d %s", [_same_kind, _kind_name[deciding.kind]]) | _same_kind > 1],
)

_used := [tokens |
	some tokens in array.concat(
		array.concat(
			[["labels", "external", i, f] | some i, _ in _external; some f in ["source", "scope", "population", "checked", "validated", "rate"]],
			[["labels", "estimated", i, f] | some i, _ in _estimated; some f in ["method", "lens", "population", "count", "rate"]],
		),
		[["dataset", "images"]],
	)
	lib.has(tokens)
]

verdict := lib.na("no label-error figure in the facts (/labels/external, /labels/estimated)") if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of labels wrong (%s)%s; %s%s", [
		lib.pct(deciding.rate, 2), deciding.text, _projection, lib.x_min("X", x, t, 4), _also,
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured
