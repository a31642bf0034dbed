# METADATA
# title: Feature Space Balance
# description: >-
#   The seed report's Bal-ML-2: whether the classes occupy the feature space of
#   a lens evenly. For each read lens with a mean density for at least two
#   classes (/lenses/<lens>/density/per_class), X = highest / lowest per-class
#   mean density, >= 1, lower is better; a class with mean density 0 or less
#   makes X unbounded and fails. The worst lens decides. Read lenses: the
#   profile's 'lens' parameter, or every lens when it is empty. N/A when no
#   read lens has per-class densities (the report's case); the reason then
#   adds, when the lenses' densest sets are dominated by different classes,
#   that feature-space balance is lens-dependent, which is why the report
#   gives N/A.
# custom:
#   qm: Bal-ML-2
#   characteristic: Balance
#   function: "X = max over lenses of max_c d(c) / min_c d(c), d(c) = mean density of class c in the lens"
#   confidence: report
#   severity: medium
#   inputs: [/lenses/<lens>/density/per_class, /lenses/<lens>/density/densest/top_class]
#   thresholds:
#     pass_max: max/min ratio X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read; empty reads every lens
package qmcheck.dataclinic.bal_ml_2

import data.qmcheck.lib

qm := "Bal-ML-2"

t := lib.thresholds(qm)

no_lens if not lib.lenses(qm)

no_lens if count(lib.lenses(qm)) == 0

# per_class[l] is the mean density of each class in lens l (two classes or more).
per_class[l] := pc if {
	some l in lib.lenses(qm)
	pc := input.lenses[l].density.per_class
	count(pc) >= 2
}

measured_lenses := lib.sorted_keys(per_class)

measured if count(measured_lenses) > 0

lo[l] := min([d | some d in pc]) if some l, pc in per_class

hi[l] := max([d | some d in pc]) if some l, pc in per_class

lo_class[l] := min({c | some c, d in per_class[l]; d == lo[l]}) if some l in measured_lenses

hi_class[l] := min({c | some c, d in per_class[l]; d == hi[l]}) if some l in measured_lenses

unbounded := sort([l | some l in measured_lenses; lo[l] <= 0])

x[l] := hi[l] / lo[l] if {
	some l in measured_lenses
	lo[l] > 0
}

x_max := max([v | some v in x])

# the deciding lens: the first lens with a class at density <= 0, else the
# largest ratio (the first lens in order on a tie).
lens := unbounded[0]

lens := min({l | some l, v in x; v == x_max}) if count(unbounded) == 0

evidence := [lib.ev(["lenses", l, "density", "per_class", c]) |
	some l in measured_lenses
	some c in sort({hi_class[l], lo_class[l]})
]

# lens_dependence notes, for the N/A reason, lenses whose densest sets are
# dominated by different classes.
tops := [sprintf("%s %s", [l, lib.quote(input.lenses[l].density.densest.top_class)]) |
	some l in lib.lenses(qm)
	lib.has(["lenses", l, "density", "densest", "top_class"])
]

top_classes := {input.lenses[l].density.densest.top_class |
	some l in lib.lenses(qm)
	lib.has(["lenses", l, "density", "densest", "top_class"])
}

lens_dependence := sprintf("; the densest class differs by lens (%s), so feature-space balance is lens-dependent", [concat(", ", tops)]) if {
	count(top_classes) >= 2
}

lens_dependence := "" if count(top_classes) < 2

no_density := sprintf("no per-class density for lens %s (/lenses/%s/density/per_class)", [l, l]) if {
	[l] := lib.lenses(qm)
}

no_density := concat("", ["no per-class density in any lens (/lenses/*/density/per_class)", lens_dependence]) if {
	count(lib.lenses(qm)) > 1
}

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na(no_density) if {
	not no_lens
	not measured
}

verdict := lib.result(
	"fail",
	null,
	sprintf("in lens %s, class %s has a mean density of %s (max/min unbounded)", [
		lens, lib.quote(lo_class[lens]), lib.num(lo[lens], 3),
	]),
	evidence,
) if {
	measured
	count(unbounded) > 0
}

verdict := lib.result(
	lib.at_most(x_max, t.pass_max, t.caution_max),
	x_max,
	sprintf("in lens %s, mean density per class ranges from %s (%s) to %s (%s): max/min %s %s %s", [
		lens, lib.num(lo[lens], 3), lib.quote(lo_class[lens]), lib.num(hi[lens], 3), lib.quote(hi_class[lens]),
		lib.num(x_max, 2), s[0], lib.num(s[1], 1),
	]),
	evidence,
) if {
	measured
	count(unbounded) == 0
	s := lib.vs_max(x_max, t.pass_max, t.caution_max)
}
