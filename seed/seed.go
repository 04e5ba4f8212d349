// Package seed holds the facts the product ships with (the Suqian
// responsibility table, the State Council holiday calendar 2007-2026, the
// default scoring scheme) and the demo bureau. Everything is loaded through
// the same import path as an office's own files.
package seed

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/scoreruns"
)

//go:embed catalog.csv holidays/*.json demo/*.csv schemes/*.json
var files embed.FS

// shippedSchemes are the default scoring schemes (docs/SCHEMES.md), oldest
// first: the last is the default, the newest approved version.
var shippedSchemes = []string{"schemes/default-1.json", "schemes/default-2.json"}

// Schemes returns the shipped scoring schemes as JSON, oldest first.
func Schemes() [][]byte {
	out := make([][]byte, len(shippedSchemes))
	for i, name := range shippedSchemes {
		out[i] = mustRead(name)
	}
	return out
}

// Catalog is the Suqian responsibility table (seed 000, Annex 1) as CSV.
func Catalog() []byte { return mustRead("catalog.csv") }

// HolidayFile is one year's notice in the holiday-cn JSON format.
type HolidayFile struct {
	Name string // 2024.json
	Data []byte
}

// HolidayFiles returns the shipped notices, by year.
func HolidayFiles() []HolidayFile {
	names, _ := fs.Glob(files, "holidays/*.json") // sorted; the pattern is valid
	out := make([]HolidayFile, len(names))
	for i, n := range names {
		out[i] = HolidayFile{path.Base(n), mustRead(n)}
	}
	return out
}

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: absence is a build bug
	}
	return b
}

// DemoPassword is the password of every demo account. It exists only in
// demo mode (GONGKAI_DEMO, on by default for a newcomer's first start).
const DemoPassword = "gongkai-demo"

// DemoUser is one demo account.
type DemoUser struct {
	Role       models.Role
	Username   string
	Name       string
	Department string // code, for heads
	Password   string
}

// DemoUsers is one account per role, and a second head to show that heads
// cannot see each other's departments.
var DemoUsers = []DemoUser{
	{models.RoleOffice, "office", "吴良亮", "", DemoPassword},
	{models.RoleLeader, "leader", "江海", "", DemoPassword},
	{models.RoleLeader, "leader2", "徐平", "", DemoPassword},
	{models.RoleHead, "head", "张卫", "SJ09", DemoPassword},
	{models.RoleHead, "head2", "范东", "FJ01", DemoPassword},
	{models.RoleClerk, "clerk", "李静", "SJ09", DemoPassword},
	{models.RoleDiscipline, "discipline", "钱正", "", DemoPassword},
	{models.RoleAuditor, "auditor", "审计员", "", DemoPassword},
}

