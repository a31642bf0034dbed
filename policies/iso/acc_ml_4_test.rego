package qmcheck.iso.acc_ml_4_test

import data.qmcheck.iso.acc_ml_4

profile := {"qm": {"Acc-ML-4": {"thresholds": {"pass_max": 0.01, "caution_max": 0.03}, "params": {"lens": ""}}}}

with_lens(l) := {"qm": {"Acc-ML-4": {"thresholds": {"pass_max": 0.01, "caution_max": 0.03}, "params": {"lens": l}}}}

lenses := {
	"L1": {"samples": 10000, "outliers": {"count": 50}},
	"L2": {"samples": 10000, "outliers": {"count": 200, "classes": {"flute": 40, "oboe": 60, "sax": 10, "harp": 60}}},
}

test_worst_lens_decides if {
	v := acc_ml_4.verdict with input as {"lenses": lenses} with data.profile as profile
	v.verdict == "caution"
	v.value == 0.02
	v.finding == "lens L2: 200 of 10,000 samples are outliers (most in 'harp' 60, 'oboe' 60, 'flute' 40): X = 0.0200 > 0.0100; also lens L1 0.0050"
	v.evidence == [
		{"fact": "/lenses/L1/outliers/count", "value": 50},
		{"fact": "/lenses/L1/samples", "value": 10000},
		{"fact": "/lenses/L2/outliers/count", "value": 200},
		{"fact": "/lenses/L2/samples", "value": 10000},
		{"fact": "/lenses/L2/outliers/classes", "value": {"flute": 40, "oboe": 60, "sax": 10, "harp": 60}},
	]
}

test_pass_named_lens if {
	v := acc_ml_4.verdict with input as {"lenses": lenses} with data.profile as with_lens("L1")
	v.verdict == "pass"
	v.finding == "lens L1: 50 of 10,000 samples are outliers: X = 0.0050 <= 0.0100"
}

test_fail if {
	v := acc_ml_4.verdict with input as {"lenses": {"L3": {"samples": 100, "outliers": {"count": 4}}}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.04
	endswith(v.finding, "X = 0.0400 > 0.0300")
}

test_na_without_lenses if {
	v := acc_ml_4.verdict with input as {"dataset": {"images": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_named_lens_absent if {
	v := acc_ml_4.verdict with input as {"lenses": lenses} with data.profile as with_lens("L9")
	v.verdict == "na"
	v.finding == "no embedding lens named 'L9' in the facts (/lenses)"
}

test_na_only_named_classes if {
	v := acc_ml_4.verdict with input as {"lenses": {
		"L1": {"samples": 100},
		"L2": {"outliers": {"named_classes": ["flute", "oboe"]}},
		"L3": {"outliers": {"count": 3}},
	}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "lens L1 has no outlier count (/lenses/L1/outliers/count); lens L2 names low-density outlier classes ('flute', 'oboe') but no outlier count (/lenses/L2/outliers/count); lens L3 has an outlier count but no sample count (/lenses/L3/samples absent or 0)"
}

test_na_many_named_classes_abbreviated if {
	v := acc_ml_4.verdict with input as {"lenses": {"L2": {"outliers": {"named_classes": ["a", "b", "c", "d", "e", "f"]}}}}
		with data.profile as profile
	v.finding == "lens L2 names low-density outlier classes ('a', 'b', 'c', 'd', 'e', ...) but no outlier count (/lenses/L2/outliers/count)"
}
