package migrations_test

import (
	"sync"
	"testing"

	gormschema "gorm.io/gorm/schema"

	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/guide"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The copies' and the guide's rows have a column for every field after
// their steps (2026120840, 2026120841).
func TestGuideStepsMakeEveryColumn(t *testing.T) {
	t.Parallel()
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		s := modelstest.Open(t, engine)
		for _, m := range []any{&guard.File{}, &guard.FileHit{}, &guard.Override{}, &guide.Content{}, &guide.Issued{}} {
			sch, err := gormschema.Parse(m, &sync.Map{}, s.DB.NamingStrategy)
			modelstest.Must(t, err)
			cols := columns(t, s, sch.Table)
			if len(cols) == 0 {
				t.Errorf("no table %s", sch.Table)
			}
			for _, f := range sch.Fields {
				if f.DBName != "" && !cols[f.DBName] {
					t.Errorf("%s.%s: no column after every step", sch.Table, f.DBName)
				}
			}
		}
	})
}
