# METADATA
# title: Data record consistency
# description: >-
#   The ratio of duplicate records in the dataset, lower is better (ISO/IEC
#   5259-2, Con-ML-1). A group of k copies contributes k - 1 duplicates. A
#   counts the extra exact copies (same decoded pixels, /duplicates/exact/extra)
#   plus, for every near-duplicate set whose perceptual hashes lie within
#   near_max_distance bits of each other, its size less one. Near sets are
#   formed among images that are not exact copies of each other, so the two
#   never count a copy twice. A set without its own distance takes the
#   search's max_distance; a set with neither is not counted, and the finding
#   says so. When the facts list no sets, the search's own extra count is used
#   if it joined hashes no farther than near_max_distance. When the facts list
#   fewer near sets than the search found, or no near search ran, A is a lower
#   bound and the finding says so. B is
#   /dataset/images. X lies in [0, 1); 0 means no copies. N/A when
#   /duplicates is absent, when it holds neither an exact count nor near
#   copies that can be counted, or when there is no image (B = 0).
# custom:
#   qm: Con-ML-1
#   characteristic: Consistency
#   function: "X = A/B; A = duplicate records (k - 1 per group of k copies), B = records"
#   confidence: Q
#   severity: medium
#   inputs: [/duplicates/exact/extra, /duplicates/near/sets, /duplicates/near/max_distance, /duplicates/near/groups, /duplicates/near/extra, /dataset/images]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#     near_max_distance: largest Hamming distance (of 64 hash bits) inside a near set for its copies to count
package qmcheck.iso.con_ml_1

import data.qmcheck.lib

qm := "Con-ML-1"

t := lib.thresholds(qm)

b := input.dataset.images

near := input.duplicates.near

has_exact if lib.has(["duplicates", "exact", "extra"])

has_near if lib.has(["duplicates", "near"])

# Something was counted: exact copies, or near copies that can be read.
counted if has_exact

counted if _near_mode in {"sets", "extra"}

measured if {
	counted
	b > 0
}

exact := input.duplicates.exact.extra if has_exact

exact := 0 if not has_exact

_exact_text := sprintf("exact %s", [lib.grouped(exact)]) if has_exact

_exact_text := "exact copies not measured (/duplicates/exact/extra)" if not has_exact

# The distance of a near set: its own, else the search's largest distance.
_distance(s) := s.distance

_distance(s) := near.max_distance if {
	object.get(s, "distance", null) == null
	lib.has(["duplicates", "near", "max_distance"])
}

_sets := object.get(near, "sets", [])

_within := [s | some s in _sets; _distance(s) <= t.near_max_distance]

_unknown := [s | some s in _sets; not _distance(s)]

# How the near copies are counted: from the listed sets; from the search's
# own count when it lists no sets but joined no farther than
# near_max_distance; or not at all.
_near_mode := "absent" if not has_near

_near_mode := "sets" if lib.has(["duplicates", "near", "sets"])

_near_mode := "extra" if {
	has_near
	not lib.has(["duplicates", "near", "sets"])
	_extra_usable
}

_near_mode := "unusable" if {
	has_near
	not lib.has(["duplicates", "near", "sets"])
	not _extra_usable
}

_extra_usable if {
	lib.has(["duplicates", "near", "extra"])
	near.max_distance <= t.near_max_distance
}

near_extra := sum([n | some s in _within; n := count(s.ids) - 1]) if _near_mode == "sets"

near_extra := near.extra if _near_mode == "extra"

near_extra := 0 if _near_mode in {"absent", "unusable"}

_near_text := "near copies not measured, /duplicates/near absent" if _near_mode == "absent"

_near_text := concat("", [
	sprintf("near %s from %s of %s sets within hash distance %v", [
		lib.grouped(near_extra), lib.grouped(count(_within)), lib.grouped(count(_sets)), t.near_max_distance,
	]),
	_unknown_text,
	_listed_text,
]) if _near_mode == "sets"

_near_text := sprintf("near %s, sets not listed but the search joined hashes within %v bits", [
	lib.grouped(near_extra), near.max_distance,
]) if _near_mode == "extra"

_near_text := "near copies not counted: no sets listed (/duplicates/near/sets) and no count within the distance" if _near_mode == "unusable"

_unknown_text := "" if count(_unknown) == 0

_unknown_text := sprintf(", %s sets without a distance not counted", [lib.grouped(count(_unknown))]) if count(_unknown) > 0

_listed_text := sprintf(", lower bound: %s of %s near sets listed", [lib.grouped(count(_sets)), lib.grouped(near.groups)]) if {
	_truncated
}

_listed_text := "" if not _truncated

_truncated if near.groups > count(_sets)

a := exact + near_extra

x := a / b

_used := [tokens |
	some tokens in [
		["duplicates", "exact", "extra"],
		["duplicates", "near", "sets"],
		["duplicates", "near", "max_distance"],
		["duplicates", "near", "groups"],
		["duplicates", "near", "extra"],
		["dataset", "images"],
	]
	lib.has(tokens)
]

verdict := lib.na("no duplicate search in the facts (/duplicates absent)") if not lib.has(["duplicates"])

verdict := lib.na("no exact or near duplicate counts in the facts (/duplicates/exact/extra, /duplicates/near)") if {
	lib.has(["duplicates"])
	not counted
}

verdict := lib.na("no images to measure (/dataset/images = 0)") if {
	counted
	b == 0
}

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%s duplicate copies among %s images (%s; %s): %s", [
		lib.grouped(a), lib.grouped(b), _exact_text, _near_text, lib.x_max("X", x, t, 4),
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured
