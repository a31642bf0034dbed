package qmcheck.iso.con_ml_1_test

import data.qmcheck.iso.con_ml_1

profile := {"qm": {"Con-ML-1": {"thresholds": {"pass_max": 0.01, "caution_max": 0.03, "near_max_distance": 4}}}}

near_sets := [
	{"ids": ["a", "b", "c"], "distance": 2},
	{"ids": ["d", "e"], "distance": 4},
	{"ids": ["f", "g"], "distance": 9},
]

test_pass_exact_and_near if {
	# 5 exact extras + (3 - 1) + (2 - 1) near; the set at distance 9 is merely similar
	v := con_ml_1.verdict with input as {
		"dataset": {"images": 1000},
		"duplicates": {"exact": {"groups": 4, "extra": 5}, "near": {"max_distance": 10, "groups": 3, "sets": near_sets}},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0.008
	v.finding == "8 duplicate copies among 1,000 images (exact 5; near 3 from 2 of 3 sets within hash distance 4): X = 0.0080 <= 0.0100"
	v.evidence[0] == {"fact": "/duplicates/exact/extra", "value": 5}
	v.evidence[4] == {"fact": "/dataset/images", "value": 1000}
}

test_caution_exact_only if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 1000}, "duplicates": {"exact": {"extra": 20}}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.02
	v.finding == "20 duplicate copies among 1,000 images (exact 20; near copies not measured, /duplicates/near absent): X = 0.0200 > 0.0100"
}

test_fail_near_only if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 10}, "duplicates": {"near": {"sets": near_sets}}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.3
	v.finding == "3 duplicate copies among 10 images (exact copies not measured (/duplicates/exact/extra); near 3 from 2 of 3 sets within hash distance 4): X = 0.3000 > 0.0300"
}

test_set_without_distance_takes_search_distance if {
	sets := [{"ids": ["a", "b"]}, {"ids": ["c", "d"], "distance": 1}]
	v := con_ml_1.verdict with input as {"dataset": {"images": 1000}, "duplicates": {"exact": {"extra": 0}, "near": {"max_distance": 3, "sets": sets}}}
		with data.profile as profile
	v.value == 0.002
	v2 := con_ml_1.verdict with input as {"dataset": {"images": 1000}, "duplicates": {"exact": {"extra": 0}, "near": {"sets": sets}}}
		with data.profile as profile
	v2.value == 0.001
	v2.finding == "1 duplicate copies among 1,000 images (exact 0; near 1 from 1 of 2 sets within hash distance 4, 1 sets without a distance not counted): X = 0.0010 <= 0.0100"
}

test_truncated_sets_lower_bound if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 1000}, "duplicates": {"exact": {"extra": 0}, "near": {"groups": 50, "sets": near_sets}}}
		with data.profile as profile
	contains(v.finding, "near 3 from 2 of 3 sets within hash distance 4, lower bound: 3 of 50 near sets listed")
}

test_near_count_without_sets if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 1000}, "duplicates": {"exact": {"extra": 1}, "near": {"max_distance": 4, "extra": 9}}}
		with data.profile as profile
	v.value == 0.01
	v.verdict == "pass"
	contains(v.finding, "near 9, sets not listed but the search joined hashes within 4 bits")
	v2 := con_ml_1.verdict with input as {"dataset": {"images": 1000}, "duplicates": {"exact": {"extra": 1}, "near": {"max_distance": 10, "extra": 9}}}
		with data.profile as profile
	v2.value == 0.001
	contains(v2.finding, "near copies not counted")
}

test_na_without_duplicates if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 10}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no duplicate search in the facts (/duplicates absent)"
}

test_na_without_counts if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 10}, "duplicates": {"exact_bytes": {"extra": 1}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no exact or near duplicate counts in the facts (/duplicates/exact/extra, /duplicates/near)"
}

test_na_no_images if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 0}, "duplicates": {"exact": {"extra": 0}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no images to measure (/dataset/images = 0)"
}

test_na_near_without_sets_or_count if {
	v := con_ml_1.verdict with input as {"dataset": {"images": 10}, "duplicates": {"near": {"max_distance": 4}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no exact or near duplicate counts in the facts (/duplicates/exact/extra, /duplicates/near)"
}
