# METADATA
# title: Samples tightness
# description: >-
#   Geometric tightness of the dataset: the spread of the extreme eigenvalues
#   of the normalised dataset (ISO/IEC 5259-2, Similarity). Per lens, X = A -
#   B with A and B the largest and smallest eigenvalue of the covariance of
#   the standardised embedding (its correlation matrix,
#   /lenses/<l>/spectrum/largest and /smallest). X is the standard's value and
#   is reported, but it grows with the number of dimensions, so it is judged
#   on S = (A - B) / /lenses/<l>/spectrum/sum, the share of the total variance
#   the spread spans, in [0, 1], lower is better: S near 1 means one direction
#   carries nearly all variance (the samples are tight along it). The profile
#   parameter 'lens' picks one lens; empty reads every measured lens, and the
#   worst (highest) S decides and is named in the finding, the others listed.
#   N/A without the lens, or when no lens read has largest, smallest and a sum
#   above 0.
# custom:
#   qm: Sim-ML-2
#   characteristic: Similarity
#   function: "X = A - B; A = largest, B = smallest eigenvalue of the normalised dataset; judged on S = (A - B) / sum of eigenvalues"
#   confidence: Q
#   severity: low
#   inputs: [/lenses/<lens>/spectrum/largest, /lenses/<lens>/spectrum/smallest, /lenses/<lens>/spectrum/sum]
#   thresholds:
#     pass_max: S = (A - B) / sum at or below this passes
#     caution_max: S at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read; empty reads every lens and the worst decides
package qmcheck.iso.sim_ml_2

import data.qmcheck.lib

qm := "Sim-ML-2"

t := lib.thresholds(qm)

lenses := lib.lenses(qm)

# ss[l]: the spread of the extreme eigenvalues over their sum in lens l.
ss := {l: v |
	some l in lenses
	sp := input.lenses[l].spectrum
	is_number(sp.largest)
	is_number(sp.smallest)
	sp.sum > 0
	v := (sp.largest - sp.smallest) / sp.sum
}

measured if count(ss) > 0

s := max([v | some v in ss])

# The deciding lens: the highest S, the first by name on a tie.
d := min({l | some l, v in ss; v == s})

sp_d := input.lenses[d].spectrum

x := sp_d.largest - sp_d.smallest

no_lens if not lenses

no_lens if count(lenses) == 0

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na(_na_reason) if {
	not no_lens
	not measured
}

verdict := lib.result(
	lib.at_most(s, t.pass_max, t.caution_max),
	x,
	sprintf("lens %s: X = A - B = %s - %s = %s; over the eigenvalue sum %s%s, %s%s", [
		d, lib.num(sp_d.largest, 3), lib.num(sp_d.smallest, 3), lib.num(x, 3), lib.num(sp_d.sum, 3),
		_dims_text, lib.x_max("S", s, t, 3), _others_text,
	]),
	[lib.ev(["lenses", l, "spectrum", f]) |
		some l, _ in ss
		some f in ["largest", "smallest", "sum", "dims"]
		lib.has(["lenses", l, "spectrum", f])
	],
) if measured

_na_reason := "no eigenvalue spectrum in any lens (/lenses/*/spectrum)" if {
	count(lenses) > 1
} else := sprintf("no eigenvalue spectrum in lens %s (/lenses/%s/spectrum)", [lib.quote(lenses[0]), lenses[0]]) if {
	count(lenses) == 1
}

_dims_text := sprintf(" (%s dims)", [lib.grouped(sp_d.dims)]) if sp_d.dims

_dims_text := "" if not sp_d.dims

_others := [sprintf("%s S = %s", [l, lib.num(v, 3)]) | some l, v in ss; l != d]

_others_text := "" if count(_others) == 0

_others_text := sprintf("; other lenses: %s", [concat(", ", _others)]) if count(_others) > 0
