# METADATA
# title: Risk of dataset inaccuracy
# description: >-
#   Potential risk arising from inaccurate data values (ISO/IEC 5259-2,
#   Acc-ML-4, after ISO/IEC 25024 Acc-I-4: outliers); a risk measure, lower is
#   better. An outlying data item is a sample that an embedding lens places far
#   from its neighbours: its mean k-NN distance lies above the lens's outlier
#   fence (cleanlab's rule, /lenses/<lens>/outliers). For each lens read, X_l
#   is the outlier count over the samples the lens embeds; X is the largest
#   X_l (the worst lens decides, ties to the first lens by name), in [0, 1].
#   The finding names the deciding lens and, when the facts count outliers by
#   class, the classes that hold most of them. N/A when no lens is measured
#   (or the lens the profile names is absent), or when no lens read carries an
#   outlier count with its sample count; a lens that only names outlier
#   classes is quoted in the reason.
# custom:
#   qm: Acc-ML-4
#   characteristic: Accuracy
#   function: "X = A/B; A = outlying data items, B = data items; X = max over lenses of outliers/count / samples"
#   confidence: P
#   severity: medium
#   inputs: [/lenses/<lens>/outliers/count, /lenses/<lens>/samples, /lenses/<lens>/outliers/classes, /lenses/<lens>/outliers/named_classes]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read; empty reads every measured lens and the worst decides
package qmcheck.iso.acc_ml_4

import data.qmcheck.lib

qm := "Acc-ML-4"

t := lib.thresholds(qm)

lenses := lib.lenses(qm)

has_lens if count(lenses) > 0

_counted(l) if {
	lib.has(["lenses", l, "outliers", "count"])
	input.lenses[l].samples > 0
}

measured_lenses := [l | some l in lenses; _counted(l)]

measured if count(measured_lenses) > 0

xs := {l: v |
	some l in measured_lenses
	v := input.lenses[l].outliers.count / input.lenses[l].samples
}

x := max([v | some v in xs])

# The deciding lens: the worst, first by name on a tie.
lens := [l | some l in measured_lenses; xs[l] == x][0]

# Up to three classes holding the most outliers of the deciding lens.
_classes := object.get(input.lenses[lens].outliers, "classes", {})

_top := [sprintf("%s %s", [lib.quote(pair[1]), lib.grouped(0 - pair[0])]) |
	some pair in array.slice(sort([[0 - c, k] | some k, c in _classes]), 0, 3)
]

_top_text := "" if count(_top) == 0

_top_text := sprintf(" (most in %s)", [concat(", ", _top)]) if count(_top) > 0

_also := "" if count(measured_lenses) == 1

_also := sprintf("; also %s", [concat(", ", [sprintf("lens %s %s", [l, lib.num(xs[l], 4)]) | some l in measured_lenses; l != lens])]) if {
	count(measured_lenses) > 1
}

# Why a lens gives no outlier share.
_why(l) := sprintf("lens %s names low-density outlier classes (%s) but no outlier count (/lenses/%s/outliers/count)", [l, _listed(input.lenses[l].outliers.named_classes), l]) if {
	not lib.has(["lenses", l, "outliers", "count"])
	count(object.get(input.lenses[l], ["outliers", "named_classes"], [])) > 0
}

_why(l) := sprintf("lens %s has no outlier count (/lenses/%s/outliers/count)", [l, l]) if {
	not lib.has(["lenses", l, "outliers", "count"])
	count(object.get(input.lenses[l], ["outliers", "named_classes"], [])) == 0
}

_why(l) := sprintf("lens %s has an outlier count but no sample count (/lenses/%s/samples absent or 0)", [l, l]) if {
	lib.has(["lenses", l, "outliers", "count"])
	not _counted(l)
}

# _listed(xs) quotes up to five names, with "..." when there are more.
_listed(names) := concat(", ", [lib.quote(s) | some s in names]) if count(names) <= 5

_listed(names) := concat(", ", array.concat([lib.quote(s) | some s in array.slice(names, 0, 5)], ["..."])) if count(names) > 5

_used := [tokens |
	some l in measured_lenses
	some tokens in [["lenses", l, "outliers", "count"], ["lenses", l, "samples"], ["lenses", l, "outliers", "classes"]]
	lib.has(tokens)
]

verdict := lib.na(lib.lens_missing(qm)) if not has_lens

verdict := lib.na(concat("; ", [_why(l) | some l in lenses])) if {
	has_lens
	not measured
}

verdict := lib.result(
	lib.worst([lib.at_most(v, t.pass_max, t.caution_max) | some v in xs]),
	x,
	sprintf("lens %s: %s of %s samples are outliers%s: %s%s", [
		lens, lib.grouped(input.lenses[lens].outliers.count), lib.grouped(input.lenses[lens].samples),
		_top_text, lib.x_max("X", x, t, 4), _also,
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured
