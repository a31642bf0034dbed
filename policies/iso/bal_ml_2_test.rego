package qmcheck.iso.bal_ml_2_test

import data.qmcheck.iso.bal_ml_2

profile := {"qm": {"Bal-ML-2": {"thresholds": {"pass_min": 0.5, "caution_min": 0.1}}}}

resolution := {"min": {"width": 20, "height": 17}, "max": {"width": 7056, "height": 4488}}

test_fail_imagenet_like if {
	# dev = 31,667,328 - 110,450 = 31,556,878; X = 0.0035
	v := bal_ml_2.verdict with input as {"images": {"pixels": {"mean": 110450.4, "min": 340, "max": 31667328}, "resolution": resolution}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "mean resolution 110,450 px (min 340 px = 20×17, max 31,667,328 px = 7,056×4,488), largest deviation 31,556,878 px: X = 0.004 < 0.100"
	count(v.evidence) == 5
	v.evidence[0] == {"fact": "/images/pixels/mean", "value": 110450.4}
}

test_pass if {
	# dev = max(150000 - 100000, 100000 - 60000) = 50000; X = 2
	v := bal_ml_2.verdict with input as {"images": {"pixels": {"mean": 100000, "min": 60000, "max": 150000}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 2
	v.finding == "mean resolution 100,000 px (min 60,000 px, max 150,000 px), largest deviation 50,000 px: X = 2.000 >= 0.500"
}

test_caution_extremes_from_resolution if {
	# min 340, max 31,667,328 from resolution; mean 5,000,000: dev 26,667,328; X = 0.1875
	v := bal_ml_2.verdict with input as {"images": {"pixels": {"mean": 5000000}, "resolution": resolution}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 5000000 / 26667328
	endswith(v.finding, "X = 0.187 < 0.500")
}

test_unbounded_when_all_equal if {
	v := bal_ml_2.verdict with input as {"images": {"pixels": {"mean": 50176, "min": 50176, "max": 50176}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == null
	v.finding == "mean resolution 50,176 px (min 50,176 px, max 50,176 px): X unbounded (every image the same size)"
}

test_na_range_without_mean if {
	v := bal_ml_2.verdict with input as {"images": {"resolution": resolution}} with data.profile as profile
	v.verdict == "na"
	v.finding == "resolution range 20×17 to 7,056×4,488 px known, but no mean resolution (/images/pixels/mean)"
}

test_na_without_resolution if {
	v := bal_ml_2.verdict with input as {"images": {"count": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no resolution statistics in the facts (/images/pixels/mean)"
}

test_na_mean_without_extremes if {
	v := bal_ml_2.verdict with input as {"images": {"pixels": {"mean": 5}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "mean resolution known, but not the smallest or largest image (/images/pixels/min, /images/pixels/max, /images/resolution)"
}
