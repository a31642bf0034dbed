# METADATA
# title: Distribution of data values
# description: >-
#   The statistical distribution of data values for a given feature in the
#   dataset, with a distribution measure chosen for the ML task (ISO/IEC
#   5259-2, Con-ML-2). For images the feature is the 8-bit channel value, and
#   the measure here is clipping: the share of a channel's values at the
#   extremes 0 or 255, (h[0] + h[255]) / sum(h) over the exact histogram of
#   /pixels/channels/<ch>/histogram. Values piled at the extremes mean
#   over- or under-exposure, padding or synthetic backgrounds. X is the largest
#   share over the channels with a histogram (R, G, B over colour images, L over
#   every image), in [0, 1]; lower is better; the finding names the worst
#   channel. N/A when no channel has a histogram; a source that reports only
#   spikes (counts at single values) gives no channel totals to divide by, and
#   the N/A reason quotes the spikes.
# custom:
#   qm: Con-ML-2
#   characteristic: Consistency
#   function: "X = max_ch (h_ch[0] + h_ch[255]) / sum(h_ch) over the channels with a histogram"
#   confidence: X
#   severity: medium
#   inputs: [/pixels/channels/<ch>/histogram, /pixels/channels/<ch>/spikes]
#   thresholds:
#     pass_max: X at or below this passes
#     caution_max: X at or below this (above pass_max) is a caution; above it fails
package qmcheck.iso.con_ml_2

import data.qmcheck.lib

qm := "Con-ML-2"

t := lib.thresholds(qm)

channels := object.get(input, ["pixels", "channels"], {})

shares := lib.clip_shares(channels)

measured if count(shares) > 0

x := max([s | some s in shares])

# The worst channel (alphabetically first on a tie).
worst := min({ch | some ch, s in shares; s == x})

spikes := lib.spikes(channels)

_others := "" if count(shares) == 1

_others := sprintf(" (%s)", [concat(", ", [sprintf("%s %s", [ch, lib.pct(shares[ch], 2)]) |
	some ch in lib.sorted_keys(shares)
	ch != worst
])]) if count(shares) > 1

# The spikes as the source reported them, channel by channel; "~" marks an
# approximate count.
_spike_text := concat("; ", [sprintf("%s=%v: %s", [e.channel, e.value, e.text]) | some e in spikes])

verdict := lib.na("no channel histogram in the facts (/pixels/channels/*/histogram)") if {
	not measured
	count(spikes) == 0
}

verdict := lib.na(sprintf("pixel histograms not measured: only reported spikes (%s) without channel totals (/pixels/channels/*/histogram)", [_spike_text])) if {
	not measured
	count(spikes) > 0
}

verdict := lib.result(
	lib.at_most(x, t.pass_max, t.caution_max),
	x,
	sprintf("%s of channel %s values are clipped at 0 or 255%s: %s", [
		lib.pct(x, 2), worst, _others, lib.x_max("X", x, t, 4),
	]),
	[lib.ev(["pixels", "channels", ch, "histogram"]) | some ch in lib.sorted_keys(shares)],
) if measured
