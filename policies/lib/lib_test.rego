package qmcheck.lib_test

import data.qmcheck.lib

test_bands_higher_is_better if {
	lib.at_least(0.9, 0.8, 0.5) == "pass"
	lib.at_least(0.8, 0.8, 0.5) == "pass"
	lib.at_least(0.6, 0.8, 0.5) == "caution"
	lib.at_least(0.5, 0.8, 0.5) == "caution"
	lib.at_least(0.4, 0.8, 0.5) == "fail"
}

test_bands_lower_is_better if {
	lib.at_most(0.01, 0.01, 0.03) == "pass"
	lib.at_most(0.02, 0.01, 0.03) == "caution"
	lib.at_most(0.03, 0.01, 0.03) == "caution"
	lib.at_most(0.031, 0.01, 0.03) == "fail"
}

test_worst if {
	lib.worst(["pass", "caution", "pass"]) == "caution"
	lib.worst(["caution", "fail"]) == "fail"
	lib.worst(["pass"]) == "pass"
	lib.worst([]) == "pass"
}

test_num_formats_integers_and_floats if {
	lib.num(5, 2) == "5.00"
	lib.num(5.0, 2) == "5.00"
	lib.num(2.33284, 2) == "2.33"
	lib.num(1281.2 / 549.2, 3) == "2.333"
	lib.num(0.4, 0) == "0"
	lib.num(-1.25, 1) == "-1.2"
	lib.pct(0.0583, 2) == "5.83%"
	lib.pct(1, 1) == "100.0%"
}

test_grouped if {
	lib.grouped(0) == "0"
	lib.grouped(12) == "12"
	lib.grouped(999) == "999"
	lib.grouped(1000) == "1,000"
	lib.grouped(83437) == "83,437"
	lib.grouped(1431167) == "1,431,167"
	lib.grouped(-22469) == "-22,469"
}

test_ptr_escapes if {
	lib.ptr(["classes", "counts", "a/b~c"]) == "/classes/counts/a~1b~0c"
	lib.ptr(["lenses", "L2", "density", "densest", "samples", 0]) == "/lenses/L2/density/densest/samples/0"
}

test_names if {
	lib.names(["a"]) == "'a'"
	lib.names(["a", "b"]) == "'a' and 'b'"
	lib.names(["a", "b", "c"]) == "'a', 'b' and 'c'"
}

test_ev_reads_input if {
	e := lib.ev(["classes", "mean"]) with input as {"classes": {"mean": 3}}
	e == {"fact": "/classes/mean", "value": 3}
	m := lib.ev(["classes", "max"]) with input as {"classes": {"mean": 3}}
	m == {"fact": "/classes/max", "value": null}
}

test_lenses_param_and_default if {
	lib.lenses("X") == ["A", "B"] with input as {"lenses": {"B": {}, "A": {}}}
		with data.profile as {"qm": {"X": {}}}
	lib.lenses("X") == ["B"] with input as {"lenses": {"B": {}, "A": {}}}
		with data.profile as {"qm": {"X": {"params": {"lens": "B"}}}}
	not lib.lenses("X") with input as {"lenses": {"A": {}}}
		with data.profile as {"qm": {"X": {"params": {"lens": "B"}}}}
	lib.lenses("X") == [] with input as {} with data.profile as {"qm": {"X": {}}}
	lib.lens_missing("X") == "no embedding lens named 'B' in the facts (/lenses)" with data.profile as {"qm": {"X": {"params": {"lens": "B"}}}}
	lib.lens_missing("X") == "no embedding lens measured (/lenses absent)" with data.profile as {"qm": {"X": {}}}
}

test_thresholds_and_params if {
	lib.thresholds("X") == {"pass_min": 1} with data.profile as {"qm": {"X": {"thresholds": {"pass_min": 1}}}}
	lib.param("X", "k", 7) == 7 with data.profile as {"qm": {"X": {}}}
	lib.param("X", "k", 7) == 3 with data.profile as {"qm": {"X": {"params": {"k": 3}}}}
}
