package models

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/scoring"
)

// memo holds values built from the database and kept while a cheap query
// says they still hold: every instance checks the database itself, so
// several instances behind a load balancer never serve each other's stale
// copies and nothing has to be told to forget.
type memo struct {
	calendar *cache.Cache[string, *scoring.Calendar]
	catalog  *cache.Cache[string, []CatalogItem]
	scheme   *cache.Cache[string, *scoring.Scheme] // the newest approved, nil before any
	titles   *cache.Cache[string, map[string]string]
	chain    *cache.Cache[string, ChainState]
	choices  *cache.Cache[string, choices] // by the changes to departments
}

// newMemo keeps one value of each, the newest key's.
func newMemo() memo {
	return memo{calendar: cache.New[string, *scoring.Calendar](1), catalog: cache.New[string, []CatalogItem](1),
		scheme: cache.New[string, *scoring.Scheme](1), titles: cache.New[string, map[string]string](1),
		chain: cache.New[string, ChainState](1), choices: cache.New[string, choices](1)}
}

// tableStamp says whether a small table has changed: its row count and
// newest updated_at, which every write of its rows sets.
func (s *Store) tableStamp(ctx context.Context, model any) (string, error) {
	var stamp struct {
		N      int64
		Latest sql.NullString
	}
	if err := s.DB.WithContext(ctx).Model(model).Select("COUNT(*) AS n, MAX(updated_at) AS latest").Scan(&stamp).Error; err != nil {
		return "", err
	}
	return fmt.Sprint(stamp.N, " ", stamp.Latest.String), nil
}
