# METADATA
# title: Balance of images between categories
# description: >-
#   Inverse of the maximum category-size difference relative to the mean
#   category size (ISO/IEC 5259-2, 6.5.2.2, Table 16). X is unbounded above
#   (all classes equal) and falls towards 0 as one class grows far beyond the
#   mean; a class with no image gives X <= 1. The max/min class-size ratio R is
#   reported and judged beside it, as Pebblous's example bands are written in
#   that ratio; the worse of the two decides.
# custom:
#   qm: Bal-ML-3
#   characteristic: Balance
#   function: "X = mean(n_k) / max_k |n_k - mean(n_k)|; also R = max(n_k) / min(n_k)"
#   confidence: C
#   severity: high
#   inputs: [/classes/mean, /classes/min, /classes/max, /classes/count]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
#     ratio_pass_max: R at or below this passes
#     ratio_caution_max: R at or below this (above ratio_pass_max) is a caution; above it fails
package qmcheck.iso.bal_ml_3

import data.qmcheck.lib

qm := "Bal-ML-3"

measured if {
	lib.has(["classes", "mean"])
	lib.has(["classes", "min"])
	lib.has(["classes", "max"])
	lib.has(["classes", "count"])
}

verdict := lib.na("no class statistics in the facts (/classes/mean, /classes/min, /classes/max)") if not measured

verdict := lib.result(b.word, b.x, b.text, [
	lib.ev(["classes", "count"]),
	lib.ev(["classes", "mean"]),
	lib.ev(["classes", "min"]),
	lib.ev(["classes", "max"]),
]) if {
	measured
	b := lib.class_balance(input.classes, lib.thresholds(qm))
}
