package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
)

// A process that died (SIGKILL, a crash) leaves its runs "running" and its
// upload copies behind: the next start marks the runs failed with the
// reason and removes the copies, leaving other hosts' runs alone. SIGTERM
// drains the requests, cancels the import under way (nothing of it is
// kept), records why, and removes its copy.
func TestInterruptedImportsAtStartAndOnSIGTERM(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	t.Setenv("GONGKAI_DEMO", "0")
	t.Setenv("GONGKAI_ADDR", "127.0.0.1:0")
	t.Setenv("TMPDIR", t.TempDir())
	ctx := context.Background()

	// A process that has ended: its pid is free. And one that ran, as a
	// container's PID 1 does, under the very process id this one has.
	dead := exec.Command("true")
	modelstest.Must(t, dead.Run())
	deadPID := strconv.Itoa(dead.Process.Pid)
	host, _ := os.Hostname()
	myPID := strconv.Itoa(os.Getpid())

	store, err := openStore(ctx)
	modelstest.Must(t, err)
	_, err = accounts.New(store).CreateUser(ctx, models.System, accounts.NewUser{Username: "office", Name: "办公室", Role: models.RoleOffice, Password: "a-long-password"})
	modelstest.Must(t, err)
	silent := time.Now().UTC().Add(-2 * time.Minute) // the last heartbeat of a process killed two minutes ago
	run := func(name, owner string, heartbeat time.Time) imports.ImportRun {
		r := imports.ImportRun{UserName: "办公室", Source: "file", Kind: "publications", FileName: name,
			StartedAt: heartbeat, Status: imports.RunRunning, Owner: owner, HeartbeatAt: &heartbeat}
		modelstest.Must(t, store.DB.Create(&r).Error)
		return r
	}
	crashed := run("crashed.csv", host+":"+deadPID+":0123456789abcdef", silent)
	samePID := run("pid1.csv", host+":"+myPID, silent) // as issue 21 found it: host:1
	elsewhere := run("elsewhere.csv", "another-host:1:00000000000000aa", time.Now().UTC())
	leftover := filepath.Join(os.TempDir(), "gongkai-import-"+deadPID+"-0123456789abcdef-123")
	modelstest.Must(t, os.WriteFile(leftover, []byte("x"), 0o600))
	leftoverSamePID := filepath.Join(os.TempDir(), "gongkai-import-"+myPID+"-456")
	modelstest.Must(t, os.WriteFile(leftoverSamePID, []byte("x"), 0o600))
	store.Close()

	serveCtx, sigterm := context.WithCancel(ctx)
	defer sigterm()
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serve(serveCtx, w); w.Close() }()
	lines := bufio.NewScanner(out)
	addr := ""
	for addr == "" && lines.Scan() {
		if a, ok := strings.CutPrefix(lines.Text(), "gongkai: http://"); ok {
			addr = a
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if addr == "" {
		t.Fatal("serve did not start")
	}

	store, err = openStore(ctx)
	modelstest.Must(t, err)
	defer store.Close()
	read := func(id uint) imports.ImportRun {
		var r imports.ImportRun
		modelstest.Must(t, store.DB.First(&r, id).Error)
		return r
	}
	for _, r := range []imports.ImportRun{crashed, samePID} {
		if r := read(r.ID); r.Status != imports.RunFailed || r.Message != imports.ReasonInterrupted || r.FinishedAt == nil {
			t.Errorf("crashed run %s: %s %q", r.FileName, r.Status, r.Message)
		}
	}
	if r := read(elsewhere.ID); r.Status != imports.RunRunning {
		t.Errorf("another host's live run: %s", r.Status)
	}
	for _, f := range []string{leftover, leftoverSamePID} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("dead process's upload copy left: %v", err)
		}
	}

	// An office member starts a long import, then the server gets SIGTERM.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "http://" + addr
	token := func(path string) string {
		resp, err := client.Get(base + path)
		modelstest.Must(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(body)
		if m == nil {
			t.Fatalf("no CSRF token on %s (%d)", path, resp.StatusCode)
		}
		return string(m[1])
	}
	resp, err := client.PostForm(base+"/login", url.Values{"_csrf": {token("/login")}, "username": {"office"}, "password": {"a-long-password"}})
	modelstest.Must(t, err)
	resp.Body.Close()
	var file bytes.Buffer
	file.WriteString("编码,名称,类别\n")
	for i := range 200000 {
		fmt.Fprintf(&file, "D%06d,部门%06d,市局部门\n", i, i)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("_csrf", token("/imports"))
	_ = mw.WriteField("kind", "departments")
	fw, _ := mw.CreateFormFile("file", "departments.csv")
	_, _ = fw.Write(file.Bytes())
	_ = mw.Close()
	resp, err = client.Post(base+"/imports", mw.FormDataContentType(), &body)
	modelstest.Must(t, err)
	resp.Body.Close()
	if resp.StatusCode != 303 {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	sigterm()
	modelstest.Must(t, <-done)

	var runs []imports.ImportRun
	modelstest.Must(t, store.DB.Where("file_name = ?", "departments.csv").Find(&runs).Error)
	if len(runs) != 1 || runs[0].Status != imports.RunFailed || runs[0].Message != ingest.ErrStopped.Error() {
		t.Fatalf("run under way at SIGTERM: %+v", runs)
	}
	var n int64
	modelstest.Must(t, store.DB.Model(&models.Department{}).Count(&n).Error)
	if n != 0 {
		t.Errorf("%d departments kept from the cancelled import", n)
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "gongkai-import-*")); len(left) != 0 {
		t.Errorf("upload copies left: %v", left)
	}
}
