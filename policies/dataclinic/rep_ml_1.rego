# METADATA
# title: L2 Representativeness
# description: >-
#   The seed report's Rep-ML-1: whether the densest ("most typical") samples
#   of the Level II lens represent the classes, or one class dominates them.
#   X is the share of the K densest samples that belong to the most frequent
#   class among them; 1/K means no repetition, 1 means a single class.
# custom:
#   qm: Rep-ML-1
#   characteristic: Representativeness
#   function: "X = max_c |{densest-K samples of class c}| / K"
#   confidence: report
#   severity: critical
#   inputs: [/lenses/<lens>/density/densest]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
#   params:
#     lens: name of the lens to read (L2 in the report)
package qmcheck.dataclinic.rep_ml_1

import data.qmcheck.lib

qm := "Rep-ML-1"

verdict := lib.densest_dominance(qm, "L2")
