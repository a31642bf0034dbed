# Pixel and format helpers shared by iso Con-ML-2, iso Con-ML-3 and the
# dataclinic profile's Con-ML-2.
package qmcheck.lib

# mode_mix(modes) summarises stored colour modes ({"RGB": n, "L": m, ...}):
# the dominant mode (ties broken alphabetically), its count and share of all
# images, and the other modes with their counts, largest first.
mode_mix(modes) := {
	"dominant": dominant,
	"count": top,
	"total": total,
	"share": top / total,
	"others": [{"mode": m, "count": n} |
		some pair in sort([[0 - n2, m2] | some m2, n2 in modes; m2 != dominant])
		n := 0 - pair[0]
		m := pair[1]
	],
} if {
	total := sum([n | some n in modes])
	total > 0
	top := max([n | some n in modes])
	dominant := min({m | some m, n in modes; n == top})
}

# clip_shares(channels) is, for every channel with a histogram, the share of
# its values at 0 or 255: (h[0] + h[255]) / sum(h).
clip_shares(channels) := {ch: share |
	some ch, c in channels
	h := c.histogram
	total := sum(h)
	total > 0
	share := (h[0] + h[255]) / total
}

# spikes(channels) lists the spikes a source reported, channel by channel,
# each with its count as a finding shows it: "~1,600,000,000" when the
# source gave it as approximate.
spikes(channels) := [{"channel": ch, "value": s.value, "count": s.count, "text": text} |
	some ch in sort([k | some k, _ in channels])
	some s in object.get(channels[ch], "spikes", [])
	text := concat("", [{true: "~", false: ""}[object.get(s, "approximate", false) == true], grouped(s.count)])
]
