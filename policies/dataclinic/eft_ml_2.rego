# METADATA
# title: Annotation Completeness
# description: >-
#   The seed report's Eft-ML-2: how completely the samples carry the
#   annotations declared beyond the class label (bounding boxes,
#   segmentation masks, attributes). X = samples whose declared annotations
#   are complete / samples that should carry them
#   (/datacard/annotations/complete / /datacard/annotations/population), in
#   [0, 1], higher is better. N/A when no annotation beyond the class label is
#   declared (the report's case for ImageNet), or when the declared
#   population is empty.
# custom:
#   qm: Eft-ML-2
#   characteristic: Identifiability
#   function: "X = A/B; A = samples with complete declared annotations, B = samples that should carry them"
#   confidence: report
#   severity: low
#   inputs: [/datacard/annotations/complete, /datacard/annotations/population, /datacard/annotations/types]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.dataclinic.eft_ml_2

import data.qmcheck.lib

qm := "Eft-ML-2"

t := lib.thresholds(qm)

a := input.datacard.annotations

declared if {
	lib.has(["datacard", "annotations", "complete"])
	lib.has(["datacard", "annotations", "population"])
}

measured if {
	declared
	a.population > 0
}

x := a.complete / a.population

kinds := concat(", ", a.types) if count(object.get(a, "types", [])) > 0

kinds := "declared" if count(object.get(a, "types", [])) == 0

verdict := lib.na("no annotations beyond class labels declared (/datacard/annotations)") if not declared

verdict := lib.na("declared annotations cover no sample (/datacard/annotations/population = 0)") if {
	declared
	not measured
}

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s samples (%s) carry complete %s annotations (%s %s)", [
		lib.grouped(a.complete), lib.grouped(a.population), lib.pct(x, 2), kinds, s[0], lib.pct(s[1], 2),
	]),
	[lib.ev(["datacard", "annotations", k]) | some k in ["types", "complete", "population"]; lib.has(["datacard", "annotations", k])],
) if {
	measured
	s := lib.vs_min(x, t.pass_min, t.caution_min)
}
