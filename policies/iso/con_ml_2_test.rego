package qmcheck.iso.con_ml_2_test

import data.qmcheck.iso.con_ml_2

profile := {"qm": {"Con-ML-2": {"thresholds": {"pass_max": 0.02, "caution_max": 0.05}}}}

# hist(lo, mid, hi): lo values at 0, hi at 255, mid at each of 1..254.
hist(lo, mid, hi) := array.concat(array.concat([lo], [mid | some _ in numbers.range(1, 254)]), [hi])

test_pass_names_worst_channel if {
	# L: (10 + 10) / (20 + 254 * 10) = 20 / 2560 = 0.0078; B: 30 / 2570 = 0.0117
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"L": {"histogram": hist(10, 10, 10)}, "B": {"histogram": hist(10, 10, 20)}}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 30 / 2570
	v.finding == "1.17% of channel B values are clipped at 0 or 255 (L 0.78%): X = 0.0117 <= 0.0200"
	v.evidence[0].fact == "/pixels/channels/B/histogram"
	count(v.evidence) == 2
}

test_caution if {
	# (40 + 40) / (80 + 2540) = 0.0305
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"L": {"histogram": hist(40, 10, 40)}}}}
		with data.profile as profile
	v.verdict == "caution"
	v.finding == "3.05% of channel L values are clipped at 0 or 255: X = 0.0305 > 0.0200"
}

test_fail if {
	# (1000 + 0) / (1000 + 2540) = 0.2825
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"R": {"histogram": hist(1000, 10, 0)}, "G": {"histogram": hist(0, 10, 0)}}}}
		with data.profile as profile
	v.verdict == "fail"
	v.finding == "28.25% of channel R values are clipped at 0 or 255 (G 0.00%): X = 0.2825 > 0.0500"
}

test_na_only_spikes if {
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"B": {"spikes": [
		{"value": 255, "count": 1600000000, "approximate": true},
		{"value": 0, "count": 830000000, "approximate": true},
	]}}}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "pixel histograms not measured: only reported spikes (B=255: ~1,600,000,000; B=0: ~830,000,000) without channel totals (/pixels/channels/*/histogram)"
}

test_na_exact_spike_has_no_tilde if {
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"G": {"spikes": [{"value": 0, "count": 12}]}}}}
		with data.profile as profile
	v.finding == "pixel histograms not measured: only reported spikes (G=0: 12) without channel totals (/pixels/channels/*/histogram)"
}

test_na_without_pixels if {
	v := con_ml_2.verdict with input as {"dataset": {"images": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "no channel histogram in the facts (/pixels/channels/*/histogram)"
}

test_na_empty_histogram if {
	v := con_ml_2.verdict with input as {"pixels": {"channels": {"L": {"histogram": hist(0, 0, 0)}}}}
		with data.profile as profile
	v.verdict == "na"
}
