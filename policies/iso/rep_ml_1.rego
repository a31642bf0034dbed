# METADATA
# title: Representativeness ratio
# description: >-
#   Ratio of the relevant attributes found in the dataset to the relevant
#   attributes of the target population (ISO/IEC 5259-2, 6.5.7.2, Table 21).
#   Both come from the datacard: B = the attributes the declared target
#   population requires (/datacard/target_population/required_attributes), A =
#   those of them the datacard declares present
#   (/datacard/target_population/present_attributes); present attributes that
#   are not required do not count. X = A/B in [0, 1], higher is better; the
#   finding lists the missing attributes (up to ten). N/A without a declared
#   target population, when it requires no attribute, or when the datacard
#   does not say which attributes are present.
# custom:
#   qm: Rep-ML-1
#   characteristic: Representativeness
#   function: "X = A/B; A = relevant attributes present, B = relevant attributes of the target population"
#   confidence: C
#   severity: high
#   inputs: [/datacard/target_population/required_attributes, /datacard/target_population/present_attributes]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.rep_ml_1

import data.qmcheck.lib

qm := "Rep-ML-1"

t := lib.thresholds(qm)

tp := input.datacard.target_population

required := {a | some a in tp.required_attributes}

present := {a | some a in tp.present_attributes}

measured if {
	count(required) > 0
	is_array(tp.present_attributes)
}

found := required & present

missing := sort([a | some a in required; not a in present])

x := count(found) / count(required)

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s: %s", [_text, lib.x_min("X", x, t, 3)]),
	[
		lib.ev(["datacard", "target_population", "required_attributes"]),
		lib.ev(["datacard", "target_population", "present_attributes"]),
	],
) if measured

_na_reason := "no declared target population (/datacard/target_population/required_attributes)" if {
	not lib.has(["datacard", "target_population", "required_attributes"])
} else := "the declared target population requires no attribute (/datacard/target_population/required_attributes is empty)" if {
	count(required) == 0
} else := "no declared present attributes (/datacard/target_population/present_attributes)" if {
	not lib.has(["datacard", "target_population", "present_attributes"])
}

_text := sprintf("all %s attributes the target population requires are present", [lib.grouped(count(required))]) if {
	count(missing) == 0
}

_text := sprintf("%s of %s attributes the target population requires are present; missing %s", [
	lib.grouped(count(found)), lib.grouped(count(required)),
	lib.join([lib.quote(a) | some a in array.slice(missing, 0, 10)], max([0, count(missing) - 10])),
]) if {
	count(missing) > 0
}
