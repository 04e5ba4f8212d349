package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
)

func TestUserAddCreatesAnAccountThatSignsIn(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, engine))
		ctx := context.Background()
		var out bytes.Buffer
		err := run(ctx, []string{"user", "add", "--role", "office", "--username", "wu", "--name", "吴良亮", "--password-stdin"},
			strings.NewReader("a-long-password\n"), &out)
		if err != nil {
			t.Fatalf("user add: %v", err)
		}
		if !strings.Contains(out.String(), "已创建用户 wu") || strings.Contains(out.String(), "初始密码") {
			t.Errorf("output: %q", out.String())
		}
		// A generated password is printed once and works.
		out.Reset()
		modelstest.Must(t, run(ctx, []string{"user", "add", "--role", "auditor", "--username", "shen", "--name", "审计"}, nil, &out))
		_, pw, ok := strings.Cut(strings.TrimSpace(out.String()), "初始密码(只显示这一次): ")
		if !ok || len(pw) < accounts.MinPasswordLen {
			t.Fatalf("no generated password in %q", out.String())
		}

		store, err := openStore(ctx)
		modelstest.Must(t, err)
		defer store.Close()
		for user, pass := range map[string]string{"wu": "a-long-password", "shen": pw} {
			if _, err := accounts.New(store).Authenticate(ctx, user, pass); err != nil {
				t.Errorf("%s cannot sign in: %v", user, err)
			}
		}
		err = run(ctx, []string{"user", "add", "--role", "head", "--username", "x", "--name", "某", "--department", "不存在", "--password-stdin"}, strings.NewReader("a-long-password\n"), &out)
		if err == nil || !strings.Contains(err.Error(), "部门“不存在”不存在") {
			t.Errorf("unknown department: %v", err)
		}
	})
}

// listening is the server's output; it says when the server listens.
type listening struct {
	mu  sync.Mutex
	buf bytes.Buffer
	up  chan struct{}
}

func (l *listening) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.buf.Write(p)
	if bytes.Contains(p, []byte("gongkai: http://")) {
		close(l.up)
	}
	return n, err
}

// serveOnce starts the server, stops it once it listens and returns what
// it printed.
func serveOnce(t *testing.T) string {
	t.Helper()
	t.Setenv("GONGKAI_ADDR", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	out := &listening{up: make(chan struct{})}
	done := make(chan error)
	go func() { done <- serve(ctx, out) }()
	select {
	case <-out.up:
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v", err)
	}
	cancel()
	modelstest.Must(t, <-done)
	out.mu.Lock()
	defer out.mu.Unlock()
	return out.buf.String()
}

// The demo is loaded only when asked for: without GONGKAI_DEMO an empty
// database stays empty and the first account is made with gongkai user add.
func TestWithoutDemoTheDatabaseStaysEmpty(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	t.Setenv("GONGKAI_DEMO", "")
	out := serveOnce(t)
	if strings.Contains(out, "gongkai-demo") {
		t.Error("demo sign-ins printed without GONGKAI_DEMO=1")
	}
	if !strings.Contains(out, "gongkai user add") {
		t.Errorf("no word on how to make the first account: %q", out)
	}
	store, err := openStore(context.Background())
	modelstest.Must(t, err)
	defer store.Close()
	counts, err := store.Counts(context.Background())
	modelstest.Must(t, err)
	if counts.Departments != 0 || counts.Users != 0 {
		t.Errorf("without GONGKAI_DEMO loaded %+v", counts)
	}
	// A real install can score from the first day: calendar and scheme are there.
	cal, err := store.Calendar(context.Background())
	modelstest.Must(t, err)
	if !cal.HasYear(2026) {
		t.Error("no holiday calendar without the demo")
	}
	if _, err := store.SchemeByVersion(context.Background(), ""); err != nil {
		t.Errorf("no approved scheme without the demo: %v", err)
	}
}

// A real install started with GONGKAI_DEMO=1 by mistake neither loads the
// demo nor advertises its passwords.
func TestDemoOnARealDatabaseShowsNoDemoSignIns(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	var out bytes.Buffer
	modelstest.Must(t, run(context.Background(), []string{"user", "add", "--role", "office", "--username", "wu", "--name", "吴良亮", "--password-stdin"},
		strings.NewReader("a-long-password\n"), &out))
	t.Setenv("GONGKAI_DEMO", "1")
	if got := serveOnce(t); strings.Contains(got, "gongkai-demo") || strings.Contains(got, "演示数据已载入") {
		t.Errorf("demo on a real database: %q", got)
	}
}
