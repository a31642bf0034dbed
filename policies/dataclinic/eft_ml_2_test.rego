package qmcheck.dataclinic.eft_ml_2_test

import data.qmcheck.dataclinic.eft_ml_2

profile := {"qm": {"Eft-ML-2": {"thresholds": {"pass_min": 0.99, "caution_min": 0.95}}}}

annotations(complete, population) := {"datacard": {"annotations": {
	"types": ["bounding box"],
	"complete": complete, "population": population,
}}}

test_na_imagenet if {
	v := eft_ml_2.verdict with input as {"datacard": {"labelling": {"method": "crowd"}}} with data.profile as profile
	v.verdict == "na"
	v.value == null
	v.finding == "no annotations beyond class labels declared (/datacard/annotations)"
}

test_na_types_only if {
	v := eft_ml_2.verdict with input as {"datacard": {"annotations": {"types": ["mask"]}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no annotations beyond class labels declared (/datacard/annotations)"
}

test_na_empty_population if {
	v := eft_ml_2.verdict with input as annotations(0, 0) with data.profile as profile
	v.verdict == "na"
	v.finding == "declared annotations cover no sample (/datacard/annotations/population = 0)"
}

test_pass if {
	v := eft_ml_2.verdict with input as annotations(12500, 12500) with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "12,500 of 12,500 samples (100.00%) carry complete bounding box annotations (>= 99.00%)"
	count(v.evidence) == 3
}

test_caution if {
	v := eft_ml_2.verdict with input as annotations(12000, 12500) with data.profile as profile
	v.verdict == "caution"
	v.finding == "12,000 of 12,500 samples (96.00%) carry complete bounding box annotations (< 99.00%)"
}

test_fail if {
	v := eft_ml_2.verdict with input as {"datacard": {"annotations": {"complete": 900, "population": 1000}}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "900 of 1,000 samples (90.00%) carry complete declared annotations (< 95.00%)"
}
