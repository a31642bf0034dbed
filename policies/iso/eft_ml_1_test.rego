package qmcheck.iso.eft_ml_1_test

import data.qmcheck.iso.eft_ml_1

profile := {"qm": {"Eft-ML-1": {"thresholds": {"pass_min": 0.99, "caution_min": 0.95, "min_side": 16, "entropy_min": 3.0}}}}

quality(short, entropy) := {
	"short_side": {"window": {"direction": "below", "bound": 64}, "samples": short},
	"entropy": {"window": {"direction": "below", "bound": 4.5}, "samples": entropy},
}

facts(files, decoded, short, entropy) := {
	"integrity": {"files": files, "decoded": decoded},
	"images": {"count": decoded, "quality": quality(short, entropy)},
}

test_pass_with_overlap if {
	v := eft_ml_1.verdict with input as facts(
		1000, 999,
		[{"id": "a.jpg", "value": 12}, {"id": "b.jpg", "value": 40}],
		[{"id": "a.jpg", "value": 1.5}, {"id": "c.jpg", "value": 3.5}],
	)
		with data.profile as profile
	v.verdict == "pass"
	v.value == 998 / 1000
	v.finding == "998 of 1,000 samples have acceptable features (999 decoded; 1 with short side < 16 px, 1 with entropy < 3 bits; 1 distinct): X = 0.9980 >= 0.9900"
	v.evidence[0] == {"fact": "/integrity/files", "value": 1000}
	v.evidence[1] == {"fact": "/integrity/decoded", "value": 999}
	{"fact": "/images/quality/short_side/samples/0", "value": {"id": "a.jpg", "value": 12}} in v.evidence
	{"fact": "/images/quality/entropy/samples/0", "value": {"id": "a.jpg", "value": 1.5}} in v.evidence
}

test_caution if {
	v := eft_ml_1.verdict with input as facts(
		100, 100,
		[{"id": "a", "value": 10}, {"id": "b", "value": 8}],
		[{"id": "c", "value": 2}],
	)
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.97
}

test_fail_undecoded if {
	v := eft_ml_1.verdict with input as facts(100, 90, [], [])
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "90 of 100 samples have acceptable features (90 decoded; 0 with short side < 16 px, 0 with entropy < 3 bits; 0 distinct): X = 0.9000 < 0.9500"
}

test_lower_bound_window_and_missing_property if {
	v := eft_ml_1.verdict with input as {
		"images": {"count": 200, "quality": {"entropy": {"window": {"direction": "below", "bound": 2.5}, "samples": [{"id": "d", "value": 2}]}}},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "199 of 200 samples have acceptable features (200 decoded; short side not measured (/images/quality/short_side), 1 with entropy < 3 bits; 1 distinct); flagged counts are lower bounds (short side not measured; /images/quality/entropy lists only values below 2.5): X = 0.9950 >= 0.9900"
	v.evidence[0] == {"fact": "/images/count", "value": 200}
	count([e | some e in v.evidence; e.fact == "/images/count"]) == 1
}

test_stats_min_completes_narrow_window if {
	v := eft_ml_1.verdict with input as {
		"images": {"count": 10, "quality": {
			"entropy": {"window": {"direction": "below", "bound": 2}, "stats": {"min": 3.2}, "samples": []},
			"short_side": {"window": {"direction": "below", "bound": 32}, "samples": []},
		}},
	}
		with data.profile as profile
	v.verdict == "pass"
	not contains(v.finding, "lower bound")
}

test_na_without_quality if {
	v := eft_ml_1.verdict with input as {"integrity": {"files": 10, "decoded": 10}, "images": {"count": 10}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no image quality measurement (/images/quality)"
}

test_na_without_checked_properties if {
	v := eft_ml_1.verdict with input as {"images": {"count": 10, "quality": {"blurry_score": {}}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no short-side or entropy measurement (/images/quality/short_side, /images/quality/entropy)"
}

test_na_zero_files if {
	v := eft_ml_1.verdict with input as facts(0, 0, [], [])
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no samples to measure (/integrity/files = 0)"
}

test_na_without_sample_count if {
	v := eft_ml_1.verdict with input as {"images": {"quality": quality([], [])}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no sample count (/integrity/files, /images/count)"
}

test_lower_bound_without_window if {
	v := eft_ml_1.verdict with input as {"images": {"count": 100, "quality": {
		"entropy": {"samples": [{"id": "d", "value": 2}]},
		"short_side": {"window": {"direction": "below", "bound": 32}, "samples": []},
	}}}
		with data.profile as profile
	v.verdict == "pass"
	contains(v.finding, "; flagged counts are lower bounds (/images/quality/entropy has no recording window): X = 0.9900 >= 0.9900")
}
