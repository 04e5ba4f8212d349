package handlers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The office uploads a large file, follows its progress on the job page
// and stops it with the cancel button: the page says so, and the history
// shows the run failed with nothing inserted.
func TestBrowserImportCancelled(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "office")

	var file strings.Builder
	file.WriteString("部门,目录序号,标题,公开形式,公开日期,索引号\n")
	for i := range 200_000 {
		fmt.Fprintf(&file, "SJ09,23,浏览器取消测试%d,网站,2025-03-05,CANCEL-%d\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "取消测试.csv")
	if err := os.WriteFile(path, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var running, outcome, where string
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(base+"/imports"),
		chromedp.SetValue(`select[name=kind]`, "publications"),
		chromedp.SetUploadFiles(`input[name=file]`, []string{path}),
		chromedp.Click(`form[action="/imports"] button[type=submit]`),
		chromedp.WaitVisible(`progress`),
		chromedp.Location(&where),
		chromedp.Text(`main section.card`, &running),
		chromedp.Click(`form[action$="/cancel"] button`),
	)
	if err != nil {
		t.Fatalf("upload and cancel: %v", err)
	}
	if !strings.HasPrefix(where, base+"/imports/jobs/") || !strings.Contains(running, "正在") {
		t.Fatalf("the job page at %s: %.300s", where, running)
	}
	// The page refreshes itself until the job has stopped; a read that
	// falls on a refresh is tried again.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		_ = chromedp.Run(b.ctx, chromedp.Evaluate(`document.querySelector('main section.card')?.innerText ?? ''`, &outcome))
		if strings.Contains(outcome, "导入已被取消") {
			break
		}
	}
	if !strings.Contains(outcome, "导入已被取消") {
		t.Fatalf("the job page after cancelling: %.300s", outcome)
	}
	var row string
	if err := chromedp.Run(b.ctx, chromedp.Navigate(base+"/imports"), chromedp.Text(`table.history tbody tr:first-child`, &row)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(row, "取消测试.csv") || !strings.Contains(row, "失败") {
		t.Errorf("the cancelled run in the history: %q", row)
	}
	b.check(t)
}
