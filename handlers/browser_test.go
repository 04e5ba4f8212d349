package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// chromiumPath finds Debian's chromium, or skips (fails under GONGKAI_TEST_REQUIRE=1).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("GONGKAI_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	modelstest.SkipUnlessRequired(t, "browser tests skipped: no chromium (apt-get install chromium, or set GONGKAI_CHROMIUM)")
	return ""
}

// demoServer serves the demo bureau on a loopback port.
func demoServer(t *testing.T) string {
	t.Helper()
	_, base := demoStoreServer(t)
	return base
}

// demoStoreServer serves the demo bureau on a loopback port and hands the
// test its store, to find the rows a page is about.
func demoStoreServer(t *testing.T) (*models.Store, string) {
	t.Helper()
	store := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(context.Background(), store, demoDay); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	return store, serve(t, handlers.New(store, handlers.Options{Now: demoNow}))
}

// serve serves an app on a loopback port until the test ends.
func serve(t *testing.T, app *fiber.App) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	t.Cleanup(func() { _ = app.Shutdown() })
	return "http://" + ln.Addr().String()
}

// browser starts headless chromium that records failed requests and any
// request that leaves this machine.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	failed   []string
	external []string
}

func newBrowser(t *testing.T, exec string) *browser {
	t.Helper()
	// Not t.TempDir: chromium's helper processes may still be writing its
	// profile for a moment after the browser is closed, and the test must
	// not fail over the clean-up of a scratch folder.
	profile, err := os.MkdirTemp("", "gongkai-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute) // a shared, busy machine
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(e.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != "127.0.0.1" {
				b.external = append(b.external, e.Request.URL)
			}
		case *network.EventLoadingFailed:
			b.failed = append(b.failed, e.ErrorText)
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				b.failed = append(b.failed, e.Response.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, network.Enable()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

func (b *browser) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.failed) > 0 {
		t.Errorf("failed requests: %v", b.failed)
	}
	if len(b.external) > 0 {
		t.Errorf("requests left this machine: %v", b.external)
	}
}

// screenshot saves a full-page PNG into GONGKAI_SCREENSHOTS (the README's
// docs/ folder when refreshed by hand) or the test's temporary folder.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("GONGKAI_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (b *browser) signIn(t *testing.T, base, user string) {
	t.Helper()
	b.signInWith(t, base, user, seed.DemoPassword)
}

// signInWith signs in with a password other than the demo's.
func (b *browser) signInWith(t *testing.T, base, user, password string) {
	t.Helper()
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`input[name=username]`, user),
		chromedp.SendKeys(`input[name=password]`, password),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`header.top`),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", user, err)
	}
}

func TestBrowserOfficeAndHeadSeeTheirPages(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)

	b := newBrowser(t, exec)
	b.signIn(t, base, "office")
	var home string
	if err := chromedp.Run(b.ctx, chromedp.Text(`main`, &home)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(home, "待办事项") || !strings.Contains(home, "部门数") {
		t.Errorf("office home shows: %.200s", home)
	}
	b.screenshot(t, "home.png")
	var ranking string
	err := chromedp.Run(b.ctx, chromedp.Navigate(base+"/scores"), chromedp.Text(`table.ranking`, &ranking))
	if err != nil || !strings.Contains(ranking, "优秀") && !strings.Contains(ranking, "合格") {
		t.Errorf("ranking: %v %.200s", err, ranking)
	}
	b.screenshot(t, "scores.png")
	b.chartsRender(t, base+"/overview")
	b.screenshot(t, "overview.png")
	b.annualPrints(t, base)
	b.check(t)

	h := newBrowser(t, exec)
	h.signIn(t, base, "head")
	// The link is followed by address rather than by a click: a click's
	// navigation can race the next query for the new page's nodes.
	var dept, where, href string
	var linked bool
	err = chromedp.Run(h.ctx, chromedp.AttributeValue(`main h2 a`, "href", &href, &linked))
	if err != nil || !linked {
		t.Fatalf("head's home has no link to their department: %v", err)
	}
	err = chromedp.Run(h.ctx, chromedp.Navigate(base+href), chromedp.WaitVisible(`#score`), chromedp.Text(`#score`, &dept), chromedp.Location(&where))
	if err != nil || !strings.Contains(dept, "扣分明细") {
		t.Fatalf("head's department page: %v %.200s", err, dept)
	}
	h.chartsRender(t, where)
	var cells int
	if err := chromedp.Run(h.ctx, chromedp.Evaluate(`document.querySelectorAll('#coverage .cov').length`, &cells)); err != nil || cells < 10 {
		t.Errorf("coverage grid has %d cells (%v)", cells, err)
	}
	h.screenshot(t, "department.png")
	b.fitsPhone(t, base+"/overview", "")
	h.fitsPhone(t, where, "")
	h.check(t)
}

