package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/modelstest"
)

// restoreFixture is a database with accounts and an audit chain, and a
// backup of it, on one engine.
type restoreFixture struct {
	dsn, backup string
	want        map[string]int64
}

func newRestoreFixture(t *testing.T, engine string) restoreFixture {
	t.Helper()
	dsn := modelstest.FreshDSN(t, engine)
	t.Setenv("GONGKAI_DB", dsn)
	ctx := context.Background()
	var out bytes.Buffer
	for _, u := range []string{"wu", "shen", "head"} {
		modelstest.Must(t, run(ctx, []string{"user", "add", "--role", "auditor", "--username", u, "--name", "吴良亮", "--password-stdin"}, strings.NewReader("a-long-password\n"), &out))
	}
	f := restoreFixture{dsn: dsn, backup: filepath.Join(t.TempDir(), "gongkai.backup")}
	modelstest.Must(t, run(ctx, []string{"backup", f.backup}, nil, &out))
	f.want = tableCounts(t)
	if engine == "mysql" {
		t.Cleanup(func() { dropKept(t, dsn) })
	}
	return f
}

// intact checks that the database holds what it held before the restore
// was tried, and that a failed MySQL restore left no schema behind.
func (f restoreFixture) intact(t *testing.T) {
	t.Helper()
	got := tableCounts(t)
	if len(got) != len(f.want) {
		t.Errorf("%d tables after the refused restore, %d before", len(got), len(f.want))
	}
	for tb, n := range f.want {
		if got[tb] != n {
			t.Errorf("%s: %d rows after the refused restore, %d before", tb, got[tb], n)
		}
	}
	if isMySQLDSN(f.dsn) {
		if left := siblingSchemas(t, f.dsn); len(left) > 0 {
			t.Errorf("schemas left by a refused restore: %v", left)
		}
	}
}

func isMySQLDSN(dsn string) bool { return strings.HasPrefix(dsn, "mysql://") }

// siblingSchemas are the schemas a restore made beside the database.
func siblingSchemas(t *testing.T, dsn string) []string {
	t.Helper()
	s, err := models.Open(dsn, nil)
	modelstest.Must(t, err)
	defer s.Close()
	u, _ := url.Parse(dsn)
	var names []string
	modelstest.Must(t, s.DB.Raw("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?", strings.Trim(u.Path, "/")+"\\_%").Scan(&names).Error)
	return names
}

// dropKept drops the databases a restore kept beside the test's own.
func dropKept(t *testing.T, dsn string) {
	s, err := models.Open(dsn, nil)
	if err != nil {
		t.Errorf("open %s: %v", dsn, err)
		return
	}
	defer s.Close()
	for _, name := range siblingSchemas(t, dsn) {
		s.DB.Exec("DROP DATABASE `" + name + "`")
	}
}

// execSQL runs statements on the configured database.
func execSQL(t *testing.T, stmts ...string) {
	t.Helper()
	store, err := models.Open(os.Getenv("GONGKAI_DB"), nil)
	modelstest.Must(t, err)
	defer store.Close()
	for _, s := range stmts {
		modelstest.Must(t, store.DB.Exec(s).Error)
	}
}

