package backup

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
)

// schemaObject is a table, view, trigger, routine or event of a database.
type schemaObject struct {
	Kind string
	Name string
}

// schemaObjects lists the database's own objects, SQLite's internal ones
// (sqlite_*) and indexes aside.
func schemaObjects(ctx context.Context, s *models.Store) (map[schemaObject]bool, error) {
	q := `SELECT type AS kind, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if s.Dialect == "mysql" {
		q = `SELECT CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind, table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()
			UNION ALL SELECT 'trigger', trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()
			UNION ALL SELECT 'routine', routine_name FROM information_schema.routines WHERE routine_schema = DATABASE()
			UNION ALL SELECT 'event', event_name FROM information_schema.events WHERE event_schema = DATABASE()`
	}
	var rows []schemaObject
	if err := s.DB.WithContext(ctx).Raw(q).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list the schema: %w", err)
	}
	out := map[schemaObject]bool{}
	for _, o := range rows {
		out[schemaObject{Kind: o.Kind, Name: strings.ToLower(o.Name)}] = true
	}
	return out, nil
}

// appSchema is what the migrations make: every step run on an empty
// database, once per process. The objects are the same on both engines.
var appSchema = sync.OnceValues(func() (map[schemaObject]bool, error) {
	dir, err := os.MkdirTemp("", "gongkai-schema-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	s, err := models.Open("sqlite:"+filepath.Join(dir, "reference.db"), nil)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if err := migrations.Run(context.Background(), s); err != nil {
		return nil, err
	}
	return schemaObjects(context.Background(), s)
})

// checkSchemaObjects refuses a database holding a table, view, trigger or
// routine the migrations never made (a trigger that made an account an
// office one at each sign-in survived a restore), or lacking a table.
func checkSchemaObjects(ctx context.Context, s *models.Store) error {
	want, err := appSchema()
	if err != nil {
		return err
	}
	got, err := schemaObjects(ctx, s)
	if err != nil {
		return err
	}
	for _, o := range sortedObjects(got) {
		if !want[o] {
			return models.Invalid("backup", "restore.extra", i18n.Phrase("restore.kind."+o.Kind), o.Name)
		}
	}
	for _, o := range sortedObjects(want) {
		if !got[o] {
			return models.Invalid("backup", "restore.missing", o.Name)
		}
	}
	return nil
}

// sortedObjects orders a set of objects, so that a refusal names the same
// one each time.
func sortedObjects(set map[schemaObject]bool) []schemaObject {
	out := slices.Collect(maps.Keys(set))
	slices.SortFunc(out, func(a, b schemaObject) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	return out
}
