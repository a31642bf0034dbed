# METADATA
# title: L2 Feature Space Diversity
# description: >-
#   The seed report's Div-ML-1: whether the broad groups of the class
#   taxonomy (biotic, artifact, other) occupy the feature space of a lens in
#   proportion to their weight among the classes. For each group g of
#   /lenses/<lens>/taxonomy_shares and each of the sets densest, sparsest and
#   outliers whose share is given, the gap is |share of the set in g - share of
#   the classes in g|; X is the largest gap, in [0, 1], lower is better (0: every
#   group fills each set in proportion to its classes). The lens is the
#   profile's 'lens' parameter (L2 in the report), or every measured lens when
#   it is empty, the worst lens deciding. N/A when the lens is absent or has no
#   taxonomy shares.
# custom:
#   qm: Div-ML-1
#   characteristic: Diversity
#   function: "X = max over groups g and sets s in {densest, sparsest, outliers} of |share_s(g) - share_classes(g)|"
#   confidence: report
#   severity: high
#   inputs: [/lenses/<lens>/taxonomy_shares, /lenses/<lens>/density/densest/size, /lenses/<lens>/density/sparsest/size, /lenses/<lens>/outliers/count]
#   thresholds:
#     pass_max: largest gap X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read (L2 in the report); empty reads every lens
package qmcheck.dataclinic.div_ml_1

import data.qmcheck.lib

qm := "Div-ML-1"

t := lib.thresholds(qm)

sets := ["densest", "sparsest", "outliers"]

no_lens if not lib.lenses(qm)

no_lens if count(lib.lenses(qm)) == 0

# gaps[l] lists every gap measurable in lens l, largest first.
gaps[l] := sort([[0 - abs(s[f] - s.classes), g, f] |
	some g, s in input.lenses[l].taxonomy_shares
	is_number(s.classes)
	some f in sets
	is_number(s[f])
]) if {
	some l in lib.lenses(qm)
}

measured_lenses := sort([l | some l, gs in gaps; count(gs) > 0])

measured if count(measured_lenses) > 0

x[l] := 0 - gaps[l][0][0] if some l in measured_lenses

x_max := max([v | some v in x])

# the deciding lens: the largest gap, the first lens in order on a tie.
lens := min({l | some l, v in x; v == x_max})

top := gaps[lens][0]

group := top[1]

set := top[2]

word := lib.at_most(x_max, t.pass_max, t.caution_max)

shares := input.lenses[lens].taxonomy_shares[group]

conj := "and" if word == "pass"

conj := "but" if word != "pass"

no_shares := sprintf("no taxonomy shares for lens %s (/lenses/%s/taxonomy_shares)", [l, l]) if {
	[l] := lib.lenses(qm)
}

no_shares := "no taxonomy shares in any lens (/lenses/*/taxonomy_shares)" if count(lib.lenses(qm)) > 1

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na(no_shares) if {
	not no_lens
	not measured
}

verdict := lib.result(
	word,
	x_max,
	sprintf("in lens %s, %s classes are %s of the classes %s %s of %s (gap %s %s %s)", [
		lens, lib.quote(group), lib.pct(shares.classes, 1), conj, lib.pct(shares[set], 1),
		_set_text(lens, set), lib.num(x_max, 2), s[0], lib.num(s[1], 2),
	]),
	[lib.ev(["lenses", l, "taxonomy_shares"]) | some l in measured_lenses],
) if {
	measured
	s := lib.vs_max(x_max, t.pass_max, t.caution_max)
}

# _set_text(l, f) names set f of lens l for a finding, with its size when known.
_set_text(l, "outliers") := sprintf("the %s outliers", [lib.grouped(input.lenses[l].outliers.count)]) if {
	lib.has(["lenses", l, "outliers", "count"])
}

_set_text(l, "outliers") := "the outliers" if not lib.has(["lenses", l, "outliers", "count"])

_set_text(l, f) := sprintf("the %s %s samples", [lib.grouped(input.lenses[l].density[f].size), f]) if {
	f != "outliers"
	lib.has(["lenses", l, "density", f, "size"])
}

_set_text(l, f) := sprintf("the %s samples", [f]) if {
	f != "outliers"
	not lib.has(["lenses", l, "density", f, "size"])
}
