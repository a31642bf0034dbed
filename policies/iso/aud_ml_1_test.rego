package qmcheck.iso.aud_ml_1_test

import data.qmcheck.iso.aud_ml_1

profile := {"qm": {"Aud-ML-1": {"thresholds": {"pass_min": 0.05, "caution_min": 0.01}}}}

facts(images, audits) := {"dataset": {"name": "x", "images": images}, "datacard": {"audits": audits}}

test_pass_two_audits if {
	v := aud_ml_1.verdict with input as facts(1281167, [
		{"date": "2024-03-01", "records": 50000, "auditor": "qa team"},
		{"date": "2024-09-01", "records": 14100},
	])
		with data.profile as profile
	v.verdict == "pass"
	v.value == 64100 / 1281167
	v.finding == "2 declared audits covered 64,100 records of 1,281,167 samples (5.00%): X = 0.0500 >= 0.0500"
	v.evidence[1] == {"fact": "/dataset/images", "value": 1281167}
}

test_pass_capped if {
	v := aud_ml_1.verdict with input as facts(100, [{"records": 100}, {"records": 50}])
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "2 declared audits covered 150 records of 100 samples (more than all, capped at 1): X = 1.0000 >= 0.0500"
}

test_caution if {
	v := aud_ml_1.verdict with input as facts(10000, [{"records": 200}])
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "1 declared audit covered 200 records of 10,000 samples (2.00%): X = 0.0200 < 0.0500"
}

test_fail if {
	v := aud_ml_1.verdict with input as facts(10000, [{"records": 50}])
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "1 declared audit covered 50 records of 10,000 samples (0.50%): X = 0.0050 < 0.0100"
}

test_na_without_audits if {
	v := aud_ml_1.verdict with input as {"dataset": {"name": "x", "images": 10}, "datacard": {"licence": "mit"}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared labelling audit (/datacard/audits)"
}

test_na_empty_audits if {
	v := aud_ml_1.verdict with input as facts(10, []) with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared labelling audit (/datacard/audits)"
}

test_na_without_samples if {
	v := aud_ml_1.verdict with input as facts(0, [{"records": 3}]) with data.profile as profile
	v.verdict == "na"
	v.finding == "the dataset has no samples (/dataset/images = 0)"
}
