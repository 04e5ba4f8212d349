package models

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/gongkai/gongkai/scoring"
)

// memo holds values built from the database and kept while a cheap query
// says they still hold: every instance checks the database itself, so
// several instances behind a load balancer never serve each other's stale
// copies and nothing has to be told to forget.
type memo struct {
	calendar keyed[*scoring.Calendar]
	catalog  keyed[[]CatalogItem]
	scheme   keyed[*scoring.Scheme] // the newest approved, nil before any
	titles   keyed[map[string]string]
	chain    keyed[ChainState]
	choices  keyed[choices] // by Changes
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

// keyed keeps one value and the key it was built for.
type keyed[T any] struct {
	mu  sync.Mutex
	key string
	val T
	ok  bool
}

// get returns the value for key, building it when the key has changed.
// Builders run one at a time, so a burst of requests builds it once.
func (k *keyed[T]) get(key string, build func() (T, error)) (T, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ok && k.key == key {
		return k.val, nil
	}
	v, err := build()
	if err != nil {
		return v, err
	}
	k.key, k.val, k.ok = key, v, true
	return v, nil
}
