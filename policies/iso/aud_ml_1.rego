# METADATA
# title: Audited records
# description: >-
#   Share of records that have been audited (ISO/IEC 5259-2, Auditability).
#   The audits come from the datacard: A = the records the declared labelling
#   audits covered, summed over /datacard/audits (audits that overlap are
#   counted twice, as the datacard gives no record ids); B = the dataset's
#   samples (/dataset/images). X = min(1, A/B) in [0, 1], higher is better;
#   the finding says when the cap applies. N/A without a declared audit (an
#   empty list included) or when the dataset has no samples.
# custom:
#   qm: Aud-ML-1
#   characteristic: Auditability
#   function: "X = A/B; A = audited records, B = records"
#   confidence: C
#   severity: medium
#   inputs: [/datacard/audits, /dataset/images]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.iso.aud_ml_1

import data.qmcheck.lib

qm := "Aud-ML-1"

t := lib.thresholds(qm)

audits := input.datacard.audits

n := input.dataset.images

measured if {
	count(audits) > 0
	n > 0
}

audited := sum([a.records | some a in audits])

x := min([1, audited / n])

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_least(x, t.pass_min, t.caution_min),
	x,
	sprintf("%s covered %s records of %s samples (%s): %s", [
		_audits_text, lib.grouped(audited), lib.grouped(n), _share_text, lib.x_min("X", x, t, 4),
	]),
	[lib.ev(["datacard", "audits"]), lib.ev(["dataset", "images"])],
) if measured

_na_reason := "no declared labelling audit (/datacard/audits)" if {
	count(object.get(input, ["datacard", "audits"], [])) == 0
} else := "the dataset has no samples (/dataset/images = 0)" if {
	object.get(input, ["dataset", "images"], 0) == 0
}

_audits_text := "1 declared audit" if count(audits) == 1

_audits_text := sprintf("%s declared audits", [lib.grouped(count(audits))]) if count(audits) > 1

_share_text := lib.pct(audited / n, 2) if audited <= n

_share_text := "more than all, capped at 1" if audited > n
