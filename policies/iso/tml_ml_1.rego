# METADATA
# title: Timeliness of data items
# description: >-
#   Share of items that meet the timeliness requirement (ISO/IEC 5259-2,
#   Timeliness). The requirement and the count of items meeting it come from
#   the datacard: A = /datacard/timeliness/items_meeting, B =
#   /datacard/timeliness/population. X = A/B in [0, 1], higher is better; the
#   finding quotes the requirement text when the datacard gives it. N/A
#   without a declared timeliness requirement or when it covers no item.
# custom:
#   qm: Tml-ML-1
#   characteristic: Timeliness
#   function: "X = A/B; A = items meeting the requirement, B = items"
#   confidence: P
#   severity: low
#   inputs: [/datacard/timeliness/requirement, /datacard/timeliness/items_meeting, /datacard/timeliness/population]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.tml_ml_1

import data.qmcheck.lib

qm := "Tml-ML-1"

t := lib.thresholds(qm)

tl := input.datacard.timeliness

measured if {
	is_number(tl.items_meeting)
	tl.population > 0
}

x := tl.items_meeting / tl.population

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s items meet %s: %s", [
		lib.grouped(tl.items_meeting), lib.grouped(tl.population), _requirement_text, lib.x_min("X", x, t, 3),
	]),
	[lib.ev(["datacard", "timeliness", f]) |
		some f in ["requirement", "items_meeting", "population"]
		lib.has(["datacard", "timeliness", f])
	],
) if measured

_na_reason := "no declared timeliness requirement (/datacard/timeliness)" if {
	not lib.has(["datacard", "timeliness"])
} else := "the timeliness declaration counts no item (/datacard/timeliness/items_meeting, /datacard/timeliness/population)" if {
	lib.has(["datacard", "timeliness"])
}

_requirement_text := sprintf("the timeliness requirement %s", [lib.quote(tl.requirement)]) if tl.requirement

_requirement_text := "the declared timeliness requirement" if not tl.requirement
