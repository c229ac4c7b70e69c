package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The pages in a real browser: headless Chromium opens them from files,
// and the tests read the DOM, type in the search box, print, and take
// screenshots. With -update, the demo's screenshots are written to docs/.

// browsers are the names Chromium goes by.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// openBrowser starts headless Chromium, sandboxed from the network and
// any profile, for the test's life; it skips the test, loudly, when no
// Chromium is installed.
func openBrowser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range browsers {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		msg := strings.Repeat("!", 78) + "\n!!! SKIPPED: the HTML reports are NOT tested in a real browser: no Chromium\n" +
			"!!! found (" + strings.Join(browsers, ", ") + ").\n!!! Install it (apt-get install chromium; .ci/run does) to run these tests.\n" + strings.Repeat("!", 78)
		fmt.Fprintln(os.Stderr, msg)
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-device-scale-factor", "1"), chromedp.WindowSize(1400, 1000))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancel() })
	return bctx
}

// open writes p to a file and loads it in the browser's tab.
func open(t *testing.T, ctx context.Context, p Page, name string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := WriteFile(path, p); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("loading %s: %v", name, err)
	}
}

// eval runs a JavaScript expression in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// hostileProject is a project whose every name is an attack.
var hostileProject = Project{Client: `<script>window.pwned=1</script>`, Name: "\u202egnp.exe\" onclick=\"window.pwned=2",
	Cells: map[string]map[string]Cell{"project": {"WORK": {State: Copy, Bytes: 1, Files: 1, Note: "<img src=x onerror=window.pwned=3>"}}}}

func TestBrowser(t *testing.T) {
	ctx := openBrowser(t)
	s := demoStudio()
	s.Projects = append(s.Projects, hostileProject)
	open(t, ctx, s, "studio.html")
	t.Run("grid", func(t *testing.T) { testGrid(t, ctx, s) })
	t.Run("filter", func(t *testing.T) { testFilter(t, ctx, s) })
	t.Run("print", func(t *testing.T) { testPrint(t, ctx) })
	t.Run("screenshots", func(t *testing.T) { testScreenshots(t, ctx) })
}

