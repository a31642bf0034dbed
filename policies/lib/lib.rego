# METADATA
# title: qmcheck policy helpers
# description: >-
#   Shared helpers for the QM policies: reading the profile's thresholds and
#   parameters, turning a value into a verdict word against a band, building
#   the verdict object, formatting numbers for findings, and JSON pointers for
#   evidence. Helpers judge nothing on their own and measure nothing.
package qmcheck.lib

# Verdict words, best first. "error" is reserved for the evaluator.
words := ["pass", "caution", "fail"]

# thresholds(qm) is the profile's threshold table of the QM.
thresholds(qm) := data.profile.qm[qm].thresholds

# param(qm, key, fallback) is a profile parameter of the QM, or fallback.
param(qm, key, fallback) := object.get(data.profile.qm, [qm, "params", key], fallback)

# at_least(x, pass, caution) bands a higher-is-better value:
# x >= pass passes, pass > x >= caution is a caution, x < caution fails.
at_least(x, pass, _) := "pass" if x >= pass

at_least(x, pass, caution) := "caution" if {
	x < pass
	x >= caution
}

at_least(x, _, caution) := "fail" if x < caution

# at_most(x, pass, caution) bands a lower-is-better value:
# x <= pass passes, pass < x <= caution is a caution, x > caution fails.
at_most(x, pass, _) := "pass" if x <= pass

at_most(x, pass, caution) := "caution" if {
	x > pass
	x <= caution
}

at_most(x, _, caution) := "fail" if x > caution

# worst(ws) is the worst verdict word in ws (fail > caution > pass).
worst(ws) := "fail" if {
	"fail" in ws
} else := "caution" if {
	"caution" in ws
} else := "pass"

# relation(word) is the comparison sign a finding shows for a band.
relation_min(x, limit) := ">=" if x >= limit

relation_min(x, limit) := "<" if x < limit

relation_max(x, limit) := "<=" if x <= limit

relation_max(x, limit) := ">" if x > limit

# result builds the verdict object a QM rule returns.
result(word, value, finding, evidence) := {
	"verdict": word,
	"value": value,
	"finding": finding,
	"evidence": evidence,
}

# na(reason) is the N/A verdict: the facts it needs are absent.
na(reason) := {
	"verdict": "na",
	"value": null,
	"finding": reason,
	"evidence": [],
}

# ev(tokens) is one evidence entry: the JSON pointer of a fact and its value.
ev(tokens) := {"fact": ptr(tokens), "value": object.get(input, tokens, null)}

# ptr(tokens) renders reference tokens as an RFC 6901 JSON pointer.
ptr(tokens) := concat("", [sprintf("/%s", [escape(t)]) | some t in tokens])

escape(t) := replace(replace(sprintf("%v", [t]), "~", "~0"), "/", "~1")

# has(tokens) is true when the fact at tokens is present (and not null).
has(tokens) if object.get(input, tokens, null) != null

# num(x, d) formats x with d decimals (sprintf's %f refuses integers).
num(x, 0) := format_int(round(x), 10)

num(x, d) := concat(".", [format_int(x, 10), substring("0000000000", 0, d)]) if {
	d > 0
	x == floor(x)
}

num(x, d) := sprintf(concat("", ["%.", format_int(d, 10), "f"]), [x]) if {
	d > 0
	x != floor(x)
}

# pct(x, d) formats a share as a percentage with d decimals.
pct(x, d) := concat("", [num(x * 100, d), "%"])

# grouped(n) formats a whole number with thousands separators: 1,431,167.
grouped(n) := concat("", [sign, concat(",", groups)]) if {
	digits := format_int(abs(n), 10)
	l := count(digits)
	head := l % 3
	lead := [substring(digits, 0, head) | head > 0]
	rest := [substring(digits, i, 3) | some i in numbers.range(0, l - 1); i >= head; (i - head) % 3 == 0]
	groups := array.concat(lead, rest)
	sign := {true: "-", false: ""}[n < 0]
}

# quote(s) wraps a name in single quotes for findings.
quote(s) := concat("", ["'", s, "'"])

# names(xs) joins quoted names for a finding: 'a', 'b' and 'c'.
names(xs) := join([quote(x) | some x in xs], 0)

# sorted_keys(obj) lists an object's keys in order.
sorted_keys(obj) := sort([k | some k, _ in obj])

# lenses(qm) names the lenses a QM reads: the profile parameter 'lens' when
# set (and measured), otherwise every measured lens, sorted.
lenses(qm) := [l] if {
	l := param(qm, "lens", "")
	l != ""
	input.lenses[l]
}

lenses(qm) := sorted_keys(object.get(input, "lenses", {})) if param(qm, "lens", "") == ""

# lens_missing(qm) explains why no lens can be read.
lens_missing(qm) := sprintf("no embedding lens named %s in the facts (/lenses)", [quote(param(qm, "lens", ""))]) if {
	param(qm, "lens", "") != ""
} else := "no embedding lens measured (/lenses absent)"

# vs_min(x, pass, caution) is the comparison a finding shows for a
# higher-is-better x: the sign and the bound that decided its band —
# [">=", pass] when it passes, ["<", pass] for a caution, ["<", caution]
# when it fails.
vs_min(x, pass, _) := [">=", pass] if x >= pass

vs_min(x, pass, caution) := ["<", pass] if {
	x < pass
	x >= caution
}

vs_min(x, _, caution) := ["<", caution] if x < caution

# vs_max(x, pass, caution) is vs_min for a lower-is-better x: ["<=", pass],
# [">", pass] or [">", caution].
vs_max(x, pass, _) := ["<=", pass] if x <= pass

vs_max(x, pass, caution) := [">", pass] if {
	x > pass
	x <= caution
}

vs_max(x, _, caution) := [">", caution] if x > caution

# x_min(sym, x, t, d) shows a higher-is-better x against the bound of
# t (pass_min, caution_min) that decided its band: "X = 0.9843 < 0.9900".
x_min(sym, x, t, d) := sprintf("%s = %s %s %s", [sym, num(x, d), s[0], num(s[1], d)]) if {
	s := vs_min(x, t.pass_min, t.caution_min)
}

# x_max(sym, x, t, d) is x_min for a lower-is-better x and t (pass_max,
# caution_max): "X = 0.118 > 0.100".
x_max(sym, x, t, d) := sprintf("%s = %s %s %s", [sym, num(x, d), s[0], num(s[1], d)]) if {
	s := vs_max(x, t.pass_max, t.caution_max)
}

# join(items, more) joins finding fragments: "a", "a and b", "a, b and c";
# with more > 0 left out: "a, b and 3 more".
join(items, 0) := items[0] if count(items) == 1

join(items, 0) := concat(" and ", [concat(", ", array.slice(items, 0, count(items) - 1)), items[count(items) - 1]]) if {
	count(items) > 1
}

join(items, more) := sprintf("%s and %d more", [concat(", ", items), more]) if more > 0
