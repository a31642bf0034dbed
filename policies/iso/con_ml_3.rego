# METADATA
# title: Data format consistency
# description: >-
#   Degree to which data items meet the format-consistency requirements
#   (ISO/IEC 5259-2, Con-ML-3); for images the channel mode, bit depth and
#   encoding. With no declared requirement, the required format is taken to be
#   the dominant stored colour mode (PIL's vocabulary, which also carries the
#   bit depth: L, RGB, RGBA, I;16, ...), so A is the number of images stored in
#   that mode and B all images with a mode (/images/modes). X lies in (0, 1];
#   1 means one mode throughout; ties between modes go to the alphabetically
#   first. Images stored in colour whose channels are equal everywhere
#   (/images/effectively_gray/count) are mentioned but do not change X: their
#   stored format is consistent. N/A when /images/modes is absent or counts no
#   image.
# custom:
#   qm: Con-ML-3
#   characteristic: Consistency
#   function: "X = A/B; A = items in the required format, B = items"
#   confidence: C
#   severity: medium
#   inputs: [/images/modes, /images/effectively_gray/count]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.con_ml_3

import data.qmcheck.lib

qm := "Con-ML-3"

t := lib.thresholds(qm)

mix := lib.mode_mix(input.images.modes)

measured if mix

x := mix.share

_others := "" if count(mix.others) == 0

_others := sprintf("; others: %s", [concat(", ", [sprintf("%s %s", [o.mode, lib.grouped(o.count)]) | some o in mix.others])]) if {
	count(mix.others) > 0
}

_gray := object.get(input, ["images", "effectively_gray", "count"], 0)

_gray_text := "" if _gray == 0

_gray_text := sprintf("; %s images stored in colour are effectively gray (not counted against X)", [lib.grouped(_gray)]) if _gray > 0

_used := [tokens |
	some tokens in [["images", "modes"], ["images", "effectively_gray", "count"]]
	lib.has(tokens)
]

verdict := lib.na("no stored colour modes in the facts (/images/modes absent or empty)") if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s images are stored as %s%s%s: %s", [
		lib.pct(x, 2), lib.grouped(mix.total), mix.dominant, _others, _gray_text,
		lib.x_min("X", x, t, 4),
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured
