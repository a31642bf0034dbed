// Package facts holds the Go form of the facts document, the contract between
// collectors and policies (schemas/facts.schema.json is its normative form;
// a test checks that what these types marshal validates).
//
// Facts are measurements only: counts, histograms, statistics, lists of
// samples inside a recording window, declared metadata. No thresholds and
// no verdicts. Optional sections are pointers and omitted when nil, so an
// unmeasured section is absent and policies answer N/A.
package facts

import (
	"bytes"
	"encoding/json"
)

// SchemaVersion is the version of the facts contract this package writes.
const SchemaVersion = "1.0"

// Document is a whole facts document.
type Document struct {
	SchemaVersion string            `json:"schema_version"`
	Dataset       Dataset           `json:"dataset"`
	Collector     Collector         `json:"collector"`
	Integrity     *Integrity        `json:"integrity,omitempty"`
	Classes       *Classes          `json:"classes,omitempty"`
	Images        *Images           `json:"images,omitempty"`
	Pixels        *Pixels           `json:"pixels,omitempty"`
	Duplicates    *Duplicates       `json:"duplicates,omitempty"`
	Lenses        map[string]*Lens  `json:"lenses,omitempty"`
	LensAgreement *Agreement        `json:"lens_agreement,omitempty"`
	Taxonomy      *Taxonomy         `json:"taxonomy,omitempty"`
	Labels        *Labels           `json:"labels,omitempty"`
	Datacard      map[string]any    `json:"datacard,omitempty"`
	Notes         map[string]string `json:"notes,omitempty"`
}

// Marshal writes the document as indented JSON with a final newline. Maps
// are written with sorted keys (encoding/json), structs in field order, so the
// same document always gives the same bytes.
func (d *Document) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Dataset says what was measured.
type Dataset struct {
	Name            string           `json:"name"`
	Description     string           `json:"description,omitempty"`
	Task            string           `json:"task,omitempty"`
	Layout          string           `json:"layout,omitempty"`
	Root            string           `json:"root,omitempty"`
	Source          string           `json:"source,omitempty"`
	Fingerprint     string           `json:"fingerprint,omitempty"`
	Images          int64            `json:"images"`
	Classes         int64            `json:"classes,omitempty"`
	DeclaredClasses int64            `json:"declared_classes,omitempty"`
	Splits          map[string]Split `json:"splits,omitempty"`
	Shard           *Shard           `json:"shard,omitempty"`
}

// Split sizes one split.
type Split struct {
	Images  int64 `json:"images"`
	Classes int64 `json:"classes"`
}

// Shard marks partial facts of collect --shard i/N.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// Collector says what produced the facts.
type Collector struct {
	Tool       string         `json:"tool"`
	Version    string         `json:"version"`
	Decoder    string         `json:"decoder,omitempty"`
	Options    map[string]any `json:"options,omitempty"`
	Provenance map[string]any `json:"provenance,omitempty"`
}

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

// Stats summarises one quantity over a population (see common.schema.json).
type Stats struct {
	Count     int64              `json:"count,omitempty"`
	Sum       *float64           `json:"sum,omitempty"`
	Mean      *float64           `json:"mean,omitempty"`
	Std       *float64           `json:"std,omitempty"`
	Min       *float64           `json:"min,omitempty"`
	Max       *float64           `json:"max,omitempty"`
	Quantiles map[string]float64 `json:"quantiles,omitempty"`
}

// Histogram counts values in bins [edges[i], edges[i+1]).
type Histogram struct {
	Edges  []float64 `json:"edges"`
	Counts []int64   `json:"counts"`
}

// Sample names one sample and, where known, its class, split and value.
type Sample struct {
	ID    string   `json:"id"`
	Class string   `json:"class,omitempty"`
	Split string   `json:"split,omitempty"`
	Value *float64 `json:"value,omitempty"`
}

// ClassSet is a named set of samples and the classes in it.
type ClassSet struct {
	Size     int64            `json:"size,omitempty"`
	Samples  []Sample         `json:"samples,omitempty"`
	Classes  map[string]int64 `json:"classes,omitempty"`
	Named    []string         `json:"named,omitempty"`
	TopClass string           `json:"top_class,omitempty"`
	TopCount int64            `json:"top_count,omitempty"`
	TopShare *float64         `json:"top_share,omitempty"`
	Range    []float64        `json:"range,omitempty"`
}

// Size is a width and height, with how many images have it.
type Size struct {
	Width  int64 `json:"width"`
	Height int64 `json:"height"`
	Count  int64 `json:"count,omitempty"`
}

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
	Samples     []Sample   `json:"samples,omitempty"`
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

// Lens is the dataset seen through one embedding.
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

// Density is the k-NN density of the samples.
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

// Spectrum is the eigenvalue spectrum of the standardised vectors.
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

// Taxonomy places the classes in a hierarchy.
type Taxonomy struct {
	Source              string                `json:"source,omitempty"`
	Classes             map[string]TaxonClass `json:"classes,omitempty"`
	Nodes               map[string]int64      `json:"nodes,omitempty"`
	LargestSiblingGroup *SiblingGroup         `json:"largest_sibling_group,omitempty"`
	Partition           map[string]*Part      `json:"partition,omitempty"`
	Concentration       *Concentration        `json:"concentration,omitempty"`
	AbstractClasses     []string              `json:"abstract_classes,omitempty"`
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

// F returns a pointer to f, for optional fields.
func F(f float64) *float64 { return &f }

// I returns a pointer to n, for optional fields.
func I(n int64) *int64 { return &n }

// B returns a pointer to b, for optional fields.
func B(b bool) *bool { return &b }
