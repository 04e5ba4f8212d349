// Package modelstest runs storage tests against every engine: SQLite
// always, MySQL/MariaDB when GONGKAI_TEST_MYSQL_DSN names a server. Each test
// gets a fresh, randomly named database, dropped when the test ends.
package modelstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
)

// MySQLDSNVar names the MySQL server for tests, e.g.
// mysql://root@127.0.0.1:3306/test. Each test creates its own database there.
const MySQLDSNVar = "GONGKAI_TEST_MYSQL_DSN"

// RequireVar, when set to 1 (as .ci/run does), turns a skipped MySQL half
// into a failure, so CI cannot pass without it.
const RequireVar = "GONGKAI_TEST_REQUIRE"

// EachEngine runs fn as a subtest per engine, for tests that need only the
// engine's name (FreshDSN); MySQL skips without a server, as in Each.
func EachEngine(t *testing.T, fn func(t *testing.T, engine string)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "mysql"} {
		t.Run(engine, func(t *testing.T) { fn(t, engine) })
	}
}

// Each runs fn as a subtest on a fresh, migrated store per engine. Without a
// MySQL server it says so (and fails if GONGKAI_TEST_REQUIRE=1).
func Each(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	EachEngine(t, func(t *testing.T, engine string) { fn(t, Open(t, engine)) })
}

// Open returns a fresh, migrated store on engine ("sqlite" or "mysql").
func Open(t testing.TB, engine string) *models.Store {
	t.Helper()
	s := OpenEmpty(t, engine)
	if err := migrations.Run(context.Background(), s); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return s
}

// FreshDSN returns the address of a new, empty database on engine, for
// tests that run the command line (GONGKAI_DB); it is removed afterwards.
func FreshDSN(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case "sqlite":
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	case "mysql":
		return freshMySQL(t)
	}
	t.Fatalf("unknown engine %q", engine)
	return ""
}

// Instances opens n stores on one fresh, migrated database on engine: the
// instances of a cluster, or a process and the next, sharing it.
func Instances(t testing.TB, engine string, n int) []*models.Store {
	t.Helper()
	dsn := FreshDSN(t, engine)
	out := make([]*models.Store, n)
	for i := range out {
		s, err := models.Open(dsn, nil)
		if err != nil {
			t.Fatalf("open %s: %v", engine, err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	if err := migrations.Run(context.Background(), out[0]); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return out
}

// OpenEmpty returns a fresh store on engine without migrating it.
func OpenEmpty(t testing.TB, engine string) *models.Store {
	t.Helper()
	s, err := models.Open(FreshDSN(t, engine), nil)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// SkipUnlessRequired skips a test that needs something this machine lacks,
// or fails it when GONGKAI_TEST_REQUIRE=1.
func SkipUnlessRequired(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(RequireVar) == "1" {
		t.Fatalf("%s (required because %s=1)", why, RequireVar)
	}
	t.Skip(why)
}

// freshMySQL creates a database named gk_<random> on the test server and
// returns its DSN; the database is dropped when the test ends.
func freshMySQL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(MySQLDSNVar)
	if base == "" {
		SkipUnlessRequired(t, "MySQL half skipped: set "+MySQLDSNVar+"=mysql://root@127.0.0.1:3306/test to run it")
	}
	admin, err := models.Open(base, nil)
	if err != nil {
		t.Fatalf("open MySQL test server: %v", err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "gk_" + hex.EncodeToString(b[:])
	if err := admin.DB.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := models.Open(base, nil)
		if err != nil {
			t.Errorf("reopen MySQL to drop %s: %v", name, err)
			return
		}
		defer a.Close()
		if err := a.DB.Exec("DROP DATABASE " + name).Error; err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", MySQLDSNVar, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Must fails the test on err; for setup steps.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(fmt.Errorf("setup: %w", err))
	}
}

// SaveHolidays stores the State Council's holiday notice of year y that
// the product ships (seed/holidays), as the office would. The file is found
// from this source file, since package seed imports packages whose own
// tests use this one.
func SaveHolidays(t testing.TB, s *models.Store, y int) {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "seed", "holidays", fmt.Sprintf("%d.json", y)))
	Must(t, err)
	var notice struct {
		Days json.RawMessage `json:"days"`
	}
	Must(t, json.Unmarshal(raw, &notice))
	_, err = s.SaveHolidayYear(context.Background(), models.System, models.HolidayYear{Year: y, Days: string(notice.Days)})
	Must(t, err)
}
