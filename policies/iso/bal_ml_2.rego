# METADATA
# title: Resolution balance
# description: >-
#   Inverse of the maximum resolution difference relative to the mean
#   resolution of image samples (ISO/IEC 5259-2, Bal-ML-2). r is an image's
#   pixel count, width x height, summarised over the images in /images/pixels;
#   when /images/pixels lacks its minimum or maximum, the smallest or largest
#   image of /images/resolution gives it. The largest deviation from the mean
#   is max(r_max - mean, mean - r_min). X >= 0.5 means no image is more than
#   three times the mean size; X falls towards 0 as one image is far larger
#   than the mean. X is unbounded (value null, a pass) when every image has the
#   same pixel count. N/A when the mean resolution is absent (the reason quotes
#   the resolution range when the facts know it) or when neither the pixel
#   statistics nor /images/resolution give the extremes.
# custom:
#   qm: Bal-ML-2
#   characteristic: Balance
#   function: "X = mean(r) / max_i |r_i - mean(r)|, r = width x height (interp.)"
#   confidence: C
#   severity: low
#   inputs: [/images/pixels/mean, /images/pixels/min, /images/pixels/max, /images/resolution/min, /images/resolution/max]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.bal_ml_2

import data.qmcheck.lib

qm := "Bal-ML-2"

t := lib.thresholds(qm)

mean := input.images.pixels.mean

# The extremes: the pixel statistics, else the smallest and largest image.
r_min := input.images.pixels.min

r_min := _area(input.images.resolution.min) if not lib.has(["images", "pixels", "min"])

r_max := input.images.pixels.max

r_max := _area(input.images.resolution.max) if not lib.has(["images", "pixels", "max"])

_area(s) := s.width * s.height

_size(s) := sprintf("%s×%s", [lib.grouped(s.width), lib.grouped(s.height)])

_has_range if {
	lib.has(["images", "resolution", "min"])
	lib.has(["images", "resolution", "max"])
}

_has_extremes if {
	r_min
	r_max
}

measured if {
	lib.has(["images", "pixels", "mean"])
	_has_extremes
}

dev := max([r_max - mean, mean - r_min])

x := mean / dev if dev > 0

# An extreme with the image size behind it when the facts know it.
_extreme(r, key) := sprintf("%s px = %s", [lib.grouped(r), _size(input.images.resolution[key])]) if {
	lib.has(["images", "resolution", key])
}

_extreme(r, key) := sprintf("%s px", [lib.grouped(r)]) if not lib.has(["images", "resolution", key])

_summary := sprintf("mean resolution %s px (min %s, max %s)", [
	lib.grouped(round(mean)), _extreme(r_min, "min"), _extreme(r_max, "max"),
])

_evidence := [lib.ev(tokens) |
	some tokens in [
		["images", "pixels", "mean"],
		["images", "pixels", "min"],
		["images", "pixels", "max"],
		["images", "resolution", "min"],
		["images", "resolution", "max"],
	]
	lib.has(tokens)
]

verdict := lib.na(sprintf("resolution range %s to %s px known, but no mean resolution (/images/pixels/mean)", [
	_size(input.images.resolution.min), _size(input.images.resolution.max),
])) if {
	not lib.has(["images", "pixels", "mean"])
	_has_range
}

verdict := lib.na("no resolution statistics in the facts (/images/pixels/mean)") if {
	not lib.has(["images", "pixels", "mean"])
	not _has_range
}

verdict := lib.na("mean resolution known, but not the smallest or largest image (/images/pixels/min, /images/pixels/max, /images/resolution)") if {
	lib.has(["images", "pixels", "mean"])
	not _has_extremes
}

verdict := lib.result("pass", null, sprintf("%s: X unbounded (every image the same size)", [_summary]), _evidence) if {
	measured
	dev == 0
}

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s, largest deviation %s px: %s", [_summary, lib.grouped(round(dev)), lib.x_min("X", x, t, 3)]),
	_evidence,
) if {
	measured
	dev > 0
}
