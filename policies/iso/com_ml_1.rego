# METADATA
# title: Value completeness
# description: >-
#   Degree to which data items have values (are not null) (ISO/IEC 5259-2,
#   Com-ML-1). Here a data item is a sample (an image file or a manifest row):
#   B is /integrity/files, or /dataset/images when the collector did not count
#   files; A is B less the samples with a missing value
#   (/integrity/missing_values: no file, empty path or empty label) and the
#   samples whose file could not be read (/integrity/unreadable_count, or the
#   length of /integrity/unreadable when only the list exists). A component the
#   facts do not carry counts 0, and the finding says it was not measured, so
#   X is then an upper bound. X lies in [0, 1] (A is floored at 0 should the
#   two components overlap); 1 means every sample has a value. N/A when
#   /integrity is absent or when there is no sample to divide by (B = 0).
# custom:
#   qm: Com-ML-1
#   characteristic: Completeness
#   function: "X = A/B; A = data items without null values, B = data items"
#   confidence: C
#   severity: high
#   inputs: [/integrity/files, /dataset/images, /integrity/missing_values, /integrity/unreadable_count, /integrity/unreadable]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.com_ml_1

import data.qmcheck.lib

qm := "Com-ML-1"

t := lib.thresholds(qm)

# The denominator: files the collector considered, else the dataset's samples.
b_tokens := ["integrity", "files"] if lib.has(["integrity", "files"])

b_tokens := ["dataset", "images"] if {
	not lib.has(["integrity", "files"])
	lib.has(["dataset", "images"])
}

b := object.get(input, b_tokens, null)

missing := input.integrity.missing_values

unreadable := input.integrity.unreadable_count

unreadable := count(input.integrity.unreadable) if not lib.has(["integrity", "unreadable_count"])

measured if {
	lib.has(["integrity"])
	b > 0
}

a := max([0, (b - object.get(input.integrity, "missing_values", 0)) - _unreadable_or_zero])

x := a / b

_unreadable_or_zero := unreadable

_unreadable_or_zero := 0 if not unreadable

_missing_text := sprintf("missing values %s", [lib.grouped(missing)])

_missing_text := "missing values not measured" if not lib.has(["integrity", "missing_values"])

_unreadable_text := sprintf("unreadable %s", [lib.grouped(unreadable)])

_unreadable_text := "unreadable not measured" if not unreadable

_used := [tokens |
	some tokens in [
		b_tokens,
		["integrity", "missing_values"],
		["integrity", "unreadable_count"],
		["integrity", "unreadable"],
	]
	lib.has(tokens)
]

verdict := lib.na("no integrity counts in the facts (/integrity absent)") if not lib.has(["integrity"])

verdict := lib.na(sprintf("no samples to measure (%s = 0)", [lib.ptr(b_tokens)])) if {
	lib.has(["integrity"])
	b == 0
}

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s samples have values (%s; %s): %s", [
		lib.grouped(a), lib.grouped(b), _missing_text, _unreadable_text,
		lib.x_min("X", x, t, 4),
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured
