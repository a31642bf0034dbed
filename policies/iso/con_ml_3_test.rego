package qmcheck.iso.con_ml_3_test

import data.qmcheck.iso.con_ml_3

profile := {"qm": {"Con-ML-3": {"thresholds": {"pass_min": 0.99, "caution_min": 0.90}}}}

test_caution_imagenet if {
	v := con_ml_3.verdict with input as {"images": {"modes": {"RGB": 1408698, "L": 22469}}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == 1408698 / 1431167
	v.finding == "98.43% of 1,431,167 images are stored as RGB; others: L 22,469: X = 0.9843 < 0.9900"
	v.evidence == [{"fact": "/images/modes", "value": {"RGB": 1408698, "L": 22469}}]
}

test_pass_single_mode_with_gray if {
	v := con_ml_3.verdict with input as {"images": {"modes": {"RGB": 500}, "effectively_gray": {"count": 12}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 1
	v.finding == "100.00% of 500 images are stored as RGB; 12 images stored in colour are effectively gray (not counted against X): X = 1.0000 >= 0.9900"
	v.evidence[1] == {"fact": "/images/effectively_gray/count", "value": 12}
}

test_gray_zero_not_mentioned if {
	v := con_ml_3.verdict with input as {"images": {"modes": {"RGB": 500}, "effectively_gray": {"count": 0}}}
		with data.profile as profile
	v.finding == "100.00% of 500 images are stored as RGB: X = 1.0000 >= 0.9900"
}

test_fail_mixed if {
	v := con_ml_3.verdict with input as {"images": {"modes": {"RGB": 80, "L": 15, "CMYK": 5}}}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0.8
	v.finding == "80.00% of 100 images are stored as RGB; others: L 15, CMYK 5: X = 0.8000 < 0.9000"
}

test_na_without_modes if {
	v := con_ml_3.verdict with input as {"images": {"count": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no stored colour modes in the facts (/images/modes absent or empty)"
}

test_na_empty_modes if {
	v := con_ml_3.verdict with input as {"images": {"modes": {}}} with data.profile as profile
	v.verdict == "na"
}

test_na_zero_modes if {
	v := con_ml_3.verdict with input as {"images": {"modes": {"RGB": 0}}} with data.profile as profile
	v.verdict == "na"
}
