package qmcheck.iso.cre_ml_1_test

import data.qmcheck.iso.cre_ml_1

profile := {"qm": {"Cre-ML-1": {"thresholds": {
	"pass_min": 0.98, "caution_min": 0.95,
	"dark_p99_max": 0.32, "light_p5_min": 0.95, "blurry_score_max": 0.29, "entropy_min": 3.0,
}}}}

quality := {
	"brightness_p99": {
		"window": {"direction": "below", "bound": 0.5},
		"samples": [{"id": "a", "value": 0.1}, {"id": "b", "value": 0.31}, {"id": "c", "value": 0.4}],
	},
	"brightness_p5": {
		"window": {"direction": "above", "bound": 0.8},
		"samples": [{"id": "d", "value": 0.97}, {"id": "e", "value": 0.9}],
	},
	"blurry_score": {
		"window": {"direction": "below", "bound": 0.5},
		"samples": [{"id": "a", "value": 0.1}, {"id": "f", "value": 0.2}],
	},
	"entropy": {
		"window": {"direction": "below", "bound": 4},
		"samples": [{"id": "g", "value": 2.5}, {"id": "h", "value": 3.5}],
	},
}

test_pass_counts_distinct_ids if {
	# dark a, b; light d; blurry a, f; low information g -> {a, b, d, f, g} = 5 of 1,000
	v := cre_ml_1.verdict with input as {"images": {"count": 1000, "quality": quality}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0.995
	v.finding == "5 of 1,000 images flagged (counted once each): dark 2 (brightness p99 < 0.32), light 1 (brightness p5 > 0.95), blurry 2 (blurry score < 0.29), low information 1 (entropy < 3 bits); X = 0.9950 >= 0.9800"
	v.evidence[0] == {"fact": "/images/count", "value": 1000}
	count(v.evidence) == 9
}

test_caution if {
	v := cre_ml_1.verdict with input as {"images": {"count": 200, "quality": quality}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.975
}

test_fail_lower_bound_and_unmeasured if {
	# dark threshold 0.6 lies outside the window (below 0.5): a lower bound;
	# entropy and blurry are not measured.
	q := {"brightness_p99": quality.brightness_p99, "brightness_p5": quality.brightness_p5}
	v := cre_ml_1.verdict with input as {"images": {"count": 40, "quality": q}}
		with data.profile as json.patch(profile, [{"op": "replace", "path": "/qm/Cre-ML-1/thresholds/dark_p99_max", "value": 0.6}])
	v.verdict == "fail"
	v.value == 0.9
	v.finding == "4 of 40 images flagged: dark 3 (brightness p99 < 0.6; lower bound: threshold outside the recorded window), light 1 (brightness p5 > 0.95), blurry not measured, low information not measured; X = 0.9000 < 0.9500"
}

test_window_outside_and_missing if {
	q := {
		"brightness_p5": {"window": {"direction": "outside", "lower": 0.1, "upper": 0.9}, "samples": [{"id": "x", "value": 0.99}]},
		"entropy": {"samples": [{"id": "y", "value": 1}]},
	}
	v := cre_ml_1.verdict with input as {"images": {"count": 100, "quality": q}}
		with data.profile as profile
	v.value == 0.98
	contains(v.finding, "light 1 (brightness p5 > 0.95), ")
	contains(v.finding, "low information 1 (entropy < 3 bits; lower bound: threshold outside the recorded window)")
}

test_na_without_quality if {
	v := cre_ml_1.verdict with input as {"images": {"count": 10}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no image quality properties in the facts (/images/quality absent)"
}

test_na_without_the_four_properties if {
	v := cre_ml_1.verdict with input as {"images": {"count": 10, "quality": {"laplacian_var": {"samples": []}, "entropy": {"stats": {"mean": 7}}}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "none of CleanVision's properties listed in the facts (/images/quality/{brightness_p99,brightness_p5,blurry_score,entropy}/samples)"
}

test_na_without_count if {
	v := cre_ml_1.verdict with input as {"images": {"quality": quality}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no count of measured images to divide by (/images/count absent or 0)"
	v0 := cre_ml_1.verdict with input as {"images": {"count": 0, "quality": quality}} with data.profile as profile
	v0.verdict == "na"
}
