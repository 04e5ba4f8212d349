package models_test

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
)

// schema lists every table with its columns, to compare before and after.
func schema(t *testing.T, s *models.Store) map[string][]string {
	t.Helper()
	tables, err := s.DB.Migrator().GetTables()
	modelstest.Must(t, err)
	out := map[string][]string{}
	for _, tbl := range tables {
		cols, err := s.DB.Migrator().ColumnTypes(tbl)
		modelstest.Must(t, err)
		for _, c := range cols {
			typ, _ := c.ColumnType()
			out[tbl] = append(out[tbl], c.Name()+" "+typ)
		}
		slices.Sort(out[tbl])
	}
	return out
}

func TestMigrateTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	for _, engine := range []string{"sqlite", "mysql"} {
		t.Run(engine, func(t *testing.T) {
			s := modelstest.OpenEmpty(t, engine)
			modelstest.Must(t, migrations.Run(ctx, s))
			first := schema(t, s)
			applied, err := migrations.Applied(ctx, s)
			modelstest.Must(t, err)
			if len(applied) == 0 {
				t.Fatal("no migration recorded after the first start")
			}
			if _, ok := first["departments"]; !ok {
				t.Fatalf("departments table missing after migrate: %v", first)
			}

			modelstest.Must(t, migrations.Run(ctx, s))
			if second := schema(t, s); !reflect.DeepEqual(first, second) {
				t.Errorf("second start changed the schema:\nfirst  %v\nsecond %v", first, second)
			}
			again, err := migrations.Applied(ctx, s)
			modelstest.Must(t, err)
			if !slices.Equal(applied, again) {
				t.Errorf("second start recorded migrations again: %v then %v", applied, again)
			}
		})
	}
}

func TestLiaisonChangeIsAuditLogged(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept, Liaison: "王五"}
		modelstest.Must(t, s.DB.Create(&d).Error)
		office := models.Viewer{UserID: 7, Name: "办公室甲", Role: models.RoleOffice}

		modelstest.Must(t, s.UpdateLiaison(ctx, office, d.ID, models.LiaisonUpdate{Liaison: "赵六", Phone: "0527-1234"}, time.Now()))

		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "department", EntityID: d.ID})
		modelstest.Must(t, err)
		if len(log) != 1 {
			t.Fatalf("audit entries for the department = %d, want 1", len(log))
		}
		e := log[0]
		if e.UserID != 7 || e.UserName != "办公室甲" || e.Action != "update" {
			t.Errorf("entry says who/what = %d %q %q", e.UserID, e.UserName, e.Action)
		}
		if !strings.Contains(e.Before, "王五") || !strings.Contains(e.After, "赵六") || !strings.Contains(e.After, "0527-1234") {
			t.Errorf("entry before/after = %s / %s", e.Before, e.After)
		}
	})
}

func TestHeadCannotReadOrEditAnotherDepartment(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		own := models.Department{Code: "A", Name: "甲", Kind: models.KindCityDept}
		other := models.Department{Code: "B", Name: "乙", Kind: models.KindCityDept, Liaison: "秘密联系人"}
		modelstest.Must(t, s.DB.Create(&own).Error)
		modelstest.Must(t, s.DB.Create(&other).Error)
		head := models.Viewer{UserID: 3, Name: "甲负责人", Role: models.RoleHead, DepartmentID: own.ID}

		if _, err := s.Department(ctx, head, other.ID); err != models.ErrNotFound {
			t.Errorf("head reading another department: err = %v, want ErrNotFound", err)
		}
		list, err := s.Departments(ctx, head)
		modelstest.Must(t, err)
		if len(list) != 1 || list[0].ID != own.ID {
			t.Errorf("head's department list = %v, want only their own", list)
		}
		if err := s.UpdateLiaison(ctx, head, other.ID, models.LiaisonUpdate{Liaison: "x"}, time.Now()); err != models.ErrNotFound {
			t.Errorf("head editing another department: err = %v, want ErrNotFound, as reading it", err)
		}
		if _, err := s.Department(ctx, head, own.ID); err != nil {
			t.Errorf("head reading own department: %v", err)
		}
	})
}

