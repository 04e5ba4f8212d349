package columns_test

import (
	"context"
	"errors"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

var office = models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// bureau stores two departments, 治安支队 with two dynamic website columns
// (工作动态, posted to every week of 2024, and 警务资讯, last posted on 3
// June) and 刑警支队 with a notice column never posted to.
func bureau(t *testing.T, s *models.Store) (za, xj models.Department, active, stale, empty *columns.Column) {
	t.Helper()
	ctx := context.Background()
	za = models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	xj = models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&za).Error)
	modelstest.Must(t, s.DB.Create(&xj).Error)
	cs := columns.New(s)
	var err error
	active, err = cs.Create(ctx, office, columns.Input{Name: "工作动态", Channel: "网站", DepartmentID: za.ID, Cadence: scoring.CadenceDynamic})
	modelstest.Must(t, err)
	stale, err = cs.Create(ctx, office, columns.Input{Name: "警务资讯", Channel: "网站", DepartmentID: za.ID, Cadence: scoring.CadenceDynamic})
	modelstest.Must(t, err)
	empty, err = cs.Create(ctx, office, columns.Input{Name: "通知公告", Channel: "网站", DepartmentID: xj.ID, Cadence: scoring.CadenceNotice})
	modelstest.Must(t, err)
	var pubs []models.Publication
	n := 0
	for monday := date("2024-01-01"); monday.Year() == 2024; monday = monday.AddDate(0, 0, 7) {
		for _, d := range []time.Time{monday, monday.AddDate(0, 0, 1)} {
			n++
			pubs = append(pubs, models.Publication{DepartmentID: za.ID, IndexNo: "DT-" + d.Format("0102"), Title: "工作动态", Channel: "网站", Published: d, ColumnID: &active.ID})
		}
	}
	pubs = append(pubs, models.Publication{DepartmentID: za.ID, IndexNo: "ZX-1", Title: "警务资讯", Channel: "网站", Published: date("2024-06-03"), ColumnID: &stale.ID})
	modelstest.Must(t, s.DB.Create(&pubs).Error)
	return za, xj, active, stale, empty
}

// A4 per column: a department with one active and one stale column loses
// points for the stale one once the office's scheme version scores per
// column, and keeps its numbers under the shipped scheme.
func TestA4PerColumnFromTheStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		modelstest.SaveHolidays(t, s, 2024)
		za, _, _, _, _ := bureau(t, s)
		// An item led on the notice board, so that 治安支队 is rated and
		// no website item obligates it under the shipped scheme.
		modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 1, Level1: "对外公开", Level2: "机构职能", Title: "办公地址", Channels: "公开栏", Cadence: "长期公开", Lead: "治安支队"}).Error)
		in, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2024)
		modelstest.Must(t, err)
		if len(in.Columns) != 3 {
			t.Fatalf("scoring input has %d columns, want 3", len(in.Columns))
		}
		in.AsOf = scoring.NewDate(2025, time.January, 10)
		if in.Calendar, err = s.Calendar(ctx); err != nil {
			t.Fatal(err)
		}
		body, err := os.ReadFile("../../seed/schemes/default-2.json")
		modelstest.Must(t, err)
		shipped, err := scoring.ParseScheme(body)
		modelstest.Must(t, err)

		a4 := func(sch *scoring.Scheme) scoring.IndicatorResult {
			in.Scheme = sch
			res, err := scoring.Score(*in)
			modelstest.Must(t, err)
			for _, d := range res.Departments {
				for _, ind := range d.Indicators {
					if d.Dept == za.ID && ind.Code == "A4" {
						return ind
					}
				}
			}
			t.Fatal("no A4 for 治安支队")
			return scoring.IndicatorResult{}
		}
		// 治安支队 leads no 网站 item: the shipped scheme gives it full A4.
		if got := a4(shipped); got.Score.Cmp(got.Max) != 0 {
			t.Errorf("shipped scheme: A4 %s, want full points", got.Score.RatString())
		}
		per := shipped.Clone()
		per.Params.Website.PerColumn = true
		got := a4(per)
		// 106 column-weeks; 警务资讯 is up to date at 2 Sundays only.
		if want := ratOf("275/106"); got.Score.Cmp(want) != 0 {
			t.Errorf("per column: A4 %s, want %s", got.Score.RatString(), want.RatString())
		}
		if len(got.Deductions) != 2 || got.Deductions[0].Title != "警务资讯" || got.Deductions[1].Title != "警务资讯" {
			t.Errorf("per column: deductions %+v, want 警务资讯's two runs of stale weeks", got.Deductions)
		}
	})
}

