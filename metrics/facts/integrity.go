package facts

// Integrity accounts for every file: measured, or listed with a reason.
type Integrity struct {
	Files          int64            `json:"files"`
	Decoded        *int64           `json:"decoded,omitempty"`
	MissingValues  int64            `json:"missing_values"`
	Unlabeled      int64            `json:"unlabeled"`
	UnlabeledFiles []string         `json:"unlabeled_files,omitempty"`
	Skipped        []string         `json:"skipped,omitempty"`
	UnreadableN    *int64           `json:"unreadable_count,omitempty"`
	ByReason       map[string]int64 `json:"by_reason,omitempty"`
	Unreadable     []Finding        `json:"unreadable,omitempty"`
	Warnings       []Finding        `json:"warnings,omitempty"`
}

// Finding is a file that could not be measured, and why.
type Finding struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

// Classes summarises samples per class.
type Classes struct {
	ClassSummary
	BySplit map[string]ClassSummary `json:"by_split,omitempty"`
}

// ClassSummary is n_k per class and its statistics. Std is the population
// standard deviation.
type ClassSummary struct {
	Count    int64            `json:"count"`
	Total    int64            `json:"total,omitempty"`
	Counts   map[string]int64 `json:"counts,omitempty"`
	Mean     float64          `json:"mean"`
	Std      *float64         `json:"std,omitempty"`
	Min      int64            `json:"min"`
	Max      int64            `json:"max"`
	MinClass string           `json:"min_class,omitempty"`
	MaxClass string           `json:"max_class,omitempty"`
	Empty    []string         `json:"empty,omitempty"`
	Scope    string           `json:"scope,omitempty"`
}
