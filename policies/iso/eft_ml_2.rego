# METADATA
# title: Category size effectiveness
# description: >-
#   Share of categories whose sample count is below a threshold (ISO/IEC
#   5259-2, Effectiveness): a category is too small to learn or to evaluate
#   when it holds fewer than min_class_size samples. X = categories with
#   n_k < min_class_size / categories, in [0, 1], lower is better. X is exact
#   from the per-class counts (/classes/counts; an empty class counts as too
#   small). Without per-class counts, the summary settles only the case where
#   no class is too small: when /classes/min >= min_class_size, X = 0 exactly;
#   when the smallest class is below it, how many classes are below it is
#   unknown and the QM is N/A. N/A without class statistics. The finding names
#   up to five of the smallest classes below the size.
# custom:
#   qm: Eft-ML-2
#   characteristic: Effectiveness
#   function: "X = A/B; A = categories with n_k < min_class_size, B = categories"
#   confidence: X
#   severity: medium
#   inputs: [/classes/counts, /classes/min, /classes/count, /classes/min_class]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#     min_class_size: a category with fewer samples than this is too small
package qmcheck.iso.eft_ml_2

import data.qmcheck.lib

qm := "Eft-ML-2"

t := lib.thresholds(qm)

size := t.min_class_size

counts := input.classes.counts

# Exact: per-class counts are present.
exact if count(counts) > 0

# The classes below the size, smallest first: [n_k, name].
small := sort([[n, c] | some c, n in counts; n < size])

# Summary: no per-class counts, but the smallest class reaches the size.
summary if {
	not exact
	input.classes.min >= size
}

measured if exact

measured if summary

x := count(small) / count(counts) if exact

x := 0 if summary

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%s: %s", [_text, lib.x_max("X", x, t, 3)]),
	[lib.ev(tokens) | some tokens in _used],
) if measured

_na_reason := sprintf("the smallest class (%s images) is below min_class_size %s but per-class counts are absent (/classes/counts)", [
	lib.grouped(input.classes.min), lib.grouped(size),
]) if {
	not exact
	input.classes.min < size
} else := "no class statistics in the facts (/classes/counts, or /classes/min)" if {
	not exact
}

_text := sprintf("%s of %s classes %s fewer than %s images: %s", [
	lib.grouped(count(small)), lib.grouped(count(counts)), {true: "holds", false: "hold"}[count(small) == 1],
	lib.grouped(size),
	lib.join(
		[sprintf("%s (%s)", [lib.quote(s[1]), lib.grouped(s[0])]) | some s in array.slice(small, 0, 5)],
		max([0, count(small) - 5]),
	),
]) if {
	exact
	count(small) > 0
}

_text := sprintf("%s classes: none holds fewer than %s images (smallest %s, %s)", [
	lib.grouped(count(counts)), lib.grouped(size), lib.quote(smallest[1]), lib.grouped(smallest[0]),
]) if {
	exact
	count(small) == 0
	smallest := min([[n, c] | some c, n in counts])
}

_text := sprintf("%s(no per-class counts): the smallest class, %s, reaches %s images", [
	_k_text, lib.grouped(input.classes.min), lib.grouped(size),
]) if summary

_k_text := sprintf("%s classes ", [lib.grouped(input.classes.count)]) if lib.has(["classes", "count"])

_k_text := "" if not lib.has(["classes", "count"])

_used := [["classes", "counts"]] if exact

_used := [tokens |
	some tokens in [["classes", "count"], ["classes", "min"], ["classes", "min_class"]]
	lib.has(tokens)
] if summary