func TestExpiredSessionsArePurged(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ss := accounts.New(s).Sessions()
		modelstest.Must(t, ss.Set("live", []byte("a"), time.Hour))
		modelstest.Must(t, ss.Set("dead", []byte("b"), time.Millisecond))
		modelstest.Must(t, ss.Set("forever", []byte("c"), 0))
		modelstest.Must(t, ss.PurgeExpired(time.Now().Add(time.Minute)))
		var keys []string
		modelstest.Must(t, s.DB.Model(&accounts.Session{}).Order("`key`").Pluck("key", &keys).Error)
		if !slices.Equal(keys, []string{"forever", "live"}) {
			t.Errorf("sessions after purge = %v, want forever and live", keys)
		}
	})
}

// An install upgraded past the step that stores ranks finds the ranks of its
// earlier runs filled in from their exact totals, ties sharing a rank.
func TestUpgradeRanksEarlierRuns(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		run := scoreruns.ScoreRun{Year: 2024, AsOf: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), SchemeVersion: "default-1", ComputedAt: time.Now().UTC(), ComputedBy: "system"}
		modelstest.Must(t, s.DB.Create(&run).Error)
		var depts []models.Department
		// Exact totals: 199/2 is best; 1/3 ties with 1/3 and beats
		// 333/1000, though all three are stored rounded as 0.33.
		for i, total := range []string{"1/3", "199/2", "1/3", "333/1000"} {
			d := models.Department{Code: "D" + strconv.Itoa(i), Name: "部门" + strconv.Itoa(i), Kind: models.KindCityDept}
			modelstest.Must(t, s.DB.Create(&d).Error)
			depts = append(depts, d)
			// Stored as that release stored it: JSON text, not deflated.
			modelstest.Must(t, s.DB.Exec("INSERT INTO department_scores (run_id, department_id, total, grade, rank_no, veto, capped, detail) VALUES (?, ?, 0, ?, 0, ?, ?, ?)",
				run.ID, d.ID, "不合格", false, false, `{"Dept":`+strconv.Itoa(int(d.ID))+`,"Total":"`+total+`"}`).Error)
		}
		// As before the step: no ranks, and the step not yet recorded.
		modelstest.Must(t, s.DB.Exec("UPDATE department_scores SET rank_no = 0").Error)
		modelstest.Must(t, s.DB.Exec("DELETE FROM migrations WHERE id = ?", "2026120101_score_ranks").Error)
		modelstest.Must(t, migrations.Run(ctx, s))

		rows, err := scoreruns.New(s).RunScores(ctx, models.System, run.ID)
		modelstest.Must(t, err)
		got := map[uint]int{}
		for _, r := range rows {
			got[r.DepartmentID] = r.Rank
		}
		want := map[uint]int{depts[1].ID: 1, depts[0].ID: 2, depts[2].ID: 2, depts[3].ID: 4}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ranks after the upgrade = %v, want %v", got, want)
		}
	})
}

// Every table has a primary key: Galera replicates rows by key, and refuses
// to apply changes to a table without one safely.
func TestEveryTableHasAPrimaryKey(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		tables, err := s.DB.Migrator().GetTables()
		modelstest.Must(t, err)
		for _, tbl := range tables {
			if strings.HasPrefix(tbl, "sqlite_") { // SQLite's own bookkeeping
				continue
			}
			cols, err := s.DB.Migrator().ColumnTypes(tbl)
			modelstest.Must(t, err)
			if !slices.ContainsFunc(cols, func(c gorm.ColumnType) bool { pk, _ := c.PrimaryKey(); return pk }) {
				t.Errorf("table %s has no primary key", tbl)
			}
		}
	})
}
