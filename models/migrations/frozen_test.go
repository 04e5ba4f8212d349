package migrations_test

import (
	"context"
	"sync"
	"testing"

	gormschema "gorm.io/gorm/schema"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	pubcolumns "github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/models/sources"
)

func columns(t *testing.T, s *models.Store, table string) map[string]bool {
	t.Helper()
	cols, err := s.DB.Migrator().ColumnTypes(table)
	modelstest.Must(t, err)
	out := map[string]bool{}
	for _, c := range cols {
		out[c.Name()] = true
	}
	return out
}

// A released step never changes: the first step creates the tables as
// that release had them, whatever the models look like today, so a new
// install goes through the same history as an upgraded one.
func TestFirstStepKeepsItsOwnShape(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		s := modelstest.OpenEmpty(t, engine)
		modelstest.Must(t, migrations.RunTo(context.Background(), s, "2026112201_initial"))
		for table, later := range map[string][]string{
			"users":         {"session_epoch"},
			"audit_entries": {"seq", "prev_hash", "hash"},
		} {
			cols := columns(t, s, table)
			for _, c := range later {
				if cols[c] {
					t.Errorf("step 1 created %s.%s, a column of a later step", table, c)
				}
			}
		}
	})
}

// After every step, the schema has a column for every field of today's
// models: a field added without a step fails here.
func TestEveryModelFieldHasItsColumn(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		s := modelstest.Open(t, engine)
		for _, m := range []any{
			&models.Department{}, &models.Group{}, &models.User{}, &accounts.Session{}, &accounts.LoginFailure{},
			&models.AuditEntry{}, &models.AuditHead{}, &models.CatalogItem{}, &models.HolidayYear{},
			&models.Publication{}, &models.Request{}, &models.Complaint{}, &models.QuarterlyReport{},
			&models.AnnualReport{}, &models.Incident{},
			&imports.ImportRun{}, &sources.Source{}, &sources.APIToken{},
			&models.SchemeVersion{}, &scoreruns.ScoreRun{}, &scoreruns.DepartmentScore{}, &reports.AnnualReportText{}, &imports.ImportJob{}, &reports.ReportFiling{}, &imports.ImportUndo{},
			&pubcolumns.Column{},
		} {
			sch, err := gormschema.Parse(m, &sync.Map{}, s.DB.NamingStrategy)
			modelstest.Must(t, err)
			cols := columns(t, s, sch.Table)
			for _, f := range sch.Fields {
				if f.DBName != "" && !cols[f.DBName] {
					t.Errorf("%s.%s: no column after every step", sch.Table, f.DBName)
				}
			}
		}
	})
}
