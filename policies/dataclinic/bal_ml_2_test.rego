package qmcheck.dataclinic.bal_ml_2_test

import data.qmcheck.dataclinic.bal_ml_2

thresholds := {"pass_max": 2.0, "caution_max": 5.0}

profile := {"qm": {"Bal-ML-2": {"thresholds": thresholds, "params": {"lens": ""}}}}

densest(top) := {"density": {"densest": {"size": 12, "top_class": top, "top_count": 10}}}

per_class(pc) := {"density": {"per_class": pc}}

test_na_imagenet_lens_dependent if {
	v := bal_ml_2.verdict with input as {"lenses": {"L2": densest("peacock"), "L3": densest("tarantula")}}
		with data.profile as profile
	v.verdict == "na"
	v.value == null
	v.finding == "no per-class density in any lens (/lenses/*/density/per_class); the densest class differs by lens (L2 'peacock', L3 'tarantula'), so feature-space balance is lens-dependent"
}

test_na_same_densest_class if {
	v := bal_ml_2.verdict with input as {"lenses": {"L2": densest("peacock"), "L3": densest("peacock")}}
		with data.profile as profile
	v.finding == "no per-class density in any lens (/lenses/*/density/per_class)"
}

test_na_one_lens if {
	v := bal_ml_2.verdict with input as {"lenses": {"L2": per_class({"peacock": 0.3})}}
		with data.profile as {"qm": {"Bal-ML-2": {"thresholds": thresholds, "params": {"lens": "L2"}}}}
	v.verdict == "na"
	v.finding == "no per-class density for lens L2 (/lenses/L2/density/per_class)"
}

test_na_no_lens if {
	v := bal_ml_2.verdict with input as {"dataset": {"name": "x", "images": 1}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_fail_worst_lens if {
	v := bal_ml_2.verdict with input as {"lenses": {
		"L2": per_class({"peacock": 0.3, "flute": 0.05, "cup": 0.1}),
		"L3": per_class({"tarantula": 2.0, "flute": 1.5}),
	}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 6
	v.finding == "in lens L2, mean density per class ranges from 0.050 ('flute') to 0.300 ('peacock'): max/min 6.00 > 5.0"
	v.evidence[0] == {"fact": "/lenses/L2/density/per_class/flute", "value": 0.05}
	count(v.evidence) == 4
}

test_caution if {
	v := bal_ml_2.verdict with input as {"lenses": {"L2": per_class({"a": 3, "b": 1})}} with data.profile as profile
	v.verdict == "caution"
	v.value == 3
	endswith(v.finding, "max/min 3.00 > 2.0")
}

test_pass if {
	v := bal_ml_2.verdict with input as {"lenses": {"L2": per_class({"a": 1.5, "b": 1})}} with data.profile as profile
	v.verdict == "pass"
	endswith(v.finding, "max/min 1.50 <= 2.0")
}

test_fail_zero_density if {
	v := bal_ml_2.verdict with input as {"lenses": {"L2": per_class({"a": 1.5, "b": 1}), "L3": per_class({"a": 1.5, "b": 0})}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == null
	v.finding == "in lens L3, class 'b' has a mean density of 0.000 (max/min unbounded)"
}
