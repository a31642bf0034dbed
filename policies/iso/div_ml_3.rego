# METADATA
# title: Category size diversity
# description: >-
#   Share of categories whose item count is below a threshold set in the
#   quality requirements (ISO/IEC 5259-2, Diversity). Here a category is small
#   when it holds fewer than small_class_ratio times the mean category size:
#   n_k < small_class_ratio × mean(n_k). X = small categories / categories, in
#   [0, 1], lower is better. X is exact from the per-class counts
#   (/classes/counts, the mean taken over them; an empty class counts as
#   small). Without per-class counts, the summary settles only the case where
#   no class is small: when /classes/min >= small_class_ratio x /classes/mean,
#   X = 0 exactly; when the smallest class is below the bar, how many classes
#   are below it is unknown and the QM is N/A. N/A without class statistics.
#   The finding names up to five of the smallest small classes.
# custom:
#   qm: Div-ML-3
#   characteristic: Diversity
#   function: "X = A/B; A = categories with n_k < small_class_ratio × mean(n_k), B = categories"
#   confidence: C
#   severity: medium
#   inputs: [/classes/counts, /classes/min, /classes/mean, /classes/count, /classes/min_class]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#     small_class_ratio: a category is small when it holds fewer than this share of the mean category size
package qmcheck.iso.div_ml_3

import data.qmcheck.lib

qm := "Div-ML-3"

t := lib.thresholds(qm)

r := t.small_class_ratio

counts := input.classes.counts

# Exact: per-class counts are present.
exact if count(counts) > 0

mean := sum([n | some n in counts]) / count(counts) if exact

bar := r * mean

# The small classes, smallest first: [n_k, name].
small := sort([[n, c] | some c, n in counts; n < bar])

# Summary: no per-class counts, but the smallest class clears the bar.
summary if {
	not exact
	input.classes.min >= r * input.classes.mean
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

_na_reason := sprintf("the smallest class (%s images) is below %s × mean = %s but per-class counts are absent (/classes/counts)", [
	lib.grouped(input.classes.min), sprintf("%v", [r]), lib.num(r * input.classes.mean, 1),
]) if {
	not exact
	input.classes.min < r * input.classes.mean
} else := "no class statistics in the facts (/classes/counts, or /classes/min with /classes/mean)" if {
	not exact
}

_text := sprintf("%s of %s classes %s fewer than %s × mean (%s) = %s images: %s", [
	lib.grouped(count(small)), lib.grouped(count(counts)), {true: "holds", false: "hold"}[count(small) == 1], sprintf("%v", [r]), lib.num(mean, 1), lib.num(bar, 1),
	lib.join(
		[sprintf("%s (%s)", [lib.quote(s[1]), lib.grouped(s[0])]) | some s in array.slice(small, 0, 5)],
		max([0, count(small) - 5]),
	),
]) if {
	exact
	count(small) > 0
}

_text := sprintf("%s classes (mean %s): none holds fewer than %s × mean = %s images (smallest %s, %s)", [
	lib.grouped(count(counts)), lib.num(mean, 1), sprintf("%v", [r]), lib.num(bar, 1),
	lib.quote(smallest[1]), lib.grouped(smallest[0]),
]) if {
	exact
	count(small) == 0
	smallest := min([[n, c] | some c, n in counts])
}

_text := sprintf("%s(mean %s, no per-class counts): the smallest class, %s, is at least %s × mean = %s", [
	_k_text, lib.num(input.classes.mean, 1), lib.grouped(input.classes.min), sprintf("%v", [r]),
	lib.num(r * input.classes.mean, 1),
]) if summary

_k_text := sprintf("%s classes ", [lib.grouped(input.classes.count)]) if lib.has(["classes", "count"])

_k_text := "" if not lib.has(["classes", "count"])

_used := [["classes", "counts"]] if exact

_used := [tokens |
	some tokens in [["classes", "count"], ["classes", "mean"], ["classes", "min"], ["classes", "min_class"]]
	lib.has(tokens)
] if summary
