package qmcheck.dataclinic.eft_ml_1_test

import data.qmcheck.dataclinic.eft_ml_1

profile := {"qm": {"Eft-ML-1": {"thresholds": {"fine_grained_share": 0.05, "agreement_min": 0.6}}}}

amt := {"method": "crowd", "platform": "Amazon Mechanical Turk", "expertise": "non-expert"}

dogs := {"largest_sibling_group": {"node": "dog.n.01", "count": 118, "share": 0.118}}

test_caution_imagenet_crowd_dogs if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": amt}, "taxonomy": dogs} with data.profile as profile
	v.verdict == "caution"
	v.value == 0.118
	v.finding == "crowd labelling (Amazon Mechanical Turk, non-expert) of a taxonomy with 118 classes under 'dog.n.01' (11.8% > 5.0%)"
	v.evidence[0] == {"fact": "/datacard/labelling", "value": amt}
	count(v.evidence) == 4
}

test_pass_crowd_coarse_taxonomy if {
	v := eft_ml_1.verdict with input as {
		"datacard": {"labelling": {"method": "crowd"}},
		"taxonomy": {"largest_sibling_group": {"share": 0.03}},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "crowd labelling of a taxonomy with 3.0% of the classes under one node (3.0% <= 5.0%)"
}

test_pass_crowd_without_taxonomy if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"method": "model", "platform": "CLIP ViT-L/14"}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == null
	v.finding == "model labelling (CLIP ViT-L/14); no fine-grained group in the facts (/taxonomy/largest_sibling_group/share absent)"
}

test_pass_expert if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"method": "expert", "agreement": {"metric": "Fleiss' kappa", "value": 0.82}}}, "taxonomy": dogs}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0.82
	v.finding == "expert labelling; declared agreement (Fleiss' kappa) 0.82 >= 0.60"
}

test_pass_expertise_only if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"method": "unknown", "expertise": "expert"}}, "taxonomy": dogs}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "expert labelling"
}

test_fail_low_agreement if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"method": "expert", "agreement": {"metric": "Cohen's kappa", "value": 0.41}}}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.41
	v.finding == "expert labelling; declared agreement (Cohen's kappa) 0.41 < 0.60"
}

test_caution_with_agreement_value if {
	l := object.union(amt, {"agreement": {"metric": "Fleiss' kappa", "value": 0.7}})
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": l}, "taxonomy": dogs} with data.profile as profile
	v.verdict == "caution"
	v.value == 0.7
	endswith(v.finding, "(11.8% > 5.0%); declared agreement (Fleiss' kappa) 0.70 >= 0.60")
}

test_pass_agreement_alone if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"agreement": {"metric": "Krippendorff's alpha", "value": 0.9}}}}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "labelling method not declared; declared agreement (Krippendorff's alpha) 0.90 >= 0.60"
}

test_na_unknown_method if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"method": "unknown"}}, "taxonomy": dogs}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared labelling method (/datacard/labelling)"
}

test_na_no_labelling if {
	v := eft_ml_1.verdict with input as {"datacard": {"licence": "custom"}, "taxonomy": dogs} with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared labelling method (/datacard/labelling)"
}

test_platform_without_method if {
	v := eft_ml_1.verdict with input as {"datacard": {"labelling": {"platform": "Labelbox", "agreement": {"metric": "kappa", "value": 0.5}}}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "labelling method not declared (Labelbox); declared agreement (kappa) 0.50 < 0.60"
}
