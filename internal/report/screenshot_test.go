package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// testScreenshots takes a full-page screenshot of the demo studio's page
// and of the demo copy's, checks that each is a real picture of the page,
// and with -update writes them to docs/, where the README shows them.
func testScreenshots(t *testing.T, ctx context.Context) {
	tests := []struct {
		name      string
		page      Page
		minHeight int
		checks    map[string]string // JavaScript expressions and their values
	}{
		{"report.png", demoStudio(), 1500, map[string]string{
			`String(document.querySelectorAll("tbody.project").length)`: "12",
			`document.querySelector(".tile.risk .value").textContent`:   "23",
		}},
		{"transfer.png", demoTransfer(), 700, map[string]string{
			`document.getElementById("outcome").className`:                        "banner bad",
			`String(document.querySelectorAll(".problems:not(.warn) li").length)`: "3",
			`String(document.querySelectorAll(".problems.warn li").length)`:       "1",
			`String(document.querySelectorAll("table.locs td.bad").length)`:       "1",
			`String(document.querySelectorAll("table.locs td.good").length)`:      "4",
			`document.querySelector(".problems li code").textContent`:             "v003/frame_0001.exr",
			`String(performance.getEntriesByType("resource").length)`:             "0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open(t, ctx, tt.page, "page.html")
			for js, want := range tt.checks {
				if got := eval[string](t, ctx, js); got != want {
					t.Errorf("%s = %q, want %q", js, got, want)
				}
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			checkPicture(t, shot, tt.minHeight)
			if err := os.WriteFile(filepath.Join(t.ArtifactDir(), tt.name), shot, 0o644); err != nil {
				t.Error(err)
			}
			if *update {
				if err := os.WriteFile(filepath.Join("..", "..", "docs", tt.name), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// checkPicture decodes a PNG and checks that it is the width of the
// window, at least minHeight tall, and not blank: it has the page's
// colors (the copy green and the at-risk or failure red among them).
func checkPicture(t *testing.T, shot []byte, minHeight int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != 1400 || b.Dy() < minHeight {
		t.Errorf("the screenshot is %dx%d, want 1400 wide and %d or more tall", b.Dx(), b.Dy(), minHeight)
	}
	colors := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colors[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	if len(colors) < 100 {
		t.Errorf("the screenshot has %d colors: blank?", len(colors))
	}
	red := [3]uint32{0xb0, 0x24, 0x1b} // --risk, the text of what is at risk or failed
	if !colors[red] && !hasNear(img, red) {
		t.Error("the screenshot shows no red: the page's style did not apply")
	}
}

// hasNear reports whether some pixel is within a small distance of c, as
// text anti-aliasing rarely hits a color exactly.
func hasNear(img image.Image, c [3]uint32) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if absDiff(r>>8, c[0])+absDiff(g>>8, c[1])+absDiff(bl>>8, c[2]) < 12 {
				return true
			}
		}
	}
	return false
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
