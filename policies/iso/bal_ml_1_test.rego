package qmcheck.iso.bal_ml_1_test

import data.qmcheck.iso.bal_ml_1

profile := {"qm": {"Bal-ML-1": {"thresholds": {"pass_min": 1.0, "caution_min": 0.5}}}}

test_caution if {
	# dev = max(252 - 112, 112 - 3) = 140; X = 112 / 140 = 0.8
	v := bal_ml_1.verdict with input as {"images": {"brightness": {"mean": 112, "min": 3, "max": 252}}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.8
	v.finding == "mean image brightness 112.0 on 0..255 (min 3.0, max 252.0), largest deviation 140.0: X = 0.800 < 1.000"
	v.evidence == [
		{"fact": "/images/brightness/mean", "value": 112},
		{"fact": "/images/brightness/min", "value": 3},
		{"fact": "/images/brightness/max", "value": 252},
	]
}

test_pass if {
	v := bal_ml_1.verdict with input as {"images": {"brightness": {"mean": 120.5, "min": 40.2, "max": 200.1}}}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "mean image brightness 120.5 on 0..255 (min 40.2, max 200.1), largest deviation 80.3: X = 1.501 >= 1.000"
}

test_fail_dark_mean if {
	# dev = 255 - 50 = 205; X = 0.244
	v := bal_ml_1.verdict with input as {"images": {"brightness": {"mean": 50, "min": 0, "max": 255}}}
		with data.profile as profile
	v.verdict == "fail"
	endswith(v.finding, "X = 0.244 < 0.500")
}

test_unbounded_when_all_equal if {
	v := bal_ml_1.verdict with input as {"images": {"brightness": {"mean": 90, "min": 90, "max": 90}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == null
	v.finding == "mean image brightness 90.0 on 0..255 (min 90.0, max 90.0): X unbounded (every image equally bright)"
}

test_na_without_brightness if {
	v := bal_ml_1.verdict with input as {"images": {"brightness": {"mean": 90}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no per-image brightness summary in the facts (/images/brightness/mean, /images/brightness/min, /images/brightness/max)"
}
