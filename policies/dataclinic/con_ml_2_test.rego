package qmcheck.dataclinic.con_ml_2_test

import data.qmcheck.dataclinic.con_ml_2

profile := {"qm": {"Con-ML-2": {"thresholds": {
	"mode_pass_max": 0.005, "mode_caution_max": 0.05,
	"clip_pass_max": 0.02, "clip_caution_max": 0.05,
}}}}

imagenet_modes := {"RGB": 1408698, "L": 22469}

imagenet_spikes := {"B": {"spikes": [
	{"value": 255, "count": 1600000000, "approximate": true},
	{"value": 0, "count": 830000000, "approximate": true},
]}}

# hist(low, mid, high): 256 bins, low at 0, high at 255 and mid in each other bin.
hist(low, mid, high) := array.concat(array.concat([low], [mid | some _ in numbers.range(1, 254)]), [high])

test_caution_imagenet if {
	v := con_ml_2.verdict with input as {"images": {"modes": imagenet_modes}, "pixels": {"channels": imagenet_spikes}}
		with data.profile as profile
	v.verdict == "caution"
	v.value > 0.0156
	v.value < 0.0158
	v.finding == "1.57% of 1,431,167 images are not RGB (L 22,469) (> 0.50%); blue channel spikes at 255 (~1,600,000,000) and 0 (~830,000,000) reported without channel totals"
	v.evidence[0] == {"fact": "/images/modes", "value": imagenet_modes}
	v.evidence[1].fact == "/pixels/channels/B/spikes"
}

test_pass_modes_and_histograms if {
	# clip share (10 + 10) / (20 + 254 * 100) < 0.1%
	v := con_ml_2.verdict with input as {
		"images": {"modes": {"RGB": 1000}},
		"pixels": {"channels": {"R": {"histogram": hist(10, 100, 10)}, "G": {"histogram": hist(10, 100, 10)}}},
	}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	startswith(v.finding, "all 1,000 images are RGB (0.00% <= 0.50%); the green channel has 0.08% of its values at 0 or 255 (<= 2.00%)")
}

test_fail_on_modes if {
	v := con_ml_2.verdict with input as {"images": {"modes": {"RGB": 90, "L": 8, "CMYK": 2}}} with data.profile as profile
	v.verdict == "fail"
	v.finding == "10.00% of 100 images are not RGB (L 8, CMYK 2) (> 5.00%); channel values not measured (no histogram or spikes in /pixels/channels)"
}

test_fail_on_clipping if {
	# B: (1000 + 1000) / (2000 + 254 * 100) = 7.3% > 5%
	v := con_ml_2.verdict with input as {
		"images": {"modes": {"RGB": 1000}},
		"pixels": {"channels": {"R": {"histogram": hist(10, 100, 10)}, "B": {"histogram": hist(1000, 100, 1000)}}},
	}
		with data.profile as profile
	v.verdict == "fail"
	v.value == 0
	contains(v.finding, "the blue channel has 7.30% of its values at 0 or 255 (> 5.00%)")
	v.evidence[1].fact == "/pixels/channels/B/histogram"
}

test_caution_histograms_only if {
	# (300 + 300) / (600 + 254 * 100) = 2.31%
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"L": {"histogram": hist(300, 100, 300)}}}}
		with data.profile as profile
	v.verdict == "caution"
	v.value > 0.023
	v.value < 0.0231
	v.finding == "the luma channel has 2.31% of its values at 0 or 255 (> 2.00%); colour modes not measured (/images/modes absent)"
}

test_histograms_take_precedence_over_spikes if {
	v := con_ml_2.verdict with input as {"pixels": {"channels": {
		"L": {"histogram": hist(1, 100, 1)},
		"B": {"spikes": [{"value": 255, "count": 9}]},
	}}}
		with data.profile as profile
	v.verdict == "pass"
}

test_caution_spikes_only if {
	v := con_ml_2.verdict with input as {"pixels": {"channels": {
		"B": {"spikes": [{"value": 255, "count": 9}]},
		"R": {"spikes": [{"value": 0, "count": 1200}]},
	}}}
		with data.profile as profile
	v.verdict == "caution"
	v.value == null
	v.finding == "blue channel spikes at 255 (9), red channel spikes at 0 (1,200) reported without channel totals; colour modes not measured (/images/modes absent)"
}

test_na_nothing_measured if {
	v := con_ml_2.verdict with input as {"images": {"count": 3}, "pixels": {"channels": {"B": {}}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "no colour modes (/images/modes) and no channel histogram or spikes (/pixels/channels) in the facts"
}

test_na_empty_modes if {
	v := con_ml_2.verdict with input as {"images": {"modes": {}}} with data.profile as profile
	v.verdict == "na"
}
