package qmcheck.iso.div_ml_1_test

import data.qmcheck.iso.div_ml_1

profile := {"qm": {"Div-ML-1": {"thresholds": {"pass_min": 1.0, "caution_min": 0.95}}}}

test_pass_imagenet if {
	v := div_ml_1.verdict with input as {
		"dataset": {"name": "imagenet", "images": 1281167, "declared_classes": 1000},
		"classes": {"count": 1000},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "1,000 of 1,000 declared classes have samples: X = 1.000 >= 1.000; S10's distinct labels per sample 1,000 / 1,281,167 = 0.000781"
	v.evidence == [
		{"fact": "/classes/count", "value": 1000},
		{"fact": "/dataset/declared_classes", "value": 1000},
		{"fact": "/dataset/images", "value": 1281167},
	]
}

test_pass_extra_labels if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "images": 50, "declared_classes": 4}, "classes": {"count": 5}}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "5 classes present against 4 declared (1 outside the vocabulary): X = 1.250 >= 1.000; S10's distinct labels per sample 5 / 50 = 0.100"
}

test_caution_missing_classes_named if {
	v := div_ml_1.verdict with input as {
		"dataset": {"name": "x", "images": 970, "declared_classes": 100},
		"classes": {"count": 97, "empty": ["zebra", "ant", "bee"]},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "97 of 100 declared classes have samples (3 missing: 'ant', 'bee' and 'zebra'): X = 0.970 < 1.000; S10's distinct labels per sample 97 / 970 = 0.100"
}

test_fail_falls_back_to_dataset_classes if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "images": 0, "classes": 9, "declared_classes": 10}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.9
	v.finding == "9 of 10 declared classes have samples (1 missing): X = 0.900 < 0.950"
	v.evidence[0] == {"fact": "/dataset/classes", "value": 9}
}

test_many_empty_classes_truncated if {
	v := div_ml_1.verdict with input as {
		"dataset": {"name": "x", "images": 10, "declared_classes": 8},
		"classes": {"count": 1, "empty": ["g", "f", "e", "d", "c", "b", "a"]},
	}
		with data.profile as profile
	v.verdict == "fail"
	contains(v.finding, "(7 missing: 'a', 'b', 'c', 'd', 'e' and 2 more)")
}

test_na_without_declared_vocabulary if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "images": 3}, "classes": {"count": 3}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared label vocabulary (/dataset/declared_classes)"
}

test_na_empty_vocabulary if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "images": 3, "declared_classes": 0}, "classes": {"count": 3}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the declared label vocabulary is empty (/dataset/declared_classes = 0)"
}

test_na_without_class_count if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "images": 3, "declared_classes": 10}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no count of the classes present (/classes/count, /dataset/classes)"
}

test_pass_without_dataset_images if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "declared_classes": 2}, "classes": {"count": 2}}
		with data.profile as profile
	v.finding == "2 of 2 declared classes have samples: X = 1.000 >= 1.000"
}
