package facts

// Labels holds label-error figures.
type Labels struct {
	External  []External  `json:"external,omitempty"`
	Estimated []Estimated `json:"estimated,omitempty"`
}

// External is a published, human-validated label-error figure.
type External struct {
	Source     string  `json:"source"`
	Citation   string  `json:"citation,omitempty"`
	URL        string  `json:"url,omitempty"`
	Scope      string  `json:"scope"`
	Population int64   `json:"population"`
	Checked    int64   `json:"checked,omitempty"`
	Validated  int64   `json:"validated,omitempty"`
	Rate       float64 `json:"rate"`
	Note       string  `json:"note,omitempty"`
}

// Estimated is a label-error estimate computed on this dataset.
type Estimated struct {
	Method     string       `json:"method"`
	Lens       string       `json:"lens,omitempty"`
	FilterBy   string       `json:"filter_by,omitempty"`
	RankBy     string       `json:"rank_by,omitempty"`
	Population int64        `json:"population"`
	Count      int64        `json:"count"`
	Rate       *float64     `json:"rate,omitempty"`
	Issues     []LabelIssue `json:"issues,omitempty"`
}

// LabelIssue is one suspected label error.
type LabelIssue struct {
	ID        string   `json:"id"`
	Given     string   `json:"given,omitempty"`
	Suggested string   `json:"suggested,omitempty"`
	Score     *float64 `json:"score,omitempty"`
}
