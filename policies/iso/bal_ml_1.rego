# METADATA
# title: Brightness balance
# description: >-
#   Inverse of the maximum brightness difference relative to the mean
#   brightness of image samples (ISO/IEC 5259-2, Bal-ML-1). b is an image's
#   mean brightness on 0..255 (L = (299 R + 587 G + 114 B) / 1000), summarised
#   over the images in /images/brightness; the largest deviation from the mean
#   is max(b_max - mean, mean - b_min). X = 1 means the most deviant image is
#   twice as bright as the mean (or black); X falls towards 0 as one image
#   deviates far from the mean. X is unbounded (value null, a pass) when every
#   image has the same brightness. N/A when the mean, minimum or maximum
#   brightness is absent.
# custom:
#   qm: Bal-ML-1
#   characteristic: Balance
#   function: "X = mean(b) / max_i |b_i - mean(b)| (interp.)"
#   confidence: C
#   severity: low
#   inputs: [/images/brightness/mean, /images/brightness/min, /images/brightness/max]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.bal_ml_1

import data.qmcheck.lib

qm := "Bal-ML-1"

t := lib.thresholds(qm)

b := input.images.brightness

measured if {
	lib.has(["images", "brightness", "mean"])
	lib.has(["images", "brightness", "min"])
	lib.has(["images", "brightness", "max"])
}

dev := max([b.max - b.mean, b.mean - b.min])

x := b.mean / dev if dev > 0

_summary := sprintf("mean image brightness %s on 0..255 (min %s, max %s)", [lib.num(b.mean, 1), lib.num(b.min, 1), lib.num(b.max, 1)])

_evidence := [lib.ev(["images", "brightness", k]) | some k in ["mean", "min", "max"]]

verdict := lib.na("no per-image brightness summary in the facts (/images/brightness/mean, /images/brightness/min, /images/brightness/max)") if not measured

verdict := lib.result("pass", null, sprintf("%s: X unbounded (every image equally bright)", [_summary]), _evidence) if {
	measured
	dev == 0
}

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s, largest deviation %s: %s", [_summary, lib.num(dev, 1), lib.x_min("X", x, t, 3)]),
	_evidence,
) if {
	measured
	dev > 0
}
