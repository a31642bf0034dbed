package qmcheck.iso.bal_ml_3_test

import data.qmcheck.iso.bal_ml_3

profile := {"qm": {"Bal-ML-3": {"thresholds": {"pass_min": 1.5, "caution_min": 1.105, "ratio_pass_max": 5, "ratio_caution_max": 20}}}}

test_pass_imagenet_summary if {
	v := bal_ml_3.verdict with input as {"classes": {"count": 1000, "mean": 1281.2, "min": 732, "max": 1300}}
		with data.profile as profile
	v.verdict == "pass"
	v.value > 2.33
	v.value < 2.34
	v.finding == "1,000 classes, 732-1,300 images each (mean 1281.2): X = 2.333 >= 1.500; max/min 1.78 <= 5"
	v.evidence[1] == {"fact": "/classes/mean", "value": 1281.2}
}

test_caution_between_bands if {
	# mean 100, max dev 80 -> X = 1.25; max/min 180/20 = 9 -> caution on both
	v := bal_ml_3.verdict with input as {"classes": {"count": 3, "mean": 100, "min": 20, "max": 180}}
		with data.profile as profile
	v.verdict == "caution"
}

test_fail_on_ratio_alone if {
	# X = 100 / 99 = 1.01 fails; ratio 199/1 fails
	v := bal_ml_3.verdict with input as {"classes": {"count": 2, "mean": 100, "min": 1, "max": 199}}
		with data.profile as profile
	v.verdict == "fail"
}

test_fail_empty_class if {
	v := bal_ml_3.verdict with input as {"classes": {"count": 2, "mean": 5, "min": 0, "max": 10}}
		with data.profile as profile
	v.verdict == "fail"
	contains(v.finding, "the smallest class is empty")
}

test_perfect_balance if {
	v := bal_ml_3.verdict with input as {"classes": {"count": 10, "mean": 100, "min": 100, "max": 100}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == null
	v.finding == "10 classes, 100-100 images each (mean 100.0): X unbounded (all classes equal); max/min 1.00 <= 5"
}

test_na_without_classes if {
	v := bal_ml_3.verdict with input as {"dataset": {"name": "x", "images": 3}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no class statistics in the facts (/classes/mean, /classes/min, /classes/max)"
}
