package collect

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/metrics/dataset"
	"github.com/qmcheck/qmcheck/metrics/imagestats"
)

// A checkpoint is a JSON-lines file: a header naming what is being collected
// (a digest of the options that change measurements and of the samples
// listed), then one line per finished batch in order. A line cut short by a
// kill is ignored and overwritten on resume.
type checkpoint struct {
	f       *os.File
	batches []batchResult
}

type cpHeader struct {
	Checkpoint int    `json:"qmcheck_checkpoint"`
	Key        string `json:"key"`
	Samples    int    `json:"samples"`
	BatchSize  int    `json:"batch_size"`
}

type cpBatch struct {
	Records []Record              `json:"records"`
	Hist    imagestats.Histograms `json:"hist"`
}

func checkpointKey(o Options, todo []dataset.Sample) string {
	h := sha256.New()
	fmt.Fprintf(h, "max_pixels=%d\nbatch=%d\nshard=%d/%d\n", o.MaxPixels, o.BatchSize, o.ShardIndex, o.ShardCount)
	for _, s := range todo {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\n", s.ID, s.Class, s.Split, s.Size)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func openCheckpoint(path string, o Options, todo []dataset.Sample, resume bool) (*checkpoint, error) {
	key := checkpointKey(o, todo)
	hdr := cpHeader{Checkpoint: 1, Key: key, Samples: len(todo), BatchSize: o.BatchSize}
	if resume {
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
			cp := &checkpoint{f: f}
			if err := cp.read(hdr); err != nil {
				f.Close()
				return nil, err
			}
			return cp, nil
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, &problem.Usage{Msg: fmt.Sprintf("checkpoint: %v", err)}
	}
	b, _ := json.Marshal(hdr)
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return nil, err
	}
	return &checkpoint{f: f}, nil
}

// read loads the finished batches and truncates a torn last line.
func (cp *checkpoint) read(want cpHeader) error {
	r := bufio.NewReaderSize(cp.f, 1<<20)
	line, err := r.ReadBytes('\n')
	var hdr cpHeader
	if err != nil || json.Unmarshal(line, &hdr) != nil || hdr.Checkpoint != 1 {
		return &problem.Usage{Msg: fmt.Sprintf("%s is not a qmcheck checkpoint; remove it or run without --resume", cp.f.Name())}
	}
	if hdr.Key != want.Key {
		return &problem.Usage{Msg: fmt.Sprintf("%s was made for other files or options (%d samples then, %d now); remove it or run without --resume", cp.f.Name(), hdr.Samples, want.Samples)}
	}
	good := int64(len(line))
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF || len(line) == 0 || line[len(line)-1] != '\n' {
			break
		}
		var b cpBatch
		if json.Unmarshal(bytes.TrimSpace(line), &b) != nil {
			break
		}
		cp.batches = append(cp.batches, batchResult{Records: b.Records, Hist: b.Hist})
		good += int64(len(line))
		if err != nil {
			break
		}
	}
	if err := cp.f.Truncate(good); err != nil {
		return err
	}
	_, err = cp.f.Seek(good, io.SeekStart)
	return err
}

// append writes one finished batch and syncs it to disk.
func (cp *checkpoint) append(b *batchResult) error {
	line, err := json.Marshal(cpBatch{Records: b.Records, Hist: b.Hist})
	if err != nil {
		return err
	}
	if _, err := cp.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return cp.f.Sync()
}

func (cp *checkpoint) close() { cp.f.Close() }
