package qmcheck.iso.qmc_tax_1_test

import data.qmcheck.iso.qmc_tax_1

profile := {"qm": {"QMC-Tax-1": {"thresholds": {"pass_max": 0.05, "caution_max": 0.10}}}}

test_fail_imagenet_dogs if {
	v := qmc_tax_1.verdict with input as {
		"classes": {"count": 1000},
		"taxonomy": {"source": "WordNet 3.0 (ImageNet wnids)", "largest_sibling_group": {"node": "dog.n.01", "count": 118, "share": 0.118}},
	}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.118
	v.finding == "118 of 1,000 classes (11.80%) sit under 'dog.n.01' in WordNet 3.0 (ImageNet wnids): X = 0.118 > 0.100"
	v.evidence == [
		{"fact": "/taxonomy/largest_sibling_group/node", "value": "dog.n.01"},
		{"fact": "/taxonomy/largest_sibling_group/count", "value": 118},
		{"fact": "/taxonomy/largest_sibling_group/share", "value": 0.118},
		{"fact": "/taxonomy/source", "value": "WordNet 3.0 (ImageNet wnids)"},
		{"fact": "/classes/count", "value": 1000},
	]
}

test_caution_from_count if {
	v := qmc_tax_1.verdict with input as {
		"dataset": {"name": "x", "images": 100, "classes": 100},
		"taxonomy": {"largest_sibling_group": {"node": "bird.n.01", "count": 8}},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.08
	v.finding == "8 of 100 classes (8.00%) sit under 'bird.n.01': X = 0.080 > 0.050"
}

test_pass_share_only if {
	v := qmc_tax_1.verdict with input as {"taxonomy": {"largest_sibling_group": {"share": 0.03}}}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "3.00% of the classes sit under one node: X = 0.030 <= 0.050"
}

test_na_without_taxonomy if {
	v := qmc_tax_1.verdict with input as {"classes": {"count": 10}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no class taxonomy in the facts (/taxonomy/largest_sibling_group)"
}

test_na_count_without_classes if {
	v := qmc_tax_1.verdict with input as {"taxonomy": {"largest_sibling_group": {"node": "dog.n.01", "count": 118}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the largest sibling group has neither a share nor a count over a class count (/taxonomy/largest_sibling_group/share, /taxonomy/largest_sibling_group/count, /classes/count)"
}

test_count_and_share_without_class_count if {
	v := qmc_tax_1.verdict with input as {"taxonomy": {"largest_sibling_group": {"node": "dog.n.01", "count": 118, "share": 0.118}}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "118 classes (11.80% of all) sit under 'dog.n.01': X = 0.118 > 0.100"
}
