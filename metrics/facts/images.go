package facts

// Images summarises per-image measurements.
type Images struct {
	Count           int64                `json:"count"`
	Formats         map[string]int64     `json:"formats,omitempty"`
	Modes           map[string]int64     `json:"modes,omitempty"`
	EffectivelyGray *SampleCount         `json:"effectively_gray,omitempty"`
	Width           *Stats               `json:"width,omitempty"`
	Height          *Stats               `json:"height,omitempty"`
	Pixels          *Stats               `json:"pixels,omitempty"`
	Bytes           *Stats               `json:"bytes,omitempty"`
	AspectRatio     *Stats               `json:"aspect_ratio,omitempty"`
	Resolution      *Resolution          `json:"resolution,omitempty"`
	Brightness      *Stats               `json:"brightness,omitempty"`
	Contrast        *Stats               `json:"contrast,omitempty"`
	Quality         map[string]*Property `json:"quality,omitempty"`
}

// SampleCount is a count with the samples it counts.
type SampleCount struct {
	Count   int64    `json:"count"`
	Samples []Sample `json:"samples,omitempty"`
}

// Resolution gives the extreme and most common image sizes.
type Resolution struct {
	Min        *Size  `json:"min,omitempty"`
	Max        *Size  `json:"max,omitempty"`
	Distinct   int64  `json:"distinct,omitempty"`
	MostCommon []Size `json:"most_common,omitempty"`
}

// Property is one raw per-image property: its distribution and the samples
// inside the recording window.
type Property struct {
	Description string     `json:"description,omitempty"`
	Stats       *Stats     `json:"stats,omitempty"`
	Histogram   *Histogram `json:"histogram,omitempty"`
	Window      *Window    `json:"window,omitempty"`
	Count       int64      `json:"count"`
	Samples     []Sample   `json:"samples"` // [] when none is inside the window
}

// Window says which samples a Property lists.
type Window struct {
	Direction string   `json:"direction"` // below | above | outside
	Bound     *float64 `json:"bound,omitempty"`
	Lower     *float64 `json:"lower,omitempty"`
	Upper     *float64 `json:"upper,omitempty"`
}

// Pixels holds per-channel value histograms.
type Pixels struct {
	Luma     string              `json:"luma,omitempty"`
	Channels map[string]*Channel `json:"channels"`
}

// Channel is one channel's exact 256-bin histogram, or reported spikes.
type Channel struct {
	Histogram []int64 `json:"histogram,omitempty"`
	Total     int64   `json:"total,omitempty"`
	Spikes    []Spike `json:"spikes,omitempty"`
}

// Spike is one value with an outstanding count, as a source reports it.
type Spike struct {
	Value       int   `json:"value"`
	Count       int64 `json:"count"`
	Approximate bool  `json:"approximate,omitempty"`
}