// testGrid finds in the DOM every cell of the model, with its class and
// text, the columns, and the hostile names as text that ran nothing.
func testGrid(t *testing.T, ctx context.Context, s Studio) {
	var want []string
	for _, g := range s.view().Groups {
		for _, p := range g.Projects {
			for _, r := range p.Rows {
				for _, c := range r.Cells {
					text := c.Symbol + c.Size
					if c.Size != "" {
						text += " " + c.Files
					}
					want = append(want, p.Search+"|"+r.Category+"|cell "+c.Class+"|"+text+c.Note)
				}
			}
		}
	}
	got := eval[[]string](t, ctx, `[...document.querySelectorAll("table.grid tbody.project")].flatMap(b =>
		[...b.rows].flatMap(r => [...r.querySelectorAll("td.cell")].map(c =>
			b.dataset.search + "|" + r.querySelector("td.cat").textContent + "|" + c.className + "|" + c.textContent)))`)
	if len(got) != len(want) {
		t.Fatalf("the grid has %d cells, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	heads := eval[[]string](t, ctx, `[...document.querySelectorAll("table.grid thead th")].map(th => th.textContent)`)
	if want := []string{"Project", "Category", "WORK", "STORAGE ⏏ offline", "NAS", "Copies"}; !reflect.DeepEqual(heads, want) {
		t.Errorf("columns = %q, want %q", heads, want)
	}
	checks := []struct{ js, want string }{
		{`String(window.pwned)`, "undefined"},
		{`String(document.scripts.length)`, "1"},
		{`String(document.querySelectorAll("img").length)`, "0"},
		{`String(performance.getEntriesByType("resource").length)`, "0"}, // nothing fetched: self-contained
		{`[...document.querySelectorAll("tr.client-row th")].pop().textContent`, hostileProject.Client + "1 project"},
		{`[...document.querySelectorAll("tbody.project th.name")].pop().textContent`, hostileProject.Name},
		{`document.querySelector("#at-risk + table tbody tr td").textContent`, "acme/spot_30s"},
	}
	for _, c := range checks {
		if got := eval[string](t, ctx, c.js); got != c.want {
			t.Errorf("%s = %q, want %q", c.js, got, c.want)
		}
	}
}

// testFilter types in the search box and counts the projects and rows
// left on screen.
func testFilter(t *testing.T, ctx context.Context, s Studio) {
	v := s.view()
	var all, risky []string
	rows := map[string]int{}
	for _, g := range v.Groups {
		for _, p := range g.Projects {
			all = append(all, p.Search)
			rows[p.Search] = len(p.Rows)
			if p.AtRisk {
				risky = append(risky, p.Search)
			}
		}
	}
	tests := []struct {
		typed    string
		riskOnly bool
		want     []string
	}{
		{"whale", false, []string{"Blue Whale Films/doc_ep1", "Blue Whale Films/doc_ep2"}},
		{"CAFE été", false, []string{"Café Ünïcode/été 2026"}}, // case and accents ignored, every word must match
		{"unicode 2026", false, []string{"Café Ünïcode/été 2026"}},
		{"acme spot", false, []string{"acme/spot_30s"}},
		{"Shot1", false, []string{"nordlicht/shot10"}},
		{"gnp.exe", false, []string{hostileProject.Client + "/" + hostileProject.Name}},
		{"zzz", false, nil},
		{"", true, risky},
		{"acme", true, []string{"acme/spot_30s", "acme/teaser", "acme/brand film"}},
		{"", false, all},
	}
	checked := false
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q risk=%v", tt.typed, tt.riskOnly), func(t *testing.T) {
			eval[bool](t, ctx, `(document.getElementById("search").value = "", true)`)
			steps := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#search"), tt.typed+" ")}
			if tt.riskOnly != checked {
				steps = append(steps, chromedp.Click(chromedp.CSS("#risk-only")))
				checked = tt.riskOnly
			}
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatal(err)
			}
			shown := eval[[]string](t, ctx, `[...document.querySelectorAll("tbody.project")].filter(b => b.querySelector("tr.row").getClientRects().length > 0).map(b => b.dataset.search)`)
			if len(shown) != len(tt.want) || len(tt.want) > 0 && !reflect.DeepEqual(shown, tt.want) {
				t.Errorf("projects shown = %q, want %q", shown, tt.want)
			}
			hidden := 0
			for _, p := range all {
				if !slices.Contains(tt.want, p) {
					hidden += rows[p]
				}
			}
			if got := eval[int](t, ctx, `[...document.querySelectorAll("tbody.project tr.row")].filter(r => r.getClientRects().length === 0).length`); got != hidden {
				t.Errorf("%d rows hidden, want %d", got, hidden)
			}
			counter := fmt.Sprintf("%d of %d projects", len(tt.want), len(all))
			if got := eval[string](t, ctx, `document.getElementById("shown").textContent`); got != counter {
				t.Errorf("counter = %q, want %q", got, counter)
			}
			if got := eval[bool](t, ctx, `document.getElementById("no-match").getClientRects().length > 0`); got != (len(tt.want) == 0) {
				t.Errorf("the no-match line shown = %v", got)
			}
		})
	}
}

// testPrint checks the print style: the search box hidden, the grid's
// header repeated, a project never cut, and a PDF that Chromium prints.
func testPrint(t *testing.T, ctx context.Context) {
	media := func(m string) {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
	}
	media("print")
	defer media("")
	checks := []struct{ js, want string }{
		{`getComputedStyle(document.querySelector(".toolbar")).display`, "none"},
		{`getComputedStyle(document.querySelector("table.grid thead")).display`, "table-header-group"},
		{`getComputedStyle(document.querySelector("tbody.project")).breakInside`, "avoid"},
		{`getComputedStyle(document.querySelector(".s-stale")).printColorAdjust`, "exact"},
	}
	for _, c := range checks {
		if got := eval[string](t, ctx, c.js); got != c.want {
			t.Errorf("in print, %s = %q, want %q", c.js, got, c.want)
		}
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10_000 {
		t.Errorf("the PDF is %d bytes starting %.8q", len(pdf), pdf)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "studio.pdf"), pdf, 0o644); err != nil {
		t.Error(err)
	}
}
