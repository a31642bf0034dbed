package qmcheck.iso.rep_ml_1_test

import data.qmcheck.iso.rep_ml_1

profile := {"qm": {"Rep-ML-1": {"thresholds": {"pass_min": 1.0, "caution_min": 0.8}}}}

facts(required, present) := {"datacard": {"target_population": {
	"description": "street scenes",
	"required_attributes": required,
	"present_attributes": present,
}}}

test_pass_all_present if {
	v := rep_ml_1.verdict with input as facts(["day", "night", "rain"], ["rain", "day", "night", "snow"])
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "all 3 attributes the target population requires are present: X = 1.000 >= 1.000"
	v.evidence[0] == {"fact": "/datacard/target_population/required_attributes", "value": ["day", "night", "rain"]}
}

test_caution_one_missing if {
	v := rep_ml_1.verdict with input as facts(["a", "b", "c", "d", "night"], ["a", "b", "c", "d"])
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.8
	v.finding == "4 of 5 attributes the target population requires are present; missing 'night': X = 0.800 < 1.000"
}

test_fail_several_missing if {
	v := rep_ml_1.verdict with input as facts(["day", "night", "rain", "snow"], ["day", "fog"])
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "1 of 4 attributes the target population requires are present; missing 'night', 'rain' and 'snow': X = 0.250 < 0.800"
}

test_fail_none_present if {
	v := rep_ml_1.verdict with input as facts(["day"], [])
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0
}

test_na_without_target_population if {
	v := rep_ml_1.verdict with input as {"datacard": {"licence": "cc-by"}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared target population (/datacard/target_population/required_attributes)"
}

test_na_empty_required if {
	v := rep_ml_1.verdict with input as facts([], ["day"]) with data.profile as profile
	v.verdict == "na"
	v.finding == "the declared target population requires no attribute (/datacard/target_population/required_attributes is empty)"
}

test_na_without_present if {
	v := rep_ml_1.verdict with input as {"datacard": {"target_population": {"required_attributes": ["day"]}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared present attributes (/datacard/target_population/present_attributes)"
}