// annualPrints opens the bureau's annual report of the demo's closed year:
// the national tables are on the page, balanced and final; printed, the
// application's chrome and the office's panels disappear, the widest table
// fits the A4 sheet, and chromium makes a PDF of it.
func (b *browser) annualPrints(t *testing.T, base string) {
	t.Helper()
	var tables int
	var check string
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(base+fmt.Sprintf("/reports/annual?year=%d&department=0", demoYear)),
		chromedp.WaitVisible(`article.sheet`),
		chromedp.Evaluate(`document.querySelectorAll('article.sheet table.national').length`, &tables),
		chromedp.Text(`#check`, &check),
	)
	if err != nil {
		t.Fatalf("annual report: %v", err)
	}
	// The demo's office made the report final on 20 March, which it can
	// be only when its tables balance.
	if tables < 6 || !strings.Contains(check, "已定稿") {
		t.Errorf("annual report: %d national tables, check says %q", tables, check)
	}
	b.screenshot(t, "annual.png")
	chromeShown, overflow, pdf := b.printed(t, `header.top, #check, #edit, form.filters`)
	if chromeShown != 0 || overflow != 0 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("printed: %d pieces of the application shown, %d tables wider than the sheet, PDF %d bytes", chromeShown, overflow, len(pdf))
	}
}

// printed prints the page on A4 as chromium does: how many of the elements
// that hidden selects are still laid out on paper, how many tables of the sheet
// (article.sheet) are wider than it, and the PDF.
func (b *browser) printed(t *testing.T, hidden string) (shown, wide int, pdf []byte) {
	t.Helper()
	err := chromedp.Run(b.ctx,
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`[...document.querySelectorAll('`+hidden+`')].filter(e => e.getClientRects().length > 0).length`, &shown),
		chromedp.Evaluate(`[...document.querySelectorAll('article.sheet table')].filter(t => t.getBoundingClientRect().width > document.querySelector('article.sheet').getBoundingClientRect().width + 1).length`, &wide),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).Do(ctx)
			return err
		}),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if err != nil {
		t.Fatalf("print %s: %v", hidden, err)
	}
	return shown, wide, pdf
}

// chartsRender opens a page and waits until every chart has drawn its canvas.
func (b *browser) chartsRender(t *testing.T, url string) {
	t.Helper()
	var total, drawn, canvases int
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(url),
		chromedp.Poll(`document.querySelectorAll('.chart').length > 0 && document.querySelectorAll('.chart:not([data-ready])').length === 0`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`document.querySelectorAll('.chart').length`, &total),
		chromedp.Evaluate(`document.querySelectorAll('.chart[data-ready="1"]').length`, &drawn),
		chromedp.Evaluate(`document.querySelectorAll('.chart canvas').length`, &canvases),
	)
	if err != nil {
		t.Fatalf("charts on %s: %v", url, err)
	}
	if total == 0 || drawn != total || canvases < total {
		t.Errorf("%s: %d charts, %d drawn, %d canvases", url, total, drawn, canvases)
	}
}

// fitsPhone loads a page at a phone's width and checks that the page itself
// does not scroll sideways (wide tables scroll inside their own box); with
// a name, it keeps a screenshot of the phone's view.
func (b *browser) fitsPhone(t *testing.T, url, shot string) {
	t.Helper()
	var overflow int
	err := chromedp.Run(b.ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(url),
		chromedp.WaitVisible(`main`),
		chromedp.Evaluate(`document.documentElement.scrollWidth - window.innerWidth`, &overflow),
	)
	if err != nil {
		t.Fatalf("phone view of %s: %v", url, err)
	}
	if overflow > 0 {
		t.Errorf("%s is %d px wider than a phone screen", url, overflow)
	}
	if shot != "" {
		b.screenshot(t, shot)
	}
	_ = chromedp.Run(b.ctx, chromedp.EmulateViewport(1280, 900))
}

