package qmcheck.dataclinic.imagenet_report_test

import data.qmcheck.dataclinic.acc_ml_7
import data.qmcheck.dataclinic.bal_ml_1
import data.qmcheck.dataclinic.bal_ml_2
import data.qmcheck.dataclinic.com_ml_1
import data.qmcheck.dataclinic.con_ml_2
import data.qmcheck.dataclinic.div_ml_1
import data.qmcheck.dataclinic.eft_ml_1
import data.qmcheck.dataclinic.eft_ml_2
import data.qmcheck.dataclinic.rep_ml_1
import data.qmcheck.dataclinic.rep_ml_3
import data.qmcheck.dataclinic.sim_ml_1
import data.qmcheck.dataclinic.sim_ml_2

# The dataclinic profile (policies/profiles/dataclinic.toml), thresholds and
# params as written there.
profile := {"qm": {
	"Bal-ML-1": {"thresholds": {
		"pass_min": 1.5, "caution_min": 1.105, "ratio_pass_max": 5, "ratio_caution_max": 20,
		"semantic_pass_max": 0.05, "semantic_caution_max": 0.10,
	}},
	"Rep-ML-1": {"thresholds": {"pass_max": 0.25, "caution_max": 0.50}, "params": {"lens": "L2"}},
	"Rep-ML-3": {"thresholds": {"pass_max": 0.25, "caution_max": 0.50}, "params": {"lens": "L3"}},
	"Acc-ML-7": {"thresholds": {"pass_min": 0.99, "caution_min": 0.97}},
	"Div-ML-1": {"thresholds": {"pass_max": 0.15, "caution_max": 0.30}, "params": {"lens": "L2"}},
	"Con-ML-2": {"thresholds": {"mode_pass_max": 0.005, "mode_caution_max": 0.05, "clip_pass_max": 0.02, "clip_caution_max": 0.05}},
	"Sim-ML-2": {"thresholds": {"pass_max": 0.05, "caution_max": 0.15}, "params": {"lens": ""}},
	"Eft-ML-1": {"thresholds": {"fine_grained_share": 0.05, "agreement_min": 0.6}},
	"Com-ML-1": {"thresholds": {"pass_max": 0.0, "caution_max": 0.02}},
	"Bal-ML-2": {"thresholds": {"pass_max": 2.0, "caution_max": 5.0}, "params": {"lens": ""}},
	"Sim-ML-1": {"thresholds": {"pass_max": 0.0, "caution_max": 0.05}, "params": {"lens": ""}},
	"Eft-ML-2": {"thresholds": {"pass_min": 0.99, "caution_min": 0.95}},
}}

outlier_classes := ["flute", "lens cap", "espresso maker", "coffeepot", "carpenter's kit"]

