// Package cache keeps values built from the database under keys that name
// what they were built from.
package cache

import (
	"errors"
	"sync"
)

// Cache keeps values under keys that name what they were built from: a
// stored run's id, a year and the count of changes (audit.Store.Changes,
// ChangesTo) at which it was read. A key that still answers is still true,
// so nothing is ever told to forget; a change makes a new key and the old
// entry is dropped when the cache is full. A burst of requests for one
// missing key builds it once: the others wait for that build.
type Cache[K comparable, V any] struct {
	mu  sync.Mutex
	max int
	m   map[K]*cacheEntry[V]
}

type cacheEntry[V any] struct {
	done chan struct{}
	val  V
	err  error
}

// New returns a cache of at most max entries.
func New[K comparable, V any](max int) *Cache[K, V] {
	return &Cache[K, V]{max: max}
}

// Get returns the value of k, built by build when missing. A build that
// fails is not kept, and those who waited for it build for themselves (its
// error may be its own request's deadline).
func (c *Cache[K, V]) Get(k K, build func() (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.m[k]
	if !ok {
		if c.m == nil || len(c.m) >= c.max {
			c.m = make(map[K]*cacheEntry[V], c.max)
		}
		e = &cacheEntry[V]{done: make(chan struct{})}
		c.m[k] = e
	}
	c.mu.Unlock()
	if ok {
		<-e.done
		if e.err == nil {
			return e.val, nil
		}
		return build()
	}
	e.err = errBuildPanicked // until build returns: a panic leaves no one waiting
	defer func() {
		if e.err != nil {
			c.mu.Lock()
			if c.m[k] == e {
				delete(c.m, k)
			}
			c.mu.Unlock()
		}
		close(e.done)
	}()
	e.val, e.err = build()
	return e.val, e.err
}

// errBuildPanicked is what those waiting for a build that panicked see:
// they build for themselves.
var errBuildPanicked = errors.New("the build panicked")
