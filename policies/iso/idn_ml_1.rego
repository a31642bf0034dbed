# METADATA
# title: Identifiability ratio
# description: >-
#   Share of records usable to identify persons (ISO/IEC 5259-2,
#   Identifiability). Images cannot show it to a collector, so it comes from a
#   declared PII review in the datacard: A = records the review found usable
#   to identify a person (/datacard/pii/identifiable), B = records it reviewed
#   (/datacard/pii/records_reviewed). X = A/B in [0, 1], lower is better; when
#   the review covered a sample of the dataset, X estimates the dataset's
#   share. N/A without a declared PII review, when the review is declared as
#   not done (/datacard/pii/reviewed = false), when it gives no record counts,
#   or when it reviewed no record.
# custom:
#   qm: Idn-ML-1
#   characteristic: Identifiability
#   function: "X = A/B; A = records usable to identify persons, B = records"
#   confidence: C
#   severity: high
#   inputs: [/datacard/pii/reviewed, /datacard/pii/records_reviewed, /datacard/pii/identifiable, /datacard/pii/method]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
package qmcheck.iso.idn_ml_1

import data.qmcheck.lib

qm := "Idn-ML-1"

t := lib.thresholds(qm)

pii := input.datacard.pii

# A review whose 'reviewed' flag is absent still counts when it gives counts.
measured if {
	object.get(pii, "reviewed", true) != false
	pii.records_reviewed > 0
	is_number(pii.identifiable)
}

counted if {
	is_number(pii.records_reviewed)
	is_number(pii.identifiable)
}

x := pii.identifiable / pii.records_reviewed

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%s of %s reviewed records can identify a person%s: %s", [
		lib.grouped(pii.identifiable), lib.grouped(pii.records_reviewed), _method_text, lib.x_max("X", x, t, 4),
	]),
	[lib.ev(["datacard", "pii", f]) |
		some f in ["reviewed", "method", "records_reviewed", "identifiable"]
		lib.has(["datacard", "pii", f])
	],
) if measured

_na_reason := "no declared PII review (/datacard/pii)" if {
	not lib.has(["datacard", "pii"])
} else := "PII review declared as not done (/datacard/pii/reviewed = false)" if {
	pii.reviewed == false
} else := "the PII review gives no record counts (/datacard/pii/records_reviewed, /datacard/pii/identifiable)" if {
	not counted
} else := "the PII review covered no record (/datacard/pii/records_reviewed = 0)" if {
	pii.records_reviewed == 0
}

_method_text := sprintf(" (%s)", [pii.method]) if pii.method

_method_text := "" if not pii.method