// A restore checks the whole backup before it touches anything: a backup
// cut short, one of another application, one carrying a trigger the
// application never made, and one whose audit chain was edited are each
// refused in one short Chinese sentence, and the database is as it was.
func TestRestoreRefusesABadBackupAndKeepsTheDatabase(t *testing.T) {
	trigger := map[string]string{
		"sqlite": "CREATE TRIGGER promote AFTER INSERT ON sessions BEGIN UPDATE users SET role = 'office' WHERE username = 'head'; END",
		"mysql":  "CREATE TRIGGER promote AFTER INSERT ON sessions FOR EACH ROW UPDATE users SET role = 'office' WHERE username = 'head'",
	}
	cases := []struct {
		name string
		bad  func(t *testing.T, engine string, f restoreFixture) string // the bad backup
		want string
		// wantSQLite, when set, is SQLite's sentence: its backup is a
		// database file, with no manifest to miss.
		wantSQLite string
	}{
		{"truncated", func(t *testing.T, engine string, f restoreFixture) string {
			b, err := os.ReadFile(f.backup)
			modelstest.Must(t, err)
			path := f.backup + ".cut"
			modelstest.Must(t, os.WriteFile(path, b[:len(b)*2/3], 0o600))
			return path
		}, "备份不完整", "备份文件已损坏或不完整"},
		{"another application", func(t *testing.T, engine string, f restoreFixture) string {
			path := filepath.Join(t.TempDir(), "other.backup")
			if engine == "mysql" {
				modelstest.Must(t, os.WriteFile(path, []byte("-- MySQL dump 10.19\nDROP TABLE IF EXISTS `users`;\nCREATE TABLE `users` (`id` int);\n-- Dump completed\n"), 0o600))
				return path
			}
			other, err := models.Open("sqlite:"+path, nil)
			modelstest.Must(t, err)
			modelstest.Must(t, other.DB.Exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)").Error)
			modelstest.Must(t, other.DB.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error)
			other.Close()
			return path
		}, "不是 gongkai 制作的备份", ""},
		{"extra trigger", func(t *testing.T, engine string, f restoreFixture) string {
			execSQL(t, trigger[engine])
			path := filepath.Join(t.TempDir(), "trigger.backup")
			var out bytes.Buffer
			modelstest.Must(t, run(context.Background(), []string{"backup", path}, nil, &out))
			execSQL(t, "DROP TRIGGER promote")
			return path
		}, "备份含有本系统不会建立的触发器“promote”", ""},
		{"edited audit chain", func(t *testing.T, engine string, f restoreFixture) string {
			execSQL(t, "UPDATE audit_entries SET user_name = 'x' WHERE seq = 2")
			path := filepath.Join(t.TempDir(), "edited.backup")
			var out bytes.Buffer
			modelstest.Must(t, run(context.Background(), []string{"backup", path}, nil, &out))
			return path
		}, "备份中的操作日志链被破坏：第 2 条", ""},
	}
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := newRestoreFixture(t, engine)
				bad := c.bad(t, engine, f)
				f.want = tableCounts(t)
				var out bytes.Buffer
				err := run(context.Background(), []string{"restore", "--yes", bad}, nil, &out)
				want := c.want
				if engine == "sqlite" && c.wantSQLite != "" {
					want = c.wantSQLite
				}
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("restore of a bad backup: %v, want %q", err, want)
				} else if len(err.Error()) > 400 || strings.Contains(err.Error(), "INSERT") || strings.Contains(err.Error(), "audit.problem") {
					t.Errorf("the refusal is not a short sentence: %.500s", err)
				}
				f.intact(t)
			})
		}
	})
}

