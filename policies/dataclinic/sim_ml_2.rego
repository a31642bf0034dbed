# METADATA
# title: Cross-Class Similarity
# description: >-
#   The seed report's Sim-ML-2: classes that sit so close together in an
#   embedding that their boundaries blur. When a lens compared every pair of
#   classes (/lenses/<lens>/similarity/between/exhaustive true) and ranked the
#   pairs by k-NN confusion (the share of a class's neighbours in the other
#   class, averaged both ways), X is the confusion of the most confused pair,
#   in [0, 1], lower is better; the worst lens decides. A lens whose k-NN
#   edges never join two classes (knn_cross_class 0) has X = 0. When lenses only name
#   pairs or groups of similar classes from a measurement that was not
#   exhaustive, nothing bounds the confusion of the pairs not named: the
#   verdict is a caution with no value, as in the report. Read lenses: the
#   profile's 'lens' parameter, or every lens when it is empty.
# custom:
#   qm: Sim-ML-2
#   characteristic: Similarity
#   function: "X = max over lenses and class pairs (a, b) of confusion(a, b) = (share of a's k-NN in b + share of b's k-NN in a) / 2"
#   confidence: report
#   severity: medium
#   inputs: [/lenses/<lens>/similarity/between/exhaustive, /lenses/<lens>/similarity/between/confused, /lenses/<lens>/similarity/between/knn_cross_class, /lenses/<lens>/similarity/between/pairs, /lenses/<lens>/similarity/between/groups]
#   thresholds:
#     pass_max: confusion X of the most confused pair at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read; empty reads every lens
package qmcheck.dataclinic.sim_ml_2

import data.qmcheck.lib

qm := "Sim-ML-2"

t := lib.thresholds(qm)

no_lens if not lib.lenses(qm)

no_lens if count(lib.lenses(qm)) == 0

# between[l] is the between-class similarity of each read lens.
between[l] := input.lenses[l].similarity.between if some l in lib.lenses(qm)

# confusion[l] ranks the confused pairs of an exhaustive lens, most confused
# first: [-confusion, index in /confused].
confusion[l] := sort([[0 - p.confusion, i] | some i, p in object.get(b, "confused", []); is_number(p.confusion)]) if {
	some l, b in between
	object.get(b, "exhaustive", false) == true
}

# separated lists the exhaustive lenses whose k-NN edges never join two
# classes (/similarity/between/knn_cross_class 0, no positive confusion):
# every pair has confusion 0.
separated contains l if {
	some l, b in between
	object.get(b, "exhaustive", false) == true
	object.get(b, "knn_cross_class", null) == 0
	count([p | some p in object.get(b, "confused", []); is_number(p.confusion); p.confusion > 0]) == 0
}

exhaustive_lenses := sort({l | some l, c in confusion; count(c) > 0} | separated)

exhaustive if count(exhaustive_lenses) > 0

x[l] := 0 if some l in separated

x[l] := 0 - confusion[l][0][0] if {
	some l in exhaustive_lenses
	not l in separated
}

x_max := max([v | some v in x])

# the deciding lens: the largest confusion, the first lens in order on a tie.
lens := min({l | some l, v in x; v == x_max})

pair := between[lens].confused[confusion[lens][0][1]]

named_lenses := sort([l |
	some l, b in between
	object.get(b, "exhaustive", false) != true
	count(object.get(b, "pairs", [])) + count(object.get(b, "groups", [])) > 0
])

named if {
	not exhaustive
	count(named_lenses) > 0
}

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na("no between-class similarity in any lens (/lenses/*/similarity/between)") if {
	not no_lens
	not exhaustive
	not named
}

verdict := lib.result(
	lib.at_most(x_max, t.pass_max, t.caution_max),
	x_max,
	sprintf("in lens %s, %s is the most confused class pair (k-NN confusion %s %s %s)", [
		lens, _pair_text(pair), lib.num(x_max, 3), s[0], lib.num(s[1], 3),
	]),
	_exhaustive_evidence,
) if {
	exhaustive
	not lens in separated
	s := lib.vs_max(x_max, t.pass_max, t.caution_max)
}

verdict := lib.result(
	lib.at_most(x_max, t.pass_max, t.caution_max),
	x_max,
	sprintf("in lens %s, no k-NN edge joins two classes (k-NN confusion of every pair %s %s %s)", [
		lens, lib.num(x_max, 3), s[0], lib.num(s[1], 3),
	]),
	_exhaustive_evidence,
) if {
	exhaustive
	lens in separated
	s := lib.vs_max(x_max, t.pass_max, t.caution_max)
}

_exhaustive_evidence := [lib.ev(["lenses", l, "similarity", "between", f]) |
	some l in exhaustive_lenses
	f := _evidence_field(l)
]

_evidence_field(l) := "knn_cross_class" if l in separated

_evidence_field(l) := "confused" if not l in separated

verdict := lib.result(
	"caution",
	null,
	sprintf("%s (named, not exhaustive: no pass and no fail)", [concat("; ", [_named_text(l) | some l in named_lenses])]),
	[lib.ev(["lenses", l, "similarity", "between", k]) |
		some l in named_lenses
		some k in ["pairs", "groups"]
		count(object.get(between[l], k, [])) > 0
	],
) if named

# _pair_text(p) is "'a' ↔ 'b'".
_pair_text(p) := sprintf("%s ↔ %s", [lib.quote(p.a), lib.quote(p.b)])

# _named_text(l) lists what lens l names: its pairs, or its groups when it
# names no pair.
_named_text(l) := sprintf("%s: %s", [l, concat(", ", [_pair_text(p) | some p in between[l].pairs])]) if {
	count(object.get(between[l], "pairs", [])) > 0
}

_named_text(l) := sprintf("%s: %s", [l, concat(", ", [concat(" ↔ ", [lib.quote(c) | some c in g]) | some g in between[l].groups])]) if {
	count(object.get(between[l], "pairs", [])) == 0
}
