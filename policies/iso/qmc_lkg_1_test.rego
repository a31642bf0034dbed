package qmcheck.iso.qmc_lkg_1_test

import data.qmcheck.iso.qmc_lkg_1

profile := {"qm": {"QMC-Lkg-1": {"thresholds": {"pass_max": 0.0, "caution_max": 0.001, "near_max_distance": 4}}}}

dataset(images) := {"name": "x", "images": images, "splits": {"train": {"images": images - 1000}, "val": {"images": 1000}}}

test_pass_no_leak if {
	v := qmc_lkg_1.verdict with input as {
		"dataset": dataset(10000),
		"duplicates": {"cross_split": {"method": "phash", "max_distance": 4, "groups": 0, "images": 0, "sets": []}},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "0 of 10,000 samples have a copy in another split (splits 'train' and 'val'), in 0 groups: X = 0.000000 <= 0.000000"
}

test_caution_counts_from_images if {
	v := qmc_lkg_1.verdict with input as {
		"dataset": dataset(1431167),
		"duplicates": {"cross_split": {"max_distance": 4, "groups": 5, "images": 12}},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 12 / 1431167
	v.finding == "12 of 1,431,167 samples have a copy in another split (splits 'train' and 'val'), in 5 groups: X = 0.000008 > 0.000000"
	v.evidence == [
		{"fact": "/dataset/images", "value": 1431167},
		{"fact": "/dataset/splits", "value": {"train": {"images": 1430167}, "val": {"images": 1000}}},
		{"fact": "/duplicates/cross_split/images", "value": 12},
		{"fact": "/duplicates/cross_split/max_distance", "value": 4},
	]
}

test_distance_filter_and_lower_bound if {
	# The far set (distance 9) is left out; the listed sets hold 5 of the 7 samples found.
	v := qmc_lkg_1.verdict with input as {
		"dataset": dataset(2000),
		"duplicates": {"cross_split": {"max_distance": 10, "images": 7, "sets": [
			{"ids": ["a", "b"], "distance": 0},
			{"ids": ["c", "d"], "distance": 9},
			{"ids": ["e"], "distance": 3},
		]}},
	}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 3 / 2000
	v.finding == "3 of 2,000 samples have a copy in another split (splits 'train' and 'val'), in 2 groups (1 set farther apart than distance 4 not counted; lower bound: the sets list 5 of the 7 samples the scan found): X = 0.001500 > 0.001000"
}

test_upper_bound_without_distances if {
	v := qmc_lkg_1.verdict with input as {
		"dataset": dataset(10000),
		"duplicates": {"cross_split": {"max_distance": 8, "sets": [{"ids": ["a", "b"]}]}},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "2 of 10,000 samples have a copy in another split (splits 'train' and 'val'), in 1 group (upper bound: the scan joined hashes up to distance 8, above 4, and the sets carry no distance): X = 0.000200 > 0.000000"
}

test_na_one_split if {
	v := qmc_lkg_1.verdict with input as {
		"dataset": {"name": "x", "images": 10, "splits": {"train": {"images": 10}}},
		"duplicates": {"cross_split": {"images": 0}},
	}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the dataset has one split ('train'): no leakage possible (/dataset/splits)"
}

test_na_no_splits_declared if {
	v := qmc_lkg_1.verdict with input as {"dataset": {"name": "x", "images": 10}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no splits in the facts (/dataset/splits): leakage between splits cannot be measured"
}

test_na_without_scan if {
	v := qmc_lkg_1.verdict with input as {"dataset": dataset(5000), "duplicates": {"exact": {"groups": 0}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no duplicate scan (/duplicates/cross_split)"
}

test_na_scan_without_counts if {
	v := qmc_lkg_1.verdict with input as {"dataset": dataset(5000), "duplicates": {"cross_split": {"method": "phash"}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the cross-split scan gives no sample count (/duplicates/cross_split/images, /duplicates/cross_split/sets)"
}
