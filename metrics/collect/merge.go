package collect

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/dataset"
	"github.com/qmcheck/qmcheck/metrics/facts"
	"github.com/qmcheck/qmcheck/metrics/imagestats"
)

// partial is what a shard adds to its facts for the merge.
type partial struct {
	Options   partialOptions        `json:"options"`
	Discovery discovery             `json:"discovery"`
	Records   []Record              `json:"records"`
	Hist      imagestats.Histograms `json:"hist"`
}

// partialOptions are the options that change the facts; shards must agree.
type partialOptions struct {
	Name            string `json:"name"`
	Root            string `json:"root"`
	Manifest        string `json:"manifest,omitempty"`
	MaxPixels       int64  `json:"max_pixels"`
	NearMaxDistance int    `json:"near_max_distance"`
	ListMax         int    `json:"list_max"`
	Decoder         string `json:"decoder"`
	ShardCount      int    `json:"shard_count"`
}

type discovery struct {
	Layout  string   `json:"layout"`
	Classes []string `json:"classes"`
	Empty   []string `json:"empty,omitempty"`
	Splits  []string `json:"splits,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
	BadRows int      `json:"bad_rows,omitempty"`
}

// PartialFacts is Facts plus the records the merge needs (for a shard).
func (c *Collection) PartialFacts() (*facts.Document, error) {
	doc, err := c.Facts()
	if err != nil {
		return nil, err
	}
	p := partial{Options: c.partialOptions(), Records: c.Records, Hist: c.Hist,
		Discovery: discovery{Layout: c.Data.Layout, Classes: c.Data.Classes, Empty: c.Data.Empty, Splits: c.Data.Splits, Skipped: c.Data.Skipped, BadRows: c.Data.BadRows}}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	doc.Partial = b
	return doc, nil
}

func (c *Collection) partialOptions() partialOptions {
	o := c.Options
	doc := partialOptions{Name: o.Name, Root: filepath.Base(filepath.Clean(o.Root)), MaxPixels: pixelLimit(o.MaxPixels), NearMaxDistance: o.NearMaxDistance,
		ListMax: o.ListMax, ShardCount: o.ShardCount}
	if o.Manifest != "" {
		doc.Manifest = filepath.Base(o.Manifest)
	}
	return doc
}

// Merge combines the partial facts of shards 0..N−1 of one collection into
// the collection one run over all files would have made.
func Merge(files []string, docs []*facts.Document) (*Collection, error) {
	if len(docs) == 0 {
		return nil, &problem.Usage{Msg: "merge: no partial facts given"}
	}
	var parts []partial
	seen := map[int]string{}
	for i, d := range docs {
		if d.Dataset.Shard == nil || len(d.Partial) == 0 {
			return nil, &problem.Error{File: files[i], Msg: "not the partial facts of 'collect --shard i/N' (no /dataset/shard or /partial)"}
		}
		var p partial
		if err := json.Unmarshal(d.Partial, &p); err != nil {
			return nil, &problem.Error{File: files[i], Pointer: "/partial", Msg: err.Error()}
		}
		s := d.Dataset.Shard
		if prev, dup := seen[s.Index]; dup {
			return nil, &problem.Error{File: files[i], Pointer: "/dataset/shard/index", Msg: fmt.Sprintf("shard %d is also in %s", s.Index, prev)}
		}
		seen[s.Index] = files[i]
		p.Options.Decoder = d.Collector.Decoder
		if i > 0 {
			if p.Options != parts[0].Options {
				return nil, &problem.Error{File: files[i], Pointer: "/partial/options", Msg: fmt.Sprintf("collected with other options than %s (%+v vs %+v)", files[0], p.Options, parts[0].Options)}
			}
			if !sameDiscovery(p.Discovery, parts[0].Discovery) {
				return nil, &problem.Error{File: files[i], Pointer: "/partial/discovery", Msg: "another dataset listing than " + files[0]}
			}
		}
		parts = append(parts, p)
	}
	n := parts[0].Options.ShardCount
	for i := 0; i < n; i++ {
		if _, ok := seen[i]; !ok {
			return nil, &problem.Usage{Msg: fmt.Sprintf("merge: shard %d of %d is missing", i, n)}
		}
	}
	if len(seen) != n {
		return nil, &problem.Usage{Msg: fmt.Sprintf("merge: %d partial facts for %d shards", len(seen), n)}
	}
	po, dc := parts[0].Options, parts[0].Discovery
	c := &Collection{
		Options: Options{Name: po.Name, Root: po.Root, Manifest: po.Manifest, MaxPixels: po.MaxPixels, NearMaxDistance: po.NearMaxDistance, ListMax: po.ListMax, ShardCount: 1},
		Data:    &dataset.Dataset{Root: po.Root, Layout: dc.Layout, Classes: dc.Classes, Empty: dc.Empty, Splits: dc.Splits, Skipped: dc.Skipped, BadRows: dc.BadRows},
	}
	for _, p := range parts {
		c.Records = append(c.Records, p.Records...)
		c.Hist.Add(&p.Hist)
	}
	sort.Slice(c.Records, func(i, j int) bool { return c.Records[i].ID < c.Records[j].ID })
	for i := 1; i < len(c.Records); i++ {
		if c.Records[i].ID == c.Records[i-1].ID {
			return nil, &problem.Usage{Msg: "merge: sample " + c.Records[i].ID + " is in two shards"}
		}
	}
	return c, nil
}

func sameDiscovery(a, b discovery) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
