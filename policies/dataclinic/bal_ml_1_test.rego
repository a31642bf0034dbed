package qmcheck.dataclinic.bal_ml_1_test

import data.qmcheck.dataclinic.bal_ml_1

profile := {"qm": {"Bal-ML-1": {"thresholds": {
	"pass_min": 1.5, "caution_min": 1.105, "ratio_pass_max": 5, "ratio_caution_max": 20,
	"semantic_pass_max": 0.05, "semantic_caution_max": 0.10,
}}}}

imagenet_classes := {"count": 1000, "mean": 1281.2, "min": 732, "max": 1300}

dogs(count, share) := {"node": "dog.n.01", "count": count, "share": share}

test_fail_imagenet_dogs if {
	v := bal_ml_1.verdict with input as {"classes": imagenet_classes, "taxonomy": {"largest_sibling_group": dogs(118, 0.118)}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.118
	v.finding == "numerically balanced (1,000 classes, 732-1,300 images each (mean 1281.2): X = 2.333 >= 1.500; max/min 1.78 <= 5), but 118 of 1,000 classes (11.8%) sit under 'dog.n.01' (> 10.0%)"
	count(v.evidence) == 7
	v.evidence[6] == {"fact": "/taxonomy/largest_sibling_group/share", "value": 0.118}
}

test_caution_semantic if {
	v := bal_ml_1.verdict with input as {"classes": imagenet_classes, "taxonomy": {"largest_sibling_group": dogs(80, 0.08)}}
		with data.profile as profile
	v.verdict == "caution"
	endswith(v.finding, "but 80 of 1,000 classes (8.0%) sit under 'dog.n.01' (> 5.0%)")
}

test_caution_numeric_decides if {
	# X = 100 / 80 = 1.25, max/min 9: caution; semantic 3% passes
	v := bal_ml_1.verdict with input as {
		"classes": {"count": 3, "mean": 100, "min": 20, "max": 180},
		"taxonomy": {"largest_sibling_group": {"share": 0.03}},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.03
	endswith(v.finding, "but 3.0% of the classes sit under the largest sibling group (<= 5.0%)")
}

test_pass_both if {
	v := bal_ml_1.verdict with input as {"classes": imagenet_classes, "taxonomy": {"largest_sibling_group": dogs(20, 0.02)}}
		with data.profile as profile
	v.verdict == "pass"
	contains(v.finding, "), and 20 of 1,000 classes (2.0%) sit under 'dog.n.01' (<= 5.0%)")
}

test_fail_numeric_only if {
	v := bal_ml_1.verdict with input as {"classes": {"count": 2, "mean": 5, "min": 0, "max": 10}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 1
	endswith(v.finding, "; semantic balance not measured (/taxonomy/largest_sibling_group/share absent)")
	startswith(v.finding, "numerically unbalanced (")
}

test_semantic_only_uses_dataset_classes if {
	v := bal_ml_1.verdict with input as {"dataset": {"classes": 1000}, "taxonomy": {"largest_sibling_group": dogs(118, 0.118)}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "118 of 1,000 classes (11.8%) sit under 'dog.n.01' (> 10.0%); numeric balance not measured (/classes/mean, /classes/min, /classes/max absent)"
}

test_na_neither if {
	v := bal_ml_1.verdict with input as {"dataset": {"name": "x", "images": 3}, "taxonomy": {"source": "WordNet 3.0"}}
		with data.profile as profile
	v.verdict == "na"
	v.value == null
	v.finding == "neither class statistics (/classes/mean, /classes/min, /classes/max) nor a taxonomy sibling group (/taxonomy/largest_sibling_group/share) in the facts"
}
