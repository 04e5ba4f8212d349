// Package cache keeps values built from the database under keys that name
// what they were built from.
package cache

import (
	"errors"
	"sync"
)

// Cache keeps values under keys that name what they were built from: a
// stored run's id, a year and the count of changes (models.Store.Changes,
// audit.Store.ChangesTo) at which it was read. A key that still answers is
// still true, so nothing is ever told to forget; a change makes a new key,
// and the old one is never asked again. What it keeps is bounded by cost
// (an entry each, or what GetSized's build says, such as rows or bytes):
// when a value would pass the bound, it starts over. Those asking for a key
// being built wait for that build rather than each building it again; if
// it fails, one of them builds next.
type Cache[K comparable, V any] struct {
	limit    int // the most cost kept
	mu       sync.Mutex
	m        map[K]V
	cost     int
	building map[K]chan struct{}
}

// New returns a cache of at most limit cost.
func New[K comparable, V any](limit int) *Cache[K, V] {
	return &Cache[K, V]{limit: limit}
}

// Get returns the value of k, built by build when missing; each entry
// costs one.
func (c *Cache[K, V]) Get(k K, build func() (V, error)) (V, error) {
	return c.GetSized(k, func() (V, int, error) {
		v, err := build()
		return v, 1, err
	})
}

// GetSized returns the value of k, built by build (which says what it
// costs) when missing.
func (c *Cache[K, V]) GetSized(k K, build func() (V, int, error)) (V, error) {
	c.mu.Lock()
	for {
		if v, ok := c.m[k]; ok {
			c.mu.Unlock()
			return v, nil
		}
		wait, ok := c.building[k]
		if !ok {
			break
		}
		c.mu.Unlock()
		<-wait // built, or failed: then this one may build it
		c.mu.Lock()
	}
	done := make(chan struct{})
	if c.building == nil {
		c.building = map[K]chan struct{}{}
	}
	c.building[k] = done
	c.mu.Unlock()

	var v V
	cost, err := 0, errBuildFailed
	defer func() { // also when build panics: the waiters go on
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.building, k)
		close(done)
		if err != nil {
			return
		}
		if c.m == nil || c.cost+cost > c.limit {
			c.m, c.cost = map[K]V{}, 0
		}
		c.m[k] = v
		c.cost += cost
	}()
	v, cost, err = build()
	return v, err
}

// errBuildFailed is a build's outcome until it returns.
var errBuildFailed = errors.New("the build failed")
