package qmcheck.iso.com_ml_5_test

import data.qmcheck.iso.com_ml_5

profile := {"qm": {"Com-ML-5": {"thresholds": {"pass_min": 0.99, "caution_min": 0.95}}}}

test_pass_all_labelled if {
	v := com_ml_5.verdict with input as {"dataset": {"images": 1431167}, "integrity": {"files": 1431167, "unlabeled": 0}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "0 of 1,431,167 samples carry no label: X = 1.0000 >= 0.9900"
	v.evidence == [
		{"fact": "/integrity/unlabeled", "value": 0},
		{"fact": "/integrity/files", "value": 1431167},
	]
}

test_caution_names_examples if {
	v := com_ml_5.verdict with input as {
		"dataset": {"images": 100},
		"integrity": {"unlabeled": 4, "unlabeled_files": ["a.jpg", "b.jpg", "c.jpg", "d.jpg"]},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.96
	v.finding == "4 of 100 samples carry no label, e.g. 'a.jpg', 'b.jpg' and 'c.jpg': X = 0.9600 < 0.9900"
	v.evidence[1] == {"fact": "/dataset/images", "value": 100}
}

test_fail if {
	v := com_ml_5.verdict with input as {"dataset": {"images": 100}, "integrity": {"files": 100, "unlabeled": 6}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "6 of 100 samples carry no label: X = 0.9400 < 0.9500"
}

test_na_without_unlabeled if {
	v := com_ml_5.verdict with input as {"dataset": {"images": 100}, "integrity": {"files": 100}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no count of unlabelled samples in the facts (/integrity/unlabeled) and no declared annotation counts (/datacard/annotations)"
}

test_na_no_samples if {
	v := com_ml_5.verdict with input as {"dataset": {"images": 0}, "integrity": {"unlabeled": 0}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no samples to measure (/dataset/images = 0)"
}

test_annotations_decide_when_lower if {
	v := com_ml_5.verdict with input as {
		"dataset": {"images": 1000},
		"integrity": {"files": 1000, "unlabeled": 0},
		"datacard": {"annotations": {"types": ["bounding boxes"], "complete": 960, "population": 1000}},
	}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 0.96
	v.finding == "0 of 1,000 samples carry no label; 960 of 1,000 samples carry complete bounding boxes annotations (datacard); the annotation part decides: X = 0.9600 < 0.9900"
	v.evidence == [
		{"fact": "/integrity/unlabeled", "value": 0},
		{"fact": "/integrity/files", "value": 1000},
		{"fact": "/datacard/annotations/types", "value": ["bounding boxes"]},
		{"fact": "/datacard/annotations/complete", "value": 960},
		{"fact": "/datacard/annotations/population", "value": 1000},
	]
}

test_annotations_alone if {
	v := com_ml_5.verdict with input as {"dataset": {"images": 10}, "datacard": {"annotations": {"complete": 10, "population": 10}}}
		with data.profile as profile
	v.verdict == "pass"
	v.finding == "10 of 10 samples carry complete declared annotations (datacard): X = 1.0000 >= 0.9900"
}

test_class_part_decides if {
	v := com_ml_5.verdict with input as {
		"dataset": {"images": 100},
		"integrity": {"unlabeled": 10},
		"datacard": {"annotations": {"complete": 99, "population": 100}},
	}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.9
	endswith(v.finding, "the class-label part decides: X = 0.9000 < 0.9500")
}

test_empty_annotation_population_is_not_measured if {
	v := com_ml_5.verdict with input as {"dataset": {"images": 10}, "datacard": {"annotations": {"complete": 0, "population": 0}}}
		with data.profile as profile
	v.verdict == "na"
}
