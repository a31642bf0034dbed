package qmcheck.lib_pixels_test

import data.qmcheck.lib

test_mode_mix_imagenet if {
	m := lib.mode_mix({"RGB": 1408698, "L": 22469})
	m.dominant == "RGB"
	m.total == 1431167
	m.count == 1408698
	m.share > 0.9842
	m.share < 0.9844
	m.others == [{"mode": "L", "count": 22469}]
}

test_mode_mix_ties_and_order if {
	m := lib.mode_mix({"RGB": 5, "L": 5, "P": 1, "CMYK": 2})
	m.dominant == "L"
	m.others == [{"mode": "RGB", "count": 5}, {"mode": "CMYK", "count": 2}, {"mode": "P", "count": 1}]
}

test_mode_mix_empty if {
	not lib.mode_mix({})
}

test_clip_shares if {
	h := array.concat(array.concat([30], [10 | some _ in numbers.range(1, 254)]), [20])
	s := lib.clip_shares({"L": {"histogram": h}, "B": {"spikes": [{"value": 255, "count": 9}]}})
	s == {"L": 50 / 2590}
}

test_spikes if {
	lib.spikes({"G": {}, "B": {"spikes": [{"value": 255, "count": 1600000000, "approximate": true}, {"value": 0, "count": 3}]}}) == [
		{"channel": "B", "value": 255, "count": 1600000000, "text": "~1,600,000,000"},
		{"channel": "B", "value": 0, "count": 3, "text": "3"},
	]
}
