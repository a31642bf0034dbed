package qmcheck.iso.bal_ml_8_test

import data.qmcheck.iso.bal_ml_8

profile := {"qm": {"Bal-ML-8": {"thresholds": {"pass_max": 0.05, "caution_max": 0.15}}}}

close(a, b) if abs(a - b) < 1e-9

test_ln_known_values if {
	bal_ml_8._ln(1) == 0
	close(bal_ml_8._ln(0.5), -0.6931471805599453)
	close(bal_ml_8._ln(0.1), -2.302585092994046)
	close(bal_ml_8._ln(0.3), -1.2039728043259361)
	close(bal_ml_8._ln(0.7071067811865476), -0.3465735902799726)
	close(bal_ml_8._ln(0.999999), -1.000000500029089e-06)
	close(bal_ml_8._ln(1e-6), -13.815510557964274)
	close(bal_ml_8._ln(0.000781), -7.154935408124588)
	close(bal_ml_8._ln(1e-300), -690.7755278982137)
	close(bal_ml_8._ln(2), 0.6931471805599453)
	close(bal_ml_8._ln(1000), 6.907755278982137)
	not bal_ml_8._ln(0)
	not bal_ml_8._ln(-1)
}

test_pass_sixty_forty if {
	# H = -(0.6 ln 0.6 + 0.4 ln 0.4) = 0.673012; D = 1 - 0.673012 / ln 2 = 0.029049
	v := bal_ml_8.verdict with input as {"classes": {"counts": {"cat": 60, "dog": 40}}}
		with data.profile as profile
	v.verdict == "pass"
	close(v.value, 0.029049405545331)
	v.finding == "2 classes, 100 labels (largest 'cat' 60, smallest 'dog' 40): H = 0.6730 nats of ln K = 0.6931; D = 0.0290 <= 0.0500"
	v.evidence == [{"fact": "/classes/counts", "value": {"cat": 60, "dog": 40}}]
}

test_uniform_is_zero if {
	v := bal_ml_8.verdict with input as {"classes": {"counts": {"a": 7, "b": 7, "c": 7}}}
		with data.profile as profile
	v.verdict == "pass"
	close(v.value, 0)
	v.value >= 0
	v.finding == "3 classes, 21 labels (every class 7): H = 1.0986 nats of ln K = 1.0986; D = 0.0000 <= 0.0500"
}

test_caution if {
	# 70/30: D = 1 - 0.610864 / 0.693147 = 0.118709
	v := bal_ml_8.verdict with input as {"classes": {"counts": {"a": 70, "b": 30}}}
		with data.profile as profile
	v.verdict == "caution"
	close(v.value, 0.11870910076930735)
}

test_fail_with_empty_class if {
	# 80/20 plus an empty class: H = 0.500402, ln 3 = 1.098612; D = 0.544514
	v := bal_ml_8.verdict with input as {"classes": {"counts": {"a": 80, "b": 20, "c": 0}}}
		with data.profile as profile
	v.verdict == "fail"
	close(v.value, 0.5445140849964047)
	v.finding == "3 classes, 100 labels (largest 'a' 80, smallest 'c' 0): H = 0.5004 nats of ln K = 1.0986; D = 0.5445 > 0.1500"
}

test_single_class if {
	v := bal_ml_8.verdict with input as {"classes": {"counts": {"cat": 500}}}
		with data.profile as profile
	v.verdict == "pass"
	v.value == 0
	v.finding == "1 class ('cat', 500 labels): a single class is trivially uniform (K = 1), D = 0.0000 <= 0.0500"
}

test_na_summary_only if {
	v := bal_ml_8.verdict with input as {"classes": {"count": 1000, "mean": 1281.2, "std": 70.2, "min": 732, "max": 1300}}
		with data.profile as profile
	v.verdict == "na"
	v.finding == "per-class counts absent (/classes/counts); only a summary (mean, std, min, max)"
}

test_na_without_classes if {
	v := bal_ml_8.verdict with input as {"dataset": {"images": 3}} with data.profile as profile
	v.verdict == "na"
	v.finding == "per-class counts absent (/classes/counts)"
}

test_na_no_labels if {
	v := bal_ml_8.verdict with input as {"classes": {"counts": {"a": 0, "b": 0}}} with data.profile as profile
	v.verdict == "na"
	v.finding == "per-class counts hold no label (/classes/counts empty or all 0)"
	e := bal_ml_8.verdict with input as {"classes": {"counts": {}}} with data.profile as profile
	e.verdict == "na"
}
