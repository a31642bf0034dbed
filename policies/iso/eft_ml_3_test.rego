package qmcheck.iso.eft_ml_3_test

import data.qmcheck.iso.eft_ml_3

profile := {"qm": {"Eft-ML-3": {"thresholds": {"pass_min": 0.98, "caution_min": 0.95}}}}

test_pass_single_estimate_with_rate if {
	v := eft_ml_3.verdict with input as {"labels": {"estimated": [{
		"method": "confident_learning", "population": 50000, "count": 600, "rate": 0.011,
	}]}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1 - 0.011
	v.finding == "'confident_learning' flags 600 of 50,000 samples, estimated noise rate 1.10%: X = 0.989 >= 0.980"
	v.evidence == [
		{"fact": "/labels/estimated/0/method", "value": "confident_learning"},
		{"fact": "/labels/estimated/0/population", "value": 50000},
		{"fact": "/labels/estimated/0/count", "value": 600},
		{"fact": "/labels/estimated/0/rate", "value": 0.011},
	]
}

test_caution_highest_rate_decides if {
	v := eft_ml_3.verdict with input as {"labels": {"estimated": [
		{"method": "confident_learning", "population": 1000, "count": 10, "rate": 0.012},
		{"method": "knn", "lens": "L2", "population": 1000, "count": 30},
	]}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.97
	v.finding == "'knn' (lens L2) flags 30 of 1,000 samples, rate 3.00%: X = 0.970 < 0.980; other estimates: 'confident_learning' 1.20%"
}

test_fail if {
	v := eft_ml_3.verdict with input as {"labels": {"estimated": [{"method": "cl", "population": 100, "count": 9}]}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "'cl' flags 9 of 100 samples, rate 9.00%: X = 0.910 < 0.950"
}

test_unusable_estimate_skipped if {
	v := eft_ml_3.verdict with input as {"labels": {"estimated": [
		{"method": "empty", "population": 0, "count": 0},
		{"method": "cl", "population": 100, "count": 1},
	]}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0.99
}

test_na_without_estimate if {
	v := eft_ml_3.verdict with input as {"labels": {"external": [{"source": "x", "scope": "val", "population": 10, "rate": 0.1}]}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no label-issue estimate on this dataset (/labels/estimated)"
}

test_na_empty_estimates if {
	v := eft_ml_3.verdict with input as {"labels": {"estimated": []}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no label-issue estimate on this dataset (/labels/estimated)"
}

test_na_unusable_estimates if {
	v := eft_ml_3.verdict with input as {"labels": {"estimated": [{"method": "cl", "population": 0, "count": 0}]}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no usable label-issue estimate: none has a rate or a population above 0 (/labels/estimated)"
}
