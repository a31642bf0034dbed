package collect

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/qmcheck/qmcheck/metrics/dataset"
	"github.com/qmcheck/qmcheck/metrics/imageio"
	"github.com/qmcheck/qmcheck/metrics/imagestats"
	"github.com/qmcheck/qmcheck/metrics/raster"
)

// Record is what one sample measured: the unit checkpoints, shards and
// merges carry. A sample that could not be measured has Reason set.
type Record struct {
	ID     string `json:"id"`
	Class  string `json:"class,omitempty"`
	Split  string `json:"split,omitempty"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256,omitempty"` // of the file bytes

	Reason string `json:"reason,omitempty"` // not measured: a facts reason
	Detail string `json:"detail,omitempty"`
	Warn   string `json:"warn,omitempty"` // measured, with a warning
	WarnAt string `json:"warn_detail,omitempty"`

	Format string     `json:"format,omitempty"`
	Mode   string     `json:"mode,omitempty"`
	W      int        `json:"w,omitempty"`
	H      int        `json:"h,omitempty"`
	Gray   bool       `json:"gray,omitempty"` // stored in colour, R = G = B
	Mean   float64    `json:"mean,omitempty"`
	Std    float64    `json:"std,omitempty"`
	P      [7]float64 `json:"bp"` // CleanVision brightness percentiles
	Ent    float64    `json:"entropy,omitempty"`
	Blur   float64    `json:"blur,omitempty"`
	GStd   float64    `json:"gstd,omitempty"`
	Blurry float64    `json:"blurry,omitempty"`
	Size   float64    `json:"size,omitempty"`
	Aspect float64    `json:"aspect,omitempty"`
	Pix    string     `json:"pix,omitempty"`   // pixel hash, hex
	PHash  string     `json:"phash,omitempty"` // perceptual hash, hex
}

// Measured reports whether the sample was decoded and measured.
func (r *Record) Measured() bool { return r.Reason == "" }

// worker measures files; one per goroutine.
type worker struct {
	dec       imageio.Decoder
	m         *imagestats.Measurer
	img       raster.Image
	hist      imagestats.Histograms // this worker's share of the current batch
	visitor   func(id string, img *raster.Image)
	visitOnly bool // decode and show the image to visitor; measure nothing
}

func newWorker(maxPixels int64, visitor func(string, *raster.Image)) *worker {
	return &worker{dec: imageio.Decoder{MaxPixels: maxPixels}, m: imagestats.NewMeasurer(), visitor: visitor}
}

// measure reads, decodes and measures one sample, adding its pixel counts to
// hist. It never fails: a problem becomes the record's Reason.
func (w *worker) measure(s dataset.Sample, hist *imagestats.Histograms) Record {
	r := Record{ID: s.ID, Class: s.Class, Split: s.Split, Bytes: s.Size}
	if s.Problem != nil {
		r.Reason, r.Detail = s.Problem.Reason, s.Problem.Detail
		return r
	}
	b, err := os.ReadFile(s.Path)
	if err != nil {
		r.Reason, r.Detail = "unreadable", err.Error()
		if errors.Is(err, os.ErrPermission) {
			r.Detail = "permission denied"
		}
		return r
	}
	r.Bytes = int64(len(b))
	sum := sha256.Sum256(b)
	r.SHA256 = hex.EncodeToString(sum[:])
	info, err := w.dec.Decode(b, &w.img)
	r.Format = info.Format
	if err != nil {
		var p *imageio.Problem
		if errors.As(err, &p) {
			r.Reason, r.Detail = p.Reason, p.Detail
		} else {
			r.Reason, r.Detail = "undecodable", err.Error()
		}
		if want := imageio.ExtFormat(s.ID); r.Reason == "unsupported_format" && want != "" {
			r.Detail = fmt.Sprintf("named .%s (%s) but %s", ext(s.ID), want, r.Detail)
		}
		if info.Width > 0 {
			r.W, r.H = info.Width, info.Height
		}
		return r
	}
	switch want := imageio.ExtFormat(s.ID); {
	case want != "" && want != info.Format:
		r.Warn, r.WarnAt = "wrong_extension", fmt.Sprintf("named .%s but the content is %s", ext(s.ID), info.Format)
	case info.Frames > 1:
		r.Warn, r.WarnAt = "animated", fmt.Sprintf("%d frames; the first was measured", info.Frames)
	case s.NonUTF8:
		r.Warn, r.WarnAt = "non_utf8_name", "the file name is not valid UTF-8; its id escapes the bytes as \\xNN"
	}
	if w.visitor != nil {
		w.visitor(s.ID, &w.img)
	}
	if w.visitOnly {
		return r
	}
	res := w.m.Measure(&w.img, hist)
	r.Mode, r.W, r.H = info.Mode, w.img.Width, w.img.Height
	r.Gray = res.EffectivelyGray
	r.Mean, r.Std = res.Mean, res.Std
	r.P = res.BrightnessPerc
	r.Ent, r.Blur, r.GStd, r.Blurry = res.Entropy, res.Blurriness, res.GrayHistStd, res.BlurryScore
	r.Size, r.Aspect = res.SizeSqrt, res.AspectMin
	r.Pix = strconv.FormatUint(res.PixelHash, 16)
	r.PHash = fmt.Sprintf("%016x", res.PHash)
	return r
}

func ext(name string) string {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return name[i+1:]
		}
	}
	return ""
}
