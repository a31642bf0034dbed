// Package collect turns an image dataset into the Level I sections of a facts
// document: dataset, collector, integrity, classes, images, pixels and
// duplicates.
//
// Samples are discovered (metrics/dataset), cut into batches in id order,
// and measured in parallel by a pool of workers (metrics/imageio,
// metrics/imagestats); each finished batch — its records and its summed
// histograms — is appended to a checkpoint, so an interrupted run resumes
// where it stopped. The facts are aggregated from the records in id order,
// so the same files give byte-identical facts whatever the worker count,
// the interruptions or the sharding.
package collect

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/qmcheck/qmcheck/metrics/dataset"
	"github.com/qmcheck/qmcheck/metrics/imagestats"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// Options configure a collection. The zero value of each field means its
// default.
type Options struct {
	Root     string
	Name     string // dataset name in the facts; default: the root's base name
	Manifest string
	Splits   []string

	Workers   int   // default GOMAXPROCS
	MaxPixels int64 // default imageio.DefaultMaxPixels
	// NearMaxDistance is the largest Hamming distance (of 64 bits) at which
	// perceptual hashes are joined into near-duplicate sets (default 6; the
	// profile decides which distance counts).
	NearMaxDistance int
	// ListMax caps every list of samples the facts carry (default 10,000).
	ListMax int

	ShardIndex, ShardCount int // collect only samples whose id hashes to ShardIndex mod ShardCount

	Checkpoint string // file to append finished batches to; "" for none
	Resume     bool   // continue from Checkpoint
	BatchSize  int    // samples per checkpointed batch (default 256)

	Progress func(done, total int) // called as samples finish; may be nil
	// Visit, when set, sees every decoded image (concurrently, from the
	// workers): the hook for embedding lenses.
	Visit func(id string, img *raster.Image)

	visitOnly bool // decode and visit, measure nothing (Revisit)
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.NearMaxDistance <= 0 {
		o.NearMaxDistance = 6
	}
	if o.ListMax <= 0 {
		o.ListMax = 10000
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 256
	}
	if o.ShardCount <= 0 {
		o.ShardCount = 1
	}
	if o.Name == "" {
		abs, err := filepath.Abs(o.Root)
		if err == nil {
			o.Name = filepath.Base(abs)
		} else {
			o.Name = filepath.Base(o.Root)
		}
	}
}

// Collection is a finished (or partial) collection: the discovery, the
// records in id order and the summed histograms.
type Collection struct {
	Options Options
	Data    *dataset.Dataset
	Records []Record
	Hist    imagestats.Histograms
}

// ErrInterrupted is returned when ctx is cancelled; finished batches are in
// the checkpoint.
var ErrInterrupted = errors.New("interrupted")

// InShard reports whether id belongs to shard i of n (FNV-1a of the id).
func InShard(id string, i, n int) bool {
	if n <= 1 {
		return true
	}
	h := fnv.New32a()
	io.WriteString(h, id)
	return int(h.Sum32()%uint32(n)) == i
}

// Run discovers and measures the dataset.
func Run(ctx context.Context, o Options) (*Collection, error) {
	o.defaults()
	ds, err := dataset.Discover(o.Root, dataset.Options{Manifest: o.Manifest, Splits: o.Splits})
	if err != nil {
		return nil, err
	}
	var todo []dataset.Sample
	for _, s := range ds.Samples {
		if InShard(s.ID, o.ShardIndex, o.ShardCount) {
			todo = append(todo, s)
		}
	}
	c := &Collection{Options: o, Data: ds}
	var cp *checkpoint
	start := 0
	if o.Checkpoint != "" {
		cp, err = openCheckpoint(o.Checkpoint, o, todo, o.Resume)
		if err != nil {
			return nil, err
		}
		defer cp.close()
		for _, b := range cp.batches {
			c.Records = append(c.Records, b.Records...)
			c.Hist.Add(&b.Hist)
		}
		start = len(c.Records)
	}
	if err := c.measure(ctx, todo, start, cp); err != nil {
		return c, err
	}
	sort.Slice(c.Records, func(i, j int) bool { return c.Records[i].ID < c.Records[j].ID })
	return c, nil
}

