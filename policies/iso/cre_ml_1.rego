# METADATA
# title: Values credibility
# description: >-
#   Degree to which data values are regarded as credible (ISO/IEC 5259-2,
#   Cre-ML-1); for images the pixel quality: exposure, blur and information
#   content. An image is not credible when CleanVision's rule for any of four
#   issue types flags it: dark (99th-percentile brightness below dark_p99_max),
#   light (5th-percentile brightness above light_p5_min), blurry (blurry score
#   below blurry_score_max) or low information (entropy below entropy_min
#   bits); brightness is on CleanVision's 0..1 scale. F is the number of
#   distinct sample ids flagged by any of them among the samples listed in
#   /images/quality/<property>/samples, N is /images/count, and X = 1 - F/N in
#   [0, 1]; 1 means no image is flagged. The facts list a property's samples
#   only inside its recording window; when a threshold lies outside that
#   window (or a property has no window and lists fewer than N samples) the
#   count of that issue type is a lower bound, and the finding says so. A
#   property the facts do not carry is reported as not measured. N/A when
#   /images/quality is absent or holds none of the four properties, or when
#   /images/count is absent or 0.
# custom:
#   qm: Cre-ML-1
#   characteristic: Credibility
#   function: "X = A/B; A = credible values, B = values; here X = 1 - F/N, F = images flagged dark, light, blurry or low-information, N = images"
#   confidence: C
#   severity: medium
#   inputs: [/images/count, /images/quality/brightness_p99, /images/quality/brightness_p5, /images/quality/blurry_score, /images/quality/entropy]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
#     dark_p99_max: an image whose 99th-percentile brightness (0..1) is below this is dark
#     light_p5_min: an image whose 5th-percentile brightness (0..1) is above this is light
#     blurry_score_max: an image whose blurry score is below this is blurry
#     entropy_min: an image whose entropy (bits) is below this has low information
package qmcheck.iso.cre_ml_1

import data.qmcheck.lib

qm := "Cre-ML-1"

t := lib.thresholds(qm)

quality := input.images.quality

n := input.images.count

# The four issue types: the property that flags them, on which side of the
# threshold, and how the finding names the rule.
issues := [
	{"name": "dark", "property": "brightness_p99", "side": "below", "sign": 1, "threshold": t.dark_p99_max, "rule": "brightness p99 <", "unit": ""},
	{"name": "light", "property": "brightness_p5", "side": "above", "sign": -1, "threshold": t.light_p5_min, "rule": "brightness p5 >", "unit": ""},
	{"name": "blurry", "property": "blurry_score", "side": "below", "sign": 1, "threshold": t.blurry_score_max, "rule": "blurry score <", "unit": ""},
	{"name": "low information", "property": "entropy", "side": "below", "sign": 1, "threshold": t.entropy_min, "rule": "entropy <", "unit": " bits"},
]

# An issue type is measured when its property lists samples (possibly none).
_listed(i) if lib.has(["images", "quality", i.property, "samples"])

_measured_issues := [i | some i in issues; _listed(i)]

flagged := {i.name: ids |
	some i in _measured_issues

	# sign * value < sign * threshold: below (sign 1) or above (sign -1) it,
	# inline rather than a function of the value (see _ln in bal_ml_8.rego:
	# OPA's call cache is quadratic on many distinct fractions).
	ids := {s.id | some s in quality[i.property].samples; i.sign * s.value < i.sign * i.threshold}
}

all_flagged := union({ids | some ids in flagged})

# _covers(i, w): the recording window w lists every sample the issue's rule
# flags.
_covers(i, w) if {
	i.side == "below"
	w.direction == "below"
	w.bound >= i.threshold
}

_covers(i, w) if {
	i.side == "below"
	w.direction == "outside"
	w.lower >= i.threshold
}

_covers(i, w) if {
	i.side == "above"
	w.direction == "above"
	w.bound <= i.threshold
}

_covers(i, w) if {
	i.side == "above"
	w.direction == "outside"
	w.upper <= i.threshold
}

_complete(i) if {
	_covers(i, quality[i.property].window)
	not _cut(i)
}

# The list was cut: count (when the facts give it) is the number of samples
# inside the window.
_cut(i) if object.get(quality[i.property], "count", 0) > count(quality[i.property].samples)

_complete(i) if {
	not lib.has(["images", "quality", i.property, "window"])
	count(quality[i.property].samples) >= n
}

_issue_text(i) := sprintf("%s %s (%s %v%s)", [i.name, lib.grouped(count(flagged[i.name])), i.rule, i.threshold, i.unit]) if {
	_listed(i)
	_complete(i)
}

_issue_text(i) := sprintf("%s %s (%s %v%s; lower bound: threshold outside the recorded window)", [
	i.name, lib.grouped(count(flagged[i.name])), i.rule, i.threshold, i.unit,
]) if {
	_listed(i)
	not _complete(i)
}

_issue_text(i) := sprintf("%s not measured", [i.name]) if not _listed(i)

_once := "" if sum([count(ids) | some ids in flagged]) == count(all_flagged)

_once := " (counted once each)" if sum([count(ids) | some ids in flagged]) > count(all_flagged)

measured if {
	count(_measured_issues) > 0
	_counted
}

x := 1 - (count(all_flagged) / n)

_used := array.concat([["images", "count"]], [tokens |
	some i in _measured_issues
	some key in ["window", "samples"]
	tokens := ["images", "quality", i.property, key]
	lib.has(tokens)
])

verdict := lib.na("no image quality properties in the facts (/images/quality absent)") if not lib.has(["images", "quality"])

verdict := lib.na("none of CleanVision's properties listed in the facts (/images/quality/{brightness_p99,brightness_p5,blurry_score,entropy}/samples)") if {
	lib.has(["images", "quality"])
	count(_measured_issues) == 0
}

verdict := lib.na("no count of measured images to divide by (/images/count absent or 0)") if {
	count(_measured_issues) > 0
	not _counted
}

_counted if n > 0

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s of %s images flagged%s: %s; %s", [
		lib.grouped(count(all_flagged)), lib.grouped(n), _once,
		concat(", ", [_issue_text(i) | some i in issues]),
		lib.x_min("X", x, t, 4),
	]),
	[lib.ev(tokens) | some tokens in _used],
) if measured
