package qmcheck.iso.com_ml_1_test

import data.qmcheck.iso.com_ml_1

profile := {"qm": {"Com-ML-1": {"thresholds": {"pass_min": 0.99, "caution_min": 0.97}}}}

test_pass_imagenet_without_unreadable if {
	v := com_ml_1.verdict with input as {"dataset": {"images": 1431167}, "integrity": {"missing_values": 0}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "1,431,167 of 1,431,167 samples have values (missing values 0; unreadable not measured): X = 1.0000 >= 0.9900"
	v.evidence == [
		{"fact": "/dataset/images", "value": 1431167},
		{"fact": "/integrity/missing_values", "value": 0},
	]
}

test_files_outrank_dataset_images if {
	v := com_ml_1.verdict with input as {
		"dataset": {"images": 990},
		"integrity": {"files": 1000, "missing_values": 2, "unreadable_count": 3},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0.995
	v.finding == "995 of 1,000 samples have values (missing values 2; unreadable 3): X = 0.9950 >= 0.9900"
	v.evidence[0] == {"fact": "/integrity/files", "value": 1000}
}

test_caution_counts_unreadable_list if {
	# no unreadable_count: the list's length (2) counts; 100 - 0 - 2 = 98
	v := com_ml_1.verdict with input as {
		"dataset": {"images": 100},
		"integrity": {"files": 100, "unreadable": [{"path": "a.jpg", "reason": "truncated"}, {"path": "b.jpg", "reason": "zero_byte"}]},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.98
	v.finding == "98 of 100 samples have values (missing values not measured; unreadable 2): X = 0.9800 < 0.9900"
}

test_fail if {
	v := com_ml_1.verdict with input as {"dataset": {"images": 100}, "integrity": {"files": 100, "missing_values": 4, "unreadable_count": 1}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.95
	endswith(v.finding, "X = 0.9500 < 0.9700")
}

test_nothing_measured_counts_zero if {
	v := com_ml_1.verdict with input as {"dataset": {"images": 10}, "integrity": {"decoded": 10}}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "10 of 10 samples have values (missing values not measured; unreadable not measured): X = 1.0000 >= 0.9900"
}

test_na_without_integrity if {
	v := com_ml_1.verdict with input as {"dataset": {"images": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no integrity counts in the facts (/integrity absent)"
}

test_na_no_samples if {
	v := com_ml_1.verdict with input as {"dataset": {"images": 0}, "integrity": {"files": 0, "missing_values": 0}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no samples to measure (/integrity/files = 0)"
}