type batchResult struct {
	index   int
	Records []Record
	Hist    imagestats.Histograms
}

// measure runs the worker pool over todo[start:], batch by batch in order.
func (c *Collection) measure(ctx context.Context, todo []dataset.Sample, start int, cp *checkpoint) error {
	o := c.Options
	bs := o.BatchSize
	nb := (len(todo) - start + bs - 1) / bs
	if nb <= 0 {
		return nil
	}
	type job struct{ batch, slot int }
	jobs := make(chan job, o.Workers*4)
	results := make([]*batchResult, nb)
	left := make([]int, nb)
	var mu sync.Mutex
	for b := 0; b < nb; b++ {
		lo := start + b*bs
		hi := min(lo+bs, len(todo))
		results[b] = &batchResult{index: b, Records: make([]Record, hi-lo)}
		left[b] = hi - lo
	}
	ready := make(chan int, nb)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	done := 0
	for i := 0; i < o.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(o.MaxPixels, o.Visit)
			w.visitOnly = o.visitOnly
			for j := range jobs {
				var h imagestats.Histograms
				s := todo[start+j.batch*bs+j.slot]
				r := w.measure(s, &h)
				mu.Lock()
				br := results[j.batch]
				br.Records[j.slot] = r
				br.Hist.Add(&h)
				left[j.batch]--
				done++
				if o.Progress != nil {
					o.Progress(start+done, len(todo))
				}
				if left[j.batch] == 0 {
					ready <- j.batch
				}
				mu.Unlock()
			}
		}()
	}
	go func() {
		defer close(jobs)
		for b := 0; b < nb; b++ {
			for slot := range results[b].Records {
				select {
				case jobs <- job{b, slot}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	// Commit finished batches in order.
	finished := make([]bool, nb)
	next := 0
	var err error
	commit := func() {
		for err == nil && next < nb && finished[next] {
			br := results[next]
			if cp != nil {
				if err = cp.append(br); err != nil {
					cancel()
					return
				}
			}
			c.Records = append(c.Records, br.Records...)
			c.Hist.Add(&br.Hist)
			results[next] = nil
			next++
		}
	}
	for next < nb && err == nil {
		select {
		case b := <-ready:
			finished[b] = true
			commit()
		case <-ctx.Done():
			// Interrupted: keep the batches that have already finished.
			for drained := false; !drained; {
				select {
				case b := <-ready:
					finished[b] = true
				default:
					drained = true
				}
			}
			commit()
			if err == nil && next < nb {
				err = ErrInterrupted
			}
		}
	}
	cancel()
	wg.Wait()
	if err != nil {
		return fmt.Errorf("%w after %d of %d samples", err, len(c.Records), len(todo))
	}
	return nil
}

// Revisit decodes the samples of c named by ids once more and shows each
// decoded image to visit (used after --resume, when an earlier run decoded
// them). It fails if a sample no longer decodes.
func Revisit(c *Collection, ids []string, visit func(id string, img *raster.Image)) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var todo []dataset.Sample
	for _, s := range c.Data.Samples {
		if want[s.ID] {
			todo = append(todo, s)
		}
	}
	o := c.Options
	o.Visit, o.Progress, o.Checkpoint, o.visitOnly = visit, nil, "", true
	again := &Collection{Options: o, Data: c.Data}
	if err := again.measure(context.Background(), todo, 0, nil); err != nil {
		return err
	}
	for _, r := range again.Records {
		if !r.Measured() {
			return fmt.Errorf("%s: %s on a second reading (%s)", r.ID, r.Reason, r.Detail)
		}
	}
	return nil
}
