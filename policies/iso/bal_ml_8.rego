# METADATA
# title: Label distribution balance
# description: >-
#   Divergence between the label distribution and a uniform distribution
#   (ISO/IEC 5259-2, Bal-ML-8); the standard does not fix the divergence.
#   Here it is the Kullback-Leibler divergence from uniform normalised to
#   [0, 1]: D = KL(p || uniform) / ln K = 1 - H(p) / ln K, with
#   p_k = n_k / sum(n) over the per-class counts of /classes/counts, K the
#   number of classes with a count (empty classes included) and
#   H(p) = -sum p_k ln p_k (an empty class contributes 0). D = 0 is a uniform
#   distribution, D = 1 puts every label in one class; lower is better. With a
#   single class (K = 1) the distribution is trivially uniform and D = 0. N/A
#   when /classes/counts is absent (the reason says when only a summary is
#   present) or counts no label.
# custom:
#   qm: Bal-ML-8
#   characteristic: Balance
#   function: "D = 1 - H(p)/ln K, p_k = n_k / sum(n), H(p) = -sum_k p_k ln p_k (divergence(p, uniform); the divergence function is not specified)"
#   confidence: C
#   severity: medium
#   inputs: [/classes/counts]
#   thresholds:
#     pass_max: D at or below this passes
#     caution_max: D at or below this (above pass_max) is a caution; above it fails
package qmcheck.iso.bal_ml_8

import data.qmcheck.lib

qm := "Bal-ML-8"

t := lib.thresholds(qm)

counts := input.classes.counts

k := count(counts)

total := sum([n | some n in counts])

measured if total > 0

# H = -sum p_k ln p_k = ln S - (sum n_k ln n_k) / S, S = sum n_k: ln is taken
# of whole counts (see _ln).
h := _ln(total) - (sum([v | some n in counts; n > 0; v := n * _ln(n)]) / total)

ln_k := _ln(k)

# 1 - H/ln K; rounding leaves ~1e-16 when the classes are equal: below
# 1e-12 it is 0.
d := 0 if {
	k > 1
	1 - (h / ln_k) < 1e-12
}

d := 1 - (h / ln_k) if {
	k > 1
	1 - (h / ln_k) >= 1e-12
}

d := 0 if k == 1

_largest := sort([[0 - n, c] | some c, n in counts])[0]

_smallest := sort([[n, c] | some c, n in counts])[0]

_sizes := sprintf("every class %s", [lib.grouped(_smallest[0])]) if {
	_smallest[0] == 0 - _largest[0]
} else := sprintf("largest %s %s, smallest %s %s", [
	lib.quote(_largest[1]), lib.grouped(0 - _largest[0]),
	lib.quote(_smallest[1]), lib.grouped(_smallest[0]),
])

_summary_fields := [f | some f in ["mean", "std", "min", "max"]; lib.has(["classes", f])]

verdict := lib.na("per-class counts absent (/classes/counts); only a summary (mean, std, min, max)") if {
	not lib.has(["classes", "counts"])
	count(_summary_fields) > 0
}

verdict := lib.na("per-class counts absent (/classes/counts)") if {
	not lib.has(["classes", "counts"])
	count(_summary_fields) == 0
}

verdict := lib.na("per-class counts hold no label (/classes/counts empty or all 0)") if {
	lib.has(["classes", "counts"])
	not measured
}

verdict := lib.result(
	lib.at_most(d, t.pass_max, t.caution_max),
	d,
	sprintf("1 class (%s, %s labels): a single class is trivially uniform (K = 1), %s", [
		lib.quote(_smallest[1]), lib.grouped(total), lib.x_max("D", d, t, 4),
	]),
	[lib.ev(["classes", "counts"])],
) if {
	measured
	k == 1
}

verdict := lib.result(
	lib.at_most(d, t.pass_max, t.caution_max),
	d,
	sprintf("%s classes, %s labels (%s): H = %s nats of ln K = %s; %s", [
		lib.grouped(k), lib.grouped(total), _sizes,
		lib.num(h, 4), lib.num(ln_k, 4), lib.x_max("D", d, t, 4),
	]),
	[lib.ev(["classes", "counts"])],
) if {
	measured
	k > 1
}

# _ln(x) is the natural logarithm of x > 0 (Rego has no log builtin),
# accurate to about 1e-15 on (0, 1]. With u = min(x, 1/x) in (0, 1],
# u = m * 2^-e with m in [1/sqrt 2, sqrt 2) (e from the bit length of
# floor(1/u)); ln m = 2 atanh(z), z = (m-1)/(m+1), |z| <= 0.1716, by its series
# to the z^17 term (the first term left out is below 1e-15); ln x = +-ln u.
# One body without nested calls: OPA caches function calls keyed by their
# arguments and hashes every number in (0, 1) alike, so calls on many
# distinct fractions would cost quadratic time; callers should pass integers
# or few distinct fractions.
_ln(x) := {true: lu, false: 0 - lu}[x <= 1] if {
	x > 0
	u := min([x, 1 / x])
	l := count(format_int(1 / u, 2))
	m0 := u * bits.lsh(1, l - 1)
	low := m0 < 0.7071067811865476
	m := {true: 2 * m0, false: m0}[low]
	e := {true: l, false: l - 1}[low]
	z := (m - 1) / (m + 1)
	z2 := z * z
	s := 1 + (z2 * (0.3333333333333333 + (z2 * (0.2 + (z2 * (0.14285714285714285 + (z2 * (0.1111111111111111 + (z2 * (0.09090909090909091 + (z2 * (0.07692307692307693 + (z2 * (0.06666666666666667 + (z2 * 0.058823529411764705)))))))))))))))
	lu := ((2 * z) * s) - (e * 0.6931471805599453)
}
