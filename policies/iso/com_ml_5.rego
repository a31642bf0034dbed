# METADATA
# title: Label completeness
# description: >-
#   Degree to which samples carry a complete label (ISO/IEC 5259-2, Com-ML-5).
#   For single-label image classification a label is the class, and a sample
#   lacks it when it lies outside any class: a file directly under the root or
#   a split folder, or a manifest row without a label (/integrity/unlabeled).
#   B is /integrity/files, or /dataset/images when the collector did not count
#   files; X_class = 1 - unlabeled / B. When the datacard declares annotations
#   beyond the class label (boxes, masks, attributes), a sample whose declared
#   annotations are incomplete has an incomplete label too: X_ann =
#   /datacard/annotations/complete / /datacard/annotations/population. X is
#   the lower of the parts measured, in [0, 1]; 1 means every sample is
#   completely labelled; the finding gives both parts and says which decided.
#   N/A when neither part is measured: no count of unlabelled samples (or no
#   sample, B = 0) and no declared annotation counts (or an empty population).
# custom:
#   qm: Com-ML-5
#   characteristic: Completeness
#   function: "X = 1 - A/B; A = samples with a missing or incomplete label, B = samples; here X = min(1 - unlabeled/B, complete annotations/annotated population)"
#   confidence: C
#   severity: high
#   inputs: [/integrity/unlabeled, /integrity/unlabeled_files, /integrity/files, /dataset/images, /datacard/annotations/complete, /datacard/annotations/population, /datacard/annotations/types]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.com_ml_5

import data.qmcheck.lib

qm := "Com-ML-5"

t := lib.thresholds(qm)

# The denominator: files the collector considered, else the dataset's samples.
b_tokens := ["integrity", "files"] if lib.has(["integrity", "files"])

b_tokens := ["dataset", "images"] if {
	not lib.has(["integrity", "files"])
	lib.has(["dataset", "images"])
}

b := object.get(input, b_tokens, null)

a := input.integrity.unlabeled

class_measured if {
	lib.has(["integrity", "unlabeled"])
	b > 0
}

x_class := 1 - (a / b)

ann := input.datacard.annotations

ann_measured if {
	is_number(ann.complete)
	ann.population > 0
}

x_ann := ann.complete / ann.population

measured if class_measured

measured if ann_measured

x := min(array.concat([x_class | class_measured], [x_ann | ann_measured]))

# Up to three unlabelled files named as examples.
_examples := "" if count(object.get(input.integrity, "unlabeled_files", [])) == 0

_examples := sprintf(", e.g. %s", [lib.names(array.slice(files, 0, 3))]) if {
	files := object.get(input.integrity, "unlabeled_files", [])
	count(files) > 0
}

_class_text := sprintf("%s of %s samples carry no label%s", [lib.grouped(a), lib.grouped(b), _examples])

_kinds := concat(", ", ann.types) if count(object.get(ann, "types", [])) > 0

_kinds := "declared" if count(object.get(ann, "types", [])) == 0

_ann_text := sprintf("%s of %s samples carry complete %s annotations (datacard)", [
	lib.grouped(ann.complete), lib.grouped(ann.population), _kinds,
])

_text := _class_text if not ann_measured

_text := _ann_text if {
	ann_measured
	not class_measured
}

_text := sprintf("%s; %s; the %s part decides", [_class_text, _ann_text, _decider]) if {
	ann_measured
	class_measured
}

_decider := "annotation" if x_ann < x_class

_decider := "class-label" if x_ann >= x_class

_evidence := [lib.ev(tokens) |
	some tokens in array.concat(
		[["integrity", "unlabeled"] | class_measured],
		array.concat([b_tokens | class_measured], [["datacard", "annotations", k] | ann_measured; some k in ["types", "complete", "population"]]),
	)
	lib.has(tokens)
]

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s: %s", [_text, lib.x_min("X", x, t, 4)]),
	_evidence,
) if measured

_na_reason := "no count of unlabelled samples in the facts (/integrity/unlabeled) and no declared annotation counts (/datacard/annotations)" if {
	not lib.has(["integrity", "unlabeled"])
} else := sprintf("no samples to measure (%s = 0)", [lib.ptr(b_tokens)])
