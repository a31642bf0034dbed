package qmcheck.iso.sim_ml_2_test

import data.qmcheck.iso.sim_ml_2

profile(lens) := {"qm": {"Sim-ML-2": {"thresholds": {"pass_max": 0.5, "caution_max": 0.8}, "params": {"lens": lens}}}}

spectrum(a, b, total) := {"spectrum": {"dims": 768, "largest": a, "smallest": b, "sum": total}}

test_pass if {
	v := sim_ml_2.verdict with input as {"lenses": {"L2": spectrum(45.2, 0.01, 768)}} with data.profile as profile("")
	v.verdict == "pass"
	v.value == 45.2 - 0.01
	v.finding == "lens L2: X = A - B = 45.200 - 0.010 = 45.190; over the eigenvalue sum 768.000 (768 dims), S = 0.059 <= 0.500"
	v.evidence == [
		{"fact": "/lenses/L2/spectrum/largest", "value": 45.2},
		{"fact": "/lenses/L2/spectrum/smallest", "value": 0.01},
		{"fact": "/lenses/L2/spectrum/sum", "value": 768},
		{"fact": "/lenses/L2/spectrum/dims", "value": 768},
	]
}

test_caution_worst_lens_decides if {
	v := sim_ml_2.verdict with input as {"lenses": {"A": spectrum(10, 0, 100), "B": spectrum(60, 0, 100)}}
		with data.profile as profile("")
	v.verdict == "caution"
	v.value == 60
	v.finding == "lens B: X = A - B = 60.000 - 0.000 = 60.000; over the eigenvalue sum 100.000 (768 dims), S = 0.600 > 0.500; other lenses: A S = 0.100"
}

test_fail_named_lens if {
	v := sim_ml_2.verdict with input as {"lenses": {"A": spectrum(90, 0.5, 100), "B": spectrum(1, 1, 100)}}
		with data.profile as profile("A")
	v.verdict == "fail"
	v.value == 89.5
	v.finding == "lens A: X = A - B = 90.000 - 0.500 = 89.500; over the eigenvalue sum 100.000 (768 dims), S = 0.895 > 0.800"
}

test_na_without_lenses if {
	v := sim_ml_2.verdict with input as {"dataset": {"name": "x", "images": 3}} with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_named_lens_absent if {
	v := sim_ml_2.verdict with input as {"lenses": {"A": spectrum(1, 1, 2)}} with data.profile as profile("L2")
	v.verdict == "na"
	v.finding == "no embedding lens named 'L2' in the facts (/lenses)"
}

test_na_no_spectrum_in_any_lens if {
	v := sim_ml_2.verdict with input as {"lenses": {"A": {"samples": 3}, "B": {"spectrum": {"largest": 1, "smallest": 0, "sum": 0}}}}
		with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no eigenvalue spectrum in any lens (/lenses/*/spectrum)"
}

test_na_no_spectrum_in_single_lens if {
	v := sim_ml_2.verdict with input as {"lenses": {"A": {"samples": 3}}} with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no eigenvalue spectrum in lens 'A' (/lenses/A/spectrum)"
}
