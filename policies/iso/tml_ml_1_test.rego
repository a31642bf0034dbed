package qmcheck.iso.tml_ml_1_test

import data.qmcheck.iso.tml_ml_1

profile := {"qm": {"Tml-ML-1": {"thresholds": {"pass_min": 0.95, "caution_min": 0.80}}}}

facts(meeting, population) := {"datacard": {"timeliness": {
	"requirement": "photographed after 2015",
	"items_meeting": meeting,
	"population": population,
}}}

test_pass if {
	v := tml_ml_1.verdict with input as facts(950, 1000) with data.profile as profile
	v.verdict == "pass"
	v.value == 0.95
	v.finding == "950 of 1,000 items meet the timeliness requirement 'photographed after 2015': X = 0.950 >= 0.950"
	v.evidence == [
		{"fact": "/datacard/timeliness/requirement", "value": "photographed after 2015"},
		{"fact": "/datacard/timeliness/items_meeting", "value": 950},
		{"fact": "/datacard/timeliness/population", "value": 1000},
	]
}

test_caution_without_requirement_text if {
	v := tml_ml_1.verdict with input as {"datacard": {"timeliness": {"items_meeting": 850, "population": 1000}}}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "850 of 1,000 items meet the declared timeliness requirement: X = 0.850 < 0.950"
}

test_fail if {
	v := tml_ml_1.verdict with input as facts(500, 1000) with data.profile as profile
	v.verdict == "fail"
	v.finding == "500 of 1,000 items meet the timeliness requirement 'photographed after 2015': X = 0.500 < 0.800"
}

test_na_without_timeliness if {
	v := tml_ml_1.verdict with input as {"datacard": {"licence": "mit"}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared timeliness requirement (/datacard/timeliness)"
}

test_na_zero_population if {
	v := tml_ml_1.verdict with input as facts(0, 0) with data.profile as profile
	v.verdict == "na"
	v.finding == "the timeliness declaration counts no item (/datacard/timeliness/items_meeting, /datacard/timeliness/population)"
}
