package qmcheck.iso.sim_ml_3_test

import data.qmcheck.iso.sim_ml_3

profile(lens) := {"qm": {"Sim-ML-3": {"thresholds": {"pass_min": 0.1, "caution_min": 0.02}, "params": {"lens": lens}}}}

spectrum(c, dims) := {"spectrum": {"dims": dims, "components_95": c}}

test_pass if {
	v := sim_ml_3.verdict with input as {"lenses": {"L2": spectrum(310, 768)}} with data.profile as profile("")
	v.verdict == "pass"
	v.value == 310 / 768
	v.finding == "lens L2: 310 of 768 components carry 95% of the variance: X = 0.404 >= 0.100"
	v.evidence == [
		{"fact": "/lenses/L2/spectrum/components_95", "value": 310},
		{"fact": "/lenses/L2/spectrum/dims", "value": 768},
	]
}

test_caution_worst_lens_decides if {
	v := sim_ml_3.verdict with input as {"lenses": {"L1": spectrum(40, 768), "L2": spectrum(300, 768)}}
		with data.profile as profile("")
	v.verdict == "caution"
	v.finding == "lens L1: 40 of 768 components carry 95% of the variance: X = 0.052 < 0.100; other lenses: L2 0.391"
}

test_fail_named_lens if {
	v := sim_ml_3.verdict with input as {"lenses": {"L1": spectrum(300, 768), "L2": spectrum(10, 2048)}}
		with data.profile as profile("L2")
	v.verdict == "fail"
	v.finding == "lens L2: 10 of 2,048 components carry 95% of the variance: X = 0.005 < 0.020"
}

test_na_without_lenses if {
	v := sim_ml_3.verdict with input as {"dataset": {"name": "x", "images": 3}} with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_named_lens_absent if {
	v := sim_ml_3.verdict with input as {"lenses": {"L1": spectrum(1, 2)}} with data.profile as profile("L2")
	v.verdict == "na"
	v.finding == "no embedding lens named 'L2' in the facts (/lenses)"
}

test_na_no_spectrum if {
	v := sim_ml_3.verdict with input as {"lenses": {"L1": {"samples": 3}, "L2": {"spectrum": {"largest": 2}}}}
		with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no eigenvalue spectrum in any lens (/lenses/*/spectrum)"
}