# The facts the transcription of the seed report gives for ImageNet (ILSVRC).
facts := {
	"schema_version": "1.0",
	"dataset": {"name": "ImageNet (ILSVRC)", "images": 1431167, "classes": 1000, "declared_classes": 1000},
	"collector": {"tool": "qmcheck", "version": "test", "decoder": "none"},
	"integrity": {"files": 1431167, "missing_values": 0, "unlabeled": 0},
	"classes": {"count": 1000, "mean": 1281.2, "std": 70.2, "min": 732, "max": 1300},
	"images": {
		"count": 1431167,
		"modes": {"RGB": 1408698, "L": 22469},
		"resolution": {"min": {"width": 20, "height": 17}, "max": {"width": 7056, "height": 4488}},
	},
	"pixels": {"channels": {"B": {"spikes": [
		{"value": 255, "count": 1600000000, "approximate": true},
		{"value": 0, "count": 830000000, "approximate": true},
	]}}},
	"lenses": {
		"L2": {
			"dims": 1280,
			"density": {"peak": 0.085, "densest": {
				"size": 12, "classes": {"peacock": 10, "titi": 1, "patas": 1},
				"top_class": "peacock", "top_count": 10, "top_share": 0.8333333333, "range": [0.322, 0.344],
			}},
			"outliers": {"named_classes": outlier_classes},
			"similarity": {"between": {
				"exhaustive": false,
				"pairs": [{"a": "mousetrap", "b": "upright"}, {"a": "shovel", "b": "plunger"}, {"a": "quill", "b": "echidna"}],
				"groups": [["mousetrap", "upright", "laptop"], ["shovel", "plunger", "toilet seat"]],
			}},
			"taxonomy_shares": {
				"biotic": {"classes": 0.41, "densest": 1.0, "outliers": 0.0},
				"artifact": {"classes": 0.522, "densest": 0.0, "outliers": 1.0},
				"other": {"classes": 0.068, "densest": 0.0, "outliers": 0.0},
			},
		},
		"L3": {
			"dims": 122,
			"density": {"peak": 0.57, "densest": {
				"size": 12, "classes": {"tarantula": 10, "golf ball": 2},
				"top_class": "tarantula", "top_count": 10, "top_share": 0.8333333333, "range": [2.01, 2.08],
			}},
			"outliers": {"named_classes": outlier_classes},
			"similarity": {"between": {
				"exhaustive": false,
				"pairs": [{"a": "shovel", "b": "plunger"}],
				"groups": [["shovel", "plunger", "toilet seat"], ["vacuum", "lawn mower", "tractor"]],
			}},
			"taxonomy_shares": {
				"biotic": {"classes": 0.41, "densest": 0.8333333333, "outliers": 0.0},
				"artifact": {"classes": 0.522, "densest": 0.1666666667, "outliers": 1.0},
				"other": {"classes": 0.068, "densest": 0.0, "outliers": 0.0},
			},
		},
	},
	"taxonomy": {
		"source": "WordNet 3.0",
		"largest_sibling_group": {"node": "dog.n.01", "count": 118, "share": 0.118},
		"partition": {
			"biotic": {"node": "organism.n.01", "count": 410, "share": 0.41},
			"artifact": {"node": "artifact.n.01", "count": 522, "share": 0.522},
			"other": {"count": 68, "share": 0.068},
		},
		"abstract_classes": ["street sign", "traffic light", "red wine", "espresso", "cup", "eggnog", "bubble", "toilet tissue"],
	},
	"labels": {"external": [{
		"source": "Northcutt, Athalye & Mueller (2021)", "scope": "ImageNet validation set",
		"population": 50000, "checked": 5440, "validated": 2916, "rate": 0.0583,
	}]},
	"datacard": {
		"labelling": {"method": "crowd", "platform": "Amazon Mechanical Turk", "expertise": "non-expert"},
		"ambiguous_classes": [{"class": "stage", "reason": "abstract WordNet synset, visually ambiguous", "source": "seed report"}],
	},
}

# The report's overall table (section 10): 5 Fail, 4 Caution, 3 N/A, 0 Pass.
report_table := {
	"Bal-ML-1": "fail",
	"Rep-ML-1": "fail",
	"Rep-ML-3": "fail",
	"Acc-ML-7": "fail",
	"Div-ML-1": "fail",
	"Con-ML-2": "caution",
	"Sim-ML-2": "caution",
	"Eft-ML-1": "caution",
	"Com-ML-1": "caution",
	"Bal-ML-2": "na",
	"Sim-ML-1": "na",
	"Eft-ML-2": "na",
}

verdicts := {
	"Bal-ML-1": bal_ml_1.verdict,
	"Rep-ML-1": rep_ml_1.verdict,
	"Rep-ML-3": rep_ml_3.verdict,
	"Acc-ML-7": acc_ml_7.verdict,
	"Div-ML-1": div_ml_1.verdict,
	"Con-ML-2": con_ml_2.verdict,
	"Sim-ML-2": sim_ml_2.verdict,
	"Eft-ML-1": eft_ml_1.verdict,
	"Com-ML-1": com_ml_1.verdict,
	"Bal-ML-2": bal_ml_2.verdict,
	"Sim-ML-1": sim_ml_1.verdict,
	"Eft-ML-2": eft_ml_2.verdict,
}

words := {qm: v.verdict | some qm, v in verdicts}

test_imagenet_reproduces_the_report_table if {
	w := words with input as facts with data.profile as profile
	w == report_table
}

