package facts

// Duplicates groups copies.
type Duplicates struct {
	Exact      *Groups `json:"exact,omitempty"`
	ExactBytes *Groups `json:"exact_bytes,omitempty"`
	Near       *Groups `json:"near,omitempty"`
	CrossSplit *Groups `json:"cross_split,omitempty"`
}

// Groups is a set of duplicate groups.
type Groups struct {
	Method      string     `json:"method,omitempty"`
	MaxDistance *int       `json:"max_distance,omitempty"`
	Groups      int64      `json:"groups"`
	Extra       int64      `json:"extra"`
	Images      int64      `json:"images"`
	Comparisons int64      `json:"comparisons,omitempty"`
	Sets        []DupGroup `json:"sets,omitempty"`
}

// DupGroup is one group of copies.
type DupGroup struct {
	IDs      []string `json:"ids"`
	Distance *int     `json:"distance,omitempty"`
	Splits   []string `json:"splits,omitempty"`
	Classes  []string `json:"classes,omitempty"`
}
