# METADATA
# title: Sample similarity
# description: >-
#   Share of similar samples (ISO/IEC 5259-2, Similarity; the standard derives
#   it from the clusters a clustering algorithm returns, and its exact function
#   is not available). Here a sample is similar when it has a near duplicate in
#   an embedding lens (cleanlab's rule: a neighbour closer than a factor of the
#   median nearest-neighbour distance): per lens, X_l =
#   /lenses/<l>/near_duplicates/count / /lenses/<l>/samples, in [0, 1], lower
#   is better. The profile parameter 'lens' picks one lens; empty reads every
#   measured lens, and the worst (highest) X_l decides and is named in the
#   finding, the others listed. N/A without the lens, or when no lens read has
#   a near-duplicate count over a sample count above 0 (a lens measured
#   against a reference sample, /lenses/<l>/exact false, has none, and the
#   reason says so).
# custom:
#   qm: Sim-ML-1
#   characteristic: Similarity
#   function: "X = A/B; A = samples in similar groups (samples with a near duplicate in the lens), B = samples"
#   confidence: C
#   severity: medium
#   inputs: [/lenses/<lens>/near_duplicates/count, /lenses/<lens>/samples, /lenses/<lens>/exact]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read; empty reads every lens and the worst decides
package qmcheck.iso.sim_ml_1

import data.qmcheck.lib

qm := "Sim-ML-1"

t := lib.thresholds(qm)

lenses := lib.lenses(qm)

# xs[l]: the share of samples with a near duplicate in lens l.
xs := {l: v |
	some l in lenses
	nd := input.lenses[l].near_duplicates
	is_number(nd.count)
	n := input.lenses[l].samples
	n > 0
	v := nd.count / n
}

measured if count(xs) > 0

x := max([v | some v in xs])

# The deciding lens: the highest share, the first by name on a tie.
d := min({l | some l, v in xs; v == x})

no_lens if not lenses

no_lens if count(lenses) == 0

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na(_na_reason) if {
	not no_lens
	not measured
}

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("lens %s: %s of %s samples have a near duplicate%s: %s%s", [
		d, lib.grouped(input.lenses[d].near_duplicates.count), lib.grouped(input.lenses[d].samples),
		_rule_text, lib.x_max("X", x, t, 4), _others_text,
	]),
	[lib.ev(tokens) |
		some l, _ in xs
		some tokens in [["lenses", l, "near_duplicates", "count"], ["lenses", l, "samples"]]
	],
) if measured

_na_reason := concat("", [_na_base, _reference_note])

_na_base := "no near-duplicate measurement in any lens (/lenses/*/near_duplicates)" if {
	count(lenses) > 1
} else := sprintf("no near-duplicate measurement in lens %s (/lenses/%s/near_duplicates)", [lib.quote(lenses[0]), lenses[0]]) if {
	count(lenses) == 1
}

# Lenses that searched a fixed-seed reference sample instead of every pair
# (/lenses/<l>/exact false) cannot find near duplicates: say so.
_reference_lenses := [sprintf("%s (%s samples)", [l, lib.grouped(input.lenses[l].samples)]) |
	some l in lenses
	input.lenses[l].exact == false
]

_reference_note := "" if count(_reference_lenses) == 0

_reference_note := sprintf("; %s searched a reference sample, not every pair, and near duplicates need the exact k-NN (raise the exact limit)", [concat(", ", _reference_lenses)]) if {
	count(_reference_lenses) > 0
}

_rule_text := sprintf(" (closer than %v × the median nearest-neighbour distance)", [input.lenses[d].near_duplicates.factor]) if {
	input.lenses[d].near_duplicates.factor
}

_rule_text := "" if not input.lenses[d].near_duplicates.factor

_others := [sprintf("%s %s", [l, lib.num(v, 4)]) | some l, v in xs; l != d]

_others_text := "" if count(_others) == 0

_others_text := sprintf("; other lenses: %s", [concat(", ", _others)]) if count(_others) > 0