// The year-end assessment as people do it (issue 9): the office drafts a
// plan for the year before the demo's and the leading group approves it; a head files a
// self-inspection with an attachment and objects to a deduction; the office
// accepts the objection; the grades are proposed and approved, the notice
// published; the public page shows the result to a visitor who never signed in.
func TestBrowserAssessment(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	pdf := filepath.Join(t.TempDir(), "自查报告.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	earlier := fmt.Sprint(demoYear - 1)
	office := newBrowser(t, exec)
	if err := chromedp.Run(office.ctx, chromedp.Navigate(base+"/public"), chromedp.WaitVisible(fmt.Sprintf("#results-%d", demoYear))); err != nil {
		t.Fatalf("the demo's published results: %v", err)
	}
	office.screenshot(t, "public.png")
	office.signIn(t, base, "office")
	if err := chromedp.Run(office.ctx, chromedp.Navigate(base+"/assessment/1"), chromedp.WaitVisible(`table.asmt-status`)); err != nil {
		t.Fatalf("the demo's plan page: %v", err)
	}
	office.screenshot(t, "assessment.png")
	var plan string
	err := chromedp.Run(office.ctx,
		chromedp.Navigate(base+"/assessment"),
		chromedp.Click(`#new-plan`),
		chromedp.WaitVisible(`#new`),
		chromedp.SetValue(`#new input[name=year]`, earlier),
		chromedp.Click(`#new button`),
		chromedp.WaitVisible(`#steps`),
		chromedp.Location(&plan),
	)
	if err != nil {
		t.Fatalf("office drafts a plan: %v", err)
	}
	office.step(t, plan, "submit")

	leader := newBrowser(t, exec)
	leader.signIn(t, base, "leader")
	var waiting string
	if err := chromedp.Run(leader.ctx, chromedp.Text(`#waiting`, &waiting)); err != nil || !strings.Contains(waiting, earlier) {
		t.Errorf("the leader's home shows %q waiting (%v)", waiting, err)
	}
	leader.step(t, plan, "approve")

	head := newBrowser(t, exec)
	head.signIn(t, base, "head")
	var deptURL, objections string
	err = chromedp.Run(head.ctx,
		chromedp.AttributeValue(`main h2 a`, "href", &deptURL, nil),
	)
	if err != nil {
		t.Fatal(err)
	}
	page := plan + "/departments/" + strings.TrimPrefix(deptURL, "/departments/")
	err = chromedp.Run(head.ctx,
		chromedp.Navigate(page),
		chromedp.SendKeys(`form.self-form textarea[name=text]`, "本部门对照责任分解表完成自查，存在问题已整改。"),
		chromedp.SetUploadFiles(`form.self-form input[type=file]`, []string{pdf}),
		chromedp.Submit(`form.self-form textarea[name=text]`),
		chromedp.WaitVisible(`#self ul.files`),
		chromedp.SendKeys(`form.objection-form textarea[name=reason]`, "该信息已在网站公开，导入时遗漏。"),
		chromedp.Submit(`form.objection-form textarea[name=reason]`),
		chromedp.WaitVisible(`table.objections`),
		chromedp.Text(`#objections`, &objections),
	)
	if err != nil || !strings.Contains(objections, "待答复") {
		t.Fatalf("head files self-inspection and objection: %v %.200s", err, objections)
	}
	head.screenshot(t, "assessment_department.png")

	var answered string
	err = chromedp.Run(office.ctx,
		chromedp.Navigate(page),
		chromedp.SendKeys(`form.answer textarea[name=answer]`, "经核实，撤销该项扣分。"),
		chromedp.Click(`form.answer input[value=accept]`),
		chromedp.Submit(`form.answer textarea[name=answer]`),
		chromedp.WaitNotPresent(`form.answer`),
		chromedp.Text(`#objections`, &answered),
	)
	if err != nil || !strings.Contains(answered, "已采纳") {
		t.Fatalf("office accepts the objection: %v %.200s", err, answered)
	}
	office.step(t, plan, "propose")
	leader.step(t, plan, "approve_grades")
	office.step(t, plan, "publish")
	// The notice as issued, in the GB/T 9704-2012 layout: the red issuer,
	// the number, the red rule, the title, the date written 年月日.
	var issuedNotice, number string
	err = chromedp.Run(office.ctx,
		chromedp.Navigate(plan+"/results"),
		chromedp.WaitVisible(`article.gw`),
		chromedp.Text(`article.gw`, &issuedNotice),
		chromedp.Text(`article.gw .gw-number`, &number),
	)
	if err != nil || !strings.HasPrefix(number, "公开办〔") || !strings.Contains(issuedNotice, "关于"+earlier+"年度政府信息公开工作考核结果的通报") ||
		!regexp.MustCompile(`20\d\d年\d{1,2}月\d{1,2}日`).MatchString(issuedNotice) {
		t.Errorf("the issued results notice: %v %q %.300s", err, number, issuedNotice)
	}
	office.screenshot(t, "results_notice.png")

	public := newBrowser(t, exec)
	var results string
	err = chromedp.Run(public.ctx,
		chromedp.Navigate(base+"/public"),
		chromedp.WaitVisible("#results-"+earlier),
		chromedp.Text(`main`, &results),
	)
	if err != nil || !strings.Contains(results, "关于"+earlier+"年度政府信息公开工作考核结果的通报") || !strings.Contains(results, "治安支队") {
		t.Fatalf("public page: %v %.300s", err, results)
	}
	public.fitsPhone(t, base+"/public", "")
	for _, b := range []*browser{office, leader, head, public} {
		b.check(t)
	}
}

// step takes a step of the plan by its button, with a reason where one is asked.
func (b *browser) step(t *testing.T, plan, action string) {
	t.Helper()
	form := `form.step:has(button[data-action="` + action + `"])`
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(plan),
		chromedp.SendKeys(form+` textarea[name=reason]`, "经审核，同意。"),
		chromedp.Click(form+` button`),
		chromedp.WaitVisible(`p.flash`),
	)
	if err != nil {
		t.Fatalf("step %s: %v", action, err)
	}
}
