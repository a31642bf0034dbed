package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qmcheck/qmcheck/metrics/idx"
)

// TestMain lets a test run the command line in a child process (to kill it).
func TestMain(m *testing.M) {
	if os.Getenv("QMCHECK_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "QMCHECK_TEST_MAIN=1")
	return cmd
}

const fmnist = "../../fixtures/fashion-mnist-1k"

func TestCollectMergeAudit(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "facts.json")
	if code, _, errs := qmcheck(t, "collect", fmnist, "-o", full, "--quiet"); code != exitOK {
		t.Fatalf("collect: %d %s", code, errs)
	}
	var parts []string
	for i := 0; i < 2; i++ {
		p := filepath.Join(dir, "part"+string(rune('0'+i))+".json")
		if code, _, errs := qmcheck(t, "collect", fmnist, "-o", p, "--shard", string(rune('0'+i))+"/2", "--quiet"); code != exitOK {
			t.Fatalf("collect shard: %d %s", code, errs)
		}
		parts = append(parts, p)
	}
	merged := filepath.Join(dir, "merged.json")
	if code, _, errs := qmcheck(t, append([]string{"merge", "-o", merged}, parts...)...); code != exitOK {
		t.Fatalf("merge: %d %s", code, errs)
	}
	a, _ := os.ReadFile(full)
	b, _ := os.ReadFile(merged)
	if !bytes.Equal(a, b) {
		t.Fatal("merged shards differ from one collect")
	}
	if _, err := os.Stat(full + ".checkpoint"); err == nil {
		t.Error("checkpoint left behind after success")
	}
	// The main job of the README: audit the bundled fixture.
	code, out, _ := qmcheck(t, "audit", fmnist, "--format", "table", "--fail-on", "never")
	if code != exitOK || !strings.Contains(out, "Bal-ML-3") || !strings.Contains(out, "fashion-mnist-1k") {
		t.Errorf("audit: %d\n%s", code, out)
	}
	// Bad arguments.
	for _, args := range [][]string{
		{"collect", fmnist, "-o", filepath.Join(dir, "x.json"), "--lens", "px"},
		{"collect", fmnist, "-o", filepath.Join(dir, "x.json"), "--lens", "px=builtin", "--lens", "px=builtin"},
		{"collect", fmnist, "-o", filepath.Join(dir, "x.json"), "--lens", "px=builtin", "--shard", "0/2"},
		{"collect", fmnist, "-o", filepath.Join(dir, "x.json"), "--lens", "px=builtin", "--knn-labels", "clip"},
		{"collect", fmnist, "-o", filepath.Join(dir, "x.json"), "--lens", "clip=npy:no-such.npy"},
		{"collect", fmnist},
		{"collect", "no-such-dir", "-o", filepath.Join(dir, "x.json")},
		{"collect", fmnist, "-o", filepath.Join(dir, "x.json"), "--shard", "2/2"},
		{"merge", "-o", filepath.Join(dir, "x.json"), parts[0]},
		{"merge", "-o", filepath.Join(dir, "x.json"), full},
	} {
		if code, _, errs := qmcheck(t, args...); code != exitInput {
			t.Errorf("%v: exit %d (%s)", args, code, errs)
		}
	}
}

