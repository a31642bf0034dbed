package qmcheck.dataclinic.rep_ml_3_test

import data.qmcheck.dataclinic.rep_ml_3

profile := {"qm": {"Rep-ML-3": {"thresholds": {"pass_max": 0.25, "caution_max": 0.5}, "params": {"lens": "L3"}}}}

facts(top, size) := {"lenses": {"L3": {"density": {"densest": {"size": size, "top_class": "tarantula", "top_count": top}}}}}

test_fail_tarantula if {
	v := rep_ml_3.verdict with input as facts(10, 12) with data.profile as profile
	v.verdict == "fail"
	v.finding == "10 of the 12 densest samples in lens L3 are 'tarantula' (0.83 > 0.50)"
	v.evidence[1] == {"fact": "/lenses/L3/density/densest/top_count", "value": 10}
}

test_caution if {
	v := rep_ml_3.verdict with input as facts(4, 12) with data.profile as profile
	v.verdict == "caution"
}

test_pass if {
	v := rep_ml_3.verdict with input as facts(2, 12) with data.profile as profile
	v.verdict == "pass"
}

test_default_lens_is_l3 if {
	v := rep_ml_3.verdict with input as facts(2, 12)
		with data.profile as {"qm": {"Rep-ML-3": {"thresholds": {"pass_max": 0.25, "caution_max": 0.5}}}}
	v.verdict == "pass"
}

test_na_without_lens if {
	v := rep_ml_3.verdict with input as {"lenses": {"L2": {}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no densest-sample set for lens 'L3' (/lenses/L3/density/densest)"
}

test_na_empty_set if {
	v := rep_ml_3.verdict with input as facts(0, 0) with data.profile as profile
	v.verdict == "na"
}
