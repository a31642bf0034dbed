# METADATA
# title: Label effectiveness
# description: >-
#   Share of samples whose labels are acceptable (ISO/IEC 5259-2,
#   Effectiveness). Here a label is unacceptable when a label-issue estimate
#   computed on this dataset (/labels/estimated: confident learning from
#   predicted probabilities, or the k-NN path from a lens) flags it. X = 1 -
#   rate, where rate is the estimate's noise rate (/labels/estimated/*/rate),
#   or count / population when the estimate gives no rate. X lies in [0, 1],
#   higher is better. With several estimates the highest rate decides (the
#   most pessimistic view of the labels) and the others are listed. Published,
#   human-validated error rates (/labels/external) do not count here; they
#   feed Acc-ML-7. N/A without an estimate, or when no estimate has a rate or
#   a population above 0.
# custom:
#   qm: Eft-ML-3
#   characteristic: Effectiveness
#   function: "X = A/B; A = samples with acceptable labels, B = samples; here X = 1 - estimated label-issue rate"
#   confidence: C
#   severity: high
#   inputs: [/labels/estimated]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.eft_ml_3

import data.qmcheck.lib

qm := "Eft-ML-3"

t := lib.thresholds(qm)

estimates := input.labels.estimated

# rates[i]: the issue rate of estimate i, when it has one.
rates := {i: r | some i, e in estimates; r := _rate(e)}

_rate(e) := e.rate if is_number(e.rate)

_rate(e) := e.count / e.population if {
	not e.rate
	e.population > 0
}

measured if count(rates) > 0

top := max([r | some r in rates])

# The deciding estimate: the highest rate, the first one on a tie.
d := min({i | some i, r in rates; r == top})

x := 1 - top

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s flags %s of %s samples, %s: %s%s", [
		_label(estimates[d]), lib.grouped(estimates[d].count), lib.grouped(estimates[d].population),
		_rate_text(estimates[d]), lib.x_min("X", x, t, 3), _others_text,
	]),
	[lib.ev(["labels", "estimated", i, f]) |
		some i, _ in rates
		some f in ["method", "lens", "population", "count", "rate"]
		lib.has(["labels", "estimated", i, f])
	],
) if measured

_na_reason := "no label-issue estimate on this dataset (/labels/estimated)" if {
	count(object.get(input, ["labels", "estimated"], [])) == 0
} else := "no usable label-issue estimate: none has a rate or a population above 0 (/labels/estimated)" if {
	count(rates) == 0
}

_label(e) := sprintf("%s (lens %s)", [lib.quote(e.method), e.lens]) if e.lens

_label(e) := lib.quote(e.method) if not e.lens

_rate_text(e) := sprintf("estimated noise rate %s", [lib.pct(e.rate, 2)]) if is_number(e.rate)

_rate_text(e) := sprintf("rate %s", [lib.pct(_rate(e), 2)]) if not e.rate

_others := [sprintf("%s %s", [_label(estimates[i]), lib.pct(r, 2)]) | some i, r in rates; i != d]

_others_text := "" if count(_others) == 0

_others_text := sprintf("; other estimates: %s", [concat(", ", _others)]) if count(_others) > 0
