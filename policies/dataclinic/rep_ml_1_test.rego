package qmcheck.dataclinic.rep_ml_1_test

import data.qmcheck.dataclinic.rep_ml_1

profile := {"qm": {"Rep-ML-1": {"thresholds": {"pass_max": 0.25, "caution_max": 0.5}, "params": {"lens": "L2"}}}}

facts(top, size) := {"lenses": {"L2": {"density": {"densest": {"size": size, "top_class": "peacock", "top_count": top}}}}}

test_fail_peacock if {
	v := rep_ml_1.verdict with input as facts(10, 12) with data.profile as profile
	v.verdict == "fail"
	v.finding == "10 of the 12 densest samples in lens L2 are 'peacock' (0.83 > 0.50)"
}

test_caution if {
	v := rep_ml_1.verdict with input as facts(4, 12) with data.profile as profile
	v.verdict == "caution"
}

test_pass if {
	v := rep_ml_1.verdict with input as facts(2, 12) with data.profile as profile
	v.verdict == "pass"
}

test_na_without_lens if {
	v := rep_ml_1.verdict with input as {"lenses": {"L3": {}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no densest-sample set for lens 'L2' (/lenses/L2/density/densest)"
}
