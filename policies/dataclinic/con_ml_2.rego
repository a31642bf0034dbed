# METADATA
# title: Pixel Channel Consistency
# description: >-
#   The seed report's Con-ML-2: statistical consistency of the image channels,
#   in two parts, the worse deciding. Mode part: the share of images stored in
#   a colour mode other than the dominant one (1 - share of the dominant mode
#   of /images/modes), in [0, 1], lower is better. Clipping part: the largest
#   share, over channels with a histogram, of values at 0 or 255, in [0, 1],
#   lower is better. A source that reports spikes without channel histograms
#   (as the report does for ImageNet's blue channel) gives counts that cannot
#   be normalised: the clipping part is then a caution, to be reviewed. The
#   value is the minority-mode share when modes are measured, else the
#   largest clipping share (null for spikes alone). When only one part is
#   measured the verdict rests on it; N/A when neither is.
# custom:
#   qm: Con-ML-2
#   characteristic: Consistency
#   function: "mode: X = 1 - n(dominant mode) / n(images); clipping: C = max_ch (h_ch[0] + h_ch[255]) / sum(h_ch); verdict = worse of the two"
#   confidence: report
#   severity: medium
#   inputs: [/images/modes, /pixels/channels]
#   thresholds:
#     mode_pass_max: minority-mode share X at or below this passes
#     mode_caution_max: X at or below this (above mode_pass_max) is a caution; above it fails
#     clip_pass_max: largest clipping share C at or below this passes
#     clip_caution_max: C at or below this (above clip_pass_max) is a caution; above it fails
package qmcheck.dataclinic.con_ml_2

import data.qmcheck.lib

qm := "Con-ML-2"

t := lib.thresholds(qm)

channel_names := {"R": "red", "G": "green", "B": "blue", "L": "luma", "A": "alpha"}

channels := object.get(input, ["pixels", "channels"], {})

# Mode part.
mix := lib.mode_mix(input.images.modes)

mode_measured if mix.total > 0

minority := (mix.total - mix.count) / mix.total

others := concat(", ", [sprintf("%s %s", [o.mode, lib.grouped(o.count)]) | some o in mix.others])

mode_text := sprintf("%s of %s images are not %s (%s) (%s %s)", [
	lib.pct(minority, 2), lib.grouped(mix.total), mix.dominant, others, s[0], lib.pct(s[1], 2),
]) if {
	minority > 0
	s := lib.vs_max(minority, t.mode_pass_max, t.mode_caution_max)
}

mode_text := sprintf("all %s images are %s (0.00%% <= %s)", [lib.grouped(mix.total), mix.dominant, lib.pct(t.mode_pass_max, 2)]) if {
	minority == 0
}

# Clipping part.
shares := lib.clip_shares(channels)

clip_max := max([v | some v in shares])

clip_channel := min({c | some c, v in shares; v == clip_max})

histograms if count(shares) > 0

spikes_only if {
	count(shares) == 0
	count(lib.spikes(channels)) > 0
}

clip := {
	"word": lib.at_most(clip_max, t.clip_pass_max, t.clip_caution_max),
	"value": clip_max,
	"text": sprintf("the %s channel has %s of its values at 0 or 255 (%s %s)", [
		_channel(clip_channel), lib.pct(clip_max, 2), s[0], lib.pct(s[1], 2),
	]),
	"evidence": [lib.ev(["pixels", "channels", clip_channel, "histogram"])],
} if {
	histograms
	s := lib.vs_max(clip_max, t.clip_pass_max, t.clip_caution_max)
}

spiked := [c | some c in lib.sorted_keys(channels); count(object.get(channels[c], "spikes", [])) > 0]

clip := {
	"word": "caution",
	"value": null,
	"text": sprintf("%s reported without channel totals", [concat(", ", [_spike_text(c) | some c in spiked])]),
	"evidence": [lib.ev(["pixels", "channels", c, "spikes"]) | some c in spiked],
} if spikes_only

clip_measured if histograms

clip_measured if spikes_only

mode_evidence := [lib.ev(["images", "modes"])]

verdict := lib.na("no colour modes (/images/modes) and no channel histogram or spikes (/pixels/channels) in the facts") if {
	not mode_measured
	not clip_measured
}

verdict := lib.result(
	lib.worst([lib.at_most(minority, t.mode_pass_max, t.mode_caution_max), clip.word]),
	minority,
	sprintf("%s; %s", [mode_text, clip.text]),
	array.concat(mode_evidence, clip.evidence),
) if {
	mode_measured
	clip_measured
}

verdict := lib.result(
	lib.at_most(minority, t.mode_pass_max, t.mode_caution_max),
	minority,
	sprintf("%s; channel values not measured (no histogram or spikes in /pixels/channels)", [mode_text]),
	mode_evidence,
) if {
	mode_measured
	not clip_measured
}

verdict := lib.result(
	clip.word,
	clip.value,
	sprintf("%s; colour modes not measured (/images/modes absent)", [clip.text]),
	clip.evidence,
) if {
	clip_measured
	not mode_measured
}

# _channel(c) is the name of channel c in a finding.
_channel(c) := object.get(channel_names, c, c)

# _spike_text(c) describes the spikes of channel c: "blue channel spikes at
# 255 (~1,600,000,000) and 0 (~830,000,000)"; "~" marks approximate counts.
_spike_text(c) := sprintf("%s channel spikes at %s", [
	_channel(c),
	concat(" and ", [sprintf("%d (%s)", [s.value, s.text]) | some s in lib.spikes(channels); s.channel == c]),
])
