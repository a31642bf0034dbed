package qmcheck.dataclinic.sim_ml_1_test

import data.qmcheck.dataclinic.sim_ml_1

thresholds := {"pass_max": 0.0, "caution_max": 0.05}

profile := {"qm": {"Sim-ML-1": {"thresholds": thresholds, "params": {"lens": ""}}}}

within(pc, ds) := {"similarity": {"within": {"per_class": pc, "dataset": ds}}}

# classes(n, weak): n classes c001..., the first 'weak' of them at 0.1, the rest at 0.5.
classes(n, weak) := {sprintf("c%03d", [i]): s |
	some i in numbers.range(1, n)
	s := {true: 0.1, false: 0.5}[i <= weak]
}

imagenet_lens := {"dims": 1280, "similarity": {"between": {"exhaustive": false, "pairs": [{"a": "shovel", "b": "plunger"}]}}}

test_na_imagenet if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": imagenet_lens, "L3": imagenet_lens}} with data.profile as profile
	v.verdict == "na"
	v.finding == "within-class similarity not measured in any lens (/lenses/*/similarity/within)"
}

test_na_one_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": within({}, 0.2)}}
		with data.profile as {"qm": {"Sim-ML-1": {"thresholds": thresholds, "params": {"lens": "L2"}}}}
	v.verdict == "na"
	v.finding == "within-class similarity not measured for lens L2 (/lenses/L2/similarity/within)"
}

test_na_no_lens if {
	v := sim_ml_1.verdict with input as {"dataset": {"name": "x", "images": 1}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_no_baseline if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": {"similarity": {"within": {"per_class": {"a": 0.4}}}}}}
		with data.profile as profile
	v.verdict == "na"
}

test_pass if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": within(classes(100, 0), 0.2)}} with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "in lens L2, all 100 classes are more similar inside than the dataset-wide mean cosine 0.200 (0.00% <= 0.00%)"
}

test_caution if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": within(classes(100, 2), 0.2)}} with data.profile as profile
	v.verdict == "caution"
	v.value == 0.02
	v.finding == "in lens L2, 2 of 100 classes (2.00%) are no more similar inside than the dataset-wide mean cosine 0.200: 'c001' and 'c002' (> 0.00%)"
	count(v.evidence) == 3
}

test_fail_worst_lens if {
	v := sim_ml_1.verdict with input as {"lenses": {
		"L2": within(classes(100, 2), 0.2),
		"L3": within(classes(100, 7), 0.2),
	}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.07
	v.finding == "in lens L3, 7 of 100 classes (7.00%) are no more similar inside than the dataset-wide mean cosine 0.200: 'c001', 'c002', 'c003', 'c004', 'c005' and 2 more (> 5.00%)"
}

test_equal_to_baseline_is_not_cohesive if {
	v := sim_ml_1.verdict with input as {"lenses": {"L2": within({"a": 0.2, "b": 0.5}, 0.2)}} with data.profile as profile
	v.verdict == "fail"
	v.value == 0.5
}
