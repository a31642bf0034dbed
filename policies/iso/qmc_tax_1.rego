# METADATA
# title: Taxonomy concentration
# description: >-
#   Not an ISO QM (a qmcheck extension): the share of the classes that sit
#   below the largest sibling group of the class taxonomy, the internal node
#   with the most leaf classes among nodes whose leaves are all of one kind
#   (for ImageNet-1k, 118 dog breeds under WordNet's dog.n.01). It shows a
#   task that refines one concept far more finely than the rest, an imbalance
#   of meaning that equal class sizes hide. X =
#   /taxonomy/largest_sibling_group/share, or its count over the classes
#   (/classes/count, else /dataset/classes) when no share is given; X lies in
#   [0, 1], lower is better. N/A without a largest sibling group, or when it
#   has neither a share nor a count with a class count above 0.
# custom:
#   qm: QMC-Tax-1
#   characteristic: Balance
#   function: "X = A/B; A = leaf classes below the largest sibling group, B = classes"
#   confidence: "-"
#   severity: medium
#   inputs: [/taxonomy/largest_sibling_group/share, /taxonomy/largest_sibling_group/count, /taxonomy/largest_sibling_group/node, /taxonomy/source, /classes/count, /dataset/classes]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
package qmcheck.iso.qmc_tax_1

import data.qmcheck.lib

qm := "QMC-Tax-1"

t := lib.thresholds(qm)

g := input.taxonomy.largest_sibling_group

# Where the number of classes is read.
k_tokens := ["classes", "count"] if lib.has(["classes", "count"])

k_tokens := ["dataset", "classes"] if {
	not lib.has(["classes", "count"])
	lib.has(["dataset", "classes"])
}

k := object.get(input, k_tokens, null)

x := g.share

x := g.count / k if {
	not lib.has(["taxonomy", "largest_sibling_group", "share"])
	k > 0
}

measured if is_number(x)

verdict := lib.na(_na_reason) if not measured

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%s sit under %s%s: %s", [_head, _node_text, _source_text, lib.x_max("X", x, t, 3)]),
	[lib.ev(tokens) | some tokens in _used],
) if measured

_na_reason := "no class taxonomy in the facts (/taxonomy/largest_sibling_group)" if {
	not lib.has(["taxonomy", "largest_sibling_group"])
} else := "the largest sibling group has neither a share nor a count over a class count (/taxonomy/largest_sibling_group/share, /taxonomy/largest_sibling_group/count, /classes/count)" if {
	lib.has(["taxonomy", "largest_sibling_group"])
}

_head := sprintf("%s of %s classes (%s)", [lib.grouped(g.count), lib.grouped(k), lib.pct(x, 2)]) if {
	is_number(g.count)
	is_number(k)
}

_head := sprintf("%s classes (%s of all)", [lib.grouped(g.count), lib.pct(x, 2)]) if {
	is_number(g.count)
	not k_tokens
}

_head := sprintf("%s of the classes", [lib.pct(x, 2)]) if not g.count

_node_text := lib.quote(g.node) if g.node

_node_text := "one node" if not g.node

_source_text := sprintf(" in %s", [input.taxonomy.source]) if input.taxonomy.source

_source_text := "" if not input.taxonomy.source

_used := [tokens |
	some tokens in [
		["taxonomy", "largest_sibling_group", "node"],
		["taxonomy", "largest_sibling_group", "count"],
		["taxonomy", "largest_sibling_group", "share"],
		["taxonomy", "source"],
		k_tokens,
	]
	lib.has(tokens)
]
