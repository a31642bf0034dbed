package facts

// Taxonomy places the classes in a hierarchy.
type Taxonomy struct {
	Source              string                `json:"source,omitempty"`
	Classes             map[string]TaxonClass `json:"classes,omitempty"`
	Nodes               map[string]int64      `json:"nodes,omitempty"`
	LargestSiblingGroup *SiblingGroup         `json:"largest_sibling_group,omitempty"`
	Partition           map[string]*Part      `json:"partition,omitempty"`
	Concentration       *Concentration        `json:"concentration,omitempty"`
	AbstractClasses     []string              `json:"abstract_classes,omitempty"`
	Levels              []TaxonLevel          `json:"levels,omitempty"`
}

// TaxonLevel says how the classes group at one depth below the root (first
// paths; a class shallower than the depth is its own group).
type TaxonLevel struct {
	Depth             int     `json:"depth"`
	Groups            int64   `json:"groups"`
	Largest           string  `json:"largest"`
	LargestCount      int64   `json:"largest_count"`
	Gini              float64 `json:"gini"`
	NormalizedEntropy float64 `json:"normalized_entropy"`
}

// TaxonClass is one class in the hierarchy.
type TaxonClass struct {
	ID    string   `json:"id,omitempty"`
	Node  string   `json:"node,omitempty"`
	Path  []string `json:"path"`
	Paths int      `json:"paths,omitempty"`
	Group string   `json:"group,omitempty"`
}

// SiblingGroup is the largest group of close kinds under one node.
type SiblingGroup struct {
	Node      string   `json:"node"`
	Count     int64    `json:"count"`
	Share     float64  `json:"share"`
	MaxHeight int      `json:"max_height,omitempty"`
	Members   []string `json:"members,omitempty"`
}

// Part is one group of a partition of the classes.
type Part struct {
	Node  string  `json:"node,omitempty"`
	Count int64   `json:"count"`
	Share float64 `json:"share"`
}

// Concentration measures how unevenly classes spread over groups at a level.
type Concentration struct {
	Level             int     `json:"level"`
	Groups            int64   `json:"groups"`
	Gini              float64 `json:"gini"`
	NormalizedEntropy float64 `json:"normalized_entropy"`
}
