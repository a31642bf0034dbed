# Lens helpers shared by several policies.
package qmcheck.lib

# densest_dominance(qm, fallback) judges the share of a lens's K densest
# ("most typical") samples taken by their most frequent class,
# X = top_count / size, against the QM's pass_max and caution_max. The lens
# is the QM's 'lens' parameter, else fallback. Used by the dataclinic
# profile's Rep-ML-1 (lens L2) and Rep-ML-3 (lens L3).
densest_dominance(qm, fallback) := na(sprintf("no densest-sample set for lens %s (/lenses/%s/density/densest)", [quote(lens), lens])) if {
	lens := param(qm, "lens", fallback)
	not _densest_measured(lens)
}

densest_dominance(qm, fallback) := result(
	at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%d of the %d densest samples in lens %s are %s (%s %s %s)", [
		d.top_count, d.size, lens, quote(d.top_class),
		num(x, 2), s[0], num(s[1], 2),
	]),
	[
		ev(["lenses", lens, "density", "densest", "top_class"]),
		ev(["lenses", lens, "density", "densest", "top_count"]),
		ev(["lenses", lens, "density", "densest", "size"]),
	],
) if {
	lens := param(qm, "lens", fallback)
	_densest_measured(lens)
	t := thresholds(qm)
	d := input.lenses[lens].density.densest
	x := d.top_count / d.size
	s := vs_max(x, t.pass_max, t.caution_max)
}

_densest_measured(lens) if {
	d := input.lenses[lens].density.densest
	d.top_class
	d.top_count
	d.size > 0
}
