package qmcheck.iso.sim_ml_1_test

import data.qmcheck.iso.sim_ml_1

profile(lens) := {"qm": {"Sim-ML-1": {"thresholds": {"pass_max": 0.01, "caution_max": 0.05}, "params": {"lens": lens}}}}

lens(dups, n) := {"samples": n, "near_duplicates": {"factor": 0.13, "count": dups}}

test_pass_single_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": lens(40, 50000)}} with data.profile as profile("")
	v.verdict == "pass"
	v.value == 40 / 50000
	v.finding == "lens L2: 40 of 50,000 samples have a near duplicate (closer than 0.13 × the median nearest-neighbour distance): X = 0.0008 <= 0.0100"
	v.evidence == [
		{"fact": "/lenses/L2/near_duplicates/count", "value": 40},
		{"fact": "/lenses/L2/samples", "value": 50000},
	]
}

test_worst_lens_decides_caution if {
	v := sim_ml_1.verdict with input as {"lenses": {"L1": lens(10, 1000), "L2": lens(30, 1000), "L3": {"samples": 1000}}}
		with data.profile as profile("")
	v.verdict == "caution"
	v.value == 0.03
	v.finding == "lens L2: 30 of 1,000 samples have a near duplicate (closer than 0.13 × the median nearest-neighbour distance): X = 0.0300 > 0.0100; other lenses: L1 0.0100"
}

test_fail_named_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {"L1": lens(0, 1000), "L2": {"samples": 100, "near_duplicates": {"count": 6}}}}
		with data.profile as profile("L2")
	v.verdict == "fail"
	v.finding == "lens L2: 6 of 100 samples have a near duplicate: X = 0.0600 > 0.0500"
}

test_na_without_lenses if {
	v := sim_ml_1.verdict with input as {"dataset": {"name": "x", "images": 3}} with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_named_lens_absent if {
	v := sim_ml_1.verdict with input as {"lenses": {"L1": lens(1, 10)}} with data.profile as profile("L2")
	v.verdict == "na"
	v.finding == "no embedding lens named 'L2' in the facts (/lenses)"
}

test_na_no_measurement_in_any_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {"L1": {"samples": 10}, "L2": {"samples": 0, "near_duplicates": {"count": 0}}}}
		with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no near-duplicate measurement in any lens (/lenses/*/near_duplicates)"
}

test_na_no_measurement_in_named_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": {"samples": 10}}} with data.profile as profile("L2")
	v.verdict == "na"
	v.finding == "no near-duplicate measurement in lens 'L2' (/lenses/L2/near_duplicates)"
}

test_na_reference_sample_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": {"samples": 1281167, "exact": false, "reference_sample": 20000}}}
		with data.profile as profile("")
	v.verdict == "na"
	v.finding == "no near-duplicate measurement in lens 'L2' (/lenses/L2/near_duplicates); L2 (1,281,167 samples) searched a reference sample, not every pair, and near duplicates need the exact k-NN (raise the exact limit)"
}
