package qmcheck.dataclinic.sim_ml_2_test

import data.qmcheck.dataclinic.sim_ml_2

thresholds := {"pass_max": 0.05, "caution_max": 0.15}

profile := {"qm": {"Sim-ML-2": {"thresholds": thresholds, "params": {"lens": ""}}}}

l2_between := {
	"exhaustive": false,
	"pairs": [{"a": "mousetrap", "b": "upright"}, {"a": "shovel", "b": "plunger"}, {"a": "quill", "b": "echidna"}],
	"groups": [["mousetrap", "upright", "laptop"], ["shovel", "plunger", "toilet seat"]],
}

l3_between := {
	"exhaustive": false,
	"pairs": [{"a": "shovel", "b": "plunger"}],
	"groups": [["shovel", "plunger", "toilet seat"], ["vacuum", "lawn mower", "tractor"]],
}

lens(b) := {"similarity": {"between": b}}

measured(c1, c2) := {"exhaustive": true, "confused": [
	{"a": "Siberian husky", "b": "Alaskan malamute", "confusion": c1},
	{"a": "Norfolk terrier", "b": "Norwich terrier", "confusion": c2},
]}

test_caution_imagenet_named_pairs if {
	v := sim_ml_2.verdict with input as {"lenses": {"L2": lens(l2_between), "L3": lens(l3_between)}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == null
	v.finding == "L2: 'mousetrap' ↔ 'upright', 'shovel' ↔ 'plunger', 'quill' ↔ 'echidna'; L3: 'shovel' ↔ 'plunger' (named, not exhaustive: no pass and no fail)"
	count(v.evidence) == 4
	v.evidence[0].fact == "/lenses/L2/similarity/between/pairs"
}

test_caution_groups_only if {
	v := sim_ml_2.verdict with input as {"lenses": {"L3": lens({"groups": [["vacuum", "lawn mower", "tractor"]]})}}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "L3: 'vacuum' ↔ 'lawn mower' ↔ 'tractor' (named, not exhaustive: no pass and no fail)"
}

test_fail_exhaustive if {
	v := sim_ml_2.verdict with input as {"lenses": {"L2": lens(measured(0.04, 0.21)), "L3": lens(l3_between)}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.21
	v.finding == "in lens L2, 'Norfolk terrier' ↔ 'Norwich terrier' is the most confused class pair (k-NN confusion 0.210 > 0.150)"
}

test_worst_exhaustive_lens_decides if {
	v := sim_ml_2.verdict with input as {"lenses": {"A": lens(measured(0.04, 0.02)), "B": lens(measured(0.1, 0.02))}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.1
	v.finding == "in lens B, 'Siberian husky' ↔ 'Alaskan malamute' is the most confused class pair (k-NN confusion 0.100 > 0.050)"
}

test_pass_exhaustive if {
	v := sim_ml_2.verdict with input as {"lenses": {"L2": lens(measured(0.04, 0.01))}} with data.profile as profile
	v.verdict == "pass"
	endswith(v.finding, "(k-NN confusion 0.040 <= 0.050)")
}

test_lens_param_restricts if {
	v := sim_ml_2.verdict with input as {"lenses": {"L2": lens(l2_between), "L3": lens(measured(0.3, 0.01))}}
		with data.profile as {"qm": {"Sim-ML-2": {"thresholds": thresholds, "params": {"lens": "L2"}}}}
	v.verdict == "caution"
	startswith(v.finding, "L2: 'mousetrap'")
}

test_na_no_lens if {
	v := sim_ml_2.verdict with input as {"dataset": {"name": "x", "images": 1}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_named_lens_missing if {
	v := sim_ml_2.verdict with input as {"lenses": {"L3": lens(l3_between)}}
		with data.profile as {"qm": {"Sim-ML-2": {"thresholds": thresholds, "params": {"lens": "L2"}}}}
	v.verdict == "na"
	v.finding == "no embedding lens named 'L2' in the facts (/lenses)"
}

test_na_no_between if {
	v := sim_ml_2.verdict with input as {"lenses": {"L2": {"dims": 1280}, "L3": lens({"exhaustive": false, "pairs": []})}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no between-class similarity in any lens (/lenses/*/similarity/between)"
}

test_pass_separated_classes if {
	b := {"exhaustive": true, "classes": 10, "knn_cross_class": 0, "pairs": [{"a": "a", "b": "b", "cosine": 0.3, "confusion": 0}]}
	v := sim_ml_2.verdict with input as {"lenses": {"L2": lens(b)}} with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "in lens L2, no k-NN edge joins two classes (k-NN confusion of every pair 0.000 <= 0.050)"
	v.evidence == [{"fact": "/lenses/L2/similarity/between/knn_cross_class", "value": 0}]
}

test_confused_lens_beats_separated_lens if {
	sep := {"exhaustive": true, "knn_cross_class": 0}
	v := sim_ml_2.verdict with input as {"lenses": {"A": lens(sep), "B": lens(measured(0.1, 0.02))}} with data.profile as profile
	v.verdict == "caution"
	v.value == 0.1
	startswith(v.finding, "in lens B, 'Siberian husky'")
	count(v.evidence) == 2
}