// syncBuffer is a buffer a server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A restore is refused while a server holds the database, and without the
// operator's confirmation; once the server stops, the confirmed restore
// replaces the database and keeps the one it replaced.
func TestRestoreRefusesWhileAServerRunsAndKeepsTheOldDatabase(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		f := newRestoreFixture(t, engine)
		ctx := context.Background()
		var out bytes.Buffer
		modelstest.Must(t, run(ctx, []string{"user", "add", "--role", "auditor", "--username", "later", "--name", "后来", "--password-stdin"}, strings.NewReader("a-long-password\n"), &out))
		f.want = tableCounts(t)

		t.Setenv("GONGKAI_ADDR", "127.0.0.1:0")
		serveCtx, stop := context.WithCancel(ctx)
		var served syncBuffer
		done := make(chan error, 1)
		go func() { done <- run(serveCtx, nil, nil, &served) }()
		for deadline := time.Now().Add(30 * time.Second); !strings.Contains(served.String(), "gongkai: http://"); {
			if time.Now().After(deadline) {
				stop()
				t.Fatalf("the server did not start: %s", served.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
		err := run(ctx, []string{"restore", "--yes", f.backup}, nil, &out)
		if err == nil || !strings.Contains(err.Error(), "服务器正在使用该数据库") {
			t.Errorf("restore under a running server: %v", err)
		}
		f.intact(t)
		stop()
		if err := <-done; err != nil {
			t.Fatalf("server: %v", err)
		}

		err = run(ctx, []string{"restore", f.backup}, strings.NewReader("yes\n"), &out)
		if err == nil || !strings.Contains(err.Error(), "确认请加 --yes") {
			t.Errorf("restore without confirmation: %v", err)
		}
		f.intact(t)

		out.Reset()
		modelstest.Must(t, run(ctx, []string{"restore", "--yes", f.backup}, nil, &out))
		store, err := openStore(ctx)
		modelstest.Must(t, err)
		_, err = accounts.New(store).Authenticate(ctx, "later", "a-long-password")
		store.Close()
		if err == nil {
			t.Error("an account made after the backup survived the restore")
		}
		// The database replaced is kept where the output says.
		kept := keptAt(t, out.String())
		if engine == "sqlite" {
			// A second restore at once keeps its own copy beside the first.
			out.Reset()
			modelstest.Must(t, run(ctx, []string{"restore", "--yes", f.backup}, nil, &out))
			if again := keptAt(t, out.String()); again == kept {
				t.Errorf("two restores kept the database replaced under one name %s", kept)
			}
		}
		keptDSN := "sqlite:" + kept
		if engine == "mysql" {
			u, _ := url.Parse(f.dsn)
			u.Path = "/" + kept
			keptDSN = u.String()
		}
		old, err := models.Open(keptDSN, nil)
		modelstest.Must(t, err)
		defer old.Close()
		if _, err := accounts.New(old).Authenticate(ctx, "later", "a-long-password"); err != nil {
			t.Errorf("the database kept lacks the account made after the backup: %v", err)
		}
	})
}

// keptAt reads where restore says it kept the database it replaced.
func keptAt(t *testing.T, output string) string {
	t.Helper()
	for _, line := range strings.Split(output, "\n") {
		if rest, ok := strings.CutPrefix(line, "原数据库保留在 "); ok {
			kept, _, _ := strings.Cut(rest, "，")
			return kept
		}
	}
	t.Fatalf("restore does not say where the old database is: %q", output)
	return ""
}

// gongkai audit anchor prints the chain's head; audit verify --anchor
// shows a chain rewritten and recomputed from its first entry, which the
// plain check cannot; a backup's manifest carries the anchor.
func TestAuditAnchorShowsARecomputedChain(t *testing.T) {
	f := newRestoreFixture(t, "sqlite")
	ctx := context.Background()
	var out bytes.Buffer
	modelstest.Must(t, run(ctx, []string{"audit", "anchor"}, nil, &out))
	anchor := strings.TrimSpace(out.String())
	head, err := audit.ParseAuditAnchor(anchor)
	if err != nil || head.Seq < 3 {
		t.Fatalf("audit anchor printed %q", anchor)
	}
	out.Reset()
	modelstest.Must(t, run(ctx, []string{"backup", f.backup + ".2"}, nil, &out))
	if !strings.Contains(out.String(), "操作日志锚点 "+anchor) {
		t.Errorf("the backup's manifest lacks the anchor %s: %q", anchor, out.String())
	}
	modelstest.Must(t, run(ctx, []string{"audit", "verify", "--anchor", anchor}, nil, &out))

	// Rewrite the first entry and recompute every hash after it.
	store, err := openStore(ctx)
	modelstest.Must(t, err)
	var entries []models.AuditEntry
	modelstest.Must(t, store.DB.Order("seq").Find(&entries).Error)
	prev := ""
	for i, e := range entries {
		if i == 0 {
			e.UserName = "别人"
		}
		e.PrevHash = prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
		modelstest.Must(t, store.DB.Save(&e).Error)
	}
	modelstest.Must(t, store.DB.Model(&models.AuditHead{ID: 1}).Update("hash", prev).Error)
	store.Close()

	modelstest.Must(t, run(ctx, []string{"audit", "verify"}, nil, &out))
	err = run(ctx, []string{"audit", "verify", "--anchor", anchor}, nil, &out)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("第 %d 条与保存的锚点不符", head.Seq)) {
		t.Errorf("verify against the anchor of a recomputed chain: %v", err)
	}
	err = run(ctx, []string{"audit", "verify", "--anchor", "3:xyz"}, nil, &out)
	if err == nil || !strings.Contains(err.Error(), "锚点格式不对") {
		t.Errorf("a malformed anchor: %v", err)
	}
}
