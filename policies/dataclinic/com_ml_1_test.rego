package qmcheck.dataclinic.com_ml_1_test

import data.qmcheck.dataclinic.com_ml_1

profile := {"qm": {"Com-ML-1": {"thresholds": {"pass_max": 0.0, "caution_max": 0.02}}}}

abstract := ["street sign", "traffic light", "red wine", "espresso", "cup", "eggnog", "bubble", "toilet tissue"]

stage := [{"class": "stage", "reason": "abstract WordNet synset, visually ambiguous", "source": "seed report"}]

test_caution_imagenet if {
	v := com_ml_1.verdict with input as {
		"classes": {"count": 1000},
		"taxonomy": {"abstract_classes": abstract},
		"datacard": {"ambiguous_classes": stage},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.009
	v.finding == "9 of 1,000 classes (0.90%) are abstract or declared ambiguous: 'bubble', 'cup', 'eggnog', 'espresso', 'red wine', 'stage', 'street sign', 'toilet tissue' and 'traffic light' (> 0.00%)"
	v.evidence[2] == {"fact": "/classes/count", "value": 1000}
}

test_union_counts_once if {
	v := com_ml_1.verdict with input as {
		"dataset": {"classes": 100},
		"taxonomy": {"abstract_classes": ["stage"]},
		"datacard": {"ambiguous_classes": stage},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.01
	v.evidence[2] == {"fact": "/dataset/classes", "value": 100}
}

test_fail_lists_ten if {
	many := [sprintf("c%02d", [i]) | some i in numbers.range(1, 12)]
	v := com_ml_1.verdict with input as {"classes": {"count": 100}, "taxonomy": {"abstract_classes": many}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "12 of 100 classes (12.00%) are abstract or declared ambiguous: 'c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10' and 2 more (> 2.00%)"
}

test_pass_none if {
	v := com_ml_1.verdict with input as {"classes": {"count": 10}, "taxonomy": {"abstract_classes": []}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "none of the 10 classes is abstract or declared ambiguous (0.00% <= 0.00%)"
}

test_na_no_lists if {
	v := com_ml_1.verdict with input as {"classes": {"count": 10}, "taxonomy": {"source": "WordNet 3.0"}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "neither a taxonomy with abstract classes (/taxonomy/abstract_classes) nor declared ambiguous classes (/datacard/ambiguous_classes)"
}

test_na_no_class_count if {
	v := com_ml_1.verdict with input as {"dataset": {"name": "x", "images": 1}, "datacard": {"ambiguous_classes": stage}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no number of classes to divide by (/classes/count, /dataset/classes absent or 0)"
}

test_na_zero_classes if {
	v := com_ml_1.verdict with input as {"classes": {"count": 0}, "datacard": {"ambiguous_classes": stage}}
		with data.profile as profile
	v.verdict == "na"
}
