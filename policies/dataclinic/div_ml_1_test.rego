package qmcheck.dataclinic.div_ml_1_test

import data.qmcheck.dataclinic.div_ml_1

thresholds := {"pass_max": 0.15, "caution_max": 0.30}

profile := {"qm": {"Div-ML-1": {"thresholds": thresholds, "params": {"lens": "L2"}}}}

all_lenses := {"qm": {"Div-ML-1": {"thresholds": thresholds, "params": {"lens": ""}}}}

l2 := {
	"density": {"densest": {"size": 12, "top_class": "peacock", "top_count": 10}},
	"outliers": {"named_classes": ["flute", "lens cap"]},
	"taxonomy_shares": {
		"biotic": {"classes": 0.41, "densest": 1.0, "outliers": 0.0},
		"artifact": {"classes": 0.522, "densest": 0.0, "outliers": 1.0},
		"other": {"classes": 0.068, "densest": 0.0, "outliers": 0.0},
	},
}

l3 := {"taxonomy_shares": {
	"biotic": {"classes": 0.41, "densest": 0.8333333333, "outliers": 0.0},
	"artifact": {"classes": 0.522, "densest": 0.1666666667, "outliers": 1.0},
	"other": {"classes": 0.068, "densest": 0.0, "outliers": 0.0},
}}

shares(b, a) := {"taxonomy_shares": {
	"biotic": {"classes": 0.4, "sparsest": b},
	"artifact": {"classes": 0.6, "sparsest": a},
}}

test_fail_imagenet_biotic_densest if {
	v := div_ml_1.verdict with input as {"lenses": {"L2": l2, "L3": l3}} with data.profile as profile
	v.verdict == "fail"
	v.value > 0.589
	v.value < 0.591
	v.finding == "in lens L2, 'biotic' classes are 41.0% of the classes but 100.0% of the 12 densest samples (gap 0.59 > 0.30)"
	v.evidence == [{"fact": "/lenses/L2/taxonomy_shares", "value": l2.taxonomy_shares}]
}

test_worst_lens_decides_across_lenses if {
	v := div_ml_1.verdict with input as {"lenses": {"L2": shares(0.45, 0.55), "L3": l3}} with data.profile as all_lenses
	v.verdict == "fail"
	v.finding == "in lens L3, 'artifact' classes are 52.2% of the classes but 100.0% of the outliers (gap 0.48 > 0.30)"
	count(v.evidence) == 2
}

test_caution if {
	# biotic: |0.6 - 0.4| = 0.2; artifact: |0.4 - 0.6| = 0.2; 'artifact' is first on a tie
	v := div_ml_1.verdict with input as {"lenses": {"L2": shares(0.6, 0.4)}} with data.profile as profile
	v.verdict == "caution"
	v.finding == "in lens L2, 'artifact' classes are 60.0% of the classes but 40.0% of the sparsest samples (gap 0.20 > 0.15)"
}

test_pass if {
	v := div_ml_1.verdict with input as {"lenses": {"L2": shares(0.45, 0.55)}} with data.profile as profile
	v.verdict == "pass"
	endswith(v.finding, "and 55.0% of the sparsest samples (gap 0.05 <= 0.15)")
}

test_na_lens_absent if {
	v := div_ml_1.verdict with input as {"lenses": {"L3": l3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no embedding lens named 'L2' in the facts (/lenses)"
}

test_na_no_lenses if {
	v := div_ml_1.verdict with input as {"dataset": {"name": "x", "images": 1}} with data.profile as all_lenses
	v.verdict == "na"
	v.finding == "no embedding lens measured (/lenses absent)"
}

test_na_no_shares if {
	v := div_ml_1.verdict with input as {"lenses": {"L2": {"dims": 1280}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no taxonomy shares for lens L2 (/lenses/L2/taxonomy_shares)"
}

test_na_shares_without_sets if {
	v := div_ml_1.verdict with input as {"lenses": {"L2": {"taxonomy_shares": {"biotic": {"classes": 0.4}}}, "L3": {}}}
		with data.profile as all_lenses
	v.verdict == "na"
	v.finding == "no taxonomy shares in any lens (/lenses/*/taxonomy_shares)"
}
