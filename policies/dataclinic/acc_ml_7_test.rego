package qmcheck.dataclinic.acc_ml_7_test

import data.qmcheck.dataclinic.acc_ml_7

profile := {"qm": {"Acc-ML-7": {"thresholds": {"pass_min": 0.99, "caution_min": 0.97}}}}

external(rate) := {
	"source": "Northcutt, Athalye & Mueller (2021)", "scope": "ImageNet validation set",
	"population": 50000, "checked": 5440, "validated": 2916, "rate": rate,
}

estimated(rate) := {"method": "confident learning", "population": 50000, "count": round(50000 * rate), "rate": rate}

test_fail_imagenet_northcutt if {
	v := acc_ml_7.verdict with input as {"labels": {"external": [external(0.0583)]}} with data.profile as profile
	v.verdict == "fail"
	v.value > 0.9416
	v.value < 0.9418
}

test_caution if {
	v := acc_ml_7.verdict with input as {"labels": {"external": [external(0.02)]}} with data.profile as profile
	v.verdict == "caution"
}

test_pass if {
	v := acc_ml_7.verdict with input as {"labels": {"external": [external(0.005)]}} with data.profile as profile
	v.verdict == "pass"
}

test_highest_external_rate_decides if {
	v := acc_ml_7.verdict with input as {"labels": {"external": [external(0.005), external(0.04)]}}
		with data.profile as profile
	v.verdict == "fail"
}

test_external_before_estimate if {
	v := acc_ml_7.verdict with input as {"labels": {"external": [external(0.005)], "estimated": [estimated(0.10)]}}
		with data.profile as profile
	v.verdict == "pass"
}

test_estimate_alone if {
	v := acc_ml_7.verdict with input as {"labels": {"estimated": [estimated(0.02)]}} with data.profile as profile
	v.verdict == "caution"
}

test_na_without_labels if {
	v := acc_ml_7.verdict with input as {"dataset": {"name": "x", "images": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no label-error figure in the facts (/labels/external, /labels/estimated)"
}
