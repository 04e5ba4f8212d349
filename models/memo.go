package models

import (
	"sync"

	"github.com/gongkai/gongkai/scoring"
)

// memo holds values built from the database and kept while a cheap query
// says they still hold: every instance checks the database itself, so
// several instances behind a load balancer never serve each other's stale
// copies and nothing has to be told to forget.
type memo struct {
	calendar keyed[*scoring.Calendar]
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
