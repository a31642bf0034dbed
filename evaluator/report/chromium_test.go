package report

import (
	"bytes"
	"context"
	"flag"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var keep = flag.String("keep", "", "directory to keep the page and screenshot the Chromium test renders (docs/report.png is made this way)")

// chromium finds a Chromium binary or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skip("Chromium is not installed (Debian package chromium; .ci/run installs it): the report is not checked in a browser")
	return ""
}

// headless runs Chromium on a local file with no network, no profile and no
// background services, and returns its standard output.
func headless(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--disable-dev-shm-usage",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, errb.String())
	}
	return out.Bytes()
}

// TestChromiumRendersReport loads the report of the synthetic facts (every
// chart, thumbnails) in headless Chromium: the DOM Chromium builds keeps all
// verdict rows, the nine SVG charts and the thumbnails, and the screenshot
// shows the charts' own colours, which nothing but the SVG paints.
func TestChromiumRendersReport(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	if *keep != "" {
		dir = *keep
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	syn := generic(t, synthetic(t))
	r := judge(t, syn, "iso5259-2")
	page := renderPage(t, syn, r, Options{ImagesRoot: fmnist})
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file

	dom := string(headless(t, bin, "--dump-dom", url))
	if !strings.Contains(dom, "<h1>Data quality report: synthetic fashion</h1>") {
		t.Fatalf("Chromium did not load the page:\n%.2000s", dom)
	}
	if n := strings.Count(dom, `<svg class="plot"`); n != 9 {
		t.Errorf("Chromium's DOM has %d chart SVGs, want 9", n)
	}
	if n := strings.Count(dom, "<rect ") + strings.Count(dom, "<path "); n < 100 {
		t.Errorf("Chromium's DOM has %d SVG shapes", n)
	}
	if got, want := strings.Count(dom, `data-qm="`), len(r.Verdicts); got != want {
		t.Errorf("Chromium's DOM has %d verdict rows, want %d", got, want)
	}
	if n := strings.Count(dom, `<img src="data:image/png;base64,`); n < 20 {
		t.Errorf("Chromium's DOM has %d thumbnails", n)
	}

	shot := filepath.Join(dir, "report.png")
	headless(t, bin, "--screenshot="+shot, "--window-size=1280,9000", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 9000 {
		t.Fatalf("screenshot is %v", b)
	}
	// Colours only the charts use (charts.go): bars, density bins, pair bars, the pixel line.
	want := map[string]color.RGBA{
		"class-count bars": {0x00, 0x72, 0xB2, 0xff}, "density bins": {0x56, 0xB4, 0xE9, 0xff},
		"confused-pair bars": {0xCC, 0x79, 0xA7, 0xff},
	}
	seen := map[color.RGBA]int{}
	distinct := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if len(distinct) < 5000 {
				distinct[c] = true
			}
			seen[c]++
		}
	}
	for name, c := range want {
		if seen[c] < 200 {
			t.Errorf("screenshot: %d pixels of the %s colour %v: charts not painted", seen[c], name, c)
		}
	}
	if len(distinct) < 200 {
		t.Errorf("screenshot has %d colours: a blank or broken page", len(distinct))
	}
	if *keep != "" {
		t.Logf("kept %s and %s", file, shot)
	}
}
