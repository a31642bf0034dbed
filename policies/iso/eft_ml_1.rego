# METADATA
# title: Feature effectiveness
# description: >-
#   Share of samples whose features are acceptable for the ML task (ISO/IEC
#   5259-2, Effectiveness). Here a sample's features are acceptable when its
#   file decodes, its short side reaches min_side pixels and its entropy
#   reaches entropy_min bits (CleanVision's low-information bar). B = samples
#   considered (/integrity/files, or /images/count when the collector did not
#   count files); A = decoded samples (/integrity/decoded, or /images/count)
#   less the distinct ids listed in /images/quality/short_side/samples with
#   value < min_side or in /images/quality/entropy/samples with value <
#   entropy_min. X = A/B in [0, 1] (A floored at 0), higher is better. The
#   facts list only the samples inside each property's recording window; when
#   a threshold lies outside the window (and the property's stats/min does not
#   show that no value is below it), or one of the two properties was not
#   measured, the flagged counts are lower bounds, X an upper bound, and the
#   finding says so. N/A when /images/quality is absent or holds neither
#   property, when no sample count exists, or when B = 0. The evidence lists
#   at most 20 flagged samples per property.
# custom:
#   qm: Eft-ML-1
#   characteristic: Effectiveness
#   function: "X = A/B; A = samples with acceptable features (decoded, short side >= min_side, entropy >= entropy_min), B = samples"
#   confidence: C
#   severity: medium
#   inputs: [/integrity/files, /integrity/decoded, /images/count, /images/quality/short_side, /images/quality/entropy]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
#     min_side: a sample whose short side is below this many pixels has unacceptable features
#     entropy_min: a sample whose entropy is below this many bits has unacceptable features
package qmcheck.iso.eft_ml_1

import data.qmcheck.lib

qm := "Eft-ML-1"

t := lib.thresholds(qm)

q := input.images.quality

# The denominator: files the collector considered, else the images measured.
b_tokens := ["integrity", "files"] if lib.has(["integrity", "files"])

b_tokens := ["images", "count"] if {
	not lib.has(["integrity", "files"])
	lib.has(["images", "count"])
}

decoded_tokens := ["integrity", "decoded"] if lib.has(["integrity", "decoded"])

decoded_tokens := ["images", "count"] if {
	not lib.has(["integrity", "decoded"])
	lib.has(["images", "count"])
}

b := object.get(input, b_tokens, null)

decoded := object.get(input, decoded_tokens, null)

# The per-image properties checked, in finding order, with their limits.
checks := ["short_side", "entropy"]

limit := {"short_side": t.min_side, "entropy": t.entropy_min}

props := [k | some k in checks; is_object(q[k])]

# flagged[k]: indices of the listed samples of property k below its limit.
flagged := {k: idx |
	some k in props
	idx := [i | some i, s in object.get(q[k], "samples", []); s.value < limit[k]]
}

bad := {q[k].samples[i].id | some k, idx in flagged; some i in idx}

measured if {
	count(props) > 0
	b > 0
	is_number(decoded)
}

a := max([0, decoded - count(bad)])

x := a / b

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s samples have acceptable features (%s decoded; %s; %s distinct)%s: %s", [
		lib.grouped(a), lib.grouped(b), lib.grouped(decoded),
		concat(", ", [_check_text(k) | some k in checks]),
		lib.grouped(count(bad)), _bound_text, lib.x_min("X", x, t, 4),
	]),
	array.concat(
		[lib.ev(tokens) | some tokens in _used],
		[lib.ev(["images", "quality", k, "samples", i]) | some k in props; some i in array.slice(flagged[k], 0, 20)],
	),
) if measured

_na_reason := "no image quality measurement (/images/quality)" if {
	not lib.has(["images", "quality"])
} else := "no short-side or entropy measurement (/images/quality/short_side, /images/quality/entropy)" if {
	count(props) == 0
} else := "no sample count (/integrity/files, /images/count)" if {
	not b_tokens
} else := sprintf("no samples to measure (%s = 0)", [lib.ptr(b_tokens)]) if {
	b == 0
} else := "no count of decoded samples (/integrity/decoded, /images/count)" if {
	not decoded_tokens
}

_check_text(k) := sprintf("%s with %s", [lib.grouped(count(flagged[k])), _rule_text(k)]) if flagged[k]

_check_text(k) := sprintf("%s not measured (%s)", [_name[k], lib.ptr(["images", "quality", k])]) if not flagged[k]

_name := {"short_side": "short side", "entropy": "entropy"}

_rule_text("short_side") := sprintf("short side < %v px", [t.min_side])

_rule_text("entropy") := sprintf("entropy < %v bits", [t.entropy_min])

# A property's list holds every sample below the limit when the recording
# window reaches the limit and the list was not cut (count, when the facts
# give it, is the number of samples inside the window), or when its minimum
# is not below the limit.
_complete(k) if {
	q[k].window.direction == "below"
	limit[k] <= q[k].window.bound
	not _cut(k)
}

_complete(k) if {
	q[k].window.direction == "outside"
	limit[k] <= q[k].window.lower
	not _cut(k)
}

_cut(k) if object.get(q[k], "count", 0) > count(object.get(q[k], "samples", []))

_complete(k) if q[k].stats.min >= limit[k]

_gaps := [_gap_text(k) | some k in checks; not _complete(k)]

_gap_text(k) := sprintf("%s not measured", [_name[k]]) if not flagged[k]

_gap_text(k) := sprintf("%s lists only values %s", [lib.ptr(["images", "quality", k]), _window_text(q[k])]) if {
	flagged[k]
	is_object(q[k].window)
}

_gap_text(k) := sprintf("%s has no recording window", [lib.ptr(["images", "quality", k])]) if {
	flagged[k]
	not q[k].window
}

_window_text(p) := sprintf("%s %v", [p.window.direction, object.get(p.window, "bound", "?")]) if {
	p.window.direction in {"below", "above"}
}

_window_text(p) := sprintf("outside [%v, %v]", [object.get(p.window, "lower", "?"), object.get(p.window, "upper", "?")]) if {
	p.window.direction == "outside"
}

_bound_text := "" if count(_gaps) == 0

_bound_text := sprintf("; flagged counts are lower bounds (%s)", [concat("; ", _gaps)]) if count(_gaps) > 0

_read := array.concat(
	[b_tokens, decoded_tokens],
	[["images", "quality", k, f] | some k in props; some f in ["window", "stats"]],
)

_used := [tokens |
	some i, tokens in _read
	lib.has(tokens)
	not tokens in array.slice(_read, 0, i)
]
