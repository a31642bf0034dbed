# METADATA
# title: Samples independency
# description: >-
#   Potential for dimensionality reduction, measured with PCA (ISO/IEC
#   5259-2, Similarity). Per lens, X = A/B with A the fewest principal
#   components whose eigenvalues reach 95% of the variance of the standardised
#   embedding (/lenses/<l>/spectrum/components_95) and B its dimensions
#   (/lenses/<l>/spectrum/dims). X lies in (0, 1], higher is better: a low X
#   means few directions carry the variance, so the features are redundant and
#   the samples close to dependent. The profile parameter 'lens' picks one
#   lens; empty reads every measured lens, and the worst (lowest) X decides and
#   is named in the finding, the others listed. N/A without the lens, or when
#   no lens read has components_95 and dims above 0.
# custom:
#   qm: Sim-ML-3
#   characteristic: Similarity
#   function: "X = A/B; A = principal components covering 95% of the variance, B = dimensions"
#   confidence: C
#   severity: low
#   inputs: [/lenses/<lens>/spectrum/components_95, /lenses/<lens>/spectrum/dims]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
#   params:
#     lens: name of the lens to read; empty reads every lens and the worst decides
package qmcheck.iso.sim_ml_3

import data.qmcheck.lib

qm := "Sim-ML-3"

t := lib.thresholds(qm)

lenses := lib.lenses(qm)

# xs[l]: components for 95% of the variance over the dimensions in lens l.
xs := {l: v |
	some l in lenses
	sp := input.lenses[l].spectrum
	is_number(sp.components_95)
	sp.dims > 0
	v := sp.components_95 / sp.dims
}

measured if count(xs) > 0

x := min([v | some v in xs])

# The deciding lens: the lowest X, the first by name on a tie.
d := min({l | some l, v in xs; v == x})

no_lens if not lenses

no_lens if count(lenses) == 0

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na(_na_reason) if {
	not no_lens
	not measured
}

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("lens %s: %s of %s components carry 95%% of the variance: %s%s", [
		d, lib.grouped(input.lenses[d].spectrum.components_95), lib.grouped(input.lenses[d].spectrum.dims),
		lib.x_min("X", x, t, 3), _others_text,
	]),
	[lib.ev(["lenses", l, "spectrum", f]) |
		some l, _ in xs
		some f in ["components_95", "dims"]
	],
) if measured

_na_reason := "no eigenvalue spectrum in any lens (/lenses/*/spectrum)" if {
	count(lenses) > 1
} else := sprintf("no eigenvalue spectrum in lens %s (/lenses/%s/spectrum)", [lib.quote(lenses[0]), lenses[0]]) if {
	count(lenses) == 1
}

_others := [sprintf("%s %s", [l, lib.num(v, 3)]) | some l, v in xs; l != d]

_others_text := "" if count(_others) == 0

_others_text := sprintf("; other lenses: %s", [concat(", ", _others)]) if count(_others) > 0