# One test per row, so that a failure names the QM.
test_row_bal_ml_1 if {
	bal_ml_1.verdict.verdict == "fail" with input as facts with data.profile as profile
}

test_row_rep_ml_1 if {
	rep_ml_1.verdict.verdict == "fail" with input as facts with data.profile as profile
}

test_row_rep_ml_3 if {
	rep_ml_3.verdict.verdict == "fail" with input as facts with data.profile as profile
}

test_row_acc_ml_7 if {
	acc_ml_7.verdict.verdict == "fail" with input as facts with data.profile as profile
}

test_row_div_ml_1 if {
	div_ml_1.verdict.verdict == "fail" with input as facts with data.profile as profile
}

test_row_con_ml_2 if {
	con_ml_2.verdict.verdict == "caution" with input as facts with data.profile as profile
}

test_row_sim_ml_2 if {
	sim_ml_2.verdict.verdict == "caution" with input as facts with data.profile as profile
}

test_row_eft_ml_1 if {
	eft_ml_1.verdict.verdict == "caution" with input as facts with data.profile as profile
}

test_row_com_ml_1 if {
	com_ml_1.verdict.verdict == "caution" with input as facts with data.profile as profile
}

test_row_bal_ml_2 if {
	bal_ml_2.verdict.verdict == "na" with input as facts with data.profile as profile
}

test_row_sim_ml_1 if {
	sim_ml_1.verdict.verdict == "na" with input as facts with data.profile as profile
}

test_row_eft_ml_2 if {
	eft_ml_2.verdict.verdict == "na" with input as facts with data.profile as profile
}

test_imagenet_findings if {
	bal_ml_1.verdict.finding == "numerically balanced (1,000 classes, 732-1,300 images each (mean 1281.2): X = 2.333 >= 1.500; max/min 1.78 <= 5), but 118 of 1,000 classes (11.8%) sit under 'dog.n.01' (> 10.0%)" with input as facts with data.profile as profile
	rep_ml_1.verdict.finding == "10 of the 12 densest samples in lens L2 are 'peacock' (0.83 > 0.50)" with input as facts with data.profile as profile
	rep_ml_3.verdict.finding == "10 of the 12 densest samples in lens L3 are 'tarantula' (0.83 > 0.50)" with input as facts with data.profile as profile
	div_ml_1.verdict.finding == "in lens L2, 'biotic' classes are 41.0% of the classes but 100.0% of the 12 densest samples (gap 0.59 > 0.30)" with input as facts with data.profile as profile
	con_ml_2.verdict.finding == "1.57% of 1,431,167 images are not RGB (L 22,469) (> 0.50%); blue channel spikes at 255 (~1,600,000,000) and 0 (~830,000,000) reported without channel totals" with input as facts with data.profile as profile
	sim_ml_2.verdict.finding == "L2: 'mousetrap' ↔ 'upright', 'shovel' ↔ 'plunger', 'quill' ↔ 'echidna'; L3: 'shovel' ↔ 'plunger' (named, not exhaustive: no pass and no fail)" with input as facts with data.profile as profile
	eft_ml_1.verdict.finding == "crowd labelling (Amazon Mechanical Turk, non-expert) of a taxonomy with 118 classes under 'dog.n.01' (11.8% > 5.0%)" with input as facts with data.profile as profile
	com_ml_1.verdict.finding == "9 of 1,000 classes (0.90%) are abstract or declared ambiguous: 'bubble', 'cup', 'eggnog', 'espresso', 'red wine', 'stage', 'street sign', 'toilet tissue' and 'traffic light' (> 0.00%)" with input as facts with data.profile as profile
	bal_ml_2.verdict.finding == "no per-class density in any lens (/lenses/*/density/per_class); the densest class differs by lens (L2 'peacock', L3 'tarantula'), so feature-space balance is lens-dependent" with input as facts with data.profile as profile
	sim_ml_1.verdict.finding == "within-class similarity not measured in any lens (/lenses/*/similarity/within)" with input as facts with data.profile as profile
	eft_ml_2.verdict.finding == "no annotations beyond class labels declared (/datacard/annotations)" with input as facts with data.profile as profile
}
