# METADATA
# title: Label Accuracy
# description: >-
#   The seed report's Acc-ML-7 is the standard's data label accuracy: the
#   share of labels that carry correct information. X = 1 - r, where r is the
#   label-error rate of the deciding source: human-validated external figures
#   (/labels/external) are preferred to estimates computed on the dataset
#   (/labels/estimated), and among the figures of the preferred kind the
#   highest rate decides. X is in [0, 1], higher is better. N/A when the facts
#   hold no label-error figure. This policy reuses the iso5259-2 policy
#   (qmcheck.iso.acc_ml_7) unchanged: same QM, same thresholds.
# custom:
#   qm: Acc-ML-7
#   characteristic: Accuracy
#   function: "X = A/B; A = labels that carry correct information, B = labels defined in the dataset; here X = 1 - error rate of the deciding source"
#   confidence: report
#   severity: critical
#   inputs: [/labels/external, /labels/estimated]
#   thresholds:
#     pass_min: X at or above this passes
#     caution_min: X at or above this (below pass_min) is a caution; below it fails
package qmcheck.dataclinic.acc_ml_7

verdict := data.qmcheck.iso.acc_ml_7.verdict