// TestCollectLenses measures two lenses computed from the images (builtin
// and raw pixels) and the model-free label estimate while collecting, and
// audits them under both profiles.
func TestCollectLenses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "facts.json")
	code, out, errs := qmcheck(t, "audit", fmnist, "--lens", "px=builtin", "--lens", "pxe=pixels,metric=euclidean,k=5",
		"--knn-labels", "px", "--facts-out", path, "--format", "json", "--fail-on", "never")
	if code != exitOK {
		t.Fatalf("audit: %d %s", code, errs)
	}
	d, err := readDocument(path)
	if err != nil {
		t.Fatal(err)
	}
	px, pxe := d.Lenses["px"], d.Lenses["pxe"]
	if px == nil || pxe == nil || px.Samples != 1000 || px.Source != "builtin" || px.Dims != 323 ||
		pxe.Source != "pixels" || pxe.Dims != 784 || pxe.K != 5 || pxe.Metric != "euclidean" {
		t.Fatalf("lenses: %+v", d.Lenses)
	}
	if d.LensAgreement == nil || len(d.LensAgreement.Pairs) != 1 {
		t.Errorf("lens agreement: %+v", d.LensAgreement)
	}
	if d.Labels == nil || len(d.Labels.Estimated) != 1 || d.Labels.Estimated[0].Lens != "px" {
		t.Fatalf("labels: %+v", d.Labels)
	}
	var r struct {
		Verdicts []struct{ QM, Verdict, Finding string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, v := range r.Verdicts {
		seen[v.QM] = v.Verdict + " " + v.Finding
	}
	for _, qm := range []string{"Acc-ML-4", "Acc-ML-7", "Eft-ML-3", "Sim-ML-1", "Sim-ML-3"} {
		if strings.HasPrefix(seen[qm], "na ") || !strings.Contains(seen[qm], "lens p") {
			t.Errorf("%s: %s", qm, seen[qm])
		}
	}
	// The seed report's lens rows under the names it reads: L2 and L3.
	code, out, errs = qmcheck(t, "audit", fmnist, "--profile", "dataclinic", "--lens", "L2=builtin", "--lens", "L3=pixels",
		"--format", "json", "--fail-on", "never")
	if code != exitOK {
		t.Fatalf("audit: %d %s", code, errs)
	}
	r.Verdicts = nil
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	for _, v := range r.Verdicts {
		switch v.QM {
		case "Rep-ML-1", "Rep-ML-3", "Sim-ML-1", "Sim-ML-2", "Bal-ML-2":
			if v.Verdict == "na" || !strings.Contains(v.Finding, "lens L") {
				t.Errorf("%s: %s %s", v.QM, v.Verdict, v.Finding)
			}
		}
	}
	// Raw pixels compare only between images of one size, and small ones.
	for _, sizes := range [][2]int{{8, 9}, {65, 65}} {
		data := t.TempDir()
		for i, side := range sizes {
			dir := filepath.Join(data, "c"+string(rune('0'+i)))
			os.MkdirAll(dir, 0o755)
			f, _ := os.Create(filepath.Join(dir, "a.png"))
			png.Encode(f, image.NewGray(image.Rect(0, 0, side, side)))
			f.Close()
		}
		code, _, errs = qmcheck(t, "collect", data, "-o", filepath.Join(t.TempDir(), "x.json"), "--quiet", "--lens", "p=pixels")
		if code != exitInput || !strings.Contains(errs, "same size") && !strings.Contains(errs, "small images") {
			t.Errorf("pixels lens on %v: exit %d, %s", sizes, code, errs)
		}
	}
}

// TestKillAndResume kills a real collect process half-way (SIGKILL, no
// chance to clean up), resumes it, and compares with an uninterrupted run;
// then interrupts one with SIGINT, which exits 130 and says how to resume.
func TestKillAndResume(t *testing.T) {
	images := filepath.Join(idx.DebianDir, "t10k-images-idx3-ubyte.gz")
	if _, err := os.Stat(images); err != nil {
		t.Skip("Debian package dataset-fashion-mnist is not installed (.ci/run installs it)")
	}
	data := t.TempDir()
	if _, err := idx.ExportPNG(images, filepath.Join(idx.DebianDir, "t10k-labels-idx1-ubyte.gz"), idx.FashionMNIST, data, 6000); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := filepath.Join(dir, "want.json")
	// The builtin lens sees every image as it is decoded; after a resume
	// the images of the interrupted run are decoded once more for it.
	lensArgs := []string{"--lens", "px=builtin", "--knn-labels", "px"}
	if out, err := child(append([]string{"collect", data, "-o", want, "--quiet"}, lensArgs...)...).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	got := filepath.Join(dir, "got.json")
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		os.Remove(got)
		cmd := child("collect", data, "-o", got, "--quiet", "--workers", "1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for a few finished batches in the checkpoint, then signal.
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			b, _ := os.ReadFile(got + ".checkpoint")
			if bytes.Count(b, []byte("\n")) >= 4 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		if _, statErr := os.Stat(got); statErr == nil {
			t.Fatalf("%v: the run finished before the signal; the dataset is too small for this machine", sig)
		}
		if sig == syscall.SIGINT {
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != exitInterrupted || !strings.Contains(stderr.String(), "rerun with --resume") {
				t.Errorf("SIGINT: %v, stderr %q", err, stderr.String())
			}
		}
		if out, err := child(append([]string{"collect", data, "-o", got, "--quiet", "--resume"}, lensArgs...)...).CombinedOutput(); err != nil {
			t.Fatalf("resume after %v: %v %s", sig, err, out)
		}
		a, _ := os.ReadFile(want)
		b, _ := os.ReadFile(got)
		if !bytes.Equal(a, b) {
			t.Fatalf("after %v and --resume the facts differ from an uninterrupted run", sig)
		}
	}
}