// Demo loads the demo bureau into an empty database as it stands on today
// (the machine's clock in cmd, a pinned day in tests): holidays,
// departments and groups, the catalog, the records of the closed year and
// of the years after it up to today (DemoRecords), the closed year's
// scores, cases and assessment, and the demo accounts. A database that has
// any department or user already is left alone.
func Demo(ctx context.Context, store *models.Store, today time.Time) (loaded bool, err error) {
	counts, err := store.Counts(ctx)
	if err != nil {
		return false, err
	}
	if counts.Departments > 0 || counts.Users > 0 {
		return false, nil
	}
	if err := Facts(ctx, store); err != nil {
		return false, err
	}
	im := ingest.New(store)
	opt := ingest.Options{Source: "seed", Viewer: models.System}
	load := func(kind ingest.Kind, name string, data []byte) error {
		opt.FileName = name
		if _, err := im.File(ctx, kind, name, bytes.NewReader(data), opt); err != nil {
			return fmt.Errorf("demo %s: %w", name, err)
		}
		return nil
	}
	if err := load(ingest.Kind("departments"), "departments.csv", mustRead("demo/departments.csv")); err != nil {
		return false, err
	}
	if err := load(ingest.Kind("catalog"), "catalog.csv", Catalog()); err != nil {
		return false, err
	}
	recs := DemoRecords(today)
	for _, f := range recs.Files() {
		if err := load(f.Kind, f.Name, f.Data); err != nil {
			return false, err
		}
	}
	names, err := store.LoadNames(ctx)
	if err != nil {
		return false, err
	}
	// The closed year's scores, as the office computed them after the
	// annual reports were in, so the pages have something to show.
	y := ClosedYear(today)
	req := scoreruns.ScoreRequest{Year: y, AsOf: demoAsOf(y)}
	computed := demoAt(y, time.February, 2, 17)
	if _, _, err := scoreruns.New(store).Deciding(accountability.Decisions(store)).ComputeScores(ctx, models.System, req, computed); err != nil {
		return false, fmt.Errorf("demo scores: %w", err)
	}
	// The discipline office works on what those scores show; its decisions
	// of the year cap grades, so the office computes the year again.
	if err := demoCases(ctx, store, y, names.Departments, today); err != nil {
		return false, fmt.Errorf("demo cases: %w", err)
	}
	if _, _, err := scoreruns.New(store).Deciding(accountability.Decisions(store)).ComputeScores(ctx, models.System, req, computed.Add(time.Hour)); err != nil {
		return false, fmt.Errorf("demo scores after decisions: %w", err)
	}
	users := make(map[string]models.Viewer, len(DemoUsers))
	for _, u := range DemoUsers {
		n := accounts.NewUser{Username: u.Username, Name: u.Name, Role: u.Role, Password: u.Password, DepartmentID: names.Departments[u.Department]}
		created, err := accounts.New(store).CreateUser(ctx, models.System, n)
		if err != nil {
			return false, fmt.Errorf("demo user %s: %w", u.Username, err)
		}
		users[u.Username] = created.Viewer()
	}
	if err := demoFinals(ctx, store, users["office"], recs, names.Departments, today); err != nil {
		return false, err
	}
	if err := demoAssessment(ctx, store, y, users); err != nil {
		return false, fmt.Errorf("demo assessment: %w", err)
	}
	if err := demoGuide(ctx, store, users, today); err != nil {
		return false, fmt.Errorf("demo guide: %w", err)
	}
	if err := demoColumns(ctx, store, today); err != nil {
		return false, fmt.Errorf("demo columns: %w", err)
	}
	if err := demoPublications(ctx, store, users, names.Departments, today); err != nil {
		return false, err
	}
	if err := demoPubObjections(ctx, store, today); err != nil {
		return false, fmt.Errorf("demo objections: %w", err)
	}
	if err := demoCampaign(ctx, store, users, today); err != nil {
		return false, fmt.Errorf("demo campaign: %w", err)
	}
	if err := demoMonitor(ctx, store, users, today); err != nil {
		return false, err
	}
	if err := demoNotify(ctx, store, today); err != nil {
		return false, err
	}
	if err := demoRequests(ctx, store, users, today); err != nil {
		return false, fmt.Errorf("demo requests: %w", err)
	}
	return true, nil
}

// Facts loads what every install needs whatever its data, demo or not: the
// holiday calendar and the default scoring scheme. A year already stored is
// left alone (the office may have imported a corrected notice), so a start
// after the first writes nothing.
func Facts(ctx context.Context, store *models.Store) error {
	stored, err := store.HolidayYears(ctx)
	if err != nil {
		return err
	}
	have := make(map[string]bool, len(stored))
	for _, y := range stored {
		have[fmt.Sprintf("%d.json", y.Year)] = true
	}
	im := ingest.New(store)
	for _, f := range HolidayFiles() {
		if have[f.Name] {
			continue
		}
		opt := ingest.Options{Source: "seed", FileName: f.Name, Viewer: models.System}
		if _, err := im.File(ctx, ingest.Kind("holidays"), f.Name, bytes.NewReader(f.Data), opt); err != nil {
			return fmt.Errorf("holidays %s: %w", f.Name, err)
		}
	}
	return store.EnsureShippedSchemes(ctx, Schemes(), time.Now())
}
