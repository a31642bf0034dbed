package facts

// Lens is the dataset seen through one embedding (metrics/lens measures it;
// docs/lenses.md defines every field). Exact is false when the k-NN search
// used a fixed-seed reference sample of ReferenceSample samples (Seed).
type Lens struct {
	Source          string                 `json:"source,omitempty"`
	Model           string                 `json:"model,omitempty"`
	Dims            int                    `json:"dims,omitempty"`
	Samples         int64                  `json:"samples,omitempty"`
	K               int                    `json:"k,omitempty"`
	Metric          string                 `json:"metric,omitempty"`
	Exact           *bool                  `json:"exact,omitempty"`
	ReferenceSample int64                  `json:"reference_sample,omitempty"`
	Seed            *int64                 `json:"seed,omitempty"`
	Density         *Density               `json:"density,omitempty"`
	Outliers        *Outliers              `json:"outliers,omitempty"`
	NearDuplicates  *LensNearDuplicates    `json:"near_duplicates,omitempty"`
	Similarity      *Similarity            `json:"similarity,omitempty"`
	Spectrum        *Spectrum              `json:"spectrum,omitempty"`
	PCA             *PCA                   `json:"pca,omitempty"`
	TaxonomyShares  map[string]*GroupShare `json:"taxonomy_shares,omitempty"`
}

// Density is the k-NN density of the samples (Formula states it; metrics/lens
// writes exp(−d̄/median d̄), d̄ the mean k-NN distance) and its summaries.
type Density struct {
	Formula   string             `json:"formula,omitempty"`
	Stats     *Stats             `json:"stats,omitempty"`
	Histogram *Histogram         `json:"histogram,omitempty"`
	Peak      *float64           `json:"peak,omitempty"`
	Densest   *ClassSet          `json:"densest,omitempty"`
	Sparsest  *ClassSet          `json:"sparsest,omitempty"`
	PerClass  map[string]float64 `json:"per_class,omitempty"`
}

// Outliers are samples beyond the fence.
type Outliers struct {
	Rule         string           `json:"rule,omitempty"`
	Fence        *float64         `json:"fence,omitempty"`
	Count        *int64           `json:"count,omitempty"`
	Samples      []Sample         `json:"samples,omitempty"`
	Classes      map[string]int64 `json:"classes,omitempty"`
	NamedClasses []string         `json:"named_classes,omitempty"`
}

// LensNearDuplicates are samples closer than a fraction of the median
// nearest-neighbour distance.
type LensNearDuplicates struct {
	Factor           *float64   `json:"factor,omitempty"`
	MedianNNDistance *float64   `json:"median_nn_distance,omitempty"`
	Threshold        *float64   `json:"threshold,omitempty"`
	Count            int64      `json:"count"`
	Sets             [][]string `json:"sets,omitempty"`
}

// Similarity within and between classes.
type Similarity struct {
	Within  *Within  `json:"within,omitempty"`
	Between *Between `json:"between,omitempty"`
}

// Within is the mean within-class cosine similarity per class.
type Within struct {
	Exhaustive *bool              `json:"exhaustive,omitempty"`
	PerClass   map[string]float64 `json:"per_class,omitempty"`
	Dataset    *float64           `json:"dataset,omitempty"`
	Stats      *Stats             `json:"stats,omitempty"`
	MinClass   string             `json:"min_class,omitempty"`
	MaxClass   string             `json:"max_class,omitempty"`
}

// Between is class-pair similarity.
type Between struct {
	Exhaustive    bool       `json:"exhaustive"`
	Classes       int64      `json:"classes,omitempty"`
	Pairs         []Pair     `json:"pairs,omitempty"`
	Confused      []Pair     `json:"confused,omitempty"`
	Groups        [][]string `json:"groups,omitempty"`
	KNNCrossClass *float64   `json:"knn_cross_class,omitempty"`
}

// Pair is two classes and how close they are.
type Pair struct {
	A         string   `json:"a"`
	B         string   `json:"b"`
	Cosine    *float64 `json:"cosine,omitempty"`
	Confusion *float64 `json:"confusion,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// Spectrum is the eigenvalue spectrum of the standardised vectors (the
// correlation matrix), largest first.
type Spectrum struct {
	Normalization string    `json:"normalization,omitempty"`
	Dims          int       `json:"dims,omitempty"`
	Eigenvalues   []float64 `json:"eigenvalues,omitempty"`
	Largest       *float64  `json:"largest,omitempty"`
	Smallest      *float64  `json:"smallest,omitempty"`
	Sum           *float64  `json:"sum,omitempty"`
	Components95  *int      `json:"components_95,omitempty"`
}

// PCA is a 2-D projection of the class means.
type PCA struct {
	Explained  []float64             `json:"explained,omitempty"`
	ClassMeans map[string][2]float64 `json:"class_means,omitempty"`
}

// GroupShare is a taxonomy group's share of several sets of a lens.
type GroupShare struct {
	Classes    *float64 `json:"classes,omitempty"`
	Samples    *float64 `json:"samples,omitempty"`
	Densest    *float64 `json:"densest,omitempty"`
	Sparsest   *float64 `json:"sparsest,omitempty"`
	Outliers   *float64 `json:"outliers,omitempty"`
	Dispersion *float64 `json:"dispersion,omitempty"`
}

// Agreement compares lenses pairwise.
type Agreement struct {
	Pairs []LensPair `json:"pairs"`
}

// LensPair is the agreement of two lenses.
type LensPair struct {
	A                      string   `json:"a"`
	B                      string   `json:"b"`
	DensestClassOverlap    *float64 `json:"densest_class_overlap,omitempty"`
	SparsestClassOverlap   *float64 `json:"sparsest_class_overlap,omitempty"`
	DensityRankCorrelation *float64 `json:"density_rank_correlation,omitempty"`
	SameTopClass           *bool    `json:"same_top_class,omitempty"`
}
