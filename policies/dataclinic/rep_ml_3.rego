# METADATA
# title: L3 Representativeness
# description: >-
#   The seed report's Rep-ML-3: whether the densest ("most typical") samples
#   of the Level III lens represent the classes, or one class dominates them.
#   X is the share of the K densest samples that belong to the most frequent
#   class among them; 1/K means no repetition, 1 means a single class.
# custom:
#   qm: Rep-ML-3
#   characteristic: Representativeness
#   function: "X = max_c |{densest-K samples of class c}| / K"
#   confidence: report
#   severity: high
#   inputs: [/lenses/<lens>/density/densest]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read (L3 in the report)
package qmcheck.dataclinic.rep_ml_3

import data.qmcheck.lib

qm := "Rep-ML-3"

t := lib.thresholds(qm)

lens := lib.param(qm, "lens", "L3")

d := input.lenses[lens].density.densest

measured if {
	d.top_class
	d.top_count
	d.size > 0
}

x := d.top_count / d.size

verdict := lib.na(sprintf("no densest-sample set for lens %s (/lenses/%s/density/densest)", [lib.quote(lens), lens])) if not measured

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%d of the %d densest samples in lens %s are %s (%s %s %s)", [
		d.top_count, d.size, lens, lib.quote(d.top_class),
		lib.num(x, 2), lib.relation_max(x, t.caution_max), lib.num(t.caution_max, 2),
	]),
	[
		lib.ev(["lenses", lens, "density", "densest", "top_class"]),
		lib.ev(["lenses", lens, "density", "densest", "top_count"]),
		lib.ev(["lenses", lens, "density", "densest", "size"]),
	],
) if measured
