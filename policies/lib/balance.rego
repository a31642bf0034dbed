# Class-balance helpers: the Bal-ML-3 measurement function, shared by iso
# Bal-ML-3 and the dataclinic profile's numeric class balance.
package qmcheck.lib

# class_balance(c, t) judges per-class counts summarised in c (the facts'
# /classes object: mean, min, max, count) against t (pass_min, caution_min for
# X = mean / max|n_k - mean|; ratio_pass_max, ratio_caution_max for
# R = max / min). It returns {"word", "x", "ratio", "text"}; x is null when all
# classes are equal (X unbounded) and ratio is null when a class is empty.
class_balance(c, t) := {"word": worst([x_word, r_word]), "x": x, "ratio": r, "text": text} if {
	dev := max([c.max - c.mean, c.mean - c.min])
	x := _ratio_or_null(c.mean, dev)
	r := _ratio_or_null(c.max, c.min)
	x_word := _band_unbounded_min(x, t.pass_min, t.caution_min)
	r_word := _band_empty_max(r, t.ratio_pass_max, t.ratio_caution_max)
	x_text := _x_text(x, t.pass_min)
	r_text := _r_text(r, t.ratio_pass_max)
	text := sprintf("%s classes, %s-%s images each (mean %s): %s; %s", [
		grouped(c.count), grouped(c.min), grouped(c.max), num(c.mean, 1), x_text, r_text,
	])
}

_ratio_or_null(a, b) := a / b if b != 0

_ratio_or_null(_, 0) := null

_band_unbounded_min(null, _, _) := "pass"

_band_unbounded_min(x, pass, caution) := at_least(x, pass, caution) if x != null

_band_empty_max(null, _, _) := "fail"

_band_empty_max(r, pass, caution) := at_most(r, pass, caution) if r != null

_x_text(null, _) := "X unbounded (all classes equal)"

_x_text(x, limit) := sprintf("X = %s %s %s", [num(x, 3), relation_min(x, limit), num(limit, 3)]) if x != null

_r_text(null, _) := "the smallest class is empty (max/min unbounded)"

_r_text(r, limit) := sprintf("max/min %s %s %s", [num(r, 2), relation_max(r, limit), num(limit, 0)]) if r != null
