package qmcheck.iso.acc_ml_7_test

import data.qmcheck.iso.acc_ml_7

profile := {"qm": {"Acc-ML-7": {"thresholds": {"pass_min": 0.99, "caution_min": 0.97}}}}

northcutt := {
	"source": "Northcutt, Athalye & Mueller (2021)",
	"scope": "ImageNet validation set",
	"population": 50000,
	"checked": 5440,
	"validated": 2916,
	"rate": 0.0583,
}

estimate := {"method": "confident learning", "population": 1281167, "count": 25623}

test_fail_validated_source if {
	v := acc_ml_7.verdict with input as {"dataset": {"images": 1431167}, "labels": {"external": [northcutt]}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 1 - 0.0583
	v.finding == "5.83% of labels wrong (Northcutt, Athalye & Mueller (2021), ImageNet validation set: 2,916 validated errors (5,440 checked) in 50,000 samples); projected on 1,431,167 images ≈ 83,437; X = 0.9417 < 0.9700"
	v.evidence == [
		{"fact": "/labels/external/0/source", "value": "Northcutt, Athalye & Mueller (2021)"},
		{"fact": "/labels/external/0/scope", "value": "ImageNet validation set"},
		{"fact": "/labels/external/0/population", "value": 50000},
		{"fact": "/labels/external/0/checked", "value": 5440},
		{"fact": "/labels/external/0/validated", "value": 2916},
		{"fact": "/labels/external/0/rate", "value": 0.0583},
		{"fact": "/dataset/images", "value": 1431167},
	]
}

test_validated_outranks_higher_estimate if {
	# the estimate (2.00%) is lower here, but even a higher one would not decide
	high := {"method": "knn", "lens": "L2", "population": 1000, "count": 100}
	v := acc_ml_7.verdict with input as {"dataset": {"images": 1431167}, "labels": {"external": [northcutt], "estimated": [estimate, high]}}
		with data.profile as profile
	v.value == 1 - 0.0583
	v.finding == "5.83% of labels wrong (Northcutt, Athalye & Mueller (2021), ImageNet validation set: 2,916 validated errors (5,440 checked) in 50,000 samples); projected on 1,431,167 images ≈ 83,437; X = 0.9417 < 0.9700; decided by Northcutt, Athalye & Mueller (2021) (validated figures outrank estimates); also: 10.00% (knn estimate on lens L2: 100 of 1,000 samples flagged), 2.00% (confident learning estimate: 25,623 of 1,281,167 samples flagged)"
	count(v.evidence) == 14
}

test_pass_highest_validated_rate_decides if {
	a := {"source": "A", "scope": "test images", "population": 10000, "rate": 0.0054}
	b := {"source": "B", "scope": "validation images", "population": 10000, "validated": 8, "rate": 0.0008}
	v := acc_ml_7.verdict with input as {"dataset": {"images": 60000}, "labels": {"external": [b, a]}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1 - 0.0054
	v.finding == "0.54% of labels wrong (A, test images: published rate over 10,000 samples); projected on 60,000 images ≈ 324; X = 0.9946 >= 0.9900; decided by A (the highest rate of 2 validated figures); also: 0.08% (B, validation images: 8 validated errors in 10,000 samples)"
}

test_ties_go_to_first_listed if {
	a := {"source": "A", "scope": "s", "population": 100, "rate": 0.02}
	b := {"source": "B", "scope": "s", "population": 100, "rate": 0.02}
	v := acc_ml_7.verdict with input as {"dataset": {"images": 100}, "labels": {"external": [a, b]}}
		with data.profile as profile
	startswith(v.finding, "2.00% of labels wrong (A, s: ")
}

test_caution_estimate_with_rate if {
	e := {"method": "confident learning", "population": 1000, "count": 30, "rate": 0.02}
	v := acc_ml_7.verdict with input as {"dataset": {"images": 1000}, "labels": {"estimated": [e]}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.98
	v.finding == "2.00% of labels wrong (confident learning estimate: estimated noise rate; 30 of 1,000 samples flagged); projected on 1,000 images ≈ 20; X = 0.9800 < 0.9900"
}

test_estimate_count_over_population if {
	v := acc_ml_7.verdict with input as {"dataset": {"images": 1281167}, "labels": {"estimated": [estimate]}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 1 - (25623 / 1281167)
}

test_na_without_labels if {
	v := acc_ml_7.verdict with input as {"dataset": {"images": 10}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no label-error figure in the facts (/labels/external, /labels/estimated)"
}

test_na_empty_estimate if {
	v := acc_ml_7.verdict with input as {"dataset": {"images": 10}, "labels": {"estimated": [{"method": "m", "population": 0, "count": 0}]}}
		with data.profile as profile
	v.verdict == "na"
}

test_several_estimates_highest_decides if {
	low := {"method": "confident_learning", "population": 1000, "count": 20, "rate": 0.02}
	high := {"method": "knn_confident_learning", "lens": "builtin", "population": 1000, "count": 45, "rate": 0.05}
	v := acc_ml_7.verdict with input as {"dataset": {"images": 1000}, "labels": {"estimated": [low, high]}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.95
	v.finding == "5.00% of labels wrong (knn_confident_learning estimate on lens builtin: estimated noise rate; 45 of 1,000 samples flagged); projected on 1,000 images ≈ 50; X = 0.9500 < 0.9700; decided by knn_confident_learning estimate on lens builtin (the highest rate of 2 estimates); also: 2.00% (confident_learning estimate: estimated noise rate; 20 of 1,000 samples flagged)"
}

test_validated_and_estimates_several_of_each if {
	a := {"source": "A", "scope": "s", "population": 100, "rate": 0.03}
	e := {"method": "confident_learning", "population": 1000, "count": 90, "rate": 0.09}
	v := acc_ml_7.verdict with input as {"dataset": {"images": 1000}, "labels": {"external": [northcutt, a], "estimated": [e]}}
		with data.profile as profile
	v.value == 1 - 0.0583
	contains(v.finding, "; decided by Northcutt, Athalye & Mueller (2021) (validated figures outrank estimates, the highest rate of 2 validated figures); also: 3.00% (A, s: published rate over 100 samples), 9.00% (confident_learning estimate")
}
