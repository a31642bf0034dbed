# METADATA
# title: Cross-split leakage
# description: >-
#   Not an ISO QM (a qmcheck extension): the share of samples with an exact or
#   near copy in another split, which leaks evaluation data into training.
#   A = samples in cross-split duplicate groups (/duplicates/cross_split), B =
#   the dataset's samples (/dataset/images); X = A/B in [0, 1], lower is
#   better. When the groups are listed with their largest pairwise hash
#   distance (/duplicates/cross_split/sets/*/distance), only sets within
#   near_max_distance count (a set without a distance counts as exact) and A
#   is the number of distinct ids in them; if the listed sets hold fewer
#   samples than /duplicates/cross_split/images, A is a lower bound. Without
#   distances A is /duplicates/cross_split/images (or the ids of the listed
#   sets), and when the scan joined hashes farther apart than
#   near_max_distance, A is an upper bound; the finding says which. N/A when
#   the dataset has fewer than two splits (/dataset/splits), when there is no
#   cross-split duplicate scan, when the scan gives no sample count, or when
#   the dataset has no samples.
# custom:
#   qm: QMC-Lkg-1
#   characteristic: Consistency
#   function: "X = A/B; A = samples in cross-split duplicate groups (within near_max_distance), B = samples"
#   confidence: "-"
#   severity: high
#   inputs: [/dataset/splits, /dataset/images, /duplicates/cross_split/images, /duplicates/cross_split/groups, /duplicates/cross_split/sets, /duplicates/cross_split/max_distance]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#     near_max_distance: largest Hamming distance (of 64 bits) at which two copies count as one sample
package qmcheck.iso.qmc_lkg_1

import data.qmcheck.lib

qm := "QMC-Lkg-1"

t := lib.thresholds(qm)

near := t.near_max_distance

splits := lib.sorted_keys(object.get(input, ["dataset", "splits"], {}))

cs := input.duplicates.cross_split

n := input.dataset.images

sets := object.get(cs, "sets", [])

# The sets carry distances: filter them by near_max_distance.
by_distance if {
	some s in sets
	is_number(s.distance)
}

qualifying := [s | some s in sets; object.get(s, "distance", 0) <= near]

listed := {id | some s in sets; some id in s.ids}

# A, the groups it sits in, and what bounds it when it is not exact.
leak := {"samples": count({id | some s in qualifying; some id in s.ids}), "groups": count(qualifying), "tokens": ["duplicates", "cross_split", "sets"]} if by_distance

leak := {"samples": cs.images, "groups": object.get(cs, "groups", count(sets)), "tokens": ["duplicates", "cross_split", "images"]} if {
	not by_distance
	is_number(cs.images)
}

leak := {"samples": count(listed), "groups": count(sets), "tokens": ["duplicates", "cross_split", "sets"]} if {
	not by_distance
	not is_number(object.get(cs, "images", null))
	count(sets) > 0
}

measured if {
	count(splits) >= 2
	leak
	n > 0
}

x := leak.samples / n

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%s of %s samples have a copy in another split (splits %s), in %s %s%s: %s", [
		lib.grouped(leak.samples), lib.grouped(n), lib.names(splits), lib.grouped(leak.groups),
		{true: "group", false: "groups"}[leak.groups == 1], _notes_text, lib.x_max("X", x, t, 6),
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured

_na_reason := "no splits in the facts (/dataset/splits): leakage between splits cannot be measured" if {
	count(splits) == 0
} else := sprintf("the dataset has one split (%s): no leakage possible (/dataset/splits)", [lib.quote(splits[0])]) if {
	count(splits) == 1
} else := "no duplicate scan (/duplicates/cross_split)" if {
	not lib.has(["duplicates", "cross_split"])
} else := "the cross-split scan gives no sample count (/duplicates/cross_split/images, /duplicates/cross_split/sets)" if {
	not leak
} else := "the dataset has no samples (/dataset/images = 0)" if {
	n == 0
}

_notes := [note |
	some note in [_excluded_note, _truncated_note, _unfiltered_note]
	note != ""
]

_notes_text := "" if count(_notes) == 0

_notes_text := sprintf(" (%s)", [concat("; ", _notes)]) if count(_notes) > 0

# Sets farther apart than near_max_distance, left out.
_excluded_note := sprintf("%s %s farther apart than distance %v not counted", [
	lib.grouped(count(sets) - count(qualifying)), {true: "set", false: "sets"}[(count(sets) - count(qualifying)) == 1], near,
]) if {
	by_distance
	count(sets) > count(qualifying)
} else := ""

# The listed sets hold fewer samples than the scan found.
_truncated_note := sprintf("lower bound: the sets list %s of the %s samples the scan found", [
	lib.grouped(count(listed)), lib.grouped(cs.images),
]) if {
	by_distance
	cs.images > count(listed)
} else := ""

# The scan joined hashes farther apart than near_max_distance and the sets
# carry no distance to filter by.
_unfiltered_note := sprintf("upper bound: the scan joined hashes up to distance %v, above %v, and the sets carry no distance", [
	cs.max_distance, near,
]) if {
	not by_distance
	cs.max_distance > near
} else := ""

_used := [tokens |
	some tokens in [["dataset", "images"], ["dataset", "splits"], leak.tokens, ["duplicates", "cross_split", "max_distance"]]
	lib.has(tokens)
]