// The office's list of lapsed columns: stale and empty ones, with their
// last post, and nothing for a column up to date.
func TestLapsedColumns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		_, _, _, stale, empty := bureau(t, s)
		got, err := columns.New(s).Lapsed(ctx, office, scoring.NewDate(2024, time.December, 31))
		modelstest.Must(t, err)
		if len(got) != 2 || got[0].ID != empty.ID || got[0].State != scoring.ColumnEmpty ||
			got[1].ID != stale.ID || got[1].State != scoring.ColumnStale || got[1].Last != scoring.NewDate(2024, time.June, 3) || got[1].Department != "治安支队" {
			t.Errorf("lapsed %+v, want 通知公告 empty then 警务资讯 stale since 3 June", got)
		}
		if _, err := columns.New(s).Lapsed(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: 1}, 0); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head read the columns' upkeep: %v", err)
		}
	})
}

// The office manages the columns: a duplicate name on a channel, an
// unknown channel or cadence are refused in Chinese; a head may not.
func TestManageColumns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, _, active, _, _ := bureau(t, s)
		cs := columns.New(s)
		for _, tc := range []struct {
			name string
			in   columns.Input
			msg  string
		}{
			{"duplicate", columns.Input{Name: "工作动态", Channel: "网站", DepartmentID: za.ID, Cadence: "动态"}, "该公开形式下已有同名栏目"},
			{"no name", columns.Input{Name: " ", Channel: "网站", DepartmentID: za.ID, Cadence: "动态"}, "请填写栏目名称"},
			{"unknown channel", columns.Input{Name: "快讯", Channel: "抖音", DepartmentID: za.ID, Cadence: "动态"}, "请选择已登记的公开形式"},
			{"unknown cadence", columns.Input{Name: "快讯", Channel: "网站", DepartmentID: za.ID, Cadence: "每周"}, "请选择栏目的更新周期（动态、通知公告或政策文件）"},
		} {
			var verr *models.ValidationError
			if _, err := cs.Create(ctx, office, tc.in); !errors.As(err, &verr) || verr.Message != tc.msg {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.msg)
			}
		}
		if _, err := cs.Create(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: za.ID}, columns.Input{Name: "快讯", Channel: "网站", DepartmentID: za.ID, Cadence: "动态"}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head created a column: %v", err)
		}
		var verr *models.ValidationError
		err := cs.Update(ctx, office, active.ID, columns.Input{Name: "工作动态", Channel: "微信", DepartmentID: za.ID, Cadence: "动态"})
		if !errors.As(err, &verr) || verr.Message != "该栏目已有 106 条公开信息，不能改到其他公开形式下" {
			t.Errorf("moving a used column to another channel: %v", err)
		}
		modelstest.Must(t, cs.Update(ctx, office, active.ID, columns.Input{Name: "警务动态", Channel: "网站", DepartmentID: za.ID, Cadence: "动态"}))
		if c, _ := cs.Column(ctx, active.ID); c.Name != "警务动态" {
			t.Errorf("renamed column reads %q", c.Name)
		}
	})
}

// A publication's column is set by the office or the department's own
// head and clerk, audit-logged; a column of another channel is refused, a
// second identical submit changes nothing, another department's
// publication is a 404.
func TestAssignColumn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, xj, _, stale, _ := bureau(t, s)
		board := models.Publication{DepartmentID: za.ID, IndexNo: "GS-1", Title: "公告", Channel: "公开栏", Published: date("2024-07-01")}
		web := models.Publication{DepartmentID: za.ID, IndexNo: "W-1", Title: "资讯", Channel: "网站", Published: date("2024-07-01")}
		modelstest.Must(t, s.DB.Create(&board).Error)
		modelstest.Must(t, s.DB.Create(&web).Error)
		cs := columns.New(s)
		clerk := models.Viewer{UserID: 9, Name: "承办人", Role: models.RoleClerk, DepartmentID: za.ID}
		var verr *models.ValidationError
		if err := cs.Assign(ctx, clerk, board.ID, stale.ID); !errors.As(err, &verr) || verr.Message != "栏目“警务资讯”属于网站，而这条信息的公开形式是公开栏" {
			t.Errorf("a column of another channel: %v", err)
		}
		if err := cs.Assign(ctx, models.Viewer{UserID: 8, Role: models.RoleHead, DepartmentID: xj.ID}, web.ID, stale.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department's head: %v, want not found", err)
		}
		var before int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Count(&before).Error)
		modelstest.Must(t, cs.Assign(ctx, clerk, web.ID, stale.ID))
		modelstest.Must(t, cs.Assign(ctx, clerk, web.ID, stale.ID))
		var after int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Count(&after).Error)
		if after != before+1 {
			t.Errorf("%d audit entries for one change and one double submit, want 1", after-before)
		}
		var got models.Publication
		modelstest.Must(t, s.DB.First(&got, web.ID).Error)
		if got.ColumnID == nil || *got.ColumnID != stale.ID {
			t.Errorf("column %v, want %d", got.ColumnID, stale.ID)
		}
		modelstest.Must(t, cs.Assign(ctx, office, web.ID, 0))
		modelstest.Must(t, s.DB.First(&got, web.ID).Error)
		if got.ColumnID != nil {
			t.Errorf("column %v after clearing, want none", *got.ColumnID)
		}
	})
}

func ratOf(s string) *big.Rat {
	r, _ := new(big.Rat).SetString(s)
	return r
}
