package qmcheck.iso.idn_ml_1_test

import data.qmcheck.iso.idn_ml_1

profile := {"qm": {"Idn-ML-1": {"thresholds": {"pass_max": 0.0, "caution_max": 0.01}}}}

facts(identifiable, reviewed) := {"datacard": {"pii": {
	"reviewed": true,
	"method": "face detection and manual check",
	"records_reviewed": reviewed,
	"identifiable": identifiable,
}}}

test_pass_none_identifiable if {
	v := idn_ml_1.verdict with input as facts(0, 10000) with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "0 of 10,000 reviewed records can identify a person (face detection and manual check): X = 0.0000 <= 0.0000"
	v.evidence == [
		{"fact": "/datacard/pii/reviewed", "value": true},
		{"fact": "/datacard/pii/method", "value": "face detection and manual check"},
		{"fact": "/datacard/pii/records_reviewed", "value": 10000},
		{"fact": "/datacard/pii/identifiable", "value": 0},
	]
}

test_caution if {
	v := idn_ml_1.verdict with input as facts(3, 10000) with data.profile as profile
	v.verdict == "caution"
	v.finding == "3 of 10,000 reviewed records can identify a person (face detection and manual check): X = 0.0003 > 0.0000"
}

test_fail_without_reviewed_flag if {
	v := idn_ml_1.verdict with input as {"datacard": {"pii": {"records_reviewed": 1000, "identifiable": 20}}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "20 of 1,000 reviewed records can identify a person: X = 0.0200 > 0.0100"
}

test_na_without_review if {
	v := idn_ml_1.verdict with input as {"datacard": {"licence": "cc-by"}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no declared PII review (/datacard/pii)"
}

test_na_review_not_done if {
	v := idn_ml_1.verdict with input as {"datacard": {"pii": {"reviewed": false, "records_reviewed": 10, "identifiable": 0}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "PII review declared as not done (/datacard/pii/reviewed = false)"
}

test_na_without_counts if {
	v := idn_ml_1.verdict with input as {"datacard": {"pii": {"reviewed": true, "records_reviewed": 10}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "the PII review gives no record counts (/datacard/pii/records_reviewed, /datacard/pii/identifiable)"
}

test_na_zero_records if {
	v := idn_ml_1.verdict with input as facts(0, 0) with data.profile as profile
	v.verdict == "na"
	v.finding == "the PII review covered no record (/datacard/pii/records_reviewed = 0)"
}
