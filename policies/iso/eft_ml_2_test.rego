package qmcheck.iso.eft_ml_2_test

import data.qmcheck.iso.eft_ml_2

profile := {"qm": {"Eft-ML-2": {"thresholds": {"pass_max": 0.0, "caution_max": 0.05, "min_class_size": 100}}}}

# 20 classes of 500 images, plus the given extra classes.
counts(extra) := object.union({sprintf("c%02d", [i]): 500 | some i in numbers.range(1, 20)}, extra)

test_pass_exact if {
	v := eft_ml_2.verdict with input as {"classes": {"counts": {"a": 100, "b": 120}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "2 classes: none holds fewer than 100 images (smallest 'a', 100): X = 0.000 <= 0.000"
	v.evidence == [{"fact": "/classes/counts", "value": {"a": 100, "b": 120}}]
}

test_caution_one_small if {
	v := eft_ml_2.verdict with input as {"classes": {"counts": counts({"rare": 40})}}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "1 of 21 classes holds fewer than 100 images: 'rare' (40): X = 0.048 > 0.000"
}

test_fail_several_small if {
	v := eft_ml_2.verdict with input as {"classes": {"counts": counts({"a": 99, "b": 0})}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 2 / 22
	v.finding == "2 of 22 classes hold fewer than 100 images: 'b' (0) and 'a' (99): X = 0.091 > 0.050"
}

test_pass_from_summary if {
	v := eft_ml_2.verdict with input as {"classes": {"count": 1000, "mean": 1281.2, "min": 732, "max": 1300}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "1,000 classes (no per-class counts): the smallest class, 732, reaches 100 images: X = 0.000 <= 0.000"
}

test_na_summary_below_size if {
	v := eft_ml_2.verdict with input as {"classes": {"count": 10, "mean": 500, "min": 50, "max": 900}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the smallest class (50 images) is below min_class_size 100 but per-class counts are absent (/classes/counts)"
}

test_na_without_class_statistics if {
	v := eft_ml_2.verdict with input as {"dataset": {"name": "x", "images": 3}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no class statistics in the facts (/classes/counts, or /classes/min)"
}
