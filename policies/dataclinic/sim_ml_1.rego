# METADATA
# title: Within-Class Similarity
# description: >-
#   The seed report's Sim-ML-1: whether the samples of each class resemble
#   one another more than the dataset as a whole does. A class is not
#   cohesive in a lens when its mean within-class cosine similarity
#   (/lenses/<lens>/similarity/within/per_class) is no higher than the
#   lens's dataset-wide mean pairwise similarity (/similarity/within/dataset).
#   X = share of the measured classes that are not cohesive, in [0, 1], lower
#   is better; the worst lens decides. Read lenses: the profile's 'lens'
#   parameter, or every lens when it is empty. N/A when no read lens has both
#   figures (the report's case: an exhaustive measurement over 1,000 classes
#   was not made).
# custom:
#   qm: Sim-ML-1
#   characteristic: Similarity
#   function: "X = A/B; A = classes c with within(c) <= within(dataset), B = classes with a within-class similarity; worst lens"
#   confidence: report
#   severity: medium
#   inputs: [/lenses/<lens>/similarity/within/per_class, /lenses/<lens>/similarity/within/dataset]
#   thresholds:
#     pass_max: share X of non-cohesive classes at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read; empty reads every lens
package qmcheck.dataclinic.sim_ml_1

import data.qmcheck.lib

qm := "Sim-ML-1"

t := lib.thresholds(qm)

no_lens if not lib.lenses(qm)

no_lens if count(lib.lenses(qm)) == 0

# within[l] is the within-class similarity of each read lens that has both
# per-class values and the dataset-wide baseline.
within[l] := w if {
	some l in lib.lenses(qm)
	w := input.lenses[l].similarity.within
	count(object.get(w, "per_class", {})) > 0
	is_number(w.dataset)
}

measured_lenses := lib.sorted_keys(within)

measured if count(measured_lenses) > 0

# weak[l] lists the classes of lens l that are not cohesive, least similar
# first: [similarity, class].
weak[l] := sort([[s, c] | some c, s in w.per_class; s <= w.dataset]) if some l, w in within

x[l] := count(weak[l]) / count(within[l].per_class) if some l in measured_lenses

x_max := max([v | some v in x])

# the deciding lens: the largest share, the first lens in order on a tie.
lens := min({l | some l, v in x; v == x_max})

n := count(weak[lens])

classes := count(within[lens].per_class)

shown := [e[1] | some e in array.slice(weak[lens], 0, 5)]

listing := lib.names(shown) if n <= 5

listing := sprintf("%s and %d more", [concat(", ", [lib.quote(c) | some c in shown]), n - 5]) if n > 5

finding := sprintf("in lens %s, %s of %s classes (%s) are no more similar inside than the dataset-wide mean cosine %s: %s (%s %s)", [
	lens, lib.grouped(n), lib.grouped(classes), lib.pct(x_max, 2), lib.num(within[lens].dataset, 3), listing, s[0], lib.pct(s[1], 2),
]) if {
	n > 0
	s := lib.vs_max(x_max, t.pass_max, t.caution_max)
}

finding := sprintf("in lens %s, all %s classes are more similar inside than the dataset-wide mean cosine %s (0.00%% <= %s)", [
	lens, lib.grouped(classes), lib.num(within[lens].dataset, 3), lib.pct(t.pass_max, 2),
]) if n == 0

evidence := array.concat(
	[lib.ev(["lenses", l, "similarity", "within", "dataset"]) | some l in measured_lenses],
	[lib.ev(["lenses", lens, "similarity", "within", "per_class", c]) | some c in shown],
)

not_measured := sprintf("within-class similarity not measured for lens %s (/lenses/%s/similarity/within)", [l, l]) if {
	[l] := lib.lenses(qm)
}

not_measured := "within-class similarity not measured in any lens (/lenses/*/similarity/within)" if count(lib.lenses(qm)) > 1

verdict := lib.na(lib.lens_missing(qm)) if no_lens

verdict := lib.na(not_measured) if {
	not no_lens
	not measured
}

verdict := lib.result(lib.at_most(x_max, t.pass_max, t.caution_max), x_max, finding, evidence) if measured
