# METADATA
# title: Label completeness
# description: >-
#   Degree to which samples carry a complete label (ISO/IEC 5259-2, Com-ML-5).
#   For single-label image classification a label is the class, and a sample
#   lacks it when it lies outside any class: a file directly under the root or
#   a split folder, or a manifest row without a label (/integrity/unlabeled).
#   B is /integrity/files, or /dataset/images when the collector did not count
#   files. X lies in [0, 1]; 1 means every sample is labelled. N/A when
#   /integrity/unlabeled is absent or when there is no sample (B = 0).
# custom:
#   qm: Com-ML-5
#   characteristic: Completeness
#   function: "X = 1 - A/B; A = samples with a missing or incomplete label, B = samples"
#   confidence: C
#   severity: high
#   inputs: [/integrity/unlabeled, /integrity/unlabeled_files, /integrity/files, /dataset/images]
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

measured if {
	lib.has(["integrity", "unlabeled"])
	b > 0
}

x := 1 - (a / b)

# Up to three unlabelled files named as examples.
_examples := "" if count(object.get(input.integrity, "unlabeled_files", [])) == 0

_examples := sprintf(", e.g. %s", [lib.names(array.slice(files, 0, 3))]) if {
	files := object.get(input.integrity, "unlabeled_files", [])
	count(files) > 0
}

verdict := lib.na("no count of unlabelled samples in the facts (/integrity/unlabeled)") if not lib.has(["integrity", "unlabeled"])

verdict := lib.na(sprintf("no samples to measure (%s = 0)", [lib.ptr(b_tokens)])) if {
	lib.has(["integrity", "unlabeled"])
	b == 0
}

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s samples carry no label%s: %s", [
		lib.grouped(a), lib.grouped(b), _examples, lib.x_min("X", x, t, 4),
	]),
	[lib.ev(tokens) | some tokens in [["integrity", "unlabeled"], b_tokens]],
) if measured
