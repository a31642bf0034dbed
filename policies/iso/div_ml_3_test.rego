package qmcheck.iso.div_ml_3_test

import data.qmcheck.iso.div_ml_3

profile := {"qm": {"Div-ML-3": {"thresholds": {"pass_max": 0.0, "caution_max": 0.05, "small_class_ratio": 0.1}}}}

# 20 classes of 100 images, plus the given extra classes.
counts(extra) := object.union({sprintf("c%02d", [i]): 100 | some i in numbers.range(1, 20)}, extra)

test_pass_exact_none_small if {
	v := div_ml_3.verdict with input as {"classes": {"counts": {"a": 10, "b": 12, "c": 14}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "3 classes (mean 12.0): none holds fewer than 0.1 × mean = 1.2 images (smallest 'a', 10): X = 0.000 <= 0.000"
	v.evidence == [{"fact": "/classes/counts", "value": {"a": 10, "b": 12, "c": 14}}]
}

test_caution_one_small_class if {
	# mean (2000 + 5) / 21 = 95.5, bar 9.55: one of 21 classes is small -> X = 0.048
	v := div_ml_3.verdict with input as {"classes": {"counts": counts({"tiny": 5})}}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "1 of 21 classes holds fewer than 0.1 × mean (95.5) = 9.5 images: 'tiny' (5): X = 0.048 > 0.000"
}

test_fail_empty_and_small_classes if {
	v := div_ml_3.verdict with input as {"classes": {"counts": counts({"z": 0, "y": 3, "x": 1, "w": 2, "v": 4, "u": 5})}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 6 / 26
	contains(v.finding, "6 of 26 classes hold fewer than")
	contains(v.finding, "'z' (0), 'x' (1), 'w' (2), 'y' (3), 'v' (4) and 1 more: X = 0.231 > 0.050")
}

test_pass_from_summary if {
	v := div_ml_3.verdict with input as {"classes": {"count": 1000, "mean": 1281.2, "min": 732, "max": 1300}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "1,000 classes (mean 1281.2, no per-class counts): the smallest class, 732, is at least 0.1 × mean = 128.1: X = 0.000 <= 0.000"
	v.evidence[0] == {"fact": "/classes/count", "value": 1000}
}

test_na_summary_cannot_count if {
	v := div_ml_3.verdict with input as {"classes": {"count": 10, "mean": 100, "min": 3, "max": 190}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the smallest class (3 images) is below 0.1 × mean = 10.0 but per-class counts are absent (/classes/counts)"
}

test_na_without_class_statistics if {
	v := div_ml_3.verdict with input as {"dataset": {"name": "x", "images": 3}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no class statistics in the facts (/classes/counts, or /classes/min with /classes/mean)"
}

test_na_empty_counts_without_summary if {
	v := div_ml_3.verdict with input as {"classes": {"counts": {}}}
		with data.profile as profile
	v.verdict == "na"
}
